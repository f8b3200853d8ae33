"""Geo layer: CRS checks, great circles, distances, places inside their countries."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo import (
    countries_frame,
    distance_to_boundary_km,
    flow_lines,
    great_circle,
    places_frame,
    require_crs,
    run_together,
)


@pytest.fixture
def tiny_places() -> gpd.GeoDataFrame:
    frame = pd.DataFrame({"place_id": ["a", "b"], "name": ["A", "B"], "lat": [0.0, 0.0], "lon": [0.0, 10.0]}).set_index(
        "place_id", drop=False
    )
    return places_frame(frame)


def test_places_frame_is_wgs84_points(bundle):
    places = places_frame(bundle.places)
    assert places.crs.to_epsg() == 4326
    assert places.geometry["ashraf"].x == pytest.approx(44.5667)
    assert places.geometry["ashraf"].y == pytest.approx(34.0667)


def test_require_crs_refuses_missing_or_other_crs():
    with pytest.raises(ValueError, match="no CRS"):
        require_crs(gpd.GeoSeries([Point(0, 0)]))
    with pytest.raises(ValueError, match=r"EPSG:3857.*expected EPSG:4326"):
        require_crs(gpd.GeoSeries([Point(0, 0)], crs="EPSG:3857"))


def test_great_circle_runs_between_the_two_points():
    line = great_circle(Point(0, 0), Point(10, 0), segments=10)
    assert len(line.coords) == 11
    assert line.coords[0] == (0, 0) and line.coords[-1] == (10, 0)
    # along the equator the geodesic stays on the equator
    assert all(abs(y) < 1e-9 for _, y in line.coords)


def test_flow_lines_length_and_unspecified_destination(tiny_places):
    flows = pd.DataFrame({"origin_place_id": ["a", "a"], "destination_place_id": ["b", ""], "people": [5, 7]})
    lines = flow_lines(flows, tiny_places)
    assert len(lines) == 1  # no line to "unspecified third countries"
    assert lines.crs.to_epsg() == 4326
    assert lines["length_km"].iloc[0] == pytest.approx(1113.2, rel=1e-3)  # 10° of the equator on WGS84


def test_distance_to_boundary_of_a_square():
    square = gpd.GeoSeries([box(1, -1, 3, 1)], crs="EPSG:4326")
    km, nearest = distance_to_boundary_km(Point(0, 0), square)
    assert km == pytest.approx(111.3, rel=5e-3)
    assert nearest.x == pytest.approx(1, abs=1e-4)


def test_ashraf_distance_to_iran_between_the_two_claims(bundle):
    ashraf = places_frame(bundle.places).geometry["ashraf"]
    km, _ = distance_to_boundary_km(ashraf, countries_frame().loc[["IRN"], "geometry"])
    assert 60 < km < 90  # sources state 40 km and 44 miles (≈71 km)


def test_every_place_lies_in_its_country(bundle):
    places = places_frame(bundle.places).to_crs("EPSG:3035")
    countries = countries_frame().to_crs("EPSG:3035")
    for pid, row in places.iterrows():
        polygon = countries.geometry[row["country_iso3"]]
        assert polygon.distance(row.geometry) < 5_000, f"{pid} is more than 5 km outside {row['country_iso3']}"


def test_lines_that_run_together_at_region_scale():
    """Liberty → Italy runs under Liberty → Albania (one line on the map); Liberty → Germany parts from it; the
    90-km Ashraf → Liberty line is a stub at its start, not the same line."""
    liberty, ashraf = Point(44.2466, 33.3003), Point(44.5667, 34.0667)
    tirana, rome, berlin = Point(19.8167, 41.3167), Point(12.4833, 41.9), Point(13.4, 52.5167)

    def line(a, b):
        return great_circle(a, b, 64)

    assert run_together(line(liberty, tirana), line(liberty, rome))
    assert run_together(line(ashraf, rome), line(liberty, tirana))
    assert not run_together(line(liberty, tirana), line(liberty, berlin))
    assert not run_together(line(ashraf, liberty), line(liberty, tirana))
