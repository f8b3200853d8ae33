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
    assert dates.span_label("2012-02-18", "2012-08") == "18 Feb 2012 – Aug 2012"
    assert dates.coarsest("day", "year", "month") == "year"
