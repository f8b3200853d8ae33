"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the periods they stand for."""

from __future__ import annotations

import re
from datetime import date

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
    """'18 Feb 2012' or '18 Feb 2012 – Aug 2012'."""
    if not end or end == start:
        return label(start)
    return f"{label(start)} – {label(end)}"


def month_label(month: pd.Period) -> str:
    """'Sep 2013' for a monthly period."""
    return f"{_MONTHS[month.month - 1]} {month.year}"
