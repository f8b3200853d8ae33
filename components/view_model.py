"""From (bundle, view) to everything the page shows: figures, KPI texts and labels. Pure; no Dash."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from components import figures
from components.figures.map import BorderCheck, PlaceLoad, flow_hover
from data import dates
from data.load import Bundle
from data.select import LENS_LABELS, Selection, View, select
from data.summary import ItemSummary, Spread, Total, summarise_events, summarise_movements, total
from geo import countries_frame, distance_to_boundary_km, flow_lines, places_frame


@dataclass(frozen=True)
class Kpi:
    """One KPI card: the figure as text, a one-line context and the per-source attribution."""

    text: str
    context: str
    attribution: str


@dataclass(frozen=True)
class Rendered:
    """Charts, KPIs and labels that depend on the view (the map is built separately)."""

    casualties: go.Figure
    relocations: go.Figure
    killed: Kpi
    wounded: Kpi
    relocated: Kpi
    range_label: str
    filter_label: str


def range_label(view: View) -> str:
    """'Sep 2013' or 'Jul 2009 – Sep 2016'."""
    first, last = dates.month_label(view.start), dates.month_label(view.end)
    return first if first == last else f"{first} – {last}"


def filter_label(bundle: Bundle, view: View) -> str:
    """'Filtered to Camp Ashraf' or 'All places'."""
    return f"Filtered to {bundle.places.at[view.place, 'name']}" if view.place else "All places"


def subtitle(bundle: Bundle, view: View) -> str:
    """The caption line of every chart: range, place and lens."""
    parts = [range_label(view)]
    if view.place:
        parts.append(bundle.places.at[view.place, "name"])
    if view.lens != "all":
        parts.append(LENS_LABELS[view.lens])
    return " · ".join(parts)


@functools.cache
def _places_geo(bundle: Bundle) -> gpd.GeoDataFrame:
    return places_frame(bundle.places)


@functools.cache
def border_check(bundle: Bundle) -> BorderCheck | None:
    """Ashraf's computed distance to Iran's border, with the distances the sources claim."""
    claims = bundle.distances.loc[
        (bundle.distances["place_id"] == "ashraf") & (bundle.distances["target"] == "iran_border")
    ]
    km, nearest = distance_to_boundary_km(
        _places_geo(bundle).geometry["ashraf"], countries_frame().loc[["IRN"], "geometry"]
    )
    lines = tuple(
        f"{bundle.sources.at[r.source_id, 'publisher']} states {r.value:g} {r.unit} (≈{r.km:.0f} km)"
        for r in claims.itertuples()
    )
    return BorderCheck("ashraf", km, nearest.x, nearest.y, lines)


def _kpi(t: Total, what: str, unit: str) -> Kpi:
    n = len(t.items) + t.without_figure
    context = f"{n} {unit}{'s' if n != 1 else ''} in view" + (
        " · sources disagree" if any(s.disputed for *_, s in t.items) else ""
    )
    if t.partial:
        context += f" · {len(t.partial)} partly in range, not counted"
    return Kpi(t.text(), context, f"{what}\n" + t.attribution())


def _flows(bundle: Bundle, transfers: list[ItemSummary]) -> gpd.GeoDataFrame:
    rows = []
    for item in transfers:
        if not item.place_id:
            continue
        origin = bundle.movements.loc[bundle.movements["movement_id"] == item.item_id, "origin_place_id"].iat[0]
        s = item.spreads["people"]
        rows.append(
            dict(
                origin_place_id=origin,
                destination_place_id=item.place_id,
                low=s.low,
                high=s.high,
                hover=flow_hover(item.label, item.when, s),
            )
        )
    frame = pd.DataFrame(rows, columns=["origin_place_id", "destination_place_id", "low", "high", "hover"])
    return flow_lines(frame, _places_geo(bundle))


def _loads(bundle: Bundle, transfers: list[ItemSummary], totals: list[ItemSummary]) -> dict[str, PlaceLoad]:
    loads = {}
    for pid in bundle.places.index:
        mine = [t for t in transfers if t.place_id == pid and not t.partial]
        figures_ = tuple(f for t in mine for f in t.spreads["people"].figures)
        # Received: per transfer low..high summed, expressed as a Spread of the per-transfer extremes.
        received = Spread(figures_) if len(mine) <= 1 else _summed(mine)
        stated = tuple(
            f"{t.label} ({t.when}): {t.spreads['people'].text()} — {t.spreads['people'].attribution()}"
            for t in totals
            if t.place_id == pid
        )
        loads[pid] = PlaceLoad(received, stated)
    return loads


def _summed(items: list[ItemSummary]) -> Spread:
    from data.summary import Figure

    t = total(items, "people")
    if t.low is None:
        return Spread(())
    return Spread(
        (Figure("", "lowest figures summed", "un", t.low), Figure("", "highest figures summed", "un", t.high))
    )


@functools.lru_cache(maxsize=256)
def _summaries(bundle: Bundle, view: View) -> tuple[list[ItemSummary], list[ItemSummary], list[ItemSummary]]:
    """Attacks, transfers and stated totals in a view (cached by view: the same view is asked for by two callbacks)."""
    sel: Selection = select(bundle, view)
    moves = sel.movements
    return (
        summarise_events(sel.events, bundle),
        summarise_movements(moves.loc[moves["scope"] == "transfer"], bundle),
        summarise_movements(moves.loc[moves["scope"] == "aggregate"], bundle),
    )


def render_map(bundle: Bundle, view: View, highlight: str | None = None) -> go.Figure:
    """The map for a view, with one attack optionally ringed."""
    attacks, transfers, totals = _summaries(bundle, view)
    return figures.map_figure(
        _places_geo(bundle),
        attacks,
        _flows(bundle, transfers),
        _loads(bundle, transfers, totals),
        border_check(bundle),
        highlight,
        subtitle(bundle, view),
    )


def render_panels(bundle: Bundle, view: View) -> Rendered:
    """Charts, KPIs and labels for a view."""
    attacks, transfers, totals = _summaries(bundle, view)
    names = bundle.places["name"].to_dict()
    caption = subtitle(bundle, view)
    return Rendered(
        casualties=figures.casualty_figure(attacks, names, caption),
        relocations=figures.relocation_figure(transfers, totals, names, caption, (view.first_day, view.last_day)),
        killed=_kpi(total(attacks, "killed"), "Killed, per attack and source:", "attack"),
        wounded=_kpi(total(attacks, "wounded"), "Wounded, per attack and source:", "attack"),
        relocated=_kpi(
            total(transfers, "people"), "People moved in listed transfers, per transfer and source:", "transfer"
        ),
        range_label=range_label(view),
        filter_label=filter_label(bundle, view),
    )


def export_name(chart: str, view: View) -> str:
    """File name stem for an exported chart: camps-atlas-casualties-2013-09_2013-09[-ashraf]."""
    return f"camps-atlas-{chart}-{view.start}_{view.end}" + (f"-{view.place}" if view.place else "")
