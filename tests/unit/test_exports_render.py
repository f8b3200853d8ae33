"""Image exports through the routes, rendered by kaleido and Debian chromium (one browser for the session)."""

from __future__ import annotations

import re
import shutil

import pytest

from exports import images

YEAR_2013 = "from=2013-01&to=2013-12"
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}
TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")),
    reason="image export needs Chromium (make system-deps)",
)


@pytest.fixture(scope="module")
def client():
    from app import server

    yield server.test_client()
    images.stop()  # the browser is shared by every test here and closed once


@pytest.fixture(scope="module")
def casualties_svg(client) -> str:
    response = client.get(f"/export/casualties.svg?{YEAR_2013}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("figure", ["casualties", "map"])
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_image_formats(client, figure, fmt):
    response = client.get(f"/export/{figure}.{fmt}?{YEAR_2013}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == TYPES[fmt]
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="camps-atlas-{figure}-2013-01_2013-12.{fmt}"'
    )
    head = response.data[:200].lstrip()
    assert head.startswith(MAGIC[fmt]) or (fmt == "svg" and b"<svg" in head)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert png[12:16] == b"IHDR"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_png_has_the_requested_size_and_scale(client):
    response = client.get(f"/export/casualties.png?{YEAR_2013}&width=900&height=800&scale=2")
    assert response.status_code == 200
    assert png_size(response.data) == (1800, 1600)
    default = client.get(f"/export/casualties.png?{YEAR_2013}")
    width, height = png_size(default.data)
    assert width == 1000 and height > 620  # the page's chart height plus the caption


def test_map_is_drawn_offline_not_blank(client):
    png = client.get(f"/export/map.png?{YEAR_2013}")
    assert png.status_code == 200 and len(png.data) > 30_000
    svg = client.get(f"/export/map.svg?{YEAR_2013}").get_data(as_text=True)
    countries = re.findall(r'<g class="layer countries"><path[^>]* d="([^"]*)"', svg)
    land = re.findall(r'<g class="layer land"><path[^>]* d="([^"]*)"', svg)
    assert countries and max(map(len, countries)) > 10_000  # the topojson base map was loaded and drawn
    assert land and max(map(len, land)) > 10_000


def test_caption_is_in_the_image(casualties_svg, bundle):
    assert "Jan 2013 – Dec 2013" in casualties_svg
    assert f"data version {bundle.version}" in casualties_svg
    assert "Camps Atlas · Casualties per attack" in casualties_svg
    assert "Place: all places" in casualties_svg
    sources = re.search(r"Claimants \((\d+)\): ([^<+]+)", casualties_svg)
    assert sources and int(sources.group(1)) > 3
    assert any(
        name in sources.group(2)
        for name in ("UNHCR", "Iraqi police and security sources", "UNAMI", "PMOI/MEK and NCRI")
    )


def test_filters_are_in_the_caption_and_the_name(client):
    response = client.get("/export/relocations.svg?from=2013-01&to=2016-12&place=alb&lens=independent")
    assert response.status_code == 200
    assert "camps-atlas-relocations-2013-01_2016-12-alb-independent.svg" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert "Place: Albania" in text and "Lens: Independent claimants" in text


def test_same_view_is_served_from_the_cache(client):
    client.get(f"/export/casualties.png?{YEAR_2013}")
    hits = images.cache_info().hits
    again = client.get(f"/export/casualties.png?{YEAR_2013}")
    assert again.status_code == 200 and images.cache_info().hits == hits + 1


def test_population_chart_exports(client):
    response = client.get(f"/export/population.png?{YEAR_2013}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data.startswith(MAGIC["png"])


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_context_chart_exports_with_every_source_and_absolute_links(client, bundle, fmt):
    response = client.get(f"/export/context.{fmt}?{YEAR_2013}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data.startswith(MAGIC[fmt])
    assert (
        response.headers["Content-Disposition"] == f'attachment; filename="camps-atlas-context-2013-01_2013-12.{fmt}"'
    )
    svg = client.get(f"/export/context.svg?{YEAR_2013}").get_data(as_text=True)
    assert "http://127.0.0.1:8050/export/data.csv?from=2013-01&amp;to=2013-12" in svg
    assert "more" not in svg.split("Claimants (")[1].split("App version")[0]


def test_concurrent_exports_each_get_their_own_image(client, monkeypatch):
    """Renders are serialised: each request gets the answer to its own figure."""
    from concurrent.futures import ThreadPoolExecutor

    from app import server
    from exports.renderer import RENDERER

    monkeypatch.setattr(RENDERER, "limit", 4)  # all four queue (the default queue would refuse two)

    widths = [640, 720, 800, 880]

    def fetch(width: int) -> tuple[int, int]:
        response = server.test_client().get(f"/export/casualties.png?{YEAR_2013}&width={width}")
        assert response.status_code == 200
        return png_size(response.data)[0], width

    with ThreadPoolExecutor(len(widths)) as pool:
        for got, wanted in pool.map(fetch, widths):
            assert got == wanted


def test_a_missing_browser_is_a_503_and_the_next_export_recovers(client, monkeypatch):
    images.stop()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get(f"/export/casualties.svg?{YEAR_2013}&width=901")
    assert response.status_code == 503
    assert "export renderer unavailable" in response.get_data(as_text=True)
    monkeypatch.undo()  # BROWSER_PATH as it was
    again = client.get(f"/export/casualties.svg?{YEAR_2013}&width=901")
    assert again.status_code == 200 and b"<svg" in again.data[:200]
