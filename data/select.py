"""The one selection: (Bundle, View) -> the rows of each frame behind the view. No Dash, no Plotly.

A row is in a view when its period overlaps the range (`partial` when it reaches beyond it), the lens keeps its
claimant and, for events, movements and stated populations, its item has one of the view's grades (when it names
any) and it is at the view's place (a movement: from or to it).
Everything that does not depend on the range (period bounds, lens and place masks, item codes) is computed once per
bundle and cached, so a view costs a few numpy comparisons. A Selection holds the rows as positions (the page's
summaries are cached by them) and gives them as frames (captions, exports, the report and the story read those).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import schema
from data.load import Bundle
from data.view import LENS_LABELS, LENSES, View

__all__ = ["FRAMES", "LENSES", "LENS_LABELS", "Rows", "Selection", "View", "full_view", "lens_keeps", "select"]

FRAMES = ("events", "movements", "populations", "context")


def full_view(bundle: Bundle) -> View:
    """The whole period of the data, every place, every source."""
    return View(bundle.first_month, bundle.last_month)


def every_period(lens: str = "all") -> View:
    """Every date any row can have, every place, under a lens: the context strip shows its items whatever the
    range (some lie outside the data's first and last month)."""
    return View(pd.Period("1900-01", "M"), pd.Period("2100-12", "M"), None, lens)


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


@dataclass(frozen=True, eq=False)
class Rows:
    """Positions (ascending) of one frame's rows in a view, and whether each is only partly inside the range."""

    positions: np.ndarray
    partial: np.ndarray

    def where(self, mask: np.ndarray) -> Rows:
        """The rows whose position is set in a frame-long boolean mask."""
        keep = mask[self.positions]
        return Rows(self.positions[keep], self.partial[keep])


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@functools.cache
def _periods(bundle: Bundle, name: str) -> tuple[np.ndarray, np.ndarray]:
    """period_start and period_end of a frame as datetime64 arrays."""
    frame = getattr(bundle, name)
    return _frozen(frame["period_start"].to_numpy()), _frozen(frame["period_end"].to_numpy())


@functools.lru_cache(maxsize=512)  # bounded: place, lens and grades come from the page's state
def base_mask(bundle: Bundle, name: str, lens: str, place: str | None, grades: tuple[str, ...] = ()) -> np.ndarray:
    """Rows of a frame kept by the lens, the grades and the place, whatever the range (context is not tied to a
    place and has no grade)."""
    frame = getattr(bundle, name)
    lensed = np.zeros(len(frame), dtype=bool)
    lensed[lens_keeps(frame.reset_index(drop=True), bundle, lens).to_numpy(dtype=bool)] = True
    if grades and "grade" in frame:
        lensed &= frame["grade"].isin(grades).to_numpy(dtype=bool)
    if not place or name == "context":  # context is not tied to a place
        return _frozen(lensed)
    if name == "movements":
        at = (frame["origin_place_id"] == place) | (frame["destination_place_id"] == place)
    else:
        at = frame["place_id"] == place
    return _frozen(lensed & at.to_numpy(dtype=bool))


@functools.cache
def equals(bundle: Bundle, name: str, column: str, value: str) -> np.ndarray:
    """Boolean mask of the rows of a frame whose column equals a value."""
    return _frozen((getattr(bundle, name)[column] == value).to_numpy(dtype=bool))


@functools.cache
def item_codes(bundle: Bundle, name: str, key: str) -> np.ndarray:
    """An integer per row naming its item (-1 where the key is missing, which groupby drops)."""
    codes, _ = pd.factorize(getattr(bundle, name)[key])
    return _frozen(codes.astype(np.int64))


def _bounds(view: View) -> tuple[np.datetime64, np.datetime64]:
    """view.first_day and view.last_day as datetime64 (from the months' ordinals: Period.end_time is slow)."""
    if view.start.freqstr == "M" and view.end.freqstr == "M":
        day = np.timedelta64(1, "D")
        first = np.datetime64(view.start.ordinal, "M").astype("datetime64[D]")
        return first.astype("datetime64[s]"), (np.datetime64(view.end.ordinal + 1, "M") - day).astype("datetime64[s]")
    return np.datetime64(view.first_day.to_datetime64(), "s"), np.datetime64(view.last_day.to_datetime64(), "s")


def rows(bundle: Bundle, view: View, name: str) -> Rows:
    """The rows of one frame behind a view: overlapping the range, kept by lens and place; partial if not inside."""
    first, last = _bounds(view)
    starts, ends = _periods(bundle, name)
    overlaps = base_mask(bundle, name, view.lens, view.place, view.grades) & (ends >= first) & (starts <= last)
    positions = np.flatnonzero(overlaps).astype(np.int64, copy=False)
    inside = (starts[positions] >= first) & (ends[positions] <= last)
    return Rows(positions, ~inside)


def groups(codes: np.ndarray, selected: Rows) -> list[tuple[int, tuple[int, ...], tuple[bool, ...]]]:
    """Selected rows grouped by item, in order of first appearance: (code, positions, partial flags)."""
    found: dict[int, tuple[list[int], list[bool]]] = {}
    for code, pos, part in zip(
        codes[selected.positions].tolist(), selected.positions.tolist(), selected.partial.tolist(), strict=True
    ):
        entry = found.get(code)
        if entry is None:
            found[code] = ([pos], [part])
        else:
            entry[0].append(pos)
            entry[1].append(part)
    return [(code, tuple(pos), tuple(part)) for code, (pos, part) in found.items()]


class _RowsOf(dict):
    """The rows of each frame in a view, computed when first asked for (a caller reading only the movements pays
    for the movements)."""

    def __init__(self, bundle: Bundle, view: View):
        super().__init__()
        self._bundle, self._view = bundle, view

    def __missing__(self, name: str) -> Rows:
        found = self[name] = rows(self._bundle, self._view, name)
        return found


@dataclass(frozen=True, eq=False)
class Selection:
    """The rows (one per item and source) of each frame that fall in a view, as positions; as frames (with a
    `partial` column: the row is only partly inside the range) through the properties."""

    bundle: Bundle
    view: View
    rows: dict[str, Rows]

    def frame(self, name: str) -> pd.DataFrame:
        """The selected rows of one frame, in the bundle's order, with `partial`."""
        selected = self.rows[name]
        return getattr(self.bundle, name).iloc[selected.positions].assign(partial=selected.partial)

    @property
    def events(self) -> pd.DataFrame:
        return self.frame("events")

    @property
    def movements(self) -> pd.DataFrame:
        return self.frame("movements")

    @property
    def populations(self) -> pd.DataFrame:
        return self.frame("populations")

    @property
    def context(self) -> pd.DataFrame:
        return self.frame("context")


def select(bundle: Bundle, view: View) -> Selection:
    """The events, movements, stated populations and context items behind a view."""
    return Selection(bundle, view, _RowsOf(bundle, view))
