"""The fast per-view path (data.index positions, cached item summaries and table rows, memoised table HTML) gives
exactly what the pandas reference gives: data.select.select, summarise_*, data.table.view_table and
components.table.table_html_reference."""

from __future__ import annotations

import dataclasses
import functools
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import present
from components.table import COLUMNS, sort_state, table_html, table_html_reference
from data import index
from data.load import DATA_DIR, Bundle, load_bundle
from data.select import LENSES, View, select
from data.summary import ItemSummary, summarise_events, summarise_movements
from data.table import view_table

BUNDLE = load_bundle(DATA_DIR)  # module level: hypothesis strategies need the months and places
MONTHS = list(pd.period_range(BUNDLE.first_month - 2, BUNDLE.last_month + 2, freq="M"))  # beyond both ends
PLACES = [None, "", "nowhere", *BUNDLE.places.index]
SORTS = [sort_state(column, order) for column, _, _ in COLUMNS for order in ("asc", "desc")]
# The same data with the rows of each file in another order (and index labels out of order): positions, first
# appearances and date order no longer coincide.
SHUFFLED = dataclasses.replace(
    BUNDLE, **{name: getattr(BUNDLE, name).sample(frac=1, random_state=7) for name in index.FRAMES}
)


def reference_summaries(bundle: Bundle, view: View) -> tuple[list[ItemSummary], ...]:
    """present.in_view as it was: pandas selection, then summarise_*."""
    sel = select(bundle, view)
    moves = sel.movements
    return (
        summarise_events(sel.events, bundle),
        summarise_movements(moves.loc[moves["scope"] == "transfer"], bundle),
        summarise_movements(moves.loc[moves["scope"] == "aggregate"], bundle),
    )


def assert_view_matches(bundle: Bundle, view: View, sorts: list[dict]) -> None:
    """Selection, summaries, text alternatives, table and table HTML of the fast path equal the reference."""
    reference = select(bundle, view)
    fast = index.selection(bundle, view)
    for name in index.FRAMES:
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(reference, name))
    expected = reference_summaries(bundle, view)
    assert present.in_view.__wrapped__(bundle, view) == expected
    assert present.in_view(bundle, view) == expected
    if not view.place or view.place in bundle.places.index:  # (an unknown place has no name to show)
        with mock.patch.object(present.panels, "in_view", reference_summaries):
            texts = present.summaries(bundle, view)
        assert present.summaries(bundle, view) == texts
    rows = view_table(bundle, reference)
    got = present.table(bundle, view)
    pd.testing.assert_frame_equal(got, rows)
    for sort in sorts:
        assert table_html(got, sort) == table_html_reference(rows, sort), sort


def month_range(first: int, length: int) -> View:
    return View(MONTHS[first], MONTHS[min(first + length, len(MONTHS) - 1)])


views = st.builds(
    lambda first, length, place, lens: View(
        month_range(first, length).start, month_range(first, length).end, place, lens
    ),
    first=st.integers(0, len(MONTHS) - 1),
    length=st.one_of(st.just(0), st.integers(0, 6), st.integers(0, len(MONTHS))),  # many 1-month windows
    place=st.sampled_from(PLACES),
    lens=st.sampled_from(LENSES),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(view=views, sort=st.sampled_from(SORTS))
def test_fast_view_equals_pandas_reference(view: View, sort: dict) -> None:
    assert_view_matches(BUNDLE, view, [sort])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(view=views, sort=st.sampled_from(SORTS))
def test_fast_view_equals_pandas_reference_whatever_the_row_order(view: View, sort: dict) -> None:
    assert_view_matches(SHUFFLED, view, [sort])


def test_every_one_month_window_and_the_ends() -> None:
    ends = [month_range(0, len(MONTHS)), month_range(0, 3), month_range(len(MONTHS) - 4, 3)]
    for i, view in enumerate([*(month_range(i, 0) for i in range(len(MONTHS))), *ends]):
        assert_view_matches(BUNDLE, View(view.start, view.end, None, LENSES[i % len(LENSES)]), [SORTS[0]])


def test_ranges_with_partly_included_items_are_covered() -> None:
    partial = [
        v for v in (month_range(i, 0) for i in range(len(MONTHS))) if index.rows(BUNDLE, v, "movements").partial.any()
    ]
    assert len(partial) > 12  # year-precise movements in one-month views
    for view in partial[:6]:
        assert_view_matches(BUNDLE, view, SORTS)


def test_every_sort_of_the_whole_table() -> None:
    assert_view_matches(BUNDLE, View(BUNDLE.first_month, BUNDLE.last_month, None, "all"), SORTS)


def test_a_view_of_daily_periods_takes_the_general_bounds() -> None:
    view = View(pd.Period("2013-09-01", "D"), pd.Period("2013-09-01", "D"))
    assert_view_matches(BUNDLE, view, [SORTS[0]])


def test_changing_a_returned_table_does_not_change_the_next_one() -> None:
    view = View(pd.Period("2011-01", "M"), pd.Period("2013-12", "M"), None, "seeds")
    first = present.table(BUNDLE, view)
    first.loc[0, "item"] = "changed"
    first.loc[:, "disputed"] = True
    first["extra"] = 1
    pd.testing.assert_frame_equal(present.table(BUNDLE, view), view_table(BUNDLE, select(BUNDLE, view)))


@functools.cache
def _odd_frames() -> list[pd.DataFrame]:
    """Tables that did not come from view_table: other dtypes and values, other indexes, other orders."""
    rows = view_table(BUNDLE, select(BUNDLE, View(pd.Period("2011-01", "M"), pd.Period("2013-12", "M"))))
    shuffled = rows.sample(frac=1, random_state=1)
    return [
        rows,
        shuffled,  # index out of order
        shuffled.reset_index(drop=True),
        rows.set_index("item_id", drop=False),  # index of strings, with duplicates
        rows.assign(note="<script>alert(1)</script>", item="<b>x</b> & 'y'"),
        rows.assign(killed=rows["killed"].astype("float64")),  # NaN and floats
        rows.assign(killed=rows["killed"].astype(object)),  # pd.NA in an object column
        rows.assign(killed=rows["killed"].isna(), people=rows["people"].fillna(0).astype("int64")),  # bools, ints
        rows.assign(disputed=rows["disputed"].astype(int)),  # 1 where True was
        rows.assign(disputed=rows["disputed"].astype(object).where(rows.index % 3 > 0, None)),
        rows.assign(place=rows["place"].astype(object).where(rows.index % 4 > 0, None)),
        rows.assign(source=rows["source"].astype("string")),  # pd.NA-backed strings
        rows.assign(period_start=pd.to_datetime(rows["period_start"])),  # datetime sort key
        rows.assign(date=pd.to_datetime(rows["period_start"])),  # Timestamps shown
        rows.astype(object),
        rows.iloc[:0],
        pd.DataFrame(columns=rows.columns),
        rows[[c for c, _, _ in COLUMNS]].astype({"disputed": bool}).assign(period_start=rows["period_start"]),
    ]


@pytest.mark.parametrize("number", range(len(_odd_frames())))
def test_table_html_equals_the_reference_for_other_frames(number: int) -> None:
    frame = _odd_frames()[number]
    for sort in [*SORTS[number % 4 :: 4], {}, {"column": "nope"}, {"column": "killed", "ascending": False}]:
        assert table_html(frame, sort) == table_html_reference(frame, sort), sort


def test_table_html_keeps_true_and_1_apart() -> None:
    rows = view_table(BUNDLE, select(BUNDLE, View(pd.Period("2012-01", "M"), pd.Period("2012-12", "M"))))
    for frame in (rows.assign(killed=1, disputed=1), rows.assign(killed=True, disputed=True), rows.assign(killed=1.0)):
        assert table_html(frame, SORTS[0]) == table_html_reference(frame, SORTS[0])


def test_table_html_falls_back_where_the_reference_would_complain() -> None:
    rows = view_table(BUNDLE, select(BUNDLE, View(pd.Period("2013-01", "M"), pd.Period("2013-12", "M"))))
    with pytest.raises(KeyError):
        table_html(rows.drop(columns="killed"), sort_state("date", "asc"))
    ambiguous = rows.set_index(rows["period_start"].rename("period_start"), drop=False)
    with pytest.raises(ValueError):
        table_html(ambiguous, sort_state("date", "asc"))


def test_rows_are_positions_with_partial_flags() -> None:
    view = View(pd.Period("2013-09", "M"), pd.Period("2013-09", "M"))
    moves = index.rows(BUNDLE, view, "movements")
    assert moves.positions.dtype == np.int64 and moves.partial.dtype == bool
    assert list(moves.positions) == sorted(moves.positions)
    assert moves.partial.any() and not moves.partial.all()
