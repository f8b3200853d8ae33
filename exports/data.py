"""The rows behind a view as CSV (exactly the on-page table) and as GeoJSON (the same rows with geometry)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import present
from data.load import Bundle
from data.select import View, select
from exports.caption import app_version
from geo import flow_lines, places_frame

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}
_DECIMALS = 5  # ~1 m; the camp points are approximate anyway


def table(bundle: Bundle, view: View) -> pd.DataFrame:
    """The rows the page's table shows for the view (one per item and source): the page's own function."""
    return present.table(bundle, view)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so as a formula (OWASP)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with ' so they open as the text they are.

    Only text columns: numbers (counts) are written as numbers. A CR line break inside text becomes LF (the CSV
    writer quotes LF, not a bare CR, with our "\\n" line ends)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            text = out[col]
            risky = text.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
            text = text.where(~risky, "'" + text.astype(str))
            out[col] = text.map(lambda v: v.replace("\r\n", "\n").replace("\r", "\n") if isinstance(v, str) else v)
    return out


# The HXL hashtag of each column (Humanitarian Exchange Language 1.1, https://hxlstandard.org/standard/1-1final/):
# `?hxl=1` writes them as a row under the header, so HDX tools and libhxl read the columns' meaning.
HXL_TAGS = {
    "item_type": "#event+type",
    "item_id": "#event+id",
    "item": "#event+name",
    "date": "#date",
    "date_precision": "#date+precision",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "place": "#loc+name",
    "destination": "#loc+name+destination",
    "killed": "#affected+killed",
    "wounded": "#affected+injured",
    "abducted_or_missing": "#affected+missing",
    "people": "#population",
    "disputed": "#status+disputed",
    "grade": "#status+grade",
    "partly_in_range": "#meta+partial",
    "source": "#meta+source",
    "source_title": "#meta+source+title",
    "source_kind": "#org+type+claimant+label",
    "source_date": "#date+reported",
    "reference": "#meta+url",
    "claimant": "#org+claimant",
    "claimant_kind": "#org+type+claimant",
    "publisher": "#org+publisher",
    "publisher_kind": "#org+type+publisher",
    "read_at": "#meta+read_at",
    "relayed_by_party": "#org+type+relay",
    "relayed_via": "#org+relay",
    "own_account": "#meta+own_account",
    "superseded": "#meta+superseded",
    "note": "#description",
}


def to_csv(bundle: Bundle, view: View, hxl: bool = False) -> bytes:
    """The view's table as UTF-8 CSV, columns as on the page, empty cells for missing figures; text that would be a
    spreadsheet formula starts with ' (neutralise_formulas). hxl: a row of HXL hashtags under the header."""
    rows = neutralise_formulas(table(bundle, view))
    if hxl:
        tags = pd.DataFrame([[HXL_TAGS[col] for col in rows.columns]], columns=rows.columns)
        rows = pd.concat([tags, rows.astype(object)], ignore_index=True)
    return rows.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _geometries(bundle: Bundle, view: View, rows: pd.DataFrame) -> list:
    """Per table row: the place point (attacks, stated populations, movements without a destination) or the
    great-circle line from origin to destination (movements), coordinates rounded to _DECIMALS."""
    places = places_frame(bundle.places)
    sel = select(bundle, view)
    event_place = sel.events.drop_duplicates("event_id").set_index("event_id")["place_id"]
    population_place = sel.populations.drop_duplicates("population_id").set_index("population_id")["place_id"]
    moves = sel.movements.drop_duplicates("movement_id").set_index("movement_id")
    pairs = moves[["origin_place_id", "destination_place_id"]].fillna("").drop_duplicates()
    lines = flow_lines(pairs.reset_index(drop=True), places)
    line_of = {
        (o, d): g
        for o, d, g in zip(lines["origin_place_id"], lines["destination_place_id"], lines.geometry, strict=True)
    }
    out = []
    for kind, item in zip(rows["item_type"], rows["item_id"], strict=True):
        if kind == "attack":
            geom = places.geometry[event_place[item]]
        elif kind in ("stated population", "projected population"):
            geom = places.geometry[population_place[item]]
        else:
            origin, dest = moves.at[item, "origin_place_id"], moves.at[item, "destination_place_id"] or ""
            geom = line_of.get((origin, dest), places.geometry[origin])
        out.append(geom)
    return list(shapely.transform(out, lambda coords: np.round(coords, _DECIMALS)))


def to_geojson(bundle: Bundle, view: View) -> bytes:
    """The view's table as a GeoJSON FeatureCollection (WGS84): properties are the table's columns
    (GeoDataFrame.to_geo_dict), with a foreign member naming the view and the versions that produced it."""
    rows = table(bundle, view)
    frame = gpd.GeoDataFrame(rows, geometry=_geometries(bundle, view, rows), crs="EPSG:4326")
    collection = {
        "type": "FeatureCollection",
        "name": f"camps-atlas-data-{view.start}_{view.end}",
        "camps_atlas": {  # a foreign member: which view and which versions produced the file
            **view.out_of_story().to_store(),
            "data_version": bundle.version,
            "app_version": app_version(),
        },
        "features": frame.to_geo_dict(na="null", drop_id=True)["features"],
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8")


def _plain(value):
    """numpy scalars (e.g. a bool column's values) as the Python values json writes."""
    return value.item()
