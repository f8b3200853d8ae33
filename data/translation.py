"""The page's strings in the reader's language: gettext catalogues made with Babel (`make catalogues`: extract from
the code into data/locales/camps_atlas.pot, update each language's .po, compile the .mo files the app reads).

Mark a string where it is written: `t(lang, "Date range")`, or `t(lang, "{n} in view", n=3)` (formatted after
translation; `t_` where `t` names something else); a constant defined before any language is known with `N_("…")`,
translated where it is shown. A text with a count takes the language's plural forms: `tn(lang, "{n} attack",
"{n} attacks", count, n=…)`, or `Nn_(singular, plural)` for a constant (Arabic has six forms; the browser picks the
same one: plural_categories). The data's labels are entries too (data/extract_csv.py). Source titles are never
marked: they stay as published. A language is offered (data.languages.AVAILABLE) only once its
catalogue has no untranslated entry (tests/unit/test_translation.py).
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from data import languages

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "camps_atlas"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: the strings as written). A .mo older than its .po, or missing
    (`make catalogues` not run since), is compiled from the .po in memory, so the page never shows stale text."""
    if lang == languages.DEFAULT:
        return gettext.NullTranslations()
    po, mo = catalogue_path(lang), catalogue_path(lang, ".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        return gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    with po.open("rb") as source:
        catalog = read_po(source, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@functools.cache
def catalogue(lang: str) -> Catalog:
    """A language's catalogue as Babel reads it (for the plural forms the browser is given)."""
    with catalogue_path(lang).open("rb") as source:
        return read_po(source, locale=lang)


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a constant with a count for the catalogue; `tn(lang, *constant, n)` translates it where it is shown."""
    return singular, plural


def tn(lang: str, singular: str, plural: str, count: int, **values: object) -> str:
    """The form of `singular`/`plural` the language uses for `count` (gettext's plural rule of its catalogue),
    then formatted with `values` (the count itself among them, as the text shows it: `n=…`)."""
    return translations(lang).ngettext(singular, plural, count).format(**values)


def plural_forms(lang: str, singular: str, plural: str) -> list[str]:
    """Every form of a text with a count, in the catalogue's order (as written where it has no translation)."""
    if lang != languages.DEFAULT:
        message = catalogue(lang).get(singular)
        if message is not None and isinstance(message.string, tuple) and all(message.string):
            return list(message.string)
    return [singular, plural]


@functools.cache
def plural_categories(lang: str) -> dict[str, int]:
    """{CLDR plural category: the catalogue's form index}: the browser names a count's category with
    Intl.PluralRules (CLDR's rules, as Babel's), and takes the form this index gives."""
    rule = Locale.parse(lang).plural_form
    index = translations(lang).plural if lang != languages.DEFAULT else (lambda n: int(n != 1))
    return {rule(n): index(n) for n in range(200)}


def N_(message: str) -> str:
    """Marks a constant for the catalogue where it is defined; `t(lang, constant)` translates it where it is shown."""
    return message


def t(lang: str, message: str, **values: object) -> str:
    """`message` in `lang` (as written when it has no translation), then formatted with `values`. In a right-to-left
    language each text value is set with `closed`, so the digits after a Latin name ('Associated Press، ۱۰ شهریور')
    stay with the words they belong to, and a file name (003_cb0b….txt) reads as one left-to-right name."""
    text = translations(lang).gettext(message)
    if values and lang in languages.RIGHT_TO_LEFT:
        values = {k: closed(lang, v) if isinstance(v, str) else v for k, v in values.items()}
    return text.format(**values) if values else text


RLM, LRM = "\u200f", "\u200e"  # right-to-left and left-to-right marks: strong characters that take no room
_ENDS_LATIN = re.compile(r"[A-Za-z][^\u0590-\u08ff\u200f]*$")  # the last strong letter is Latin
_DIGITS_THEN_LATIN = re.compile(r"^[0-9][0-9_.\-]*[A-Za-z]")


def closed(lang: str, value: str) -> str:
    """A piece of text to set among right-to-left words (as `t` sets its values): a Latin name closed with a
    left-to-right mark (so a quote or bracket it ends with stays with it: lens='bogus') and then a right-to-left
    one, a file name opened with a left-to-right mark; as it is in a left-to-right language."""
    if lang not in languages.RIGHT_TO_LEFT:
        return value
    value = f"{LRM}{value}" if _DIGITS_THEN_LATIN.match(value) else value
    return f"{value}{LRM}{RLM}" if _ENDS_LATIN.search(value) else value
