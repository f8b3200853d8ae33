"""The guided story as a reader uses it: buttons, arrow keys, the URL following the step, leaving with the view."""

from __future__ import annotations

from playwright.sync_api import expect

import present
from data.load import default_bundle
from data.story import default_stories, render
from tests.browser.pagehelpers import query, settled, wait_ready


def _expected(number: int, lens: str = "all") -> tuple[str, str]:
    """(story text, killed headline) the page must show at a step, computed from the data."""
    bundle, step = default_bundle(), default_stories()["camps"][number - 1]
    view = step.view(lens)
    return render(bundle, step.text, step.lens or lens), present.render_panels(bundle, view).killed.text


def _at_step(page, number: int, lens: str = "all") -> None:
    expect(page.locator("#story-step")).to_have_text(f"{number} / 10")
    settled(page)
    text, killed = _expected(number, lens)
    expect(page.locator("#story-text")).to_have_text(text)
    expect(page.locator("#kpi-killed")).to_have_text(killed)
    assert query(page)["story"] == ["camps"] and query(page)["step"] == [str(number)]


def test_story_by_buttons_and_keys_with_figures_equal_to_the_headlines(page):
    page.goto("/?story=camps&step=1")
    wait_ready(page)
    _at_step(page, 1)
    expect(page.locator("#story-prev")).to_be_disabled()
    page.locator("#story-next").click()
    _at_step(page, 2)
    # the July 2009 raid: the killed figure in the text is the headline's
    assert page.locator("#kpi-killed").inner_text() in page.locator("#story-text").inner_text()
    page.locator("#story-panel").focus()
    page.keyboard.press("ArrowRight")
    _at_step(page, 3)
    assert f"Reported deaths: {page.locator('#kpi-killed').inner_text()} (" in page.locator("#story-text").inner_text()
    expect(page.locator("#event-detail h2")).to_have_text("Raid on Camp Ashraf (Apr 2011)")
    page.keyboard.press("ArrowLeft")
    _at_step(page, 2)
    for number in range(3, 11):
        page.keyboard.press("ArrowRight")
        _at_step(page, number)
    expect(page.locator("#story-next")).to_be_disabled()
    page.screenshot(path="/tmp/story-step-10.png", full_page=False)


def test_story_follows_the_readers_lens(page):
    page.goto("/?story=camps&step=3&lens=independent")
    wait_ready(page)
    _at_step(page, 3, "independent")
    assert "Seed document" not in page.locator("#story-text").inner_text()


def test_leaving_the_story_keeps_the_steps_view(page):
    page.goto("/?story=camps&step=7")
    wait_ready(page)
    _at_step(page, 7)
    killed = page.locator("#kpi-killed").inner_text()
    page.locator("#story-leave").click()
    expect(page.locator("#story-panel")).to_be_hidden()
    settled(page)
    assert query(page) == {"from": ["2013-09"], "to": ["2013-09"], "place": ["ashraf"]}
    expect(page.locator("#kpi-killed")).to_have_text(killed)


def test_the_header_link_starts_the_story_and_the_slider_leaves_it(page):
    page.goto("/")
    wait_ready(page)
    page.get_by_role("link", name="Guided story").click()
    _at_step(page, 1)
    page.locator("#date-range [role=slider]").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#story-panel")).to_be_hidden()
    settled(page)
    assert "story" not in query(page) and query(page)["from"] == ["2009-08"]


def test_on_a_phone_the_story_is_read_on_the_first_screen_and_next_is_tapped_there(browser, base_url):
    """At 390 × 844 a step's panel, its text and its Next button are on the first screen (they were 1.5 screens
    down, under the controls); a tap on Next shows the next step in the same place; the touch screen gets no
    keyboard hint."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/?story=camps&step=3")
        wait_ready(page)
        for number in (3, 4):
            expect(page.locator("#story-step")).to_have_text(f"{number} / 10")
            for part in ("#story-title", "#story-text", "#story-next"):
                box = page.locator(part).bounding_box()
                assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, (number, part, box)
            expect(page.locator("#story-panel .keys-hint")).to_be_hidden()
            if number == 3:
                page.locator("#story-next").tap()
        assert page.evaluate("() => window.scrollY") == 0
    finally:
        context.close()
