"""Geodata layer: GeoDataFrames of places, flow lines, country polygons and distances. No Dash imports."""

from geo.countries import countries_frame
from geo.crs import WGS84, require_crs
from geo.distance import distance_to_boundary_km
from geo.flows import flow_lines, great_circle, run_together
from geo.places import places_frame

__all__ = [
    "WGS84",
    "countries_frame",
    "distance_to_boundary_km",
    "flow_lines",
    "great_circle",
    "places_frame",
    "require_crs",
    "run_together",
]
