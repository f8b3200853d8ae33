"""Graph panels: the map, casualty and relocation charts, and the distance check."""

from __future__ import annotations

from dash import dcc, html

from components.chart_locale import plotly_locale
from components.ids import Charts
from data import calendars, languages
from data.translation import t

MODEBAR_REMOVE = ["sendDataToCloud", "lasso2d", "select2d", "autoScale2d"]


def graph_config(topojson_url: str, filename: str, lang: str = languages.DEFAULT) -> dict:
    """dcc.Graph config: offline base maps, PNG export named after the view, no cloud button, plotly.js's words in
    the page's language."""
    return plotly_locale(lang) | {
        "topojsonURL": topojson_url,
        "displaylogo": False,
        "showSendToCloud": False,
        "modeBarButtonsToRemove": MODEBAR_REMOVE,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "responsive": True,
    }


def graph(
    graph_id: str,
    summary_id: str,
    topojson_url: str,
    min_height: int,
    fixed_height: bool = False,
    lang: str = languages.DEFAULT,
) -> html.Figure:
    """A chart in a <figure> whose caption (for screen readers) is a text summary kept up to date by a callback.

    fixed_height: the chart is always min_height tall (the map), and its box says so from the start: a box that
    only grew to min_height once the chart was drawn made plotly.js draw the chart again at the new size."""
    return html.Figure(
        className="panel",
        **{"aria-describedby": summary_id},
        children=[
            dcc.Loading(
                dcc.Graph(
                    id=graph_id,
                    config=graph_config(topojson_url, f"camps-atlas-{graph_id}", lang),
                    style={"minHeight": f"{min_height}px"} | ({"height": f"{min_height}px"} if fixed_height else {}),
                ),
                type="dot",
                delay_show=400,
            ),
            html.Figcaption(id=summary_id, className="sr-only"),
        ],
    )


def distance_claims(claims: list[str] | tuple[str, ...], lang: str = languages.DEFAULT) -> list[html.Li]:
    """The stated distances as list items (a line saying none is stated under the lens when there are none)."""
    return [html.Li(c) for c in claims] or [html.Li(t(lang, "No distance is stated by the claimants of this lens."))]


def distance_panel(computed_km: float, claims: list[str], lang: str = languages.DEFAULT) -> html.Aside:
    """Ashraf's distance to the Iranian border: the computed figure beside the figures the documents state."""
    return html.Aside(
        id=Charts.DISTANCE,
        className="panel note",
        children=[
            html.H2(t(lang, "Check: how far was Ashraf from the Iranian border?")),
            html.P(
                [
                    t(lang, "Computed here: "),
                    html.Strong(t(lang, "≈{km} km", km=calendars.number(lang, round(computed_km)))),
                    t(
                        lang,
                        " from the approximate camp point to the nearest point of Iran's border (Natural Earth 1:50m "
                        "boundaries; both the point and the generalised border make this approximate to a few km).",
                    ),
                ]
            ),
            html.Ul(distance_claims(claims, lang), id=Charts.DISTANCE_CLAIMS),
        ],
    )
