"""How the page's inputs change the view: URL, slider, map click, lens, reset, story buttons."""

from __future__ import annotations

import pandas as pd
import pytest

from data import timeline
from data.load import default_bundle
from data.view import View, default_choices
from present.view_state import Source, next_state


@pytest.fixture(scope="module")
def choices():
    return default_choices()


@pytest.fixture(scope="module")
def axis(choices):
    return timeline.months(default_bundle())


def test_slider_map_lens_and_reset_update_the_view(axis, choices):
    up = next_state(None, None, choices, search="?from=2013-01&to=2013-12")
    assert up.search == "?from=2013-01&to=2013-12" and up.notices == []
    start = (pd.Period("2013-01", "M") - axis[0]).n
    assert up.span == [start, start + 11]

    up = next_state(Source.SLIDER, up.store, choices, month_span=[start, start + 2])
    assert up.search == "?from=2013-01&to=2013-03" and up.notices is None
    assert up.span is None  # the slider is not echoed back while the user moves it

    click = {"points": [{"customdata": ["place", "liberty", "liberty"]}]}
    for odd in (1.0, 5, [3], None, "12"):  # not two slider positions: the view stays as it was
        assert next_state(Source.SLIDER, up.store, choices, month_span=odd).store == up.store

    up = next_state(Source.MAP, up.store, choices, map_click=click)
    assert up.search == "?from=2013-01&to=2013-03&place=liberty" and up.store["place"] == "liberty"

    up = next_state(Source.MAP, up.store, choices, map_click={"points": [{"customdata": None}]})
    assert up.store["place"] == "liberty"  # a click on no place keeps the filter

    up = next_state(Source.LENS, up.store, choices, lens="independent")
    assert up.search.endswith("&lens=independent") and up.lens == "independent"
    up = next_state(Source.LENS, up.store, choices, lens="bogus")
    assert up.lens == "independent"

    up = next_state(Source.RESET, up.store, choices)
    assert up.search == "?from=2013-01&to=2013-03&lens=independent" and up.store["place"] is None


def test_back_button_reparses_the_url(choices):
    store = View.parse("?from=2013-01", choices)[0].to_store()
    up = next_state(Source.URL, store, choices, search="?from=2014-02&to=2014-03&lens=seeds")
    assert up.store["from"] == "2014-02" and up.notices == [] and up.lens == "seeds"


def test_odd_clicks_select_nothing():
    from present.view_state import clicked_item, clicked_place

    for click in (None, {}, {"points": []}, {"points": [{}]}, {"points": [{"customdata": []}]},
                  {"points": [{"customdata": [1, 2]}]}, {"points": [{"customdata": ["place", "x", "atlantis"]}]}):  # fmt: skip
        assert clicked_item(click) is None or isinstance(clicked_item(click), str)
        assert clicked_place(click, {"ashraf"}) is None


def test_story_buttons_move_through_the_steps_and_leave_keeps_the_view(choices):
    up = next_state(None, None, choices, search="?story=camps&step=2&lens=independent")
    assert up.search == "?story=camps&step=2&lens=independent" and up.notices == []
    step2 = choices.stories["camps"][1]
    assert (up.view.start, up.view.end, up.view.place) == (step2.start, step2.end, step2.place)
    up = next_state(Source.STORY_NEXT, up.store, choices)
    assert up.search == "?story=camps&step=3&lens=independent" and up.store["step"] == 3
    up = next_state(Source.STORY_PREV, up.store, choices)
    up = next_state(Source.STORY_PREV, up.store, choices)
    up = next_state(Source.STORY_PREV, up.store, choices)  # no step before the first
    assert up.store["step"] == 1
    up = next_state(Source.LENS, up.store, choices, lens="seeds")  # a lens change stays in the story
    assert up.search == "?story=camps&step=1&lens=seeds"
    left = next_state(Source.STORY_LEAVE, up.store, choices)
    step1 = choices.stories["camps"][0]
    assert "story" not in left.store
    assert left.search == f"?from={step1.start}&to={step1.end}&place={step1.place}&lens=seeds"
    moved = next_state(Source.SLIDER, up.store, choices, month_span=[0, 5])  # the slider leaves the story
    assert (
        "story" not in moved.store
        and moved.search == f"?from={choices.first}&to={choices.first + 5}&place=ashraf&lens=seeds"
    )
