"""The partial plotly.js bundle: built from the lock file, named by its content, served long-cached, and holding
every trace type the figures use."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import plotly
import pytest

from data.load import default_bundle
from data.select import LENSES, View
from exports import FIGURES
from exports.images import build_figure

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "components" / "plotly_bundle"
ASSETS = ROOT / "components" / "assets"
VENDOR = ASSETS / "vendor"


def bundle_file() -> Path:
    files = sorted(VENDOR.glob("plotly-*-partial.*.min.js"))
    assert len(files) == 1, f"exactly one partial plotly bundle expected in {VENDOR}, found {files}"
    return files[0]


def registered_traces() -> set[str]:
    """Trace types entry.js registers; plotly.js's core always has scatter (calendars and locales are not traces)."""
    modules = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", (BUILD / "entry.js").read_text()))
    return {"scatter", *modules - {"core", "calendars"}}


def test_bundle_name_is_its_content_hash_and_version_is_plotlys():
    path = bundle_file()
    version, digest = re.fullmatch(r"plotly-([\d.]+)-partial\.([0-9a-f]{12})\.min\.js", path.name).groups()
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] == digest
    # The same plotly.js as the one plotly (Python) bundles and dcc.Graph would otherwise load.
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert f"plotly.js v{version}" in full.read_text(encoding="utf-8")[:200]
    lock = json.loads((BUILD / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == version
    assert json.loads((BUILD / "package.json").read_text())["dependencies"]["plotly.js"] == version


@pytest.mark.parametrize("lens", LENSES)
def test_every_trace_type_the_figures_use_is_registered(lens):
    bundle = default_bundle()
    views = [
        View(bundle.first_month, bundle.last_month, None, lens),
        View(bundle.first_month, bundle.last_month, "ashraf", lens),
    ]
    used = {trace.type for view in views for name in FIGURES for trace in build_figure(bundle, name, view).data}
    assert used, "the figures drew no trace"
    assert used <= registered_traces(), (
        f"trace types missing from components/plotly_bundle/entry.js: {used - registered_traces()}"
    )


def test_fingerprinted_bundle_is_served_immutable_and_other_assets_are_not():
    from app import server

    client = server.test_client()
    hit = client.get(f"/assets/vendor/{bundle_file().name}")
    assert hit.status_code == 200
    assert "immutable" in hit.headers["Cache-Control"] and "max-age=31536000" in hit.headers["Cache-Control"]
    css = client.get("/assets/style.css")
    assert "immutable" not in css.headers.get("Cache-Control", "")
    topojson = client.get("/assets/topojson/world_110m.json")  # plotly.js asks for it without Dash's ?m=
    assert topojson.status_code == 200 and "immutable" not in topojson.headers.get("Cache-Control", "")


def test_the_pages_own_asset_links_are_served_immutable():
    """The page links its scripts and style sheet with Dash's ?m=<modification time>: a changed file gets a new URL,
    so a reload need not ask for them again."""
    import re

    from app import server

    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r"(/assets/[\w./-]+\?m=[\d.]+)", page)
    assert any("graph_update.js" in u for u in links) and any("style.css" in u for u in links), links
    for url in links:
        answer = client.get(url)
        assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"], url


def test_the_base_maps_asked_for_early_are_the_ones_the_map_draws():
    """assets/topojson_preload.js fetches the map's topojson files while the page loads: the same files the map's
    geo panels name (scope_resolution), each served from the assets."""
    import present
    from data.select import full_view

    bundle = default_bundle()
    layout = present.render_map(bundle, full_view(bundle))["layout"]
    drawn = {f"{layout[g]['scope']}_{layout[g]['resolution']}m" for g in ("geo", "geo2")}
    script = (ASSETS / "topojson_preload.js").read_text()
    preloaded = set(re.findall(r'"(\w+_\d+m)"', script.split("NAMES = [", 1)[1].split("]", 1)[0]))
    assert preloaded == drawn
    assert all((ASSETS / "topojson" / f"{name}.json").is_file() for name in drawn)
