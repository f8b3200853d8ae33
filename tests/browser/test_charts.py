"""Charts a reader can decode without hovering: the context strip's labels, on a desktop and on a phone."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import show_graph, wait_ready

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ROW_LABELS = """() => Array.from(document.querySelectorAll('#context-chart .yaxislayer-above text'))
    .map((t) => ({text: t.textContent, box: t.getBoundingClientRect().toJSON()}))"""
MARK_LABELS = """() => Array.from(document.querySelectorAll('#context-chart .textpoint text'))
    .filter((t) => t.textContent).map((t) => t.getBoundingClientRect().toJSON())"""
ROWS = ["Designations", "Delistings", "Protection", "Agreements", "UN processes", "Courts", "Relocation"]


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    )


def _context_rows_and_marks(page: Page) -> tuple[list[dict], list[dict]]:
    chart = page.locator("#context-chart")
    chart.scroll_into_view_if_needed()
    expect(page.locator("#context-chart .yaxislayer-above text")).to_have_count(len(ROWS))
    return page.evaluate(ROW_LABELS), page.evaluate(MARK_LABELS)


def test_chart001_context_marks_are_labelled_without_overlap(page: Page) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("/")
    wait_ready(page)
    rows, marks = _context_rows_and_marks(page)
    assert [r["text"] for r in rows] == ROWS
    assert len(marks) >= 30  # every context item's label is drawn
    clashes = [(a, b) for a, b in itertools.combinations(marks, 2) if _overlap(a, b)]
    assert not clashes, clashes[:3]


def test_chart002_context_row_labels_all_show_on_a_phone(browser, base_url: str) -> None:
    """At 390 px every one of the seven row labels is drawn, inside the card's visible part, none on another; the
    chart keeps the width its mark labels need and scrolls sideways in its card."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        wait_ready(page)
        card = page.locator("#context-chart").locator("xpath=ancestor::figure")
        page.wait_for_function("(f) => f.scrollWidth > f.clientWidth", arg=card.element_handle())
        rows, marks = _context_rows_and_marks(page)
        assert [r["text"] for r in rows] == ROWS
        box = card.bounding_box()
        for row in rows:
            b = row["box"]
            assert b["width"] > 0 and b["left"] >= box["x"] - 1 and b["right"] <= box["x"] + box["width"] + 1, row
        for above, below in itertools.pairwise(sorted((r["box"] for r in rows), key=lambda b: b["top"])):
            assert above["bottom"] <= below["top"] + 1, (above, below)
        assert marks and not [(a, b) for a, b in itertools.combinations(marks, 2) if _overlap(a, b)]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1  # page itself
    finally:
        context.close()


TOTAL_LABELS = """() => { const svg = document.querySelector('#relocation-chart .main-svg').getBoundingClientRect();
    const labels = Array.from(document.querySelectorAll('#relocation-chart .annotation text'))
        .filter((t) => t.textContent.includes(' · as of '));
    return {svg: svg.toJSON(), boxes: labels.map((t) => t.getBoundingClientRect().toJSON())}; }"""


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_chart003_every_stated_total_label_is_drawn_whole(browser, base_url: str, viewport: dict) -> None:
    """Each stated total's label (figure, route, source, date) lies inside the chart, none cut at its edges and
    none over another; on a phone the chart scrolls sideways in its card to keep them whole."""
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE, is_mobile=viewport is PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        wait_ready(page)
        show_graph(page, "relocation-chart")
        if viewport is PHONE:
            card = page.locator("#relocation-chart").locator("xpath=ancestor::figure")
            page.wait_for_function("(f) => f.scrollWidth > f.clientWidth", arg=card.element_handle())
        drawn = page.evaluate(TOTAL_LABELS)
        svg, boxes = drawn["svg"], drawn["boxes"]
        assert len(boxes) > 20
        for b in boxes:
            assert b["left"] >= svg["left"] - 1 and b["right"] <= svg["right"] + 1, (b, svg)
        assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if _overlap(a, b)]
    finally:
        context.close()
