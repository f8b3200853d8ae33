"""Finding English of ours in text shown in another language (issue 13): the tests' one definition of it.

What may stay in Latin letters is what the catalogue of the language keeps so: a body's own name kept as published
(UNHCR, Reuters), an abbreviation our translation keeps beside its name (OHCHR). Beyond that, only what is not ours to
translate: web addresses, the sources' sites, the seed documents' file names, the data's version and the product's
name.

- Persian and Arabic: any Latin word not found in the language's translations is English of ours.
- Albanian is written in Latin letters, so a word counts as English when our English texts (the catalogue's msgids)
  use it and our Albanian translations never do ("killed", "lines", "States").
"""

from __future__ import annotations

import functools
import re

from babel.messages.pofile import read_po

from data import languages
from data.load import default_bundle
from data.translation import catalogue_path

NOT_OURS = ("Camps Atlas", "PNG", "SVG", "PDF", "CSV")  # the product's name; file formats
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
_VERSION = re.compile(r"\b[0-9a-f]{10}\b")  # the data's version (a hash), as the citation and the report name it


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.cache
def _messages(lang: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(English forms, translated forms) of every entry of a language's catalogue."""
    with catalogue_path(lang).open("rb") as f:
        return tuple((_forms(m.id), _forms(m.string)) for m in read_po(f, locale=lang) if m.id)


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple) else (value,)


@functools.cache
def _kept(lang: str) -> tuple[str, ...]:
    """The names the language keeps as published (translation = English), longest first."""
    return tuple(sorted({e[0] for e, t in _messages(lang) if e == t}, key=len, reverse=True))


@functools.cache
def _words(lang: str | None) -> frozenset[str]:
    """The words of our English texts (lang None) or of a language's own translations, lower-cased, without the
    placeholders' names ({killed:…}) and the names kept as published."""
    entries = _messages(lang or languages.LANGUAGES[1])
    texts = [text for e, t in entries if lang is None or e != t for text in (e if lang is None else t)]
    return frozenset(w.casefold() for text in texts for w in _WORD.findall(_PLACEHOLDER.sub(" ", text)))


@functools.cache
def _sites() -> tuple[str, ...]:
    """The sources' sites as the page shows them ('hrw.org'), longest first."""
    hosts = default_bundle().sources["url"].dropna().str.extract(r"https?://([^/]+)")[0].dropna()
    names = {h.removeprefix("www.") for h in hosts} | set(hosts)
    return tuple(sorted(names, key=len, reverse=True))


@functools.cache
def _kept_words(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for name in _kept(lang) for w in _WORD.findall(name))


def _without_what_is_not_ours(text: str, lang: str) -> str:
    text = _VERSION.sub(" ", _SEED_FILE.sub(" ", _URL.sub(" ", text)))
    for name in (*_sites(), *_kept(lang), *NOT_OURS, *languages.ENDONYMS.values()):
        text = text.replace(name, " ")
    return text


def english_left(text: str, lang: str, visual: bool = False) -> list[str]:
    """The words of `text` (shown in `lang`) that are English of ours, in order (empty when there are none).
    visual: the text as a PDF's lines hold it, laid out left to right: a kept name in a right-to-left line may read
    word-reversed or break across lines, so its words are taken one by one."""
    kept = _words(lang) | (_kept_words(lang) if visual else frozenset())
    words = _WORD.findall(_without_what_is_not_ours(text, lang))
    if lang in ("fa", "ar"):
        return [w for w in words if w.casefold() not in kept]
    english = _words(None)
    return [w for w in words if len(w) > 2 and w.casefold() in english and w.casefold() not in kept]
