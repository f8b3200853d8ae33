"""Reading what the Dash page shows: plotly's computed traces, tick labels, and waiting for the app."""

from __future__ import annotations

from playwright.sync_api import Page, expect

READY_TIMEOUT_MS = 20_000

# ---------------------------------------------------------------------------------------------------------------
# Reading what the page shows


def full_data(page, graph_id: str) -> list[dict]:
    """The traces a dcc.Graph drew, as plotly computed them (arrays decoded; {dtype, bdata} never reaches here)."""
    return page.evaluate(
        """(id) => {
            const gd = document.querySelector(`#${id} .js-plotly-plot`);
            if (!gd || !gd._fullData) return null;
            const plain = (v) => (v && typeof v === 'object' && ArrayBuffer.isView(v)) ? Array.from(v) : v;
            return gd._fullData.map((t) => ({
                type: t.type, name: t.name, geo: t.geo, visible: t.visible,
                lon: plain(t.lon), lat: plain(t.lat), x: plain(t.x), y: plain(t.y),
                customdata: plain(t.customdata),
            }));
        }""",
        graph_id,
    )


def tick_labels(page, graph_id: str) -> list[str]:
    """The x tick labels a chart shows (text of every x tick, all subplots, <br> lines joined by a space)."""
    return page.evaluate(
        """(id) => Array.from(document.querySelectorAll(`#${id} .xtick text, #${id} g[class^="xtick"] text`))
                .map((t) => Array.from(t.querySelectorAll('tspan.line')).map((s) => s.textContent).join(' ')
                             || t.textContent)""",
        graph_id,
    )


def wait_graph_drawn(page, graph_id: str, timeout: float = READY_TIMEOUT_MS) -> None:
    page.wait_for_function(
        """(id) => {
            const gd = document.querySelector(`#${id} .js-plotly-plot`);
            return !!gd && !!gd.querySelector('.main-svg') && Array.isArray(gd._fullData) && gd._fullData.length > 0;
        }""",
        arg=graph_id,
        timeout=timeout,
    )


def wait_ready(page, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until Dash has filled the KPIs and drawn the map (with its base map) and both charts."""
    from playwright.sync_api import expect

    expect(page.locator("#kpi-killed")).not_to_have_text("…", timeout=timeout)
    expect(page.locator("#kpi-killed")).not_to_be_empty(timeout=timeout)
    for graph_id in ("map", "casualty-chart", "relocation-chart"):
        wait_graph_drawn(page, graph_id, timeout)
    # The base map is drawn once the topojson has loaded: country outlines appear in the geo layers.
    page.wait_for_function(
        "() => document.querySelectorAll('#map .geo .countries path, #map .geo .land path').length > 0",
        timeout=timeout,
    )
