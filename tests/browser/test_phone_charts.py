"""Each chart on a phone (390 px) shows its data and labels at first sight (issue 25 §2): the casualty panels are
named where the card opens, the relocation and context cards open where their data is (not on empty years), and
the population chart keeps a plot tall enough to read under its notes and legend."""

from __future__ import annotations

import pytest

from tests.browser.pagehelpers import settled, show_every_graph, wait_ready

PHONE = {"width": 390, "height": 844}
NO_DRAG = """() => Array.from(document.querySelectorAll('.dash-graph .js-plotly-plot'))
    .every((gd) => gd._fullLayout && gd._fullLayout.dragmode === false)"""
# What the card shows of a chart: its visible rectangle, and boxes of elements inside the chart.
SEEN = """([id, selector]) => { const gd = document.querySelector(`#${id} .js-plotly-plot`);
    const card = gd.closest('figure').getBoundingClientRect();
    const boxes = Array.from(gd.querySelectorAll(selector)).map((el) => el.getBoundingClientRect())
        .filter((b) => b.width > 0).map((b) => ({l: b.left, r: b.right, text: ''}));
    return {card: {l: card.left, r: card.right}, boxes: boxes, plotHeight: gd._fullLayout._size.h}; }"""


@pytest.fixture()
def phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/")
    wait_ready(page)
    show_every_graph(page)
    page.wait_for_function(NO_DRAG)  # narrow.js has adapted the charts
    settled(page)
    yield page
    context.close()


def _seen(page, graph_id: str, selector: str) -> dict:
    # the card scrolled into view as a reader's finger does: vertically only (not sideways within the card)
    page.evaluate("(id) => document.getElementById(id).closest('figure').scrollIntoView({block: 'start'})", graph_id)
    page.wait_for_timeout(300)
    return page.evaluate(SEEN, [graph_id, selector])


def _inside(box: dict, card: dict) -> bool:
    return box["l"] >= card["l"] - 0.5 and box["r"] <= card["r"] + 0.5


def test_casualty_panels_are_named_where_the_card_opens(phone):
    found = _seen(phone, "casualty-chart", ".annotation-text-g text")
    titles = phone.evaluate(
        """() => Array.from(document.querySelectorAll('#casualty-chart .annotation-text-g text'))
            .map((t) => t.textContent)"""
    )
    assert {"Killed", "Wounded", "Abducted or missing"} <= set(titles)
    named = [
        b for b, t in zip(found["boxes"], titles, strict=True) if t in ("Killed", "Wounded", "Abducted or missing")
    ]
    assert len(named) == 3 and all(_inside(b, found["card"]) for b in named), found


def test_relocation_card_opens_with_its_first_bars_and_axis(phone):
    """The earliest transfer bars are well in view where the card opens (the time axis starts at the first item,
    not on the empty 2009–2010), and so are the people axis's labels."""
    bars = _seen(phone, "relocation-chart", ".subplot.xy .bars .point path")  # transfers
    first = min(bars["boxes"], key=lambda b: b["l"])
    card = bars["card"]
    assert card["l"] <= first["l"] <= card["l"] + 0.7 * (card["r"] - card["l"]), bars
    ticks = _seen(phone, "relocation-chart", ".yaxislayer-above text")
    assert ticks["boxes"] and all(_inside(b, ticks["card"]) for b in ticks["boxes"]), ticks


def test_context_card_opens_on_the_selected_range_with_its_row_labels(phone):
    """The selected range's band begins in the card's left part (not off to the right of the 1990s), the seven row
    labels and the title stay in view over the scrolled strip, also after a swipe."""
    band = _seen(phone, "context-chart", '.shapelayer path[data-index="0"]')
    card = band["card"]
    assert card["l"] <= band["boxes"][0]["l"] <= card["l"] + 0.5 * (card["r"] - card["l"]), band
    for swipe in (0, 250):
        phone.evaluate(
            "(px) => { document.querySelector('#context-chart').closest('figure').scrollLeft += px; }", swipe
        )
        phone.wait_for_timeout(200)
        rows = _seen(phone, "context-chart", ".yaxislayer-above text")
        title = _seen(phone, "context-chart", ".g-gtitle text")
        assert len(rows["boxes"]) == 7 and all(_inside(b, card) for b in rows["boxes"]), (swipe, rows)
        assert title["boxes"] and all(_inside(b, card) for b in title["boxes"]), (swipe, title)


def test_population_plot_keeps_its_height(phone):
    found = _seen(phone, "population-chart", ".nsewdrag")
    assert found["plotHeight"] >= 235, found
