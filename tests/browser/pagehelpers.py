"""Reading what the Dash page shows: plotly's computed traces, tick labels, mark positions; waiting for the app.

Plotly 7 sends numeric arrays as {dtype, bdata}; the figure as drawn is read from the plot div's `_fullData` in the
page. A dcc.Graph id lands on a wrapper div; the plot div is the `.js-plotly-plot` inside it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

# Generous, so that the functional tests check behaviour even on a slow, shared machine; speed is checked separately
# (the benchmark measures page-ready time). Playwright's `expect` uses the same timeout (set in conftest).
READY_TIMEOUT_MS = 60_000
GRAPHS = ("map", "casualty-chart", "relocation-chart")

# The page fixture registers, per page, a function returning the console errors seen so far (for failure messages).
ERRORS_SO_FAR: weakref.WeakKeyDictionary[Page, Callable[[], list[str]]] = weakref.WeakKeyDictionary()


def full_data(page: Page, graph_id: str) -> list[dict] | None:
    """The traces a dcc.Graph drew (type, geo, lon/lat/x/y, customdata), or None before it has drawn."""
    return page.evaluate(
        """(id) => {
            const plain = (v) => (v && typeof v === 'object' && ArrayBuffer.isView(v)) ? Array.from(v) : v;
            const gd = document.querySelector(`#${id} .js-plotly-plot`);
            if (!gd || !Array.isArray(gd._fullData)) return null;
            return gd._fullData.map((t) => ({
                index: t.index, type: t.type, name: t.name, geo: t.geo, visible: t.visible,
                lon: plain(t.lon), lat: plain(t.lat), x: plain(t.x), y: plain(t.y),
                customdata: plain(t.customdata),
            }));
        }""",
        graph_id,
    )


def tick_labels(page: Page, graph_id: str) -> list[str]:
    """Every x tick label a chart shows (all subplots), its <br> lines joined by a space: '1 Sep 2013 Ashraf'."""
    return page.evaluate(
        """(id) => Array.from(document.querySelectorAll(`#${id} .xaxislayer-above text`))
                .map((t) => {
                    const lines = Array.from(t.querySelectorAll('tspan.line')).map((s) => s.textContent);
                    return lines.length ? lines.join(' ') : t.textContent;
                })""",
        graph_id,
    )


def graph_drawn(page: Page, graph_id: str, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until a dcc.Graph's plot div has an SVG and at least one computed trace."""
    page.wait_for_function(
        """(id) => {
            const gd = document.querySelector(`#${id} .js-plotly-plot`);
            return !!gd && !!gd.querySelector('.main-svg') && Array.isArray(gd._fullData) && gd._fullData.length > 0;
        }""",
        arg=graph_id,
        timeout=timeout,
    )


def wait_ready(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until Dash has filled the KPIs, drawn the map with its base map and the charts, and has settled.

    On a timeout the error names the console errors seen so far (a failing callback usually explains it).
    """
    try:
        _wait_ready(page, timeout)
    except (AssertionError, PlaywrightError) as err:
        errors = ERRORS_SO_FAR.get(page, list)()
        if not errors:
            raise
        raise AssertionError(
            f"the page did not get ready ({str(err).splitlines()[0]}); console errors:\n" + "\n".join(errors)
        ) from err


def _wait_ready(page: Page, timeout: float) -> None:
    killed = page.locator("#kpi-killed")
    expect(killed).not_to_have_text("…", timeout=timeout)
    expect(killed).not_to_have_text("", timeout=timeout)
    for graph_id in GRAPHS:
        graph_drawn(page, graph_id, timeout)
    # The base map is in once the topojson has loaded and the country outlines are drawn in the geo subplots.
    page.wait_for_function(
        "() => document.querySelectorAll('#map .geo .countries path, #map .geo .coastlines path').length > 0",
        timeout=timeout,
    )
    # And no callback is still in flight (Dash marks the outputs it is waiting for).
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')", timeout=timeout)


def map_point_center(page: Page, customdata: list[str], geo: str | None = None) -> dict | None:
    """Viewport centre {x, y} of the map marker whose customdata equals `customdata` (in `geo` if given).

    The marker is scrolled into view first, so the position can be clicked with page.mouse.
    """
    return page.evaluate(
        """([want, geo]) => {
            const gd = document.querySelector('#map .js-plotly-plot');
            for (const pt of gd.querySelectorAll('.geo .scattergeo .point')) {
                const d = pt.__data__;
                if (!d || !Array.isArray(d.data) || JSON.stringify(d.data) !== JSON.stringify(want)) continue;
                const trace = pt.closest('.trace').__data__[0].trace;
                if (geo && trace.geo !== geo) continue;
                pt.scrollIntoView({block: 'center', inline: 'center'});
                const r = pt.getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2, geo: trace.geo};
            }
            return null;
        }""",
        [customdata, geo],
    )


def bar_center(page: Page, graph_id: str, item_id: str, yaxis: str = "y") -> dict | None:
    """Viewport centre {x, y} of the largest drawn bar of `item_id` (a bar's customdata) in the subplot on `yaxis`.

    The bar is scrolled into view first, so the position can be clicked with page.mouse.
    """
    return page.evaluate(
        """([id, item, yaxis]) => {
            const plain = (v) => (v && typeof v === 'object' && ArrayBuffer.isView(v)) ? Array.from(v) : v;
            let best = null;
            let bestArea = 4;
            for (const g of document.querySelectorAll(`#${id} .barlayer .trace`)) {
                const cd = g.__data__;
                const trace = cd && cd[0] && cd[0].trace;
                if (!trace || trace.yaxis !== yaxis) continue;
                const ids = plain(trace.customdata) || [];
                const paths = g.querySelectorAll('.point path');
                for (let k = 0; k < cd.length; k++) {
                    if (ids[cd[k].i] !== item || !paths[k]) continue;
                    const r = paths[k].getBoundingClientRect();
                    if (r.width * r.height > bestArea) [best, bestArea] = [paths[k], r.width * r.height];
                }
            }
            if (!best) return null;
            best.scrollIntoView({block: 'center', inline: 'center'});
            const r = best.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }""",
        [graph_id, item_id, yaxis],
    )
