"""The rows the browser counts the headline figures of a range step with (assets/range_view.js), sent once with the
page: a range step then repaints the KPI cards at once, without a round trip.

It holds only what the counting rule reads (data.select's row rule, data.summary.total, present.panels._kpi):
per row its item, place(s), period as day numbers, the lenses that keep it (a bit per lens), its item's grade and
its figures.
The rule itself lives in present.panels and data.summary; tests/browser/test_range_view.py proves the browser's
copy gives the same texts over hundreds of random views.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from data.load import Bundle
from data.select import LENSES, base_mask, equals, item_codes
from data.supersede import counted
from present.items import places_in_iraq
from present.panels import HEADLINES

_EPOCH = np.datetime64("1970-01-01", "D")


def _days(column: pd.Series) -> list[int]:
    """Day numbers since 1970-01-01 of midnight timestamps (the periods of rows are whole days)."""
    values = column.to_numpy().astype("datetime64[s]")
    days = values.astype("datetime64[D]")
    if (days.astype("datetime64[s]") != values).any():
        raise ValueError(f"{column.name} holds a time of day: the browser counts whole days")
    return (days - _EPOCH).astype(np.int64).tolist()


def _lens_bits(bundle: Bundle, name: str, keep: np.ndarray) -> list[int]:
    """A bit per lens (in LENSES order) that keeps each row."""
    bits = np.zeros(len(getattr(bundle, name)), dtype=np.int64)
    for i, lens in enumerate(LENSES):
        bits |= base_mask(bundle, name, lens, None).astype(np.int64) << i
    return bits[keep].tolist()


def _figures(column: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in column]


def _frame(bundle: Bundle, name: str, key: str, keep: np.ndarray) -> dict[str, list]:
    frame = getattr(bundle, name).loc[keep]
    return {
        "item": item_codes(bundle, name, key)[keep].tolist(),
        "start": _days(frame["period_start"]),
        "end": _days(frame["period_end"]),
        "lens": _lens_bits(bundle, name, keep),
        "grade": frame["grade"].tolist(),
    }


@functools.cache
def counting_rows(bundle: Bundle) -> dict:
    """JSON for a dcc.Store: attacks, listed transfers and stated totals abroad row by row, in the bundle's order, and
    the KPI cards."""
    events = bundle.events
    every = np.ones(len(events), dtype=bool)
    transfers = equals(bundle, "movements", "scope", "transfer")
    moves = bundle.movements.loc[transfers]
    # stated totals of everyone who left Iraq (no destination named), with a figure: present.panels.latest_abroad
    abroad = (
        equals(bundle, "movements", "scope", "aggregate")
        & (bundle.movements["destination_place_id"].fillna("") == "").to_numpy()
        & bundle.movements["people"].notna().to_numpy()
    )
    totals = bundle.movements.loc[abroad]
    return {
        "first_month": [bundle.first_month.year, bundle.first_month.month],
        "lenses": list(LENSES),
        "iraq": sorted(places_in_iraq(bundle)),  # a transfer to one of them is within Iraq (split_transfers)
        "attacks": {
            **_frame(bundle, "events", "event_id", every),
            "place": events["place_id"].tolist(),
            **{h.column: _figures(counted(events, h.column)) for h in HEADLINES if h.items == "attacks"},
        },
        "transfers": {
            **_frame(bundle, "movements", "movement_id", transfers),
            "origin": moves["origin_place_id"].fillna("").tolist(),
            "destination": moves["destination_place_id"].fillna("").tolist(),
            "people": _figures(counted(moves, "people")),
        },
        "stated": {
            **_frame(bundle, "movements", "movement_id", abroad),
            "origin": totals["origin_place_id"].fillna("").tolist(),
            "claimant": pd.factorize(totals["claimant_id"])[0].tolist(),
            "people": _figures(totals["people"]),
        },
        "headlines": [
            {"name": h.name, "items": h.items, "column": h.column, "unit": h.unit, "note": h.note, "stated": h.stated}
            for h in HEADLINES
        ],
    }
