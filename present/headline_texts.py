"""The words of the headline cards' figures and context lines in each language. present.panels writes them in
Python, and the browser (assets/range_view.js) writes the same texts on a range step from `browser_texts(lang)`,
given with the page: the catalogue's forms, the plural categories and the digits, so both agree in every language."""

from __future__ import annotations

import functools

from data import calendars
from data.translation import N_, Nn_, plural_categories, plural_forms, t, tn

COUNTED = {  # '{n} attacks in view', by the unit counted
    "attack": Nn_("{n} attack in view", "{n} attacks in view"),
    "transfer": Nn_("{n} transfer in view", "{n} transfers in view"),
}
NONE_IN_VIEW = {"attack": N_("no attacks in view"), "transfer": N_("no transfers in view")}
LISTED = Nn_("listed transfers: {range} in {n} transfer", "listed transfers: {range} in {n} transfers")
SOURCES_LATEST = Nn_("{n} source, latest each", "{n} sources, latest each")
SINGLE = {
    "partly_none": N_(" ({n} only partly in range, not counted)"),
    "without_figure": N_(" ({n} with no figure from any source)"),
    "disagree": N_(" · sources disagree"),
    "partly": N_(" · {n} partly in range, not counted"),
    "no_figure": N_("no figure"),
    "no_listed": N_("no listed transfer in range"),
    "listed_partly": N_(" ({n} partly in range, not counted)"),
    "no_stated": N_("no stated total"),
    "no_stated_context": N_("no stated total in range · {listed}"),
    "stated_context": N_("{sources} · {listed}"),
}


def single(lang: str, key: str, **values: object) -> str:
    return t(lang, SINGLE[key], **values)


def counted(lang: str, forms: tuple[str, str], n: int, **values: object) -> str:
    """A text with a count in the form the language uses for it, the count in the language's digits."""
    return tn(lang, *forms, n, n=calendars.number(lang, n), **values)


@functools.cache
def browser_texts(lang: str) -> dict:
    """What range_view.js needs to write the cards in `lang`: every text (a plural one as its forms), the plural
    categories' form indexes, the digits and the group separator."""
    sample = calendars.number(lang, 1000)  # '1,000', '۱٬۰۰۰', '1 000'
    return {
        "lang": lang,
        "plural": plural_categories(lang),
        "digits": calendars.localise_digits(lang, "0123456789"),
        "group": sample[1:-3],
        "counted": {unit: plural_forms(lang, *forms) for unit, forms in COUNTED.items()},
        "none": {unit: t(lang, text) for unit, text in NONE_IN_VIEW.items()},
        "listed": plural_forms(lang, *LISTED),
        "sources_latest": plural_forms(lang, *SOURCES_LATEST),
        "single": {key: t(lang, text) for key, text in SINGLE.items()},
    }
