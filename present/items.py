"""The attacks, transfers and stated totals in a view, summarised per item (cached by view), and the places as a GeoDataFrame."""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd

from data import calendars
from data.attribution import relay_text, says
from data.load import Bundle
from data.place_names import place_names
from data.select import View, equals, select
from data.summary import (
    ItemSummary,
    summarise_rows,
)
from data.translation import N_, t
from figures.relocations import StatedTotal
from geo import places_frame
from present.labels import short_place

THIRD_COUNTRIES = N_("third countries (unnamed)")


@functools.cache
def places_geo(bundle: Bundle) -> gpd.GeoDataFrame:
    return places_frame(bundle.places)


@functools.cache
def places_in_iraq(bundle: Bundle) -> frozenset[str]:
    """Ids of the places in Iraq (the camps)."""
    return frozenset(bundle.places.index[bundle.places["country_iso3"] == "IRQ"])


def split_transfers(bundle: Bundle, transfers: list[ItemSummary]) -> tuple[list[ItemSummary], list[ItemSummary]]:
    """Listed transfers within Iraq (Ashraf -> Liberty) and those that left Iraq (to a country abroad, or to
    unspecified third countries): no transfer is in both."""
    inside = places_in_iraq(bundle)
    within = [t for t in transfers if t.place_id in inside]
    return within, [t for t in transfers if t.place_id not in inside]


@functools.lru_cache(maxsize=256)
def in_view(bundle: Bundle, view: View) -> tuple[list[ItemSummary], list[ItemSummary], list[ItemSummary]]:
    """Attacks, transfers and stated totals in a view (cached by view: the same view is asked for by two callbacks).

    The view's rows come from the one selection (data.select) as positions, and each item's summary from a cache
    keyed by its rows (data.summary.item_summary), so a new view is cheap.
    """
    rows = select(bundle, view).rows
    moves = rows["movements"]
    return (
        summarise_rows(bundle, "event", rows["events"]),
        summarise_rows(bundle, "movement", moves.where(equals(bundle, "movements", "scope", "transfer"))),
        summarise_rows(bundle, "movement", moves.where(equals(bundle, "movements", "scope", "aggregate"))),
    )


@functools.lru_cache(maxsize=256)
def stated_totals(bundle: Bundle, view: View) -> tuple[StatedTotal, ...]:
    """Every source's stated total in the view, one per (item, source), sorted by the date it is stated as of."""
    rows = select(bundle, view).rows["movements"].where(equals(bundle, "movements", "scope", "aggregate"))
    frame = bundle.movements.iloc[rows.positions].assign(partial=rows.partial)
    names, lang = place_names(bundle.places, view.lang), view.lang
    unnamed = t(lang, THIRD_COUNTRIES)
    out = [
        StatedTotal(
            item_id=r.movement_id,
            route=f"{short_place(names[r.origin_place_id])} → "
            + (short_place(names[r.destination_place_id]) if r.destination_place_id else unnamed),
            destination=r.destination_place_id,
            publisher=says(
                bundle.claimants.at[r.claimant_id, "name"], bundle.sources.at[r.source_id, "publisher"], lang
            ),
            kind=r.claimant_kind,
            relay=relay_text(r.relayed_by_party, r.relayed_via, lang),
            people=int(r.people),
            period_start=r.period_start,
            period_end=r.period_end,
            span=calendars.span_label(lang, r.date_start, r.date_end or None),
            as_of=calendars.label(lang, r.date_end or r.date_start),
            partial=bool(r.partial),
            claimant=r.claimant_id,
        )
        for r in frame.itertuples()
        if pd.notna(r.people)
    ]
    return tuple(sorted(out, key=lambda t: (t.period_end, t.period_start, t.route, t.publisher)))
