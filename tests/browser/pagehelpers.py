"""Reading what the Dash page shows: plotly's computed traces, tick labels, mark positions; waiting for the app.

Plotly 7 sends numeric arrays as {dtype, bdata}; the figure as drawn is read from the plot div's `_fullData` in the
page. A dcc.Graph id lands on a wrapper div; the plot div is the `.js-plotly-plot` inside it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from benchmarks.browser import MAP_BASE_DRAWN, PLOT_DRAWN

# Generous, so that the functional tests check behaviour even on a slow, shared machine; speed is checked separately
# (the benchmark measures page-ready time). Playwright's `expect` uses the same timeout (set in conftest).
READY_TIMEOUT_MS = 60_000
GRAPHS = ("map", "casualty-chart", "relocation-chart")

# The page fixture registers, per page, a function returning the console errors seen so far (for failure messages).
ERRORS_SO_FAR: weakref.WeakKeyDictionary[Page, Callable[[], list[str]]] = weakref.WeakKeyDictionary()


# A chart far off screen holding its figure until it is scrolled near (assets/graph_update.js).
KEPT = "(id) => !!document.querySelector(`#${id} [data-draw-deferred]`)"


def show_graph(page: Page, graph_id: str, timeout: float = READY_TIMEOUT_MS) -> None:
    """Scroll a chart into view as a reader does, once no callback is in flight, and wait until it shows the current
    view: an update of a chart far off screen is drawn when the chart comes near (assets/graph_update.js)."""
    settled(page, timeout)
    page.locator(f"#{graph_id}").scroll_into_view_if_needed()
    page.wait_for_function(f"(id) => !({KEPT})(id)", arg=graph_id, timeout=timeout)


ALL_GRAPHS = ("map", "casualty-chart", "relocation-chart", "population-chart", "context-chart")


def show_every_graph(page: Page) -> None:
    """Scroll down past every chart, as a reader does, so each has drawn the current view; then back to the top."""
    for graph_id in ALL_GRAPHS:
        show_graph(page, graph_id)
    page.evaluate("() => window.scrollTo(0, 0)")


def full_data(page: Page, graph_id: str) -> list[dict] | None:
    """The traces a dcc.Graph drew (type, geo, lon/lat/x/y, customdata), or None before it has drawn; the chart is
    scrolled into view first (show_graph)."""
    show_graph(page, graph_id)
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
    """Every x tick label a chart shows (all subplots), its <br> lines joined by a space: '1 Sep 2013 Ashraf'; the
    chart is scrolled into view first (show_graph)."""
    show_graph(page, graph_id)
    return page.evaluate(
        """(id) => Array.from(document.querySelectorAll(`#${id} .xaxislayer-above text`))
                .map((t) => {
                    const lines = Array.from(t.querySelectorAll('tspan.line')).map((s) => s.textContent);
                    return lines.length ? lines.join(' ') : t.textContent;
                })""",
        graph_id,
    )


DRAWN = f"(id) => ({PLOT_DRAWN})(document.querySelector(`#${{id}} .js-plotly-plot`))"


def wait_ready(page: Page, timeout: float = READY_TIMEOUT_MS, may_be_empty: tuple[str, ...] = ()) -> None:
    """Wait until Dash has filled the KPIs, drawn the map with its base map and the charts, and has settled.

    Graphs named in `may_be_empty` need only be drawn (SVG), not have a trace: a view with nothing of that kind
    draws an empty chart with a note. On a timeout the error names the console errors seen so far (a failing
    callback usually explains it).
    """
    try:
        _wait_ready(page, timeout, may_be_empty)
    except (AssertionError, PlaywrightError) as err:
        errors = ERRORS_SO_FAR.get(page, list)()
        if not errors:
            raise
        raise AssertionError(
            f"the page did not get ready ({str(err).splitlines()[0]}); console errors:\n" + "\n".join(errors)
        ) from err


def _wait_ready(page: Page, timeout: float, may_be_empty: tuple[str, ...] = ()) -> None:
    killed = page.locator("#kpi-killed")
    expect(killed).not_to_have_text("…", timeout=timeout)
    expect(killed).not_to_have_text("", timeout=timeout)
    # A chart far off screen holds its figure until scrolled near (assets/graph_update.js): show_graph draws it.
    for graph_id in GRAPHS:
        if graph_id in may_be_empty:
            page.wait_for_function(
                f"(id) => ({KEPT})(id) || !!document.querySelector(`#${{id}} .js-plotly-plot .main-svg`)",
                arg=graph_id,
                timeout=timeout,
            )
        else:
            page.wait_for_function(f"(id) => ({KEPT})(id) || ({DRAWN})(id)", arg=graph_id, timeout=timeout)
    # The base map is in once the topojson has loaded and the country outlines are drawn in the geo subplots.
    page.wait_for_function(f"() => ({KEPT})('map') || ({MAP_BASE_DRAWN})()", timeout=timeout)
    # And no callback is still in flight (Dash marks the outputs it is waiting for).
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')", timeout=timeout)


def map_point_center(page: Page, customdata: list[str], geo: str | None = None) -> dict | None:
    """Viewport centre {x, y} of the map marker whose customdata equals `customdata` (in `geo` if given).

    The marker is scrolled into view first, so the position can be clicked with page.mouse.
    """
    show_graph(page, "map")
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
    show_graph(page, graph_id)
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


# --- Helpers for the provenance, share and access tests (URL state, the app's own expectations, table, focus). ---


def query(page: Page) -> dict[str, list[str]]:
    """The page URL's query parameters."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query)


def _view(start: str, end: str, place: str | None = None, lens: str = "all"):
    import pandas as pd

    from data.select import View

    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, lens)


def app_view(
    start: str, end: str, place: str | None = None, lens: str = "all", grades: tuple[str, ...] = (), lang: str = "en"
):
    """The view model's own panels (KPI texts, labels) for a view, to compare the page with what the app computes."""
    import dataclasses

    import present
    from data.load import default_bundle

    view = dataclasses.replace(_view(start, end, place, lens), grades=tuple(grades), lang=lang)
    return present.render_panels(default_bundle(), view)


def app_table(start: str, end: str, place: str | None = None, lens: str = "all"):
    """The rows behind a view as the app computes them (the on-page table and the CSV export)."""
    import present
    from data.load import default_bundle

    return present.table(default_bundle(), _view(start, end, place, lens))


def settled(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until no Dash callback is in flight (Dash marks the outputs it is waiting for)."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')", timeout=timeout)


def show_table(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """Scroll to the data table as a reader does, and wait until the current view's rows are drawn there (off
    screen the table holds a note instead: assets/table_in_view.js)."""
    page.locator("#data-table").scroll_into_view_if_needed()
    page.wait_for_function("() => !document.querySelector('#data-table .table-not-drawn')", timeout=timeout)
    settled(page, timeout)


def table_column(page: Page, header: str) -> list[str]:
    """The text of every body cell of the data table's column whose header starts with `header` (sort arrows
    ignored), once the table is on screen. A view without rows gives []."""
    show_table(page)
    return page.evaluate(
        """(header) => {
            const table = document.querySelector('#data-table table');
            if (!table) return [];
            const heads = Array.from(table.querySelectorAll('thead th'))
                .map((th) => th.textContent.replace(/[▲▼]/g, '').trim());
            const k = heads.indexOf(header);
            if (k < 0) throw new Error(`no column ${header} in ${heads}`);
            return Array.from(table.querySelectorAll('tbody tr'))
                .filter((tr) => tr.children.length === heads.length)
                .map((tr) => tr.children[k].textContent.trim());
        }""",
        header,
    )


def focused(page: Page) -> dict:
    """What has the keyboard focus: tag, role, id of the nearest element with an id, text, value, outline style."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const host = e && e.closest('[id]');
            const style = getComputedStyle(e);
            return {
                tag: e.tagName, role: e.getAttribute('role'), host: host ? host.id : null,
                text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
                value: e.value === undefined ? null : e.value, checked: e.checked === undefined ? null : e.checked,
                outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
            };
        }"""
    )


def tab_until(page: Page, selector: str, max_presses: int = 100) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses it took.

    Fails (naming every stop on the way) if it is not reached within max_presses.
    """
    stops = []
    for n in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector):
            return n
        f = focused(page)
        stops.append(f"{f['tag']}#{f['host']}:{f['text'][:20]!r}")
    raise AssertionError(f"{selector} not reached by Tab in {max_presses} presses; stops: {stops}")


def empty_graphs(start: str, end: str, place: str | None = None, lens: str = "all") -> tuple[str, ...]:
    """The charts the app draws without any trace for a view (for wait_ready's may_be_empty)."""
    panels = app_view(start, end, place, lens)
    figures = {"casualty-chart": panels.casualties, "relocation-chart": panels.relocations}
    return tuple(graph_id for graph_id, fig in figures.items() if not fig["data"])


def clear_clipboard(page: Page) -> None:
    """Empty the clipboard (the context needs the clipboard-read and clipboard-write permissions)."""
    page.evaluate("() => navigator.clipboard.writeText('')")


def wait_clipboard(page: Page, want: str, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until the clipboard holds exactly `want` (the context needs the clipboard-read permission)."""
    try:
        # wait_for_function does not await a Promise, so the predicate reads the clipboard in the background and
        # compares the last text read.
        page.wait_for_function(
            """(want) => {
                navigator.clipboard.readText().then((t) => { window.__clipboardText = t; });
                return window.__clipboardText === want;
            }""",
            arg=want,
            timeout=timeout,
        )
    except PlaywrightError as err:
        have = page.evaluate("() => navigator.clipboard.readText()")
        raise AssertionError(f"the clipboard holds {have!r}, expected {want!r}") from err
