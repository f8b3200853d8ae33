"""URL state: parse with notices, format, and update from slider, map click and reset."""

from __future__ import annotations

import pandas as pd
import pytest

from components.ids import Charts, Controls, Page
from components.view_state import format_search, next_state, parse_search, to_store
from data import timeline


@pytest.fixture(scope="module")
def axis(bundle):
    return timeline.months(bundle)


@pytest.fixture(scope="module")
def place_ids(bundle):
    return set(bundle.places.index)


def test_valid_query(axis, place_ids):
    view, notices = parse_search("?from=2013-09&to=2013-10&place=liberty&lens=seeds", axis, place_ids)
    assert (str(view.start), str(view.end), view.place, view.lens) == ("2013-09", "2013-10", "liberty", "seeds")
    assert notices == []
    assert format_search(view) == "?from=2013-09&to=2013-10&place=liberty&lens=seeds"


def test_empty_query_is_the_whole_period(axis, place_ids):
    view, notices = parse_search("", axis, place_ids)
    assert (view.start, view.end, view.place, view.lens) == (axis[0], axis[-1], None, "all")
    assert notices == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?from=banana", "Ignored from='banana'"),
        ("?to=2013-13", "Ignored to='2013-13'"),
        ("?place=nowhere", "Ignored place='nowhere'"),
        ("?lens=mine", "Ignored lens='mine'"),
        ("?foo=1", "Ignored unknown parameter 'foo'"),
        ("?from=2015-01&to=2014-01", "is after to=2014-01"),
        ("?from=1990-01", "outside the data"),
    ],
)
def test_bad_parameters_are_ignored_with_a_notice(axis, place_ids, query, expected):
    view, notices = parse_search(query, axis, place_ids)
    assert any(expected in n for n in notices), notices
    assert axis[0] <= view.start <= view.end <= axis[-1]


def test_slider_map_lens_and_reset_update_the_view(axis, place_ids):
    up = next_state(None, None, axis, place_ids, search="?from=2013-01&to=2013-12")
    assert up.search == "?from=2013-01&to=2013-12" and up.notices == []
    start = (pd.Period("2013-01", "M") - axis[0]).n
    assert up.span == [start, start + 11]

    up = next_state(Controls.DATE_RANGE, up.store, axis, place_ids, month_span=[start, start + 2])
    assert up.search == "?from=2013-01&to=2013-03" and up.notices is None
    assert up.span is None  # the slider is not echoed back while the user moves it

    click = {"points": [{"customdata": ["place", "liberty", "liberty"]}]}
    for odd in (1.0, 5, [3], None, "12"):  # not two slider positions: the view stays as it was
        assert next_state(Controls.DATE_RANGE, up.store, axis, place_ids, month_span=odd).store == up.store

    up = next_state(Charts.MAP, up.store, axis, place_ids, map_click=click)
    assert up.search == "?from=2013-01&to=2013-03&place=liberty" and up.store["place"] == "liberty"

    up = next_state(Charts.MAP, up.store, axis, place_ids, map_click={"points": [{"customdata": None}]})
    assert up.store["place"] == "liberty"  # a click on no place keeps the filter

    up = next_state(Controls.LENS, up.store, axis, place_ids, lens="independent")
    assert up.search.endswith("&lens=independent") and up.lens == "independent"
    up = next_state(Controls.LENS, up.store, axis, place_ids, lens="bogus")
    assert up.lens == "independent"

    up = next_state(Controls.RESET, up.store, axis, place_ids)
    assert up.search == "?from=2013-01&to=2013-03&lens=independent" and up.store["place"] is None


def test_back_button_reparses_the_url(axis, place_ids):
    store = to_store(parse_search("?from=2013-01", axis, place_ids)[0])
    up = next_state(Page.URL, store, axis, place_ids, search="?from=2014-02&to=2014-03&lens=seeds")
    assert up.store["from"] == "2014-02" and up.notices == [] and up.lens == "seeds"


def test_odd_clicks_select_nothing():
    from components.view_state import clicked_item, clicked_place

    for click in (None, {}, {"points": []}, {"points": [{}]}, {"points": [{"customdata": []}]},
                  {"points": [{"customdata": [1, 2]}]}, {"points": [{"customdata": ["place", "x", "atlantis"]}]}):  # fmt: skip
        assert clicked_item(click) is None or isinstance(clicked_item(click), str)
        assert clicked_place(click, {"ashraf"}) is None
