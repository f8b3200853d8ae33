"""Places' names in the reader's language: countries by their CLDR names (Babel), the camps by the catalogue."""

from __future__ import annotations

import functools

import pandas as pd
from babel import Locale
from babel.core import get_global

from data import languages
from data.calendars import CLDR_LOCALE
from data.translation import N_, t

# The camps' names as places.csv writes them, marked for the catalogues (a test holds every camp of places.csv here).
CAMP_NAMES = (N_("Camp Ashraf"), N_("Camp Liberty (Camp Hurriya)"), N_("Ashraf-3"))


@functools.cache
def country_name(iso3: str, lang: str) -> str | None:
    """The CLDR name of a country (ISO 3166 alpha-3) in a language, or None where CLDR has none."""
    alpha2 = get_global("territory_aliases").get(iso3.upper(), [None])[0]
    return Locale.parse(CLDR_LOCALE[lang]).territories.get(alpha2) if alpha2 else None


def _place_name(name: str, kind: str, iso3: str, lang: str) -> str:
    """One place's name in `lang` (`name`, places.csv's English, where no translation is known)."""
    if lang == languages.DEFAULT:
        return name
    if kind == "country":
        return country_name(iso3, lang) or name
    return t(lang, name)


def place_names(places: pd.DataFrame, lang: str) -> dict[str, str]:
    """{place_id: name} of every place in `lang`."""
    if lang == languages.DEFAULT:
        return places["name"].to_dict()
    columns = (places.index, places["name"], places["kind"], places["country_iso3"])
    return {pid: _place_name(name, kind, iso3, lang) for pid, name, kind, iso3 in zip(*columns, strict=True)}
