"""The language picker: one link per offered language to the same view in that language (data.languages), each
named in its own language. A plain link, so the page loads again in the chosen language and direction."""

from __future__ import annotations

from dataclasses import replace

from dash import html

from components.ids import Page
from data import languages
from data.translation import t
from data.view import View


def language_picker(lang: str = languages.DEFAULT) -> html.Nav:
    """The picker's place in the header (its links follow the view: language_links); hidden while only English is
    offered."""
    return html.Nav(
        id=Page.LANGUAGES,
        className="languages",
        hidden=len(languages.AVAILABLE) < 2,
        **{"aria-label": t(lang, "Language")},
    )


def language_links(view: View, prefix: str = "/") -> list:
    """A link per offered language to `view` in it: the current one marked, each in its own language and script."""
    links = []
    for code in languages.AVAILABLE:
        href = prefix.rstrip("/") + "/" + replace(view, lang=code).query()
        current = {"aria-current": "true"} if code == view.lang else {}
        links.append(
            html.A(languages.ENDONYMS[code], href=href, lang=code, hrefLang=code, className="language", **current)
        )
    return links
