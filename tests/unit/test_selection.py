"""The one selection (data.select) and the one table (data.table, components.table): what a view holds, checked
against the rule itself — a row is in a view when its period overlaps the range, the lens keeps its claimant and it
is at the place — not against a second implementation."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from components.table import COLUMNS, sort_state, table_html
from data.load import default_bundle
from data.select import FRAMES, lens_keeps, select
from data.table import table
from data.view import LENSES, View

BUNDLE = default_bundle()
MONTHS = pd.period_range(BUNDLE.first_month, BUNDLE.last_month, freq="M")


def _views(n: int) -> list[View]:
    rng = random.Random(22)
    views = [View(BUNDLE.first_month, BUNDLE.last_month, None, lens) for lens in LENSES]
    for _ in range(n):
        low = rng.randrange(len(MONTHS))
        high = min(len(MONTHS) - 1, low + rng.choice([0, 1, 5, 11, 35]))
        views.append(View(MONTHS[low], MONTHS[high], rng.choice([None, *BUNDLE.places.index]), rng.choice(LENSES)))
    return views


def _at_place(frame: pd.DataFrame, name: str, place: str | None) -> pd.Series:
    if not place or name == "context":  # context is not tied to a place
        return pd.Series(True, index=frame.index)
    if name == "movements":
        return (frame["origin_place_id"] == place) | (frame["destination_place_id"] == place)
    return frame["place_id"] == place


@pytest.mark.parametrize("view", _views(40), ids=lambda v: f"{v.start}_{v.end}_{v.place}_{v.lens}")
def test_a_view_holds_exactly_the_rows_the_rule_names(view):
    selection = select(BUNDLE, view)
    for name in FRAMES:
        frame = getattr(BUNDLE, name)
        overlaps = (frame["period_end"] >= view.first_day) & (frame["period_start"] <= view.last_day)
        wanted = overlaps & lens_keeps(frame, BUNDLE, view.lens) & _at_place(frame, name, view.place)
        got = selection.frame(name)
        assert list(got.index) == list(frame.index[wanted]), name
        inside = (got["period_start"] >= view.first_day) & (got["period_end"] <= view.last_day)
        assert (got["partial"] == ~inside).all(), name


def test_rows_are_positions_with_partial_flags():
    moves = select(BUNDLE, View(pd.Period("2013-09", "M"), pd.Period("2013-09", "M"))).rows["movements"]
    assert moves.positions.dtype == np.int64 and moves.partial.dtype == bool
    assert list(moves.positions) == sorted(moves.positions)
    assert moves.partial.any() and not moves.partial.all()  # year-precise movements reach beyond one month


def test_the_table_has_a_row_per_selected_row_and_marks_partial_and_disputed():
    view = View(pd.Period("2011-01", "M"), pd.Period("2013-12", "M"), None, "all")
    rows, selection = table(BUNDLE, view), select(BUNDLE, view)
    assert len(rows) == sum(len(selection.frame(n)) for n in ("events", "movements", "populations"))
    assert set(rows["item_id"]) == {
        *selection.events["event_id"],
        *selection.movements["movement_id"],
        *selection.populations["population_id"],
    }
    assert rows["partly_in_range"].any() and rows["disputed"].any()
    assert list(rows["period_start"]) == sorted(rows["period_start"])


def test_changing_a_returned_table_does_not_change_the_next_one():
    view = View(pd.Period("2011-01", "M"), pd.Period("2013-12", "M"), None, "seeds")
    first = table(BUNDLE, view)
    kept = first.copy(deep=True)
    first.loc[0, "item"] = "changed"
    first.loc[:, "disputed"] = True
    first["extra"] = 1
    pd.testing.assert_frame_equal(table(BUNDLE, view), kept)


def test_table_html_escapes_sorts_and_says_when_empty():
    rows = table(BUNDLE, View(pd.Period("2013-01", "M"), pd.Period("2013-12", "M")))
    html = table_html(rows.assign(item="<b>x</b> & 'y'"), sort_state("killed", "desc"))
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt; &amp;" in html
    assert 'aria-sort="descending"' in html and html.count("<tr>") == len(rows) + 1
    killed = [int(k.replace(",", "")) for k in _column_cells(html, "killed") if k]
    assert killed == sorted(killed, reverse=True)
    assert "No rows in this view." in table_html(rows.iloc[:0], sort_state("date", "asc"))


def test_table_html_shows_flags_and_numbers_apart():
    rows = table(BUNDLE, View(pd.Period("2012-01", "M"), pd.Period("2012-12", "M")))
    flagged = table_html(rows.assign(disputed=True, killed=1), sort_state("date", "asc"))
    assert flagged.count('class="badge disputed"') == len(rows) and '<td class="num">1</td>' in flagged


def _column_cells(html: str, column: str) -> list[str]:
    """The text of one column's cells, in row order (numbers as shown)."""
    import re

    position = [c for c, _, _ in COLUMNS].index(column)
    cells = []
    for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1]):
        values = re.findall(r"<td[^>]*>(.*?)</td>", row)
        cells.append(re.sub(r"<[^>]+>|–", "", values[position]))
    return cells
