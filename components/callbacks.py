"""Thin callbacks: read inputs, call the pure view-state and view-model functions, return."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, ctx, html

from components import view_model
from components.charts import graph_config
from components.ids import Charts, Controls, Kpi, Page
from components.kpis import kpi_detail
from components.view_state import clicked_item, from_store, next_state
from data import timeline
from data.load import default_bundle


@callback(
    Output(Controls.DATE_RANGE, "value"),
    Output(Page.URL, "search"),
    Output(Page.VIEW, "data"),
    Output(Page.NOTICE, "children"),
    Input(Page.URL, "search"),
    Input(Controls.DATE_RANGE, "value"),
    Input(Charts.MAP, "clickData"),
    Input(Controls.RESET, "n_clicks"),
    State(Page.VIEW, "data"),
)
def on_view_input(search, month_span, map_click, _reset, current):
    """One place where URL, slider, map clicks and reset become the view (the URL follows the view)."""
    bundle = default_bundle()
    span, new_search, view, notices = next_state(
        ctx.triggered_id, search, month_span, map_click, current, timeline.months(bundle), set(bundle.places.index)
    )
    notice = dash.no_update if notices is None else [html.P(n) for n in notices]
    return span, new_search, view, notice


@callback(
    Output(Charts.CASUALTIES, "figure"),
    Output(Charts.RELOCATIONS, "figure"),
    Output(Charts.CASUALTIES, "config"),
    Output(Charts.RELOCATIONS, "config"),
    Output(Kpi.KILLED, "children"),
    Output(Kpi.KILLED, "title"),
    Output(Kpi.KILLED_DETAIL, "children"),
    Output(Kpi.WOUNDED, "children"),
    Output(Kpi.WOUNDED, "title"),
    Output(Kpi.WOUNDED_DETAIL, "children"),
    Output(Kpi.RELOCATED, "children"),
    Output(Kpi.RELOCATED, "title"),
    Output(Kpi.RELOCATED_DETAIL, "children"),
    Output(Controls.RANGE_LABEL, "children"),
    Output(Controls.FILTER_LABEL, "children"),
    Output(Controls.RESET, "disabled"),
    Input(Page.VIEW, "data"),
)
def update_panels(view_data):
    """Charts, KPIs and labels for the stored view."""
    view = from_store(view_data)
    out = view_model.render_panels(default_bundle(), view)
    topojson = dash.get_asset_url("topojson/")
    kpis = []
    for kpi in (out.killed, out.wounded, out.relocated):
        kpis += [kpi.text, kpi.attribution, kpi_detail(kpi.context, kpi.attribution)]
    return (
        out.casualties,
        out.relocations,
        graph_config(topojson, view_model.export_name("casualties", view)),
        graph_config(topojson, view_model.export_name("relocations", view)),
        *kpis,
        out.range_label,
        out.filter_label,
        view.place is None,
    )


@callback(
    Output(Charts.MAP, "figure"),
    Output(Charts.MAP, "config"),
    Input(Page.VIEW, "data"),
    Input(Charts.CASUALTIES, "clickData"),
)
def update_map(view_data, casualty_click):
    """The map for the stored view; an attack clicked in the casualty chart is ringed on it."""
    view = from_store(view_data)
    fig = view_model.render_map(default_bundle(), view, clicked_item(casualty_click))
    return fig, graph_config(dash.get_asset_url("topojson/"), view_model.export_name("map", view))
