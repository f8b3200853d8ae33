"""The grade filter as a reader uses it: choose grades in the picker, and the URL, headlines, table and detail panel
follow; a link with grade= opens on that filter."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import app_view, query, settled, table_column, wait_ready


def test_choosing_a_grade_filters_the_headlines_the_table_and_the_url(page: Page) -> None:
    page.goto("/?from=2009-07&to=2016-12")
    wait_ready(page)
    every = app_view("2009-07", "2016-12")
    expect(page.locator("#kpi-killed")).to_have_text(every.killed.text)
    page.locator("#grade-filter").click()
    page.locator(".dash-dropdown-option[role=option]", has_text="Contested").click()
    page.keyboard.press("Escape")
    settled(page)
    assert query(page)["grade"] == ["contested"]
    contested = app_view("2009-07", "2016-12", grades=("contested",))
    assert contested.killed.text != every.killed.text
    expect(page.locator("#kpi-killed")).to_have_text(contested.killed.text)
    expect(page.locator("#kpi-killed-context")).to_have_text(contested.killed.context)
    grades = table_column(page, "Grade")
    assert grades and set(grades) == {"Contested"}


def test_a_link_with_grades_opens_filtered_and_the_detail_panel_gives_the_grade(page: Page) -> None:
    page.goto("/?from=2013-01&to=2013-12&grade=corroborated,single")
    wait_ready(page)
    picker = page.locator("#grade-filter")
    expect(picker).to_contain_text("Corroborated")
    expect(picker).to_contain_text("Single independent source")
    want = app_view("2013-01", "2013-12", grades=("corroborated", "single"))
    expect(page.locator("#kpi-killed")).to_have_text(want.killed.text)
    page.locator(".grade-help summary").click()
    expect(page.locator(".grade-help")).to_contain_text("Figures agree when the highest exceeds the lowest")
    page.locator("#attack-picker").click()
    page.locator(".dash-dropdown-search").fill("Sep 2013")
    page.locator(".dash-dropdown-option[role=option]", has_text="Attack on Camp Ashraf (Sep 2013)").click()
    expect(page.locator("#event-detail h2")).to_have_text("Attack on Camp Ashraf (Sep 2013)")
    expect(page.locator("#event-detail .detail-grade")).to_contain_text(re.compile(r"Grade: Corroborated"))
    expect(page.locator("#event-detail .badge.own-account").first).to_contain_text("the actor's own account")
    expect(page.locator("#event-detail .badge.relay").first).to_contain_text("reached us only via")
