"""Geodesic distance from a point to a polygon's boundary."""

from __future__ import annotations

import geopandas as gpd
from pyproj import CRS
from shapely.geometry import Point
from shapely.ops import nearest_points

from geo.crs import WGS84, require_crs


def distance_to_boundary_km(point: Point, area: gpd.GeoSeries) -> tuple[float, Point]:
    """Shortest distance in km from a lon/lat point to the boundary of an area, and the nearest boundary point.

    Computed in an azimuthal equidistant projection centred on the point, where distances from the centre
    are true geodesic distances.
    """
    require_crs(area)
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={point.y} +lon_0={point.x} +datum=WGS84 +units=m")
    # Densify first so long straight edges in lon/lat follow their true course after projection.
    boundary = area.segmentize(0.01).to_crs(local).union_all().boundary
    origin = Point(0, 0)
    nearest = nearest_points(origin, boundary)[1]
    back = gpd.GeoSeries([nearest], crs=local).to_crs(WGS84).iloc[0]
    return origin.distance(nearest) / 1000, back
