"""The one CRS we store data in, and a check that refuses anything else."""

from __future__ import annotations

import geopandas as gpd

WGS84 = "EPSG:4326"


def require_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries, expected: str = WGS84) -> None:
    """Raise ValueError unless the frame's CRS is set and equals `expected` (no silent reprojection)."""
    if frame.crs is None:
        raise ValueError(f"geodata has no CRS; expected {expected}")
    if not frame.crs.equals(expected):
        raise ValueError(f"geodata is in {frame.crs.to_string()}, expected {expected}; reproject with .to_crs() first")
