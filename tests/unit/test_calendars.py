"""Dates and numbers in each language (issue 13): Solar Hijri in Persian, Iraq's Arabic month names and digits."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data import calendars
from data.view import View

M = pd.Period


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2013, 9, 1), "۱۰ شهریور ۱۳۹۲"),  # the example
        (date(2012, 3, 20), "۱ فروردین ۱۳۹۱"),  # Nowruz 1391 (a leap year before it: 1390 had 29 Esfand)
        (date(2012, 3, 19), "۲۹ اسفند ۱۳۹۰"),
        (date(2016, 9, 9), "۱۹ شهریور ۱۳۹۵"),
        (date(1986, 6, 1), "۱۱ خرداد ۱۳۶۵"),
    ],
)
def test_solar_hijri_days(day, expected):
    assert calendars.solar_hijri(day) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Jan 2012 – Dec 2013"),
        ("fa", "۱۱ دی ۱۳۹۰ – ۱۰ دی ۱۳۹۲ (ژانویه ۲۰۱۲ – دسامبر ۲۰۱۳)"),
        ("ar", "كانون الثاني ٢٠١٢ – كانون الأول ٢٠١٣"),
        ("sq", "janar 2012 – dhjetor 2013"),
    ],
)
def test_a_range_of_months_in_each_language(lang, expected):
    assert calendars.range_label(lang, M("2012-01"), M("2013-12")) == expected
    assert View(M("2012-01"), M("2013-12"), lang=lang).range_label == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Sep 2013"),
        ("fa", "۱۰ شهریور ۱۳۹۲ – ۸ مهر ۱۳۹۲ (سپتامبر ۲۰۱۳)"),  # a Gregorian month spans two Solar Hijri months
        ("ar", "أيلول ٢٠١٣"),
        ("sq", "shtator 2013"),
    ],
)
def test_one_month_in_each_language(lang, expected):
    assert calendars.range_label(lang, M("2013-09"), M("2013-09")) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "1,234,567"), ("fa", "۱٬۲۳۴٬۵۶۷"), ("ar", "١٬٢٣٤٬٥٦٧"), ("sq", "1\u00a0234\u00a0567")]
)
def test_numbers_take_the_locales_digits_and_separators(lang, expected):
    assert calendars.number(lang, 1234567) == expected


def test_an_items_dates_as_its_sources_give_them_in_each_language():
    """The date most sources give, then the others in words with their counts (plural forms), in the language's
    calendar, digits and list separator."""
    pairs = [("2013-09-01", ""), ("2013-09-01", ""), ("2013-09-02", ""), ("2013-09-02", ""), ("2013-09-03", "")]
    assert calendars.agreed_label("en", pairs) == "1 Sep 2013 (2 sources: 2 Sep 2013; another: 3 Sep 2013)"
    assert calendars.agreed_label("fa", pairs) == "۱۰ شهریور ۱۳۹۲ (۲ منبع: ۱۱ شهریور ۱۳۹۲؛ دیگری: ۱۲ شهریور ۱۳۹۲)"
    assert calendars.agreed_label("ar", pairs) == "١ أيلول ٢٠١٣ (مصدران: ٢ أيلول ٢٠١٣؛ مصدر آخر: ٣ أيلول ٢٠١٣)"
