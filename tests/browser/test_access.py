"""Small screens and keyboard access in a real browser: the page at phone width, every control within reach."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import clear_clipboard, focused, tab_until, wait_clipboard, wait_ready

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREENSHOT = "/tmp/phone016.png"


TICK_BOXES = """() => Array.from(document.querySelectorAll('#casualty-chart .xaxislayer-above text'))
    .map((t) => t.getBoundingClientRect()).filter((b) => b.width > 0)
    .map((b) => ({left: b.left, right: b.right})).sort((a, b) => a.left - b.left)"""
NO_DRAG = """() => Array.from(document.querySelectorAll('.dash-graph .js-plotly-plot'))
    .every((gd) => gd._fullLayout && gd._fullLayout.dragmode === false)"""
STACKED_MAP = """() => { const gd = document.querySelector('#map .js-plotly-plot');
    return !!gd && !!gd._fullLayout && gd._fullLayout.geo.domain.y[0] > 0; }"""
GEO_BOXES = """() => Array.from(document.querySelectorAll('#map .geo .bg'))
    .map((el) => el.getBoundingClientRect()).map((b) => ({top: b.top, bottom: b.bottom, width: b.width}))
    .sort((a, b) => a.top - b.top)"""


def test_phone016_page_fits_a_phone_screen(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    wait_ready(page)
    width = PHONE["width"]

    # No horizontal scrolling of the page itself (wide content such as the table scrolls in its own box).
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"the page is {scroll_width}px wide on a {width}px screen"

    # The KPI cards are visible, full width, one above the other.
    boxes = []
    for kpi in ("#kpi-killed", "#kpi-wounded", "#kpi-transferred", "#kpi-relocated"):
        value = page.locator(kpi)
        expect(value).to_be_visible()
        expect(value).not_to_have_text("…")
        boxes.append(page.locator(".kpis > .kpi").filter(has=value).bounding_box())
    for above, below in itertools.pairwise(boxes):
        assert above["y"] + above["height"] <= below["y"], f"KPI cards overlap or sit side by side: {boxes}"
        assert abs(above["x"] - below["x"]) < 1, f"KPI cards not stacked: {boxes}"
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= width for b in boxes), boxes

    # The map and the charts lie within the screen's width; the casualty chart keeps room for each attack's date
    # label and scrolls sideways inside its own card.
    for graph_id in ("map", "population-chart"):  # context and relocations scroll in their cards: test_charts.py
        svg = page.locator(f"#{graph_id} .main-svg").first
        expect(svg).to_be_attached()
        box = svg.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"#{graph_id} is {box} wide"
    card = page.locator("#casualty-chart").locator("xpath=ancestor::figure")
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"casualty card is {box}"
    expect(page.locator("#casualty-chart .xaxislayer-above text")).not_to_have_count(0)
    labels = page.evaluate(TICK_BOXES)
    assert len(labels) >= 10  # every attack of the whole period has its label
    for left, right in itertools.pairwise(labels):
        assert left["right"] <= right["left"], f"casualty date labels overlap: {left} / {right}"
    assert card.evaluate("(f) => f.scrollWidth > f.clientWidth")  # swipe sideways to see them all

    # A finger on a chart scrolls the page: dragging (zoom box, map pan) is off until the reader picks it.
    page.wait_for_function(NO_DRAG)

    # The map's two panels are stacked on a phone (region above, Iraq detail below), each nearly full width.
    expect(page.locator("#map .geo")).to_have_count(2)
    page.wait_for_function(STACKED_MAP)
    region, detail = page.evaluate(GEO_BOXES)
    assert region["bottom"] <= detail["top"], f"map panels not stacked: {region} / {detail}"
    assert region["width"] >= 0.8 * width and detail["width"] >= 0.6 * width, (
        f"map panels too small: {region} / {detail}"
    )

    # The controls a reader needs first are on screen without scrolling sideways.
    for selector in ("#play-button", "#date-range [role=slider] >> nth=1", "#source-lens"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{selector}: {box}"

    page.screenshot(path=SCREENSHOT, full_page=True)  # for a human to look at


def test_keys019_copy_buttons_work_from_the_keyboard(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/?from=2013-09&to=2013-09")
    wait_ready(page)
    clear_clipboard(page)

    tab_until(page, "#copy-link", max_presses=30)
    expect(page.get_by_role("button", name="Copy link")).to_be_focused()
    assert focused(page)["outlineStyle"] != "none", f"no visible focus on the copy button: {focused(page)}"
    page.keyboard.press("Enter")
    wait_clipboard(page, page.url)

    tab_until(page, "#copy-citation", max_presses=5)
    page.keyboard.press("Space")
    wait_clipboard(page, page.locator("#citation-text").inner_text())


def _swipe(context, page: Page, x: float, y: float, dx: float, dy: float) -> None:
    """One finger swipe from (x, y) by (dx, dy), as touch events (CDP), in ten steps."""
    cdp = context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 11):
        point = {"x": x + dx * i / 10, "y": y + dy * i / 10}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_touch020_a_finger_on_a_chart_scrolls_on_a_phone(browser, base_url: str) -> None:
    """On a touch phone the charts fill the screen's width: a swipe over one must scroll the page (up/down) and the
    casualty chart's card (sideways), not draw a zoom box."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        wait_ready(page)
        page.wait_for_function(NO_DRAG)

        card = page.locator("#casualty-chart").locator("xpath=ancestor::figure")
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        x, y = PHONE["width"] * 0.75, box["y"] + 250
        assert page.evaluate("(p) => !!document.elementFromPoint(p[0], p[1]).closest('#casualty-chart')", [x, y])

        before = card.evaluate("(f) => f.scrollLeft")
        _swipe(context, page, x, y, -250, 0)
        page.wait_for_function("(f) => f.scrollLeft > 100", arg=card.element_handle())
        assert card.evaluate("(f) => f.scrollLeft") > before

        top = page.evaluate("() => window.scrollY")
        _swipe(context, page, x, y, 0, -300)
        page.wait_for_function("(top) => window.scrollY > top + 100", arg=top)
    finally:
        context.close()
