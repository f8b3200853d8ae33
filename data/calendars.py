"""Dates and numbers as each language writes them (CLDR through Babel; the Solar Hijri calendar through jdatetime).

- English and Albanian: Gregorian dates, Latin digits ('Sep 2013', 'shtator 2013').
- Arabic: Gregorian dates with the month names and Arabic-Indic digits of Iraq's CLDR locale, ar_IQ, whose readers
  this concerns ('أيلول ٢٠١٣'; CLDR's plain `ar` has Latin digits and the Egyptian month names).
- Persian: the Solar Hijri calendar, in Extended Arabic-Indic digits: 1 Sep 2013 is '۱۰ شهریور ۱۳۹۲'. A range
  of the slider's (Gregorian) months writes its first and last day, with the Gregorian months beside them. A date
  the sources give only to the month or the year stays a Gregorian month or year (written in Persian): its Solar
  Hijri days would claim a precision the sources do not give.

Babel formats numbers with each locale's separators but keeps Latin digits, so `localise_digits` swaps them for the
locale's own (CLDR's default numbering system of the locale).
"""

from __future__ import annotations

import functools
from datetime import date

import jdatetime
import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from data import dates, languages
from data.translation import N_, Nn_, t, tn

CLDR_LOCALE = {"en": "en", "fa": "fa", "ar": "ar_IQ", "sq": "sq"}  # the CLDR locale each language writes with
_DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}  # CLDR numbering systems' digits, 0 to 9
SOLAR_HIJRI = frozenset({"fa"})  # languages whose dates are written in the Solar Hijri calendar


@functools.cache
def _digit_table(lang: str) -> dict[int, str]:
    system = Locale.parse(CLDR_LOCALE[lang]).default_numbering_system
    return str.maketrans("0123456789", _DIGITS[system]) if system in _DIGITS else {}


def localise_digits(lang: str, text: str) -> str:
    """`text` with its ASCII digits written in the language's own digits ('2013' -> '۲۰۱۳' in Persian)."""
    table = _digit_table(lang)
    return text.translate(table) if table else text


def number(lang: str, value: int) -> str:
    """A whole number with the language's group separator and digits: 1,234 / ۱٬۲۳۴ / ١٬٢٣٤ / 1 234."""
    if lang == languages.DEFAULT:
        return f"{value:,}"
    return localise_digits(lang, format_decimal(value, locale=CLDR_LOCALE[lang], numbering_system="default"))


def solar_hijri(day: date) -> str:
    """A day in the Solar Hijri calendar, in Persian: date(2013, 9, 1) -> '۱۰ شهریور ۱۳۹۲'."""
    j = jdatetime.date.fromgregorian(date=day)
    return localise_digits("fa", f"{j.day} {jdatetime.date.j_months_fa[j.month - 1]} {j.year}")


def gregorian_month(lang: str, month: pd.Period) -> str:
    """A Gregorian month: 'Sep 2013', 'سپتامبر ۲۰۱۳', 'أيلول ٢٠١٣', 'shtator 2013'."""
    if lang == languages.DEFAULT:
        return dates.month_label(month)
    text = format_date(date(month.year, month.month, 1), "LLLL y", locale=CLDR_LOCALE[lang])
    return localise_digits(lang, text)


def month_ends(lang: str, month: pd.Period) -> dict[str, str]:
    """What a range starting or ending at `month` writes: its first and last day (or the month itself where dates
    are Gregorian), and in Solar Hijri languages the Gregorian month beside them. The range label's parts, here and
    in the browser while a handle is dragged (assets/access.js)."""
    if lang not in SOLAR_HIJRI:
        label = gregorian_month(lang, month)
        return {"first": label, "last": label}
    return {
        "first": solar_hijri(month.start_time.date()),
        "last": solar_hijri(month.end_time.date()),
        "beside": gregorian_month(lang, month),
    }


def range_label(lang: str, start: pd.Period, end: pd.Period) -> str:
    """The months start..end as one label: 'Sep 2013', 'Jul 2009 – Sep 2016', and in Persian the days in Solar
    Hijri with the Gregorian months beside them: '۱۱ دی ۱۳۹۰ – ۱۰ دی ۱۳۹۲ (ژانویه ۲۰۱۲ – دسامبر ۲۰۱۳)'."""
    a, b = month_ends(lang, start), month_ends(lang, end)
    text = a["first"] if a["first"] == b["last"] else f"{a['first']} – {b['last']}"
    if "beside" in a:
        beside = a["beside"] if start == end else f"{a['beside']} – {b['beside']}"
        text += f" ({beside})"
    return text


def day_label(lang: str, day: date) -> str:
    """A day: '1 Sep 2013', '۱۰ شهریور ۱۳۹۲', '١ أيلول ٢٠١٣', '1 shtator 2013'."""
    if lang in SOLAR_HIJRI:
        return solar_hijri(day)
    if lang == languages.DEFAULT:
        return dates.label(day.isoformat())
    return localise_digits(lang, format_date(day, "d MMMM y", locale=CLDR_LOCALE[lang]))


def label(lang: str, text: str) -> str:
    """A partial ISO date in the language, keeping its precision (data.dates.label in English)."""
    if lang == languages.DEFAULT:
        return dates.label(text)
    precision = dates.precision_of(text)
    if precision == "day":
        return day_label(lang, date.fromisoformat(text))
    if precision == "month":
        return gregorian_month(lang, pd.Period(text, freq="M"))
    return localise_digits(lang, text)


PRECISION_WORDS = {"day": N_("day"), "month": N_("month"), "year": N_("year")}  # a date's precision, in words
AGREED_OTHERS = Nn_("{n} source: {date}", "{n} sources: {date}")
ONE_SOURCE, ANOTHER = N_("one source: {date}"), N_("another: {date}")
SEPARATOR = N_("; ")  # between the parts of a list whose parts hold commas (Persian and Arabic write '؛ ')
LIST_SEPARATOR = N_(", ")  # between the items of a list (Persian and Arabic write '، ')


def listed(lang: str, items) -> str:
    """Items joined as the language writes a list: 'a, b' / 'a، b'."""
    return t(lang, LIST_SEPARATOR).join(items)


def agreed_label(lang: str, pairs: list[tuple[str, str]]) -> str:
    """data.dates.agreed_label in the language: the date most sources give, and the others in words."""
    if lang == languages.DEFAULT or not pairs:
        return dates.agreed_label(pairs)
    main, others = dates.agreed_parts(pairs)
    text = span_label(lang, main[0], main[1] or None)
    if not others:
        return text
    said = []
    for k, (n, (start, end)) in enumerate(others):
        date_text = span_label(lang, start, end or None)
        if n == 1:
            said.append(t(lang, ONE_SOURCE if k == 0 else ANOTHER, date=date_text))
        else:
            said.append(tn(lang, *AGREED_OTHERS, n, n=number(lang, n), date=date_text))
    return f"{text} ({t(lang, SEPARATOR).join(said)})"


def period_label(lang: str, start: str, end: str, precision: str) -> str:
    """A period given as its first and last day (YYYY-MM-DD) and the precision its sources give it, in the
    language: '28 Jul 2009', 'Sep 2013', '2013–2015', '۱ فروردین ۱۳۹۱ – ۲ فروردین ۱۳۹۱'."""
    if precision == "year":
        return span_label(lang, start[:4], end[:4] if end[:4] != start[:4] else None)
    if precision == "month":
        return span_label(lang, start[:7], end[:7] if end[:7] != start[:7] else None)
    return span_label(lang, start, end if end != start else None)


def span_label(lang: str, start: str, end: str | None) -> str:
    """A period as one label (data.dates.span_label in English; in the other languages both ends written whole)."""
    if lang == languages.DEFAULT:
        return dates.span_label(start, end)
    if not end or end == start:
        return label(lang, start)
    return f"{label(lang, start)} – {label(lang, end)}"
