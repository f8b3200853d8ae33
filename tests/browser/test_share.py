"""Export and share in a real browser: the export menu's links and what they return, copy link / cite this view,
and time playback (play, pause, stop at the end of the data).
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from components.playback import TICK_MS
from tests.browser.pagehelpers import (
    app_table,
    app_view,
    clear_clipboard,
    empty_graphs,
    query,
    settled,
    show_table,
    wait_clipboard,
    wait_ready,
)

pytestmark = pytest.mark.browser

FIGURES = ("map", "casualties", "relocations", "population", "context")
IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "geojson")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _months(page: Page) -> tuple[pd.Period, pd.Period]:
    q = query(page)
    return pd.Period(q["from"][0], "M"), pd.Period(q["to"][0], "M")


def test_export013_export_menu_links_and_downloads(page: Page, tmp_path) -> None:
    page.goto("/?from=2011-04&to=2011-04")
    wait_ready(page)
    view = {"from": ["2011-04"], "to": ["2011-04"]}

    links = page.locator("#export-menu a")
    expect(links.first).to_be_hidden()  # inside the closed disclosure
    page.locator(".export-menu summary").click()
    expect(page.locator(".export-menu")).to_have_attribute("open", "")
    expected = [f"/export/{fig}.{fmt}" for fig in FIGURES for fmt in IMAGE_FORMATS]
    expected += [f"/export/data.{fmt}" for fmt in DATA_FORMATS] + ["/export/report.pdf"]
    expect(links).to_have_count(len(expected))
    hrefs = links.evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert sorted(urlsplit(h).path for h in hrefs) == sorted(expected), hrefs
    for href in hrefs:
        assert parse_qs(urlsplit(href).query) == view, f"{href} does not carry the view's from/to"
    for path in expected:
        expect(page.locator(f'#export-menu a[href^="{path}?"]')).to_be_visible()

    # The CSV link, followed as a user would (a download): the rows of the on-page table for this view.
    show_table(page)
    table_rows = page.locator("#data-table table tbody tr")
    expect(table_rows).to_have_count(len(app_table("2011-04", "2011-04")))
    with page.expect_download() as info:
        page.locator('#export-menu a[href^="/export/data.csv?"]').click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    records = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(records) == table_rows.count()
    on_page = page.locator("#data-table table tbody tr td:first-child").all_inner_texts()
    assert sorted(r["item"] for r in records) == sorted(on_page)

    # The same link fetched directly answers 200 with CSV.
    csv_href = page.locator('#export-menu a[href^="/export/data.csv?"]').get_attribute("href")
    response = page.request.get(csv_href)
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"].startswith("text/csv")

    # An image export: a real PNG (rendered server-side by kaleido; the first one starts the renderer).
    png_href = page.locator('#export-menu a[href^="/export/casualties.png?"]').get_attribute("href")
    response = page.request.get(png_href, timeout=120_000)
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"] == "image/png"
    assert response.body()[:8] == PNG_MAGIC


def test_copy014_link_and_citation_name_the_view(page: Page, base_url: str) -> None:
    from data.load import default_bundle

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/?from=2013-09&to=2013-09&place=ashraf")
    wait_ready(page)

    link = page.locator("#view-link")
    expect(link).to_have_text(page.url)
    assert urlsplit(page.url).query == "from=2013-09&to=2013-09&place=ashraf"
    citation = page.locator("#citation-text")
    expect(citation).to_contain_text("Camps Atlas")
    expect(citation).to_contain_text(f"data version {default_bundle().version}")
    expect(citation).to_contain_text(page.url)
    expect(citation).to_contain_text(app_view("2013-09", "2013-09", "ashraf").range_label)

    clear_clipboard(page)
    page.locator("#copy-link").click()
    wait_clipboard(page, page.url)

    # After a change of view, link and citation follow, and the copy button copies the new link.
    page.get_by_text("Independent", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]lens=independent\b"))
    expect(link).to_have_text(page.url)
    expect(citation).to_contain_text(page.url)
    page.locator("#copy-citation").click()
    wait_clipboard(page, citation.inner_text())
    clear_clipboard(page)
    page.locator("#copy-link").click()
    wait_clipboard(page, page.url)


def test_copy019_a_story_steps_link_is_the_address_bars(page: Page, base_url: str) -> None:
    """In the guided story the address bar says ?story=…&step=…: the link and the citation say the same (they
    said ?from=…&to=… before the one View)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/?story=camps&step=3")
    wait_ready(page)
    link = page.locator("#view-link")
    expect(link).to_have_text(page.url)
    assert urlsplit(page.url).query == "story=camps&step=3"
    page.get_by_role("button", name=re.compile("Next")).click()
    expect(page).to_have_url(re.compile(r"story=camps&step=4$"))
    expect(link).to_have_text(page.url)
    expect(page.locator("#citation-text")).to_contain_text(page.url)
    clear_clipboard(page)
    page.locator("#copy-link").click()
    wait_clipboard(page, page.url)


def is_tick(request) -> bool:
    """A request of the playback interval's callback (one month step)."""
    body = (request.post_data or "").replace(" ", "")
    return "/_dash-update-component" in request.url and '"changedPropIds":["play-interval.n_intervals"]' in body


class Ticks:
    """Counts the playback steps the page has asked the server for, and those that have come back."""

    def __init__(self, page: Page) -> None:
        self.sent = 0
        self.done = 0
        page.on("request", lambda r: self._count(r, "sent"))
        page.on("requestfinished", lambda r: self._count(r, "done"))
        page.on("requestfailed", lambda r: self._count(r, "done"))

    def _count(self, request, what: str) -> None:
        if is_tick(request):
            setattr(self, what, getattr(self, what) + 1)


def wait_paused_and_still(page: Page, ticks: Ticks) -> str:
    """After Pause has been shown: let a step that was already on its way land, let the page settle, and return the
    URL the window rests at (the URL must show where the slider is)."""
    while ticks.done < ticks.sent:
        page.wait_for_event("requestfinished", predicate=is_tick, timeout=10 * TICK_MS)
    settled(page)
    from data.load import default_bundle

    lower = page.locator("#date-range [role=slider]").first
    first = default_bundle().first_month
    expect(page).to_have_url(re.compile(rf"from={first + int(lower.get_attribute('aria-valuenow'))}&"))
    return page.url


def test_play015_play_pause_and_stop_at_the_end(page: Page) -> None:
    from data.load import default_bundle

    ticks = Ticks(page)
    page.goto("/?from=2013-01&to=2013-03")
    wait_ready(page)
    play = page.locator("#play-button")
    label = page.locator("#date-range-label")
    status = page.locator("#play-status")
    expect(play).to_have_text("▶ Play")
    start, end = _months(page)
    first_label = label.inner_text()

    play.click()
    expect(play).to_have_text(re.compile(r"Pause"))
    expect(status).to_contain_text("Playing")
    # The window slides: both ends move on by at least a month, same width, and the label follows.
    page.wait_for_function(
        "(start) => new URLSearchParams(location.search).get('from') > start", arg=str(start), timeout=10 * TICK_MS
    )
    new_start, new_end = _months(page)
    assert new_start > start and (new_end - new_start) == (end - start), (new_start, new_end)
    expect(label).not_to_have_text(first_label)

    # Pause right after a step, so that no step is on its way (that race is test_play018's).
    page.wait_for_function(
        "(m) => new URLSearchParams(location.search).get('from') > m", arg=str(new_start), timeout=10 * TICK_MS
    )
    play.click()
    expect(play).to_have_text("▶ Play")
    expect(status).to_have_text("Paused.")
    paused_url = wait_paused_and_still(page, ticks)
    paused_label = app_view(*query(page)["from"], *query(page)["to"]).range_label
    expect(label).to_have_text(paused_label)
    page.wait_for_timeout(TICK_MS * 2 + 500)  # the claim is "it stops": two ticks' worth of time, nothing moves
    assert page.url == paused_url, "the window kept moving after Pause"
    expect(label).to_have_text(paused_label)
    expect(play).to_have_text("▶ Play")

    # Two months before the end of the data: playing stops by itself at the end, with a message.
    last = default_bundle().last_month
    page.goto(f"/?from={last - 4}&to={last - 2}")
    wait_ready(page, may_be_empty=empty_graphs(str(last - 4), str(last - 2)))
    play.click()
    expect(status).to_have_text("Reached the end of the data.", timeout=10 * TICK_MS + 60_000)
    expect(play).to_have_text("▶ Play")
    expect(page).to_have_url(re.compile(rf"from={last - 2}&to={last}$"))
    expect(label).to_have_text(app_view(str(last - 2), str(last)).range_label)


def test_play017_play_at_the_end_starts_over_from_the_beginning(page: Page) -> None:
    """A window already at the end of the data cannot slide: Play starts the same-width window at the first month."""
    from data.load import default_bundle

    bundle = default_bundle()
    first, last = bundle.first_month, bundle.last_month
    page.goto(f"/?from={last - 4}&to={last}")
    wait_ready(page, may_be_empty=empty_graphs(str(last - 4), str(last)))
    play = page.locator("#play-button")
    play.click()
    expect(page).to_have_url(re.compile(rf"from={first}&to={first + 4}$"))
    expect(play).to_have_text(re.compile(r"Pause"))
    play.click()
    expect(play).to_have_text("▶ Play")


def test_play018_pause_holds_with_a_step_in_flight(page: Page) -> None:
    """Pause while a step's request is still on its way (held back here): once it lands, the window stays put."""
    ticks = Ticks(page)
    page.goto("/?from=2013-01&to=2013-03")
    wait_ready(page)
    play = page.locator("#play-button")
    held: list = []
    hold = {"on": False}

    def hold_ticks(route) -> None:
        if hold["on"] and is_tick(route.request):
            held.append(route)
        else:
            route.continue_()

    page.route(lambda url: "/_dash-update-component" in url, hold_ticks)
    try:
        play.click()
        expect(play).to_have_text(re.compile(r"Pause"))
        hold["on"] = True
        page.wait_for_event("request", predicate=is_tick, timeout=10 * TICK_MS)
        for _ in range(50):  # the route handler runs once Playwright dispatches the route event
            if held:
                break
            page.wait_for_timeout(20)
        if not held:
            raise RuntimeError("the step's request was not held back")
        play.click()
        expect(play).to_have_text("▶ Play")
        hold["on"] = False
        for route in held:
            route.continue_()
        held.clear()
        paused_url = wait_paused_and_still(page, ticks)
        page.wait_for_timeout(TICK_MS * 2 + 500)
        assert page.url == paused_url, "the window kept moving after Pause"
        expect(play).to_have_text("▶ Play")
    finally:
        hold["on"] = False
        for route in held:
            route.continue_()
