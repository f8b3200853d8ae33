"""Small screens and keyboard access in a real browser: the page at phone width, every control within reach."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import (
    app_table,
    clear_clipboard,
    focused,
    settled,
    show_every_graph,
    show_table,
    tab_until,
    wait_clipboard,
    wait_ready,
)

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
    show_every_graph(page)  # the reader scrolls down the page once: each chart draws as it comes near
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


# --- Issue 10 §4: the date-range handles, page language, table link names, toolbar, copy feedback, phone titles. ---

THUMBS = "#date-range [role=slider]"


def _month_labels() -> list[str]:
    """The month of every slider position, as the app computes them."""
    from data import dates, timeline
    from data.load import default_bundle

    return [dates.month_label(m) for m in timeline.months(default_bundle())]


def pd_month(index: int) -> str:
    """'2009-07' for a slider position (the URL's form)."""
    from data import timeline
    from data.load import default_bundle

    return str(timeline.months(default_bundle())[index])


def test_range_label_follows_a_dragged_handle_before_release(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    months = _month_labels()
    label = page.locator("#date-range-label")
    expect(label).to_have_text(f"{months[0]} – {months[-1]}")
    start = page.locator(THUMBS).first
    box = start.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    url_before = page.url

    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(x + 25 * i, y)
    # Still held: the handle has moved, and the label already names its month (the view is not recomputed yet).
    page.wait_for_function("(sel) => Number(document.querySelector(sel).getAttribute('aria-valuenow')) > 6", arg=THUMBS)
    now = int(start.get_attribute("aria-valuenow"))
    expect(label).to_have_text(f"{months[now]} – {months[-1]}")
    assert page.url == url_before, "the view changed before the handle was released"
    page.mouse.up()

    expect(page).to_have_url(re.compile(rf"from={pd_month(now)}&"))
    expect(label).to_have_text(f"{months[now]} – {months[-1]}")


def test_handles_announce_their_month(page: Page) -> None:
    page.goto("/?from=2010-03&to=2014-11")
    wait_ready(page)
    start, end = page.locator(THUMBS).first, page.locator(THUMBS).nth(1)
    expect(start).to_have_attribute("aria-valuetext", "Mar 2010")
    expect(end).to_have_attribute("aria-valuetext", "Nov 2014")
    start.focus()
    page.keyboard.press("ArrowRight")
    expect(start).to_have_attribute("aria-valuetext", "Apr 2010")
    end.focus()
    page.keyboard.press("ArrowLeft")
    expect(end).to_have_attribute("aria-valuetext", "Oct 2014")


def test_home_and_end_move_the_focused_handle_as_far_as_it_may_go(page: Page) -> None:
    page.goto("/?from=2012-01&to=2013-12")
    wait_ready(page)
    last = len(_month_labels()) - 1
    start, end = page.locator(THUMBS).first, page.locator(THUMBS).nth(1)
    at = {"2012-01": str(_month_labels().index("Jan 2012")), "2013-12": str(_month_labels().index("Dec 2013"))}

    start.focus()
    page.keyboard.press("End")  # the start handle goes up to the end handle's month
    expect(start).to_have_attribute("aria-valuenow", at["2013-12"])
    expect(end).to_have_attribute("aria-valuenow", at["2013-12"])
    expect(page).to_have_url(re.compile(r"from=2013-12&to=2013-12"))
    expect(start).to_be_focused()

    page.keyboard.press("Home")  # ... and down to the first month of the data
    expect(start).to_have_attribute("aria-valuenow", "0")
    expect(end).to_have_attribute("aria-valuenow", at["2013-12"])

    end.focus()
    page.keyboard.press("Home")  # the end handle goes down to the start handle's month
    expect(end).to_have_attribute("aria-valuenow", "0")
    expect(start).to_have_attribute("aria-valuenow", "0")
    page.keyboard.press("End")  # ... and up to the last month of the data
    expect(end).to_have_attribute("aria-valuenow", str(last))
    expect(start).to_have_attribute("aria-valuenow", "0")
    expect(page).to_have_url(re.compile(rf"from={pd_month(0)}&to={pd_month(last)}"))
    settled(page)


def test_page_declares_its_language(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"


LINK_NAMES = """() => Array.from(document.querySelectorAll('#data-table tbody tr')).flatMap((tr) => {
    const heads = Array.from(document.querySelectorAll('#data-table thead th')).map((th) => th.textContent.trim());
    const cell = tr.children[heads.findIndex((h) => h.startsWith('Who says it'))].cloneNode(true);
    cell.querySelectorAll('.badge').forEach((b) => b.remove());  // the relay and own-account marks
    const source = cell.textContent.trim();
    return Array.from(tr.querySelectorAll('a')).map((a) => ({
        name: (a.getAttribute('aria-label') || a.textContent).trim(), text: a.textContent.trim(), source,
        href: a.getAttribute('href')}));
})"""
GENERIC = {"", "link", "here", "click here", "more", "source", "url"}


def test_every_table_link_is_named_by_its_source(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    show_table(page)
    expect(page.locator("#data-table a").first).to_be_attached()
    links = page.evaluate(LINK_NAMES)
    assert len(links) > 100
    for link in links:
        assert link["name"].lower() not in GENERIC, link
        assert link["name"].startswith(link["source"]), link  # who says it (claimant, per publisher) first ...
    rows = app_table(pd_month(0), pd_month(len(_month_labels()) - 1))
    title_of = {(r.source, r.reference): r.source_title for r in rows.itertuples()}
    assert sum(isinstance(t, str) and t != "" for t in title_of.values()) > 50
    for link in links:
        title = title_of[(link["source"], link["href"])]
        if isinstance(title, str) and title:
            assert link["name"].startswith(f"{link['source']}: {title}"), link  # ... then the title
        assert link["text"] in link["name"], link  # the visible text is part of the name (label in name)
    assert page.get_by_role("link", name="link", exact=True).count() == 0


MODEBAR_ICONS = """(id) => Array.from(document.querySelectorAll(`#${id} .modebar-btn path`)).map((p) => {
    const fill = getComputedStyle(p).fill.match(/[\\d.]+/g).map(Number);
    let opacity = fill.length > 3 ? fill[3] : 1;
    for (let e = p; e && e !== document; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    // the icon as seen: its colour blended over the white chart at its opacity
    const seen = fill.slice(0, 3).map((c) => c * opacity + 255 * (1 - opacity));
    const lum = 0.2126 * lin(seen[0]) + 0.7152 * lin(seen[1]) + 0.0722 * lin(seen[2]);
    return {opacity, contrast: 1.05 / (lum + 0.05)};
})"""


def test_toolbar_icons_are_legible(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    for graph_id in ("map", "casualty-chart", "relocation-chart", "population-chart", "context-chart"):
        plot = page.locator(f"#{graph_id} .js-plotly-plot")
        plot.scroll_into_view_if_needed()
        plot.hover(position={"x": 40, "y": 120})
        # the toolbar fades in on hover (a CSS transition): wait until it is fully shown
        page.wait_for_function(
            "(id) => Array.from(document.querySelectorAll(`#${id} .modebar-group`))"
            ".every((g) => getComputedStyle(g).opacity === '1')",
            arg=graph_id,
        )
        icons = page.evaluate(MODEBAR_ICONS, graph_id)
        assert len(icons) >= 4, graph_id
        for icon in icons:
            assert icon["opacity"] >= 0.6, (graph_id, icon)
            assert icon["contrast"] >= 3, (graph_id, icon)  # WCAG 1.4.11: user-interface parts


def test_copy_buttons_confirm_in_a_live_region(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/?from=2013-09&to=2013-09")
    wait_ready(page)
    clear_clipboard(page)
    link_status, citation_status = page.locator("#copy-link-status"), page.locator("#copy-citation-status")
    for status in (link_status, citation_status):
        expect(status).to_have_attribute("aria-live", "polite")
        expect(status).to_have_text("")

    page.get_by_role("button", name="Copy link").click()
    expect(link_status).to_have_text("Link copied")
    wait_clipboard(page, page.url)
    assert link_status.bounding_box() is not None and link_status.is_visible()

    page.get_by_role("button", name="Copy citation").click()
    expect(citation_status).to_have_text("Citation copied")
    expect(link_status).to_have_text("")
    wait_clipboard(page, page.locator("#citation-text").inner_text())


REFUSE_CLIPBOARD = """
Object.defineProperty(navigator, 'clipboard', {value: {
    writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))}});
document.execCommand = () => false;
"""


def test_copy_says_so_when_the_browser_refuses_the_clipboard(page: Page) -> None:
    page.add_init_script(REFUSE_CLIPBOARD)
    page.goto("/?from=2013-09&to=2013-09")
    wait_ready(page)
    page.get_by_role("button", name="Copy link").click()
    status = page.locator("#copy-link-status")
    expect(status).to_contain_text("Could not copy")
    expect(status).to_contain_text("Ctrl+C")
    # the link is selected, ready to be copied by hand
    assert page.evaluate("() => window.getSelection().toString()") == page.locator("#view-link").inner_text()


TITLE_AND_MODEBAR = """(id) => {
    const gd = document.querySelector(`#${id} .js-plotly-plot`);
    const box = (e) => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
    const card = gd.closest('figure');
    const seen = box(card);
    seen.r = seen.l + card.clientWidth;  // without the sideways scroll bar
    return {title: box(gd.querySelector('.gtitle')), modebar: box(gd.querySelector('.modebar')),
            svg: box(gd.querySelector('.main-svg')), card: seen};
}"""
CHARTS = ("map", "casualty-chart", "relocation-chart", "population-chart", "context-chart")


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def _inside(inner: dict, outer: dict) -> bool:
    return inner["l"] >= outer["l"] - 0.5 and inner["r"] <= outer["r"] + 0.5


def test_phone_chart_titles_are_whole_and_clear_of_the_toolbar(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        wait_ready(page)
        show_every_graph(page)
        page.wait_for_function(NO_DRAG)  # narrow.js has adapted the charts
        problems = []
        for graph_id in CHARTS:
            page.wait_for_function(
                "(id) => { const gd = document.querySelector(`#${id} .js-plotly-plot`);"
                " return !!gd.querySelector('.gtitle') && !!gd.querySelector('.modebar'); }",
                arg=graph_id,
            )
            settled(page)
            # every title is left to settle: narrow.js relayouts after each draw; wait until it stops moving
            page.wait_for_function(
                """(id) => { const gd = document.querySelector(`#${id} .js-plotly-plot`);
                    const r = JSON.stringify(gd.querySelector('.gtitle').getBoundingClientRect());
                    const same = gd.__lastTitle === r; gd.__lastTitle = r; return same; }""",
                arg=graph_id,
                polling=300,
            )
            boxes = page.evaluate(TITLE_AND_MODEBAR, graph_id)
            if _overlap(boxes["title"], boxes["modebar"]):
                problems.append(f"{graph_id}: the title runs into the toolbar {boxes}")
            if not (_inside(boxes["title"], boxes["svg"]) and _inside(boxes["title"], boxes["card"])):
                problems.append(f"{graph_id}: the title is cut by the chart's or the card's edge {boxes}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_first_tab_stop_skips_to_the_table_and_links_are_named(page: Page) -> None:
    page.goto("/?story=camps&step=7")
    wait_ready(page)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#data-table-heading"
    # The detail panel's source links are named by who says it, not all "source".
    links = page.locator("#event-detail table.sources a")
    expect(links.first).to_be_attached()
    names = [links.nth(i).get_attribute("aria-label") for i in range(links.count())]
    assert all(n and ": source on " in n for n in names) and len(set(names)) > 3
    # The export menu names each format's figure.
    exports = page.locator(".export-links a.export-link[aria-label$=' as PNG']")
    assert exports.count() == 5
