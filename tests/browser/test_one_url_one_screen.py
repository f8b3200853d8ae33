"""One URL, one screen (issue 25 §4): a link with place= opens that place's panel as a click does; a story step
shows the same panel whether reached by Next or by its link; the page's title names the view."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import settled, wait_ready


def test_a_link_with_a_place_opens_its_panel_and_the_title_names_the_view(page: Page) -> None:
    page.goto("/?from=2013-01&to=2013-12&place=liberty&lens=independent")
    wait_ready(page)
    expect(page.locator("#event-detail h2")).to_have_text("Camp Liberty (Camp Hurriya)")
    expect(page).to_have_title("Camps Atlas · Jan 2013 – Dec 2013 · Camp Liberty (Camp Hurriya) · "
                               "Independent claimants (neither party)")  # fmt: skip
    page.locator("#reset-button").click()
    settled(page)
    expect(page).to_have_title("Camps Atlas · Jan 2013 – Dec 2013 · Independent claimants (neither party)")


def test_a_story_step_shows_the_same_panel_by_next_and_by_its_link(page: Page) -> None:
    page.goto("/?story=camps&step=3")
    wait_ready(page)
    expect(page.locator("#event-detail h2")).to_have_text("Raid on Camp Ashraf (Apr 2011)")
    page.locator("#story-next").click()
    settled(page)
    expect(page.locator("#event-detail h2")).to_have_count(0)  # step 4 selects nothing: the panel is empty
    expect(page.locator("#event-detail")).to_contain_text("Click an attack")
    page.goto("/?story=camps&step=4")
    wait_ready(page)
    expect(page.locator("#event-detail h2")).to_have_count(0)
    page.goto("/?story=camps&step=7")
    wait_ready(page)
    expect(page.locator("#event-detail h2")).to_have_text("Attack on Camp Ashraf (Sep 2013)")
