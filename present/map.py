"""The map of a view: places, attacks, transfer routes and Ashraf's distance to the border."""

from __future__ import annotations

import functools
from dataclasses import replace

import figures
from data import languages
from data.attribution import says
from data.calendars import number
from data.load import Bundle
from data.place_names import place_names
from data.select import View, lens_keeps
from data.summary import (
    ItemSummary,
    total,
)
from data.translation import N_
from data.translation import t as t_
from figures.map import BorderCheck, Flow, MapPlace, PlaceLoad, flow_hover, map_places
from figures.plain import FigureJSON
from geo import countries_frame, distance_to_boundary_km, great_circle, run_together
from present import memo
from present.items import in_view, places_geo
from present.labels import subtitle

UNIT_TEXTS = {"km": N_("{value} km"), "mi": N_("{value} mi")}  # data.schema.DISTANCE_UNITS


@functools.cache
def border_check(bundle: Bundle, lens: str = "all", lang: str = languages.DEFAULT) -> BorderCheck | None:
    """Ashraf's computed distance to Iran's border, with the distances the sources claim (those the lens keeps),
    each claim written in the language."""
    d = bundle.distances
    claims = d.loc[lens_keeps(d, bundle, lens) & (d["place_id"] == "ashraf") & (d["target"] == "iran_border")]
    km, nearest = distance_to_boundary_km(
        places_geo(bundle).geometry["ashraf"], countries_frame().loc[["IRN"], "geometry"]
    )
    lines = tuple(
        t_(
            lang,
            "{who} states {distance} (≈{km} km)",
            who=says(bundle.claimants.at[r.claimant_id, "name"], bundle.sources.at[r.source_id, "publisher"], lang),
            distance=t_(
                lang, UNIT_TEXTS[r.unit], value=number(lang, int(r.value) if r.value.is_integer() else r.value)
            ),
            km=number(lang, round(r.km)),
        )
        for r in claims.itertuples()
    )
    return BorderCheck("ashraf", km, nearest.x, nearest.y, lines)


@functools.cache
def _map_places(bundle: Bundle, lang: str) -> tuple[MapPlace, ...]:
    """The places as the map draws them, named in the language (a label written for the English map is dropped)."""
    places = map_places(places_geo(bundle))
    if lang == languages.DEFAULT:
        return places
    names = place_names(bundle.places, lang)
    return tuple(replace(p, name=names[p.place_id], label="") for p in places)


@functools.cache
def _origins(bundle: Bundle) -> dict[str, str]:
    """movement id -> origin place id."""
    return dict(zip(bundle.movements["movement_id"], bundle.movements["origin_place_id"], strict=True))


# Vertices per movement line. plotly.js draws a line on a map as great-circle arcs between its vertices, so the
# vertices only carry the line's hover and click (hover_carrier): one invisible marker each, and drawing them was
# most of the cost of drawing the lines (32 segments: ~45 ms of every map redraw). Eight keep the carriers within
# plotly's hover distance of every point of the longest line.
ARC_SEGMENTS = 8


@functools.lru_cache(maxsize=256)
def _arc(bundle: Bundle, origin: str, destination: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The great-circle vertices (lons, lats) from one place to another (geo.flows.great_circle)."""
    places = places_geo(bundle).geometry
    lons, lats = great_circle(places[origin], places[destination], ARC_SEGMENTS).xy
    return tuple(lons), tuple(lats)


@functools.lru_cache(maxsize=256)
def _together(bundle: Bundle, route: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two routes (origin, destination) are drawn as one line: the same route, or lines that run together
    at region scale (geo.flows.run_together)."""
    if route == other:
        return True
    places = places_geo(bundle).geometry
    a, b = (great_circle(places[o], places[d], 64) for o, d in (route, other))
    return run_together(a, b)


def _flows(bundle: Bundle, transfers: list[ItemSummary], lang: str) -> list[Flow]:
    """One arc per transfer with a known destination, in the transfers' order, each with the other transfers in
    view drawn along the same line (a click on it can only reach the topmost)."""
    drawn = [(item, (_origins(bundle)[item.item_id], item.place_id)) for item in transfers if item.place_id]
    flows = []
    for item, route in drawn:
        s = item.spreads["people"]
        lons, lats = _arc(bundle, *route)
        along = tuple(o.item_id for o, r in drawn if o is not item and _together(bundle, route, r))
        flows.append(Flow(
            item.item_id, route[0], item.place_id, s.low, s.high, flow_hover(item.label, item.when_in(lang), s, lang),
            lons, lats,
            along,
        ))  # fmt: skip
    return flows


def _loads(bundle: Bundle, transfers: list[ItemSummary], totals: list[ItemSummary], lang: str) -> dict[str, PlaceLoad]:
    loads = {}
    for pid in bundle.places.index:
        # Received: the listed transfers into the place, counted like the KPI (Σ lowest .. Σ highest).
        received = total([t for t in transfers if t.place_id == pid], "people", lang)
        stated = tuple(
            f"{t_(lang, s.label)} ({s.when_in(lang)}): {s.spreads['people'].text(lang)} — "
            f"{s.spreads['people'].attribution(lang)}"
            for s in totals
            if s.place_id == pid
        )
        loads[pid] = PlaceLoad(received, stated)
    return loads


@memo.memoised
def render_map(bundle: Bundle, view: View, highlight: str | None = None) -> FigureJSON:
    """The map for a view, with one attack optionally ringed and the view's place (if any) ringed."""
    attacks, transfers, totals = in_view(bundle, view)
    return figures.map_figure(
        _map_places(bundle, view.lang),
        attacks,
        _flows(bundle, transfers, view.lang),
        _loads(bundle, transfers, totals, view.lang),
        border_check(bundle, view.lens, view.lang),
        highlight,
        subtitle(bundle, view),
        view.place,
        view.lang,
    )
