"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the periods they stand for."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd

_FORMATS = {4: "year", 7: "month", 10: "day"}
_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ORDER = {"day": 0, "month": 1, "year": 2}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def precision_of(text: str) -> str:
    """Return day/month/year for a partial ISO date; raise ValueError if it is not one."""
    if not _PATTERN.match(text):
        raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    period_of(text)  # validates the calendar
    return _FORMATS[len(text)]


def coarsest(*precisions: str) -> str:
    """The least exact of several precisions."""
    return max(precisions, key=_ORDER.__getitem__)


def period_of(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day covered by a partial ISO date ('2013-09' -> 1 Sep .. 30 Sep 2013)."""
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            day = pd.Timestamp(date(*parts))
            return day, day
        if len(parts) == 2:
            start = pd.Timestamp(date(parts[0], parts[1], 1))
            return start, start + pd.offsets.MonthEnd(0)
        start = pd.Timestamp(date(parts[0], 1, 1))
        return start, pd.Timestamp(date(parts[0], 12, 31))
    except ValueError as err:
        raise ValueError(f"'{text}' is not a calendar date ({err})") from None


def label(text: str) -> str:
    """Human label that keeps the precision: '2013-09-01' -> '1 Sep 2013', '2013-09' -> 'Sep 2013'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def span_label(start: str, end: str | None) -> str:
    """A period as one short label: '18 Feb 2012', '19–20 Mar 2012', '18 Feb – Aug 2012', '2013–2015',
    '28 Dec 2011 – 2012' (what both ends share is written once; each end keeps its precision)."""
    if not end or end == start:
        return label(start)
    s, e = start.split("-"), end.split("-")
    if len(s) == len(e) == 3 and s[:2] == e[:2]:
        return f"{int(s[2])}–{label(end)}"
    if len(s) == len(e) == 1:
        return f"{start}–{end}"
    if len(s) >= 2 and len(e) >= 2 and s[0] == e[0] and len(s) <= 3 and len(e) <= 3:
        head = label(start).removesuffix(f" {s[0]}")
        return f"{head} – {label(end)}"
    return f"{label(start)} – {label(end)}"


def _width(pair: tuple[str, str]) -> pd.Timedelta:
    return period_of(pair[1] or pair[0])[1] - period_of(pair[0])[0]


def _within(inner: tuple[str, str], outer: tuple[str, str]) -> bool:
    """A finer date that a coarser one contains ('28 Jul 2009' within 'Jul 2009'): they agree."""
    (s, e), (s2, e2) = inner, outer
    return inner != outer and s.startswith(s2) and (e or s).startswith(e2 or s2)


def _sources(n: int, first: bool) -> str:
    if n == 1:
        return "one source" if first else "another"
    return f"{n} sources"


def primary(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """The date most sources give, as (start, end or ''); ties go to the narrowest, then the earliest. A coarse
    date that a finer one falls within counts for the finer one."""
    counted = _counted(pairs)
    return max(counted, key=lambda p: (counted[p], -_width(p).days, [-ord(c) for c in p[0]]))


def _counted(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    distinct = {(s, e if e != s else "") for s, e in pairs}
    finer = {p for p in distinct if not any(_within(q, p) for q in distinct)}
    counts: dict[tuple[str, str], int] = dict.fromkeys(sorted(finer), 0)
    for s, e in pairs:
        pair = (s, e if e != s else "")
        target = pair if pair in finer else next(q for q in sorted(finer) if _within(q, pair))
        counts[target] += 1
    return counts


def agreed_parts(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], list[tuple[int, tuple[str, str]]]]:
    """The date most sources give, and each other date with how many sources give it (most first, then
    earliest): what agreed_label writes, in any language (data.calendars.agreed_label)."""
    counted = _counted(pairs)
    main = primary(pairs)
    others = sorted((p for p in counted if p != main), key=lambda p: (-counted[p], period_of(p[0])[0], p))
    return main, [(counted[p], p) for p in others]


def agreed_label(pairs: list[tuple[str, str]]) -> str:
    """One clear date for an item whose sources each give (start, end or ''): the date most of them give, and,
    in words, the others: '20 Mar 2012 (one source: 19–20 Mar 2012)'. A coarse date that a finer one falls within
    is not a different date ('Jul 2009' beside '28 Jul 2009')."""
    if not pairs:
        return ""
    counted = _counted(pairs)
    main = primary(pairs)
    others = sorted((p for p in counted if p != main), key=lambda p: (-counted[p], period_of(p[0])[0], p))
    text = span_label(main[0], main[1] or None)
    if not others:
        return text
    said = [f"{_sources(counted[p], k == 0)}: {span_label(p[0], p[1] or None)}" for k, p in enumerate(others)]
    return f"{text} ({'; '.join(said)})"


def precision_of_pair(pair: tuple[str, str]) -> str:
    """day/month/year of a (start, end or '') date: the coarser of its two ends."""
    return coarsest(*(precision_of(t) for t in pair if t))


def month_label(month: pd.Period) -> str:
    """'Sep 2013' for a monthly period."""
    return f"{_MONTHS[month.month - 1]} {month.year}"


# The month rule: YYYY-MM in any script's decimal digits (Arabic ٢٠١٣, Persian ۲۰۱۳, full-width ２０１３), read with
# int(), so a URL typed in a Persian or Arabic UI means the month it spells; what the app writes is ASCII.
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: Any) -> pd.Period | None:
    """The month YYYY-MM spells (year 1 or later, month 1–12), or None."""
    match = _MONTH.match(text) if isinstance(text, str) else None
    if not match:
        return None
    year, number = int(match[1]), int(match[2])
    return pd.Period(year=year, month=number, freq="M") if year >= 1 and 1 <= number <= 12 else None
