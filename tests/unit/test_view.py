"""The one View (data/view.py): parsed leniently for the page, strictly for exports and the CLI; written to the query
string, the store, the cache key and file names."""

from __future__ import annotations

import pandas as pd
import pytest

from data import languages
from data.view import ParamError, View, default_choices, parse_month

M = lambda text: pd.Period(text, "M")  # noqa: E731


@pytest.fixture(scope="module")
def choices():
    return default_choices()


def test_valid_query_round_trips(choices):
    view, notices = View.parse("?from=2013-09&to=2013-10&place=liberty&lens=seeds", choices)
    assert (view.start, view.end, view.place, view.lens, view.story) == (
        M("2013-09"),
        M("2013-10"),
        "liberty",
        "seeds",
        None,
    )
    assert notices == []
    assert view.query() == "?from=2013-09&to=2013-10&place=liberty&lens=seeds"
    assert View.parse(view.query(), choices)[0] == view
    assert View.from_store(view.to_store(), choices) == view


def test_empty_query_is_the_whole_period(choices):
    view, notices = View.parse("", choices)
    assert view == View(choices.first, choices.last, None, "all")
    assert notices == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?from=banana", "Ignored from='banana'"),
        ("?to=2013-13", "Ignored to='2013-13'"),
        ("?from=0000-01", "Ignored from='0000-01'"),
        ("?place=nowhere", "Ignored place='nowhere'"),
        ("?lens=mine", "Ignored lens='mine'"),
        ("?foo=1", "Ignored unknown parameter 'foo'"),
        ("?from=2013-01&from=2013-02", "Ignored a repeated 'from' parameter; using the first."),
        ("?from=2015-01&to=2014-01", "from=2015-01 is after to=2014-01; showing the whole period instead."),
        ("?from=1990-01", "outside the data"),
        ("?story=nope", "Ignored story='nope'"),
        ("?story=camps&step=99", "Ignored step='99': the story 'camps' has steps 1 to 10; showing step 1."),
        ("?step=3", "Ignored step: it needs a story"),
    ],
)
def test_bad_parameters_are_ignored_with_a_notice(choices, query, expected):
    view, notices = View.parse(query, choices)
    assert any(expected in n for n in notices), notices
    assert choices.first <= view.start <= view.end <= choices.last


def test_a_story_step_sets_the_view_and_its_link_keeps_it(choices):
    view, notices = View.parse("?story=camps&step=7&lens=independent", choices)
    step = choices.stories["camps"][6]
    assert notices == []
    assert (view.start, view.end, view.place, view.lens) == (step.start, step.end, step.place, "independent")
    assert (view.story, view.step) == ("camps", 7)
    assert view.query() == "?story=camps&step=7&lens=independent"  # the link is the step, as the address bar says
    assert View.from_store(view.to_store(), choices) == view
    assert view.out_of_story().query() == f"?from={step.start}&to={step.end}&place={step.place}&lens=independent"


@pytest.mark.parametrize("digits", ["٢٠١٣-٠٩", "۲۰۱۳-۰۹", "２０１３-０９"])
def test_the_month_rule_reads_any_scripts_digits(digits):
    assert parse_month(digits) == M("2013-09")


@pytest.mark.parametrize("text", ["2013-9", "2013-13", "0000-01", "13-09", "2013-09-01", "", None, 201309])
def test_the_month_rule_refuses_what_is_not_a_month(text):
    assert parse_month(text) is None


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("from=banana", "from='banana': expected a month"),
        ("from=2030-01", "from=2030-01 is outside the data"),
        ("from=2014-01&to=2013-01", "from=2014-01 is after to=2013-01"),
        ("place=nowhere", "place='nowhere'"),
        ("colour=red", "unknown parameter 'colour'"),
        ("from=2013-01&from=2013-02", "'from' is given more than once"),
        ("story=camps&step=0", "step='0'"),
    ],
)
def test_strict_parsing_names_the_parameter(choices, query, named):
    with pytest.raises(ParamError) as err:
        View.parse_strict(query, choices)
    assert named in str(err.value)
    assert "Ignored" not in str(err.value) and "using" not in str(err.value) and "showing" not in str(err.value)


def test_strict_parsing_returns_the_callers_own_parameters(choices):
    view, rest = View.parse_strict("from=2013-01&paper=letter", choices, ("paper",))
    assert view.start == M("2013-01") and rest == {"paper": "letter"}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"start": "banana"}, "--from 'banana'"),
        ({"end": "2099-01"}, "--to 2099-01 is outside the data"),
        ({"start": "2014-01", "end": "2013-01"}, "--from 2014-01 is after --to 2013-01"),
        ({"lens": "mine"}, "--lens 'mine'"),
    ],
)
def test_command_line_options_are_named_as_options(choices, options, named):
    with pytest.raises(ParamError) as err:
        View.from_options(choices, place=None, **options)
    assert named in str(err.value) and "=" not in str(err.value).split(":")[0]


@pytest.mark.parametrize(
    ("store", "reason"),
    [
        ([], "must be an object"),
        ({"from": "2013-01", "to": "2013-02", "story": {"a": 1}, "step": 1}, "story"),
        ({"from": "2013-01", "to": "2013-02", "story": ["camps"], "step": 1}, "story"),
        ({"from": "2013-01", "to": "2013-02", "story": "camps", "step": "1"}, "step"),
        ({"from": "2013-01", "to": "2013-02", "story": "camps", "step": 99}, "step"),
        ({"from": "2013-01", "to": "2013-02", "step": 2}, "story"),
        ({"from": "2013-02", "to": "2013-01"}, "after"),
        ({"from": "1900-01", "to": "2013-01"}, "within the data"),
        ({"from": "2013-1", "to": "2013-02"}, "YYYY-MM"),
        ({"from": "2013-01", "to": "2013-02", "place": 3}, "place"),
        ({"from": "2013-01", "to": "2013-02", "lens": ["all"]}, "lens"),
        ({"from": "2013-01", "to": "2013-02", "colour": "red"}, "unknown key"),
    ],
)
def test_a_store_that_the_app_did_not_write_is_refused(choices, store, reason):
    with pytest.raises(ParamError, match=reason):
        View.from_store(store, choices)


def test_names_keys_and_labels(choices):
    view = View(M("2013-09"), M("2013-09"), "ashraf", "seeds")
    assert view.file_stem("map") == "camps-atlas-map-2013-09_2013-09-ashraf-seeds"
    assert view.file_stem("map", captioned=False) == "camps-atlas-map-2013-09_2013-09-ashraf-seeds-chart"
    assert View(M("2013-01"), M("2013-12")).file_stem("data") == "camps-atlas-data-2013-01_2013-12"
    assert view.cache_key == "2013-09:2013-09:ashraf:seeds"
    assert view.at_step("camps", 7, choices).cache_key == view.at_step("camps", 7, choices).out_of_story().cache_key
    assert view.range_label == "Sep 2013" and View(M("2009-07"), M("2016-09")).range_label == "Jul 2009 – Sep 2016"


def test_slider_span_is_clamped_and_ordered(choices):
    last = choices.last_step
    assert choices.first + last == choices.last
    view = View(choices.first, choices.first).with_span([last + 5, -3], choices)
    assert (view.start, view.end) == (choices.first, choices.last)


# ---- the language (issue 13): part of the view ---------------------------------------------------------------------


def test_a_language_not_yet_offered_is_english_with_a_notice(choices, monkeypatch):
    """A language whose catalogue is not complete is not offered (data.languages.AVAILABLE): asked for, the page
    is in English and says why; an export refuses it."""
    monkeypatch.setattr(languages, "AVAILABLE", ("en",))
    view, notices = View.parse("?from=2013-09&to=2013-09&lang=fa", choices)
    assert view.lang == "en" and view.query() == "?from=2013-09&to=2013-09"
    assert notices == [
        "Ignored lang='fa': Persian (فارسی) is not available yet; available: en (English); the page is in English."
    ]
    monkeypatch.undo()  # every language offered (issue 13)
    assert "expected one of en (English), fa (فارسی), ar (العربية), sq (Shqip)" in View.parse("?lang=xx", choices)[1][0]
    monkeypatch.setattr(languages, "AVAILABLE", ("en",))
    with pytest.raises(ParamError, match=r"lang='fa': Persian \(فارسی\) is not available yet"):
        View.parse_strict("from=2013-09&to=2013-09&lang=fa", choices)
    with pytest.raises(ParamError, match="the view's lang must be one of en"):
        View.from_store({"from": "2013-09", "to": "2013-09", "place": None, "lens": "all", "lang": "fa"}, choices)


@pytest.fixture
def persian(monkeypatch):
    """Persian offered, as it will be once its catalogue is complete."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", ("en", "fa"))


def test_the_language_goes_with_the_view_everywhere(choices, persian):
    view, notices = View.parse("?from=2013-09&to=2013-10&lens=seeds&lang=FA", choices)
    assert notices == [] and view.lang == "fa"
    assert view.query() == "?from=2013-09&to=2013-10&lens=seeds&lang=fa"
    assert view.file_stem("map") == "camps-atlas-map-2013-09_2013-10-seeds-fa"
    assert view.cache_key != View(view.start, view.end, None, "seeds").cache_key  # translated figures differ
    assert View.from_store(view.to_store(), choices) == view
    assert View.parse_strict(view.query(), choices)[0] == view
    assert view.with_span([0, 3], choices).lang == "fa" and view.with_place("liberty").lang == "fa"
    assert view.with_lens("all").lang == "fa" and view.with_grades(["corroborated"]).lang == "fa"
    step = view.at_step("camps", 2, choices)
    assert step.lang == "fa" and "lang=fa" in step.query()


def test_the_page_declares_the_language_and_direction(persian):
    from app import server

    client = server.test_client()
    assert '<html lang="fa" dir="rtl">' in client.get("/?lang=fa").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in client.get("/?lang=de").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in client.get("/").get_data(as_text=True)
