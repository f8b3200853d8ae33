"""Country polygons (Natural Earth 1:50m, cropped to the region) from data/geo/countries.geojson."""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd

from geo.crs import require_crs

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.geojson"


@functools.cache
def countries_frame(path: Path = COUNTRIES_FILE) -> gpd.GeoDataFrame:
    """Country polygons indexed by upper-case ISO 3166 alpha-3 code (column iso3)."""
    frame = gpd.read_file(path)
    require_crs(frame)
    return frame.set_index("iso3", drop=False)
