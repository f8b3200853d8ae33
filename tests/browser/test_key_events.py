"""Key events labelled along the date slider: a click or Enter moves the range to the event."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.pagehelpers import query, settled, wait_ready


def test_key_events_are_labelled_along_the_slider_in_date_order(page):
    page.goto("/")
    wait_ready(page)
    buttons = page.locator(".key-events button")
    assert buttons.all_inner_texts() == ["Jul 2009 raid", "Apr 2011 raid", "To Albania 2013–16", "1 Sep 2013 attack"]
    lefts = [b.bounding_box()["x"] for b in buttons.all()]
    assert lefts == sorted(lefts)
    track = page.locator("#date-range .dash-slider-track").bounding_box()
    assert all(track["x"] - 10 <= x <= track["x"] + track["width"] for x in lefts)


def test_a_click_moves_the_range_to_the_event(page):
    page.goto("/")
    wait_ready(page)
    page.get_by_role("button", name="Apr 2011 raid: show Apr 2011").click()
    expect(page.locator("#date-range-label")).to_have_text("Apr 2011")
    settled(page)
    assert query(page) == {"from": ["2011-04"], "to": ["2011-04"]}
    expect(page.locator("#kpi-killed")).to_have_text("3–36")


def test_enter_on_a_focused_key_event_moves_the_range(page):
    page.goto("/?place=liberty")
    wait_ready(page)
    page.get_by_role("button", name="To Albania 2013–16: show May 2013 – Sep 2016").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#date-range-label")).to_have_text("May 2013 – Sep 2016")
    settled(page)
    assert query(page) == {"from": ["2013-05"], "to": ["2016-09"], "place": ["liberty"]}
