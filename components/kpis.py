"""KPI cards: killed, wounded, moved within Iraq and resettled abroad in the view, as a range where sources
disagree, each saying how it is summed."""

from __future__ import annotations

import functools

from dash import html

from components.ids import Kpi as KpiIds

CARDS = (
    (KpiIds.KILLED, KpiIds.KILLED_DETAIL, "Killed in attacks"),
    (KpiIds.WOUNDED, KpiIds.WOUNDED_DETAIL, "Wounded in attacks"),
    (KpiIds.TRANSFERRED, KpiIds.TRANSFERRED_DETAIL, "Moved Ashraf → Liberty (within Iraq)"),
    (KpiIds.RELOCATED, KpiIds.RELOCATED_DETAIL, "Resettled abroad (left Iraq)"),
)


def kpi_row() -> html.Section:
    """One card per KPI; each figure element holds the shown figure as text and the sources in its tooltip."""
    return html.Section(
        className="kpis",
        **{"aria-label": "Key figures for the selected view"},
        children=[
            html.Div(
                className="kpi",
                children=[
                    html.H2(title, className="kpi-title"),
                    html.P("…", id=value_id, className="kpi-value", tabIndex=0),
                    html.Div(id=detail_id, className="kpi-detail"),
                ],
            )
            for value_id, detail_id, title in CARDS
        ],
    )


@functools.lru_cache(maxsize=1024)
def kpi_detail(how: str, context: str, attribution: str) -> list:
    """The lines under a KPI figure (how it is summed, what is in view) and a disclosure listing who gives which
    figure (cached by its text: the same components are sent again, never changed)."""
    head, *lines = attribution.split("\n")
    return [
        html.P(how, className="kpi-how"),
        html.Span(context, className="kpi-context"),
        html.Details([html.Summary("Who reports what"), html.P(head), html.Ul([html.Li(x) for x in lines])]),
    ]
