"""The figures written in a text, dates left out: to check that every figure a text shows comes from data rows."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATES = (
    re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b"),  # ISO: 2013-09-01, 2013-09
    # a day before a month name: '9 February', '28–29 July', '9 Feb 2013' (the year goes with the next rule)
    re.compile(rf"\b\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+(?:{_MONTH_NAMES})\b"),
    # a year (1900–2099), alone or in a span ('2013–2015', 'mid-2012'), never part of '2,013' or '2013.5'
    re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.]\d)"),
)
# How many sources say something ('2 sources: 18 Feb – Aug 2012', '6 source row(s)') is a count of our rows, not a
# figure a source gives.
_SOURCE_COUNT = re.compile(r"(?<![\d,.])\b\d+\s+source(?:s|\s+row\(s\))?\b")
_FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d,.])\d+(?![\d,.]\d)")


def figures_in(text: str, names: Iterable[str] = ()) -> list[int]:
    """The whole numbers in a text other than dates (ISO dates, a day before a month name, years) and counts of
    sources ('2 sources'), after removing
    the given names (publishers or places with digits in their name, e.g. 'Seed document 003', 'Ashraf-3').

    '1,200' is 1200. A four-digit number from 1900 to 2099 written without a comma is read as a year: the app
    writes every figure from 1,000 up with a comma.
    """
    for name in sorted(set(names), key=len, reverse=True):
        if any(ch.isdigit() for ch in name):
            text = text.replace(name, " ")
    for pattern in (*_DATES, _SOURCE_COUNT):
        text = pattern.sub(" ", text)
    return [int(m.group().replace(",", "")) for m in _FIGURE.finditer(text)]
