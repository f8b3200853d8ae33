"""KPI cards: killed, wounded, moved within Iraq and resettled abroad in the view, as a range where sources
disagree, each saying how it is summed.

The figure and its context line are counted in the browser (assets/range_view.js, clientside callback
camps.headlines), so a range step repaints them at once; the server fills in who reports what (the figure's tooltip
and the disclosure under it)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from dash import html

from components.ids import Kpi as KpiIds
from data import languages
from data.translation import t
from present.headline_texts import browser_texts
from present.panels import HEADLINES


@dataclass(frozen=True)
class Card:
    """One KPI card: its headline (present.panels.HEADLINES) and the ids of its figure, context line and sources."""

    name: str
    title: str
    value: str
    context: str
    detail: str


CARDS = tuple(
    Card(
        h.name,
        h.title,
        getattr(KpiIds, h.name.upper()),
        getattr(KpiIds, f"{h.name.upper()}_CONTEXT"),
        getattr(KpiIds, f"{h.name.upper()}_DETAIL"),
    )
    for h in HEADLINES
)
_HOWS = {h.name: h.how for h in HEADLINES}


def kpi_row(lang: str = languages.DEFAULT) -> html.Section:
    """One card per KPI; each figure element holds the shown figure as text and the sources in its tooltip."""
    return html.Section(
        className="kpis",
        # The cards' words in the page's language, for the figures the browser writes on a range step
        # (assets/range_view.js; present.headline_texts).
        **{
            "aria-label": t(lang, "Key figures for the selected view"),
            "data-texts": json.dumps(browser_texts(lang), ensure_ascii=False),
        },
        children=[
            html.Div(
                className="kpi",
                children=[
                    html.H2(t(lang, card.title), className="kpi-title"),
                    html.P("…", id=card.value, className="kpi-value", tabIndex=0),
                    html.Div(
                        className="kpi-detail",
                        children=[
                            html.P(t(lang, _HOWS[card.name]), className="kpi-how"),
                            html.Span(id=card.context, className="kpi-context"),
                            html.Details([html.Summary(t(lang, "Who reports what")), html.Div(id=card.detail)]),
                        ],
                    ),
                ],
            )
            for card in CARDS
        ],
    )


@functools.lru_cache(maxsize=1024)
def kpi_sources(attribution: str) -> list:
    """The disclosure's content under a KPI figure: who gives which figure, per item; a line ending in ':' heads a
    list of the lines after it (cached by its text: the same components are sent again, never changed)."""
    sections: list[tuple[str, list[str]]] = []
    for line in attribution.split("\n"):
        if not sections or line.endswith(":"):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return [part for head, lines in sections for part in (html.P(head), html.Ul([html.Li(x) for x in lines]))]
