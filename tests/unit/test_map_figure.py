"""The map figure: what is drawn on top is what a click picks, movements open themselves, overlapping places are
kept apart at region scale, the selected place is ringed; and the view state behind map clicks and pickers."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

import present
from data.select import LENSES, View
from data.view import default_choices
from present import view_state as vs
from present.map import ARC_SEGMENTS
from present.view_state import Source

# The region panel's scale on a phone (≈340 px for 64° of longitude), the smallest the map is drawn at.
PHONE_PX_PER_DEG = 340 / 64


def _view(start, end, place=None, lens="all"):
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, lens)


def _views(bundle):
    """Whole period, one year, one month and a place, under each lens."""
    out = []
    for lens in LENSES:
        out += [
            _whole(bundle, lens),
            _view("2013-01", "2013-12", None, lens),
            _view("2013-09", "2013-09", None, lens),
            _whole(bundle, lens, "liberty"),
        ]
    return out


def _whole(bundle, lens="all", place=None):
    return View(bundle.first_month, bundle.last_month, place, lens)


def _kind(trace) -> str | None:
    custom = trace.customdata
    return custom[0][0] if custom is not None and len(custom) else None


def _sizes(trace) -> list[float]:
    size = trace.marker.size
    return list(size) if isinstance(size, list | tuple) else [size] * len(trace.lon)


@pytest.mark.parametrize("lens", LENSES)
def test_markers_are_drawn_above_every_line(bundle, lens):
    fig = go.Figure(present.render_map(bundle, _whole(bundle, lens), highlight="E2013_ASHRAF"))
    for geo in ("geo", "geo2"):
        traces = [(i, t) for i, t in enumerate(fig.data) if t.geo == geo]
        lines = [i for i, t in traces if "lines" in (t.mode or "")]
        markers = [i for i, t in traces if _kind(t) in ("place", "event")]
        assert lines and markers
        assert max(lines) < min(markers), f"a line is drawn above a marker in {geo}"


@pytest.mark.parametrize("view_index", range(12))
def test_a_line_never_wins_a_click_inside_a_marker(bundle, view_index):
    """plotly picks the point with the least max(distance - r, 1 - 3/r): inside a marker of radius r that is
    1 - 3/r, so a line's vertices must carry a radius larger than every clickable marker of their panel."""
    view = _views(bundle)[view_index]
    fig = go.Figure(present.render_map(bundle, view))
    for geo in ("geo", "geo2"):
        traces = [t for t in fig.data if t.geo == geo]
        marker_r = [s / 2 for t in traces if _kind(t) in ("place", "event") for s in _sizes(t)]
        for t in traces:
            if "lines" in (t.mode or "") and t.hoverinfo != "skip":
                assert _kind(t) == "movement"
                line_r = min(_sizes(t)) / 2
                assert line_r > max(marker_r), (geo, line_r, max(marker_r))
                assert t.marker.opacity == 0  # the carrier is invisible: the line is what the reader sees


def test_movement_lines_open_their_movement(bundle):
    fig = go.Figure(present.render_map(bundle, _whole(bundle)))
    destinations = dict(zip(bundle.movements["movement_id"], bundle.movements["destination_place_id"], strict=True))
    flows = [t for t in fig.data if _kind(t) == "movement"]
    assert flows
    for t in flows:
        kinds = {repr(c) for c in t.customdata}
        # Every vertex carries the click (between them too: tests/browser/test_map_clicks.py).
        assert len(kinds) == 1 and len(t.customdata) == len(t.lon) == ARC_SEGMENTS + 1
        _, movement, destination, along = t.customdata[0]
        assert destinations[movement] == destination and movement not in along
    assert not [t for t in fig.data if _kind(t) == "flow"]


def test_distance_line_takes_no_click(bundle):
    fig = go.Figure(present.render_map(bundle, _whole(bundle)))
    distance = next(t for t in fig.data if t.name == "Distance to the Iranian border (computed)")
    assert distance.hoverinfo == "skip"
    label = next(t for t in fig.data if t.mode == "text" and t.text and "km" in t.text[0])
    assert "Computed" in label.hovertext


def _mercator(lon, lat, k=PHONE_PX_PER_DEG):
    return lon * k, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))) * k


@pytest.mark.parametrize("view_index", range(12))
def test_region_markers_do_not_overlap_even_on_a_phone(bundle, view_index):
    fig = go.Figure(present.render_map(bundle, _views(bundle)[view_index]))
    drawn = []
    for t in fig.data:
        if t.geo == "geo" and _kind(t) == "place":
            drawn += [
                (c[1], *_mercator(x, y), s / 2)
                for c, x, y, s in zip(t.customdata, t.lon, t.lat, _sizes(t), strict=True)
            ]
    assert len(drawn) == len(bundle.places)
    for i, (a, ax, ay, ar) in enumerate(drawn):
        for b, bx, by, br in drawn[i + 1 :]:
            assert math.hypot(ax - bx, ay - by) > ar + br, f"{a} and {b} overlap at region scale"


def test_offset_places_keep_their_point_in_hover_and_a_leader_line(bundle):
    fig = go.Figure(present.render_map(bundle, _whole(bundle)))
    camps = next(t for t in fig.data if t.geo == "geo" and t.name == "Camps")
    k = [c[1] for c in camps.customdata].index("ashraf3")
    true_lon, true_lat = bundle.places.at["ashraf3", "lon"], bundle.places.at["ashraf3", "lat"]
    assert (camps.lon[k], camps.lat[k]) != pytest.approx((true_lon, true_lat))
    assert f"{true_lat:.2f}° N, {true_lon:.2f}° E" in camps.hovertext[k]
    leader = next(t for t in fig.data if t.name == "Leader lines")
    assert true_lon in leader.lon and camps.lon[k] in leader.lon
    detail = next(t for t in fig.data if t.geo == "geo2" and t.name == "Camps")
    j = [c[1] for c in detail.customdata].index("ashraf")
    assert (detail.lon[j], detail.lat[j]) == pytest.approx(
        (bundle.places.at["ashraf", "lon"], bundle.places.at["ashraf", "lat"])
    )


@pytest.mark.parametrize(
    ("place", "panels"), [("liberty", {"geo", "geo2"}), ("ashraf", {"geo", "geo2"}), ("alb", {"geo"})]
)
def test_selected_place_is_ringed_where_it_is_drawn(bundle, place, panels):
    fig = go.Figure(present.render_map(bundle, _whole(bundle, place=place)))
    rings = {t.geo: (t.lon[0], t.lat[0]) for t in fig.data if t.name == "Selected place"}
    assert set(rings) == panels
    for t in fig.data:
        if _kind(t) == "place":
            k = [c[1] for c in t.customdata].index(place) if place in [c[1] for c in t.customdata] else None
            if k is not None:
                assert rings[t.geo] == pytest.approx((t.lon[k], t.lat[k]))
    assert not [t for t in go.Figure(present.render_map(bundle, _whole(bundle))).data if t.name == "Selected place"]


def test_map_click_kinds_and_pickers(bundle):
    places = set(bundle.places.index)
    movement = {"points": [{"customdata": ["movement", "M20_last_280", "alb"]}]}
    event = {"points": [{"customdata": ["event", "E2013_ASHRAF", "ashraf"]}]}
    place = {"points": [{"customdata": ["place", "liberty", "liberty"]}]}
    assert vs.clicked_place(movement, places) is None and vs.clicked_place(event, places) is None
    assert vs.clicked_place(place, places) == "liberty"
    assert vs.selected_from_click(Source.MAP, movement) == ("movement", "M20_last_280")
    assert vs.selected_from_click(Source.MAP, {"points": [{"customdata": ["flow", 3, "alb"]}]}) is None
    assert vs.selected_from_input(Source.PLACE_PICKER, "alb") == ("place", "alb")
    assert vs.selected_from_input(Source.ATTACK_PICKER, "E2013_ASHRAF") == ("event", "E2013_ASHRAF")
    assert vs.selected_from_input(Source.ATTACK_PICKER, None) is None
    assert vs.selected_event({"kind": "event", "id": "E2013_ASHRAF"}) == "E2013_ASHRAF"
    assert vs.selected_event({"kind": "place", "id": "alb"}) is None and vs.selected_event(None) is None

    choices = default_choices()
    up = vs.next_state(None, None, choices, search="?from=2013-01&to=2013-12")
    moved = vs.next_state(Source.MAP, up.store, choices, map_click=movement)
    assert moved.store["place"] is None and moved.place is None  # a movement click does not filter
    picked = vs.next_state(Source.PLACE_PICKER, up.store, choices, picked_place="alb")
    assert picked.search == "?from=2013-01&to=2013-12&place=alb" and picked.place == "alb"
    clicked = vs.next_state(Source.MAP, picked.store, choices, map_click=place)
    assert clicked.place == "liberty"  # the picker follows a map click
    cleared = vs.next_state(Source.PLACE_PICKER, clicked.store, choices, picked_place=None)
    assert cleared.store["place"] is None and "place=" not in cleared.search
    odd = vs.next_state(Source.PLACE_PICKER, clicked.store, choices, picked_place="nowhere")
    assert odd.store["place"] is None


def test_the_map_legend_explains_movement_colours_with_a_neutral_swatch(bundle):
    import json

    import present
    from data.select import full_view

    fig = json.loads(json.dumps(present.render_map(bundle, full_view(bundle)), default=str))
    flows = [t for t in fig["data"] if t.get("legendgroup") == "flows"]
    shown = [t for t in flows if t.get("showlegend", True)]
    assert len(shown) == 1 and "colour: destination" in shown[0]["name"]
    drawn = {t["line"]["color"] for t in flows if t is not shown[0]}
    assert len(drawn) >= 3 and shown[0]["line"]["color"] not in drawn  # not the first line's colour


def test_every_place_is_marked_at_its_own_point_at_region_scale(bundle):
    """Issue 25 §4: Ashraf-3's marker stood in the Ionian Sea (~450 km off) and Ashraf's in Turkey (~355 km). Now
    every place has a mark at its own point in the region panel: the places too close to a bigger one are callouts,
    a dot at the point, a thin line to an open square with the name, whose hover says so."""
    fig = go.Figure(present.render_map(bundle, _whole(bundle)))
    region = [t for t in fig.data if t.geo == "geo" and t.mode and "markers" in t.mode]
    for place, row in bundle.places.iterrows():
        at_point = [
            t.name
            for t in region
            for lon, lat in zip(t.lon, t.lat, strict=True)
            if lon is not None and (lon, lat) == pytest.approx((row["lon"], row["lat"]), abs=1e-6)
        ]
        assert at_point, f"{place}: no mark at its point in the region panel"
    camps = next(t for t in fig.data if t.geo == "geo" and t.name == "Camps")
    for k, data in enumerate(camps.customdata):
        callout = bundle.places.at[data[1], "map_dlon"] != ""
        assert camps.marker.symbol[k] == ("square-open" if callout else "square"), data
        assert ("its place is the dot where the thin line ends" in camps.hovertext[k]) == callout
    assert camps.marker.symbol[0] == "square"  # the legend's swatch
