"""The chart toolbar and plotly.js's own words in the page's language: a plotly.js locale (`config.locale`,
`config.locales`) made from the catalogue (the toolbar's strings) and CLDR (month and day names, through Babel).

plotly.js ships fa, ar and sq locales (registered in the partial bundle) with no toolbar strings, and its Persian
one puts the Solar Hijri month names on Gregorian dates; the locale given here replaces both. Persian time axes use
the Persian calendar itself (figures.style.date_axis).
"""

from __future__ import annotations

import functools

from babel.dates import get_day_names, get_month_names

from data import languages
from data.calendars import CLDR_LOCALE
from data.translation import N_, t

TOOLBAR = (  # plotly.js's strings a reader of our charts can meet: toolbar buttons, their notices, the legend's tip
    N_("Download plot as a PNG"),
    N_("Download plot"),
    N_("Zoom"),
    N_("Pan"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Reset axes"),
    N_("Reset view"),
    N_("Reset"),
    N_("Autoscale"),
    N_("Toggle Spike Lines"),
    N_("Show closest data on hover"),
    N_("Compare data on hover"),
    N_("Toggle show closest data on hover"),
    N_("Preparing image - this may take a few seconds"),
    N_("Image download succeeded"),
    N_("Sorry, there was a problem downloading your image!"),
    N_("Double-click on legend to isolate one trace"),
    N_("Double-click to zoom back out"),
)


@functools.cache
def plotly_locale(lang: str) -> dict:
    """dcc.Graph config entries that make plotly.js speak `lang` (none for English, plotly.js's own)."""
    if lang == languages.DEFAULT:
        return {}
    cldr = CLDR_LOCALE[lang]
    days = get_day_names("wide", locale=cldr)  # Babel counts from Monday (0), plotly.js from Sunday
    short_days = get_day_names("abbreviated", locale=cldr)
    locale = {
        "dictionary": {text: t(lang, text) for text in TOOLBAR},
        "format": {
            "months": [get_month_names("wide", locale=cldr)[m] for m in range(1, 13)],
            "shortMonths": [get_month_names("abbreviated", locale=cldr)[m] for m in range(1, 13)],
            "days": [days[(d + 6) % 7] for d in range(7)],
            "shortDays": [short_days[(d + 6) % 7] for d in range(7)],
        },
    }
    return {"locale": lang, "locales": {lang: locale}}
