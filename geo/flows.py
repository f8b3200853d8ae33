"""Movements as great-circle lines from origin to destination."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString, Point

from geo.crs import WGS84, require_crs

_GEOD = Geod(ellps="WGS84")


def great_circle(start: Point, end: Point, segments: int = 32) -> LineString:
    """The geodesic from start to end (lon/lat points) as a LineString of segments + 1 vertices."""
    inner = _GEOD.npts(start.x, start.y, end.x, end.y, max(segments - 1, 0))
    return LineString([(start.x, start.y), *inner, (end.x, end.y)])


def flow_lines(flows: pd.DataFrame, places: gpd.GeoDataFrame, segments: int = 32) -> gpd.GeoDataFrame:
    """One great-circle line per flow row (needs origin_place_id and destination_place_id; others are kept).

    Rows without a destination (unspecified third countries) have no line and are dropped.
    """
    require_crs(places)
    drawable = flows.loc[flows["destination_place_id"].fillna("") != ""]
    lines = [
        great_circle(places.geometry[o], places.geometry[d], segments)
        for o, d in zip(drawable["origin_place_id"], drawable["destination_place_id"], strict=True)
    ]
    lengths = [_GEOD.geometry_length(line) / 1000 for line in lines]
    return gpd.GeoDataFrame(drawable.assign(length_km=lengths), geometry=lines, crs=WGS84)


def run_together(a: LineString, b: LineString, within_km: float = 60.0, share: float = 0.6) -> bool:
    """Whether two great-circle lines (lon/lat, densely sampled: great_circle(..., 64)) are drawn as one at region
    scale: the shorter is at least a third of the other's length (not a stub at its end) and at least `share` of
    its vertices lie within `within_km` of a vertex of the other."""
    short, other = sorted((a, b), key=_GEOD.geometry_length)
    if _GEOD.geometry_length(short) < _GEOD.geometry_length(other) / 3:
        return False
    xs, ys = other.xy
    near = 0
    for lon, lat in short.coords:
        _, _, metres = _GEOD.inv([lon] * len(xs), [lat] * len(xs), list(xs), list(ys))
        near += min(metres) <= within_km * 1000
    return near >= share * len(short.coords)
