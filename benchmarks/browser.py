"""Headless chromium as the benchmark and the browser tests run it: the binary, its flags, and "the page is drawn".

One definition for both, so the benchmark's page-ready time and the tests' "page drawn" mean the same thing.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CAMPS_ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Both map panels (region and Iraq detail) have their base map's country outlines or coastlines drawn.
MAP_BASE_DRAWN = """() => {
    const geos = Array.from(document.querySelectorAll('#map .geo'));
    return geos.length === 2 && geos.every((g) => g.querySelector('.countries path, .coastlines path'));
}"""
# A plot div has drawn its traces (an SVG and at least one computed trace).
PLOT_DRAWN = """(gd) => !!gd && !!gd.querySelector('.main-svg') && Array.isArray(gd._fullData)
    && gd._fullData.length > 0"""
# What a reader can see is drawn: every graph has drawn its traces or, far off screen, holds its figure until it is
# scrolled near (data-draw-deferred, assets/graph_update.js); the map, if drawn, has its base maps.
VIEW_READY = f"""() => {{
    const graphs = Array.from(document.querySelectorAll('.dash-graph'));
    if (graphs.length === 0) return false;
    const plot = (g) => g && g.querySelector('.js-plotly-plot');
    const kept = (gd) => !!gd && gd.dataset.drawDeferred === 'true';
    const drawn = {PLOT_DRAWN};
    const map = plot(document.getElementById('map'));
    return graphs.every((g) => kept(plot(g)) || drawn(plot(g))) && (kept(map) || ({MAP_BASE_DRAWN})());
}}"""
# Every graph has drawn its traces (the one-graph page of the benchmark's baseline too).
GRAPHS_DRAWN = f"""() => {{
    const graphs = Array.from(document.querySelectorAll('.dash-graph'));
    return graphs.length > 0 && graphs.every((g) => ({PLOT_DRAWN})(g.querySelector('.js-plotly-plot')));
}}"""
# Every graph has drawn its traces, and the map its base maps.
ALL_GRAPHS_DRAWN = f"() => ({GRAPHS_DRAWN})() && ({MAP_BASE_DRAWN})()"
