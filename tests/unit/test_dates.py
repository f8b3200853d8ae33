"""Partial dates keep their precision and stand for a whole period."""

import pandas as pd
import pytest

from data import dates


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2013-09-01", "day", "2013-09-01", "2013-09-01"),
        ("2013-09", "month", "2013-09-01", "2013-09-30"),
        ("2012-02", "month", "2012-02-01", "2012-02-29"),
        ("2016", "year", "2016-01-01", "2016-12-31"),
    ],
)
def test_period_of_partial_dates(text, precision, start, end):
    assert dates.precision_of(text) == precision
    assert dates.period_of(text) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("bad", ["2013-13", "2013-9-1", "13-09-01", "2013-02-30", "", "2013/09"])
def test_rejects_non_iso(bad):
    with pytest.raises(ValueError):
        dates.precision_of(bad)


def test_labels_keep_precision():
    assert dates.label("2013-09-01") == "1 Sep 2013"
    assert dates.label("2013-09") == "Sep 2013"
    assert dates.label("2013") == "2013"
    assert dates.span_label("2012-02-18", "2012-08") == "18 Feb – Aug 2012"
    assert dates.coarsest("day", "year", "month") == "year"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2012-03-19", "2012-03-20", "19–20 Mar 2012"),
        ("2013", "2015", "2013–2015"),
        ("2011-12-28", "2012", "28 Dec 2011 – 2012"),
        ("2012-11-30", "2013-01-02", "30 Nov 2012 – 2 Jan 2013"),
        ("2016-09-09", "2016-09-09", "9 Sep 2016"),
    ],
)
def test_span_label_writes_shared_parts_once(start, end, text):
    assert dates.span_label(start, end) == text


@pytest.mark.parametrize(
    ("pairs", "text"),
    [
        ([("2012-03-19", "2012-03-20"), ("2012-03-20", "2012-03-20")], "20 Mar 2012 (one source: 19–20 Mar 2012)"),
        ([("2009-07", ""), ("2009-07-28", "")], "28 Jul 2009"),  # a month the day falls within: no disagreement
        ([("2013-05-15", ""), ("2013-05-16", ""), ("2013-05-16", "")], "16 May 2013 (one source: 15 May 2013)"),
        (
            [("2013-05-15", ""), ("2013-05-16", ""), ("2013-05-17", "")],
            "15 May 2013 (one source: 16 May 2013; another: 17 May 2013)",
        ),
        ([("2016", ""), ("2016", "")], "2016"),
    ],
)
def test_one_clear_date_and_the_others_in_words(pairs, text):
    label = dates.agreed_label(pairs)
    assert label == text
    assert " / " not in label


def test_item_dates_in_the_charts_never_join_periods_with_a_slash(bundle):
    import present
    from data.select import full_view

    attacks, transfers, totals = present.in_view(bundle, full_view(bundle))
    whens = {s.item_id: s.when for s in [*attacks, *transfers, *totals]}
    assert not [w for w in whens.values() if " / " in w]
    assert whens["M25_third_convoy"] == "20 Mar 2012 (one source: 19–20 Mar 2012)"
    detail = present.item_detail(bundle, "movement", "M25_third_convoy")
    assert detail.precision == "day"
