"""An embed drawn inside an iframe of a page served from another loopback port; the dashboard refuses framing;
the share bar offers the iframe code of the current view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.othersite import other_site
from tests.browser.pagehelpers import wait_ready


@pytest.fixture(scope="module")
def host_site(base_url: str) -> Iterator[str]:
    """Another site (another port): /embed holds an iframe of a chart, /dashboard an iframe of the dashboard."""
    pages = {
        "/embed": f'<iframe id="f" src="{base_url}/embed/casualties?from=2013-09&to=2013-09" width="900" height="700"></iframe>',
        "/dashboard": f'<iframe id="f" src="{base_url}/" width="900" height="700"></iframe>',
    }

    with other_site(lambda path: f"<!doctype html><title>host</title><h1>An article</h1>{pages.get(path, '')}") as site:
        yield site


def test_embed_draws_inside_another_sites_iframe(page, host_site, base_url):
    page.goto(f"{host_site}/embed")
    frame = page.frame_locator("#f")
    chart = frame.locator("#chart.js-plotly-plot .main-svg").first
    chart.wait_for()
    bars = frame.locator("#chart .bars path")
    assert bars.count() > 0
    caption = frame.locator("figcaption")
    assert "Sep 2013" in caption.inner_text() and "Claimants (" in caption.inner_text()
    link = frame.get_by_role("link", name="Open this view in Camps Atlas")
    assert link.get_attribute("href") == f"{base_url}/?from=2013-09&to=2013-09"
    page.screenshot(path="/tmp/embed-in-iframe.png")


@pytest.mark.allow_console_errors  # the browser reports the refused frame as a console error
def test_dashboard_refuses_to_be_framed(page, host_site):
    page.goto(f"{host_site}/dashboard")
    page.wait_for_timeout(1500)
    frame = page.frames[-1]
    assert frame is not page.main_frame
    assert frame.locator("#react-entry-point").count() == 0


def test_share_bar_offers_the_iframe_code_of_the_view(page):
    page.goto("/?from=2013-09&to=2013-09&lens=independent")
    wait_ready(page)
    page.get_by_text("Embed a chart").click()
    code = page.locator("#embed-code")
    code.wait_for()
    text = code.inner_text()
    for chart in ("map", "casualties", "relocations", "population", "context"):
        assert f'/embed/{chart}?from=2013-09&to=2013-09&lens=independent"' in text
    assert text.count("<iframe ") == 5
