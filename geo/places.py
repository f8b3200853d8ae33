"""Places (camps and destination countries) as points."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.crs import WGS84


def places_frame(places: pd.DataFrame) -> gpd.GeoDataFrame:
    """Point GeoDataFrame (EPSG:4326) of the places table, indexed by place_id."""
    geometry = [Point(lon, lat) for lon, lat in zip(places["lon"], places["lat"], strict=True)]
    return gpd.GeoDataFrame(places.copy(), geometry=geometry, crs=WGS84)
