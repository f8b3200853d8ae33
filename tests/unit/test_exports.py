"""Exports without a browser: strict query parsing, file names, captions, CSV/GeoJSON, the routes' 4xx/503 answers."""

from __future__ import annotations

import io
import json
import re

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest

from data.select import View, full_view, select
from data.table import table as view_rows
from exports import caption, data, images
from exports.params import ParamError, Size, filename, parse_query, parse_size

YEAR_2013 = "from=2013-01&to=2013-12"


def month(text: str) -> pd.Period:
    return pd.Period(text, "M")


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


# --- parameters ----------------------------------------------------------------------------------------------


def test_query_gives_view_and_size(bundle):
    view, size = parse_query(f"?{YEAR_2013}&place=ashraf&lens=independent&width=800&scale=2", True)[:2]
    assert view == View(month("2013-01"), month("2013-12"), "ashraf", "independent")
    assert size == Size(800, None, 2.0)


def test_empty_query_is_the_whole_period(bundle):
    view, size = parse_query("", True)[:2]
    assert (view.start, view.end, view.place, view.lens) == (bundle.first_month, bundle.last_month, None, "all")
    assert size == Size()


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("from=banana", "from='banana'"),
        ("to=2013-13", "to='2013-13'"),
        ("from=2030-01", "from=2030-01 is outside the data"),
        ("from=2014-01&to=2013-01", "from=2014-01 is after to=2013-01"),
        ("place=nowhere", "place='nowhere'"),
        ("lens=mine", "lens='mine'"),
        ("colour=red", "unknown parameter 'colour'"),
        ("from=2013-01&from=2013-02", "'from' is given more than once"),
        ("width=100000", "width=100000 is out of bounds"),
        ("width=399", "width=399 is out of bounds"),
        ("height=12.5", "height='12.5'"),
        ("scale=0.1", "scale=0.1 is out of bounds"),
        ("scale=-1", "scale='-1'"),
    ],
)
def test_bad_parameters_are_errors_naming_them(bundle, query, named):
    with pytest.raises(ParamError) as err:
        parse_query(query, True)[:2]
    assert named in str(err.value)
    assert "Ignored" not in str(err.value) and "using" not in str(err.value)


def test_size_is_not_a_data_parameter(bundle):
    with pytest.raises(ParamError, match="apply to images only"):
        parse_query("width=800", False)[:2]


def test_size_bounds_are_inclusive():
    assert parse_size("400", "3000", "0.5") == Size(400, 3000, 0.5)
    assert parse_size("3000", "300", "4") == Size(3000, 300, 4.0)


def test_filename_names_the_view():
    view = View(month("2013-01"), month("2013-12"))
    assert filename("map", view, "png") == "camps-atlas-map-2013-01_2013-12.png"
    narrowed = View(month("2013-09"), month("2013-09"), "ashraf", "seeds")
    assert filename("data", narrowed, "geojson") == "camps-atlas-data-2013-09_2013-09-ashraf-seeds.geojson"


# --- caption -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("figure", ["map", "casualties", "relocations", "population", "context"])
def test_caption_lists_every_source_and_absolute_urls(bundle, figure):
    """Provenance is never cut: every claimant behind the figure is in the caption (no '+N more'), and the view
    and its data are given as absolute URLs under the app's root."""
    view = full_view(bundle)
    lines = caption.caption_lines(bundle, view, figure, "T", 1000, "http://atlas.example:8050/")
    text = " ".join(lines)
    names = caption.claimants(bundle, caption.figure_rows(bundle, view, figure))
    assert len(names) > 5 and "more" not in text.split("Claimants")[1].split("App version")[0]
    assert all(name in text for name in names)
    assert "http://atlas.example:8050/?from=2009-07&to=2016-12" in text
    assert "http://atlas.example:8050/export/data.csv?from=2009-07&to=2016-12" in text
    assert " /export/" not in text


def test_a_long_caption_makes_the_image_taller_not_shorter(bundle):
    view = full_view(bundle)
    fig = images.captioned_figure(bundle, "map", view, Size(800, 300))
    lines = caption.caption_lines(bundle, view, "map", "x", 800)
    assert fig.layout.height >= caption.caption_height(lines) + images.MIN_PLOT_PX


def test_caption_names_view_sources_and_versions(bundle):
    view = View(month("2013-01"), month("2013-12"), "liberty", "independent")
    lines = caption.caption_lines(bundle, view, "casualties", "Casualties per attack", 1000)
    text = " ".join(lines)
    assert "Casualties per attack" in text
    assert "Jan 2013 – Dec 2013" in text
    assert "Place: Camp Liberty" in text
    assert "Lens: Independent claimants" in text
    assert f"data version {bundle.version}" in text
    assert f"App version {caption.app_version()}" in text
    events = select(bundle, view).events
    names = set(events["claimant_id"].map(bundle.claimants["name"]))
    first = caption.claimants(bundle, [events])[0]
    assert first in names and first in text
    assert "PMOI/MEK" not in text  # the group's figures are not in the independent view, nor named in its caption
    assert all(len(line) <= (1000 - 40) / caption._CHAR_PX for line in lines)


def test_caption_of_an_empty_view_says_so(bundle):
    view = View(month("2016-12"), month("2016-12"), "esp")
    text = " ".join(caption.caption_lines(bundle, view, "casualties", "Casualties", 1000))
    assert "Claimants: none" in text


def test_caption_sits_below_the_legend_without_changing_the_chart(bundle):
    view = View(month("2013-01"), month("2013-12"))
    fig = images.captioned_figure(bundle, "casualties", view)
    page = images.build_figure(bundle, "casualties", view)
    assert fig.layout.width == 1000 and fig.layout.height > page.layout.height
    assert fig.layout.margin.autoexpand is False
    assert fig.layout.legend.yref == "container"
    note = fig.layout.annotations[-1]
    assert "data version" in note.text and note.yref == "paper" and note.y < 0
    assert len(fig.data) == len(page.data)  # the marks are the page's
    assert page.layout.height == images.build_figure(bundle, "casualties", view).layout.height  # page untouched


def test_explicit_size_is_the_image_size(bundle):
    fig = images.captioned_figure(bundle, "map", View(month("2013-01"), month("2013-12")), Size(800, 900))
    assert (fig.layout.width, fig.layout.height) == (800, 900)


# --- data ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "view",
    [
        View(month("2013-01"), month("2013-12")),
        View(month("2009-07"), month("2016-12")),
        View(month("2013-09"), month("2013-09"), "ashraf", "independent"),
        View(month("2014-01"), month("2016-12"), "alb", "seeds"),
    ],
    ids=["2013", "everything", "ashraf-independent", "albania-seeds"],
)
def test_csv_is_the_table_and_geojson_the_same_rows(bundle, view):
    table = view_rows(bundle, view)
    csv = data.to_csv(bundle, view)
    assert csv.decode("utf-8") == table.to_csv(index=False, lineterminator="\n")
    read = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False)
    assert list(read.columns) == list(table.columns)
    assert list(read["item_id"]) == list(table["item_id"])
    frame = gpd.read_file(io.BytesIO(data.to_geojson(bundle, view)))
    assert len(frame) == len(table)
    assert list(frame["item_id"]) == list(table["item_id"])
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.notna().all() and frame.geometry.is_valid.all()


def test_geojson_geometry_follows_the_item(bundle):
    view = View(month("2009-07"), month("2016-12"))
    collection = json.loads(data.to_geojson(bundle, view))
    assert collection["camps_atlas"]["data_version"] == bundle.version
    by_type: dict[str, set[str]] = {}
    for feature in collection["features"]:
        by_type.setdefault(feature["properties"]["item_type"], set()).add(feature["geometry"]["type"])
    assert by_type["attack"] == {"Point"}
    assert by_type["stated population"] == {"Point"}
    assert "LineString" in by_type["transfer"]
    for feature in collection["features"]:
        props, geom = feature["properties"], feature["geometry"]
        if props["item_type"] in ("transfer", "stated total") and geom["type"] == "LineString":
            assert len(geom["coordinates"]) == 33  # great circle, 32 segments
        if props["item_type"] == "transfer" and props["destination"] == "unspecified third countries":
            assert geom["type"] == "Point"
    ashraf = bundle.places.loc["ashraf"]
    attack = next(f for f in collection["features"] if f["properties"]["place"] == "Camp Ashraf")
    assert attack["geometry"]["coordinates"] == pytest.approx([ashraf["lon"], ashraf["lat"]], abs=1e-4)


def test_empty_view_exports_header_and_empty_collection(bundle):
    view = View(month("2016-12"), month("2016-12"), "esp")
    assert data.to_csv(bundle, view).decode().strip().startswith("item_type,item_id")
    assert json.loads(data.to_geojson(bundle, view))["features"] == []


# --- routes (no rendering) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "named"),
    [
        ("/export/nonsense.png", 404, "unknown figure 'nonsense'"),
        ("/export/map.exe", 400, "unknown image format 'exe'"),
        ("/export/map.csv", 400, "unknown image format 'csv'"),
        ("/export/data.png", 400, "unknown data format 'png'"),
        ("/export/map", 404, "no export named 'map'"),
        ("/export/casualties.png?from=banana", 400, "from='banana'"),
        (f"/export/casualties.png?{YEAR_2013}&width=100000", 400, "width=100000"),
        ("/export/map.png?place=nowhere", 400, "place='nowhere'"),
        ("/export/map.svg?lens=mine", 400, "lens='mine'"),
        ("/export/data.csv?to=2099-01", 400, "to=2099-01"),
        ("/export/data.geojson?scale=2", 400, "'scale'"),
    ],
)
def test_bad_requests_get_a_plain_4xx_naming_the_problem(client, url, status, named):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert named in body
    assert "Usage: /export/" in body


def test_valid_names_are_listed(client):
    assert "map, casualties, relocations, population" in client.get("/export/nonsense.png").get_data(as_text=True)
    assert "png, svg, pdf" in client.get("/export/map.exe").get_data(as_text=True)


def test_csv_route_returns_the_table_rows(client, bundle):
    response = client.get(f"/export/data.csv?{YEAR_2013}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="camps-atlas-data-2013-01_2013-12.csv"'
    rows = pd.read_csv(io.BytesIO(response.data), dtype=str, keep_default_na=False)
    table = view_rows(bundle, View(month("2013-01"), month("2013-12")))
    assert len(rows) == len(table) > 0
    assert list(rows["item_id"]) == list(table["item_id"])


def test_geojson_route_is_readable_by_geopandas(client, bundle):
    response = client.get(f"/export/data.geojson?{YEAR_2013}&place=liberty&lens=independent")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/geo+json"
    assert "camps-atlas-data-2013-01_2013-12-liberty-independent.geojson" in response.headers["Content-Disposition"]
    frame = gpd.read_file(io.BytesIO(response.data))
    view = View(month("2013-01"), month("2013-12"), "liberty", "independent")
    assert len(frame) == len(view_rows(bundle, view)) > 0


def test_renderer_failure_is_a_503_not_a_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise images.RendererUnavailable("the kaleido browser stopped")

    monkeypatch.setattr(images, "render", broken)
    images.cache_clear()
    response = client.get(f"/export/casualties.png?{YEAR_2013}&width=777")
    assert response.status_code == 503
    assert response.get_data(as_text=True).startswith("503 Service Unavailable: export renderer unavailable:")


def test_an_unexpected_error_is_a_short_500(client, monkeypatch):
    def bug(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(images, "build_figure", bug)
    images.cache_clear()
    response = client.get(f"/export/relocations.svg?{YEAR_2013}&width=778")
    assert response.status_code == 500  # a bug, not an unavailable service; the detail is in the log only
    assert "export failed" in response.get_data(as_text=True)
    assert "KeyError" not in response.get_data(as_text=True)


def test_builders_draw_the_pages_figures(bundle):
    view = View(month("2013-01"), month("2013-12"))
    for name in images.BUILDERS:
        assert isinstance(images.build_figure(bundle, name, view), go.Figure)


def test_a_data_export_lists_only_its_own_parameters():
    """The data and the report take no image size: an unknown parameter's message lists what they do take."""
    with pytest.raises(ParamError) as err:
        parse_query("paper=a4", False)
    assert "unknown parameter 'paper'" in str(err.value) and "width" not in str(err.value)
    with pytest.raises(ParamError, match="apply to images only"):
        parse_query("scale=2", False)
    view, _, rest = parse_query("story=camps&step=4&paper=letter", False, ("paper",))
    assert (view.story, view.step, rest) == ("camps", 4, {"paper": "letter"})


def test_every_exported_row_names_its_claimant_publisher_and_where_it_was_read(client, bundle):
    """The CSV (and the GeoJSON, the same table) carries who makes each figure and who published it, as the data
    files record them, machine-readable beside the `source` words; the independent lens keeps no party claimant."""
    rows = pd.read_csv(io.BytesIO(client.get("/export/data.csv?from=2009-07&to=2016-12").data), dtype=str,
                       keep_default_na=False)  # fmt: skip
    assert {"claimant", "claimant_kind", "publisher", "publisher_kind", "read_at"} <= set(rows.columns)
    frames = pd.concat([bundle.events, bundle.movements.rename(columns={"movement_id": "event_id"})], ignore_index=True)
    for r in rows.loc[rows["item_type"].isin(["attack", "transfer", "stated total"])].itertuples():
        found = frames.loc[frames["event_id"] == r.item_id]
        claimants = set(found["claimant_id"].map(bundle.claimants["name"]))
        assert r.claimant in claimants, (r.item_id, r.claimant)
        assert r.claimant_kind in set(bundle.claimants["kind"])
        assert r.publisher in set(found["source_id"].map(bundle.sources["publisher"]))
    m06 = rows.loc[rows["item_id"] == "M06_cumulative_2012"].set_index("claimant")
    assert m06.at["UNAMI", "claimant_kind"] == "un" and m06.at["UNAMI", "publisher_kind"] == "news"
    assert m06.at["UNAMI", "publisher"] == "Radio Free Europe/Radio Liberty"
    independent = pd.read_csv(io.BytesIO(client.get("/export/data.csv?from=2009-07&to=2016-12&lens=independent").data),
                              dtype=str, keep_default_na=False)  # fmt: skip
    assert not set(independent["claimant_kind"]) & {"group", "iran_state"}
    frame = gpd.read_file(io.BytesIO(client.get("/export/data.geojson?from=2009-07&to=2016-12").data))
    assert list(frame["claimant"]) == list(rows["claimant"]) and list(frame["read_at"].fillna("")) == list(
        rows["read_at"]
    )


def test_hxl_1_adds_a_row_of_hxl_hashtags_under_the_header(client):
    """/export/data.csv?hxl=1: a hashtag per column (HXL 1.1 syntax) under the header, the rows as without it."""
    plain = client.get("/export/data.csv?from=2013-01&to=2013-12").data.decode()
    tagged = client.get("/export/data.csv?from=2013-01&to=2013-12&hxl=1").data.decode()
    header, tags, *rows = tagged.split("\n")
    assert [header, *rows] == plain.split("\n")
    columns, hashtags = header.split(","), tags.split(",")
    assert len(hashtags) == len(columns) == len(set(hashtags))
    assert all(re.fullmatch(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*", t) for t in hashtags), hashtags
    assert dict(zip(columns, hashtags, strict=True))["killed"] == "#affected+killed"
    assert client.get("/export/data.csv?from=2013-01&to=2013-12&hxl=0").data.decode() == plain
    for url, named in (("/export/data.csv?hxl=yes", "hxl='yes'"), ("/export/data.geojson?hxl=1", "'hxl'")):
        answer = client.get(url)
        assert answer.status_code == 400 and named in answer.get_data(as_text=True)
