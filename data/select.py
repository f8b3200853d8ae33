"""Pure filters: (Bundle, View) -> the rows behind that view. No Dash, no Plotly."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import schema
from data.load import Bundle
from data.view import LENS_LABELS, LENSES, View

__all__ = ["LENSES", "LENS_LABELS", "Selection", "View", "full_view", "lens_keeps", "select"]


@dataclass(frozen=True)
class Selection:
    """Rows (one per item and source) that fall in a view; `partial` marks items only partly inside the range."""

    view: View
    events: pd.DataFrame
    movements: pd.DataFrame
    populations: pd.DataFrame
    context: pd.DataFrame


def full_view(bundle: Bundle) -> View:
    """The whole period of the data, every place, every source."""
    return View(bundle.first_month, bundle.last_month)


def _in_range(frame: pd.DataFrame, view: View) -> pd.DataFrame:
    """Rows whose period overlaps the range, flagged `partial` when it extends beyond it."""
    overlaps = (frame["period_end"] >= view.first_day) & (frame["period_start"] <= view.last_day)
    inside = (frame["period_start"] >= view.first_day) & (frame["period_end"] <= view.last_day)
    return frame.loc[overlaps].assign(partial=~inside[overlaps])


def lens_keeps(frame: pd.DataFrame, bundle: Bundle, lens: str) -> pd.Series:
    """The one rule of the lenses: which rows of a data frame a lens keeps (a boolean mask on the frame's index).

    Lenses look at the row's CLAIMANT (who makes the figure), never at its publisher or the site it was read on:
    independent = claimant kind neither `group` nor `iran_state`; group = claimant kind `group`; iran_state =
    claimant kind `iran_state`; seeds = rows whose source is one of the seed documents (whoever they quote).
    """
    if lens == "all":
        return pd.Series(True, index=frame.index)
    if lens == "seeds":
        return frame["source_id"].map(bundle.sources["seed_file"]).ne("")
    kind = frame["claimant_kind"]
    if lens == "independent":
        return ~kind.isin(schema.PARTY_KINDS)
    if lens in ("group", "iran_state"):
        return kind.eq(lens)
    raise ValueError(f"unknown lens {lens!r}: expected one of {', '.join(LENSES)}")


def _lens(frame: pd.DataFrame, bundle: Bundle, lens: str) -> pd.DataFrame:
    """The rows of a frame a lens keeps."""
    return frame.loc[lens_keeps(frame, bundle, lens)]


def select(bundle: Bundle, view: View) -> Selection:
    """The events, movements and stated populations behind a view."""
    events = _lens(_in_range(bundle.events, view), bundle, view.lens)
    movements = _lens(_in_range(bundle.movements, view), bundle, view.lens)
    populations = _lens(_in_range(bundle.populations, view), bundle, view.lens)
    context = _lens(_in_range(bundle.context, view), bundle, view.lens)  # context is not tied to a place
    if view.place:
        events = events.loc[events["place_id"] == view.place]
        touches = (movements["origin_place_id"] == view.place) | (movements["destination_place_id"] == view.place)
        movements = movements.loc[touches]
        populations = populations.loc[populations["place_id"] == view.place]
    return Selection(view, events, movements, populations, context)
