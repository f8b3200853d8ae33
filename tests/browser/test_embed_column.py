"""The share bar's embed code pasted into a 680-px article column of another site: each chart fits its frame —
the iframe grows to the chart and its caption (no time axis hidden below the frame), and no label of the chart lies
beyond the frame's right edge (issue 25 §3)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exports import FIGURES
from tests.browser.othersite import other_site
from tests.browser.pagehelpers import wait_ready

ARTICLE = """<!doctype html><title>article</title>
<style>body {{ margin: 0; font: 16px Georgia, serif; }} main {{ width: 680px; margin: 0 auto; }}</style>
<main><h1>An article</h1><p>Text before the chart.</p>{code}<p>Text after the chart.</p></main>"""

# Every text of the chart inside the frame, relative to the frame's viewport.
_TEXTS = """() => Array.from(document.querySelectorAll('#chart svg text'))
  .filter(t => (t.textContent || '').trim() && t.getBoundingClientRect().width > 0)
  .map(t => { const r = t.getBoundingClientRect();
              return {s: t.textContent.trim().slice(0, 60), l: r.left, r: r.right, b: r.bottom,
                      tick: !!t.closest('g.xtick')}; })"""


@pytest.fixture(scope="module")
def article_site() -> Iterator[tuple[str, dict[str, str]]]:
    """Another site (another port) whose /<chart> is an article with that chart's embed code (set by the test)."""
    codes: dict[str, str] = {}

    with other_site(lambda path: ARTICLE.format(code=codes.get(path.strip("/"), ""))) as site:
        yield site, codes


@pytest.fixture(scope="module")
def embed_codes(browser, base_url) -> dict[str, str]:
    """Each chart's code as the share bar offers it for the whole period."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    wait_ready(page)
    page.get_by_text("Embed a chart").click()
    text = page.locator("#embed-code").inner_text()
    context.close()
    snippets = [s for s in text.split("\n\n") if s.strip()]
    return {chart: next(s for s in snippets if f"/embed/{chart}?" in s) for chart in FIGURES}


@pytest.mark.parametrize("chart", FIGURES)
def test_embed_fits_a_680px_column(page, article_site, embed_codes, chart):
    site, codes = article_site
    codes[chart] = embed_codes[chart]
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(f"{site}/{chart}")
    frame_el = page.locator("iframe")
    frame = page.frame_locator("iframe")
    frame.locator("#chart .main-svg").first.wait_for()
    inner = frame_el.element_handle().content_frame()
    # the iframe is sized to the figure (the embed's message), the caption's last line included
    for _ in range(50):
        content = inner.evaluate("() => document.querySelector('figure.embed').getBoundingClientRect().height")
        if abs(frame_el.bounding_box()["height"] - content) < 8:
            break
        page.wait_for_timeout(200)
    frame_px = frame_el.bounding_box()
    assert frame_px["width"] == 680
    texts = inner.evaluate(_TEXTS)
    ticks = [t for t in texts if t["tick"]]
    assert ticks or chart in ("map", "casualties"), "the time axis has tick labels"  # those two have none
    below = [t["s"] for t in texts if t["b"] > frame_px["height"]]
    assert not below, f"{chart}: hidden below the frame: {below[:5]}"
    beyond = [t["s"] for t in texts if t["r"] > 680 + 0.5 or t["l"] < -0.5]
    assert not beyond, f"{chart}: beyond the frame's edges: {beyond[:5]}"
    link = inner.get_by_role("link", name="Open this view in Camps Atlas").bounding_box()  # page coordinates
    assert link["y"] + link["height"] <= frame_px["y"] + frame_px["height"]
