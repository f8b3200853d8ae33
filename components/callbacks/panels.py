"""The charts, headline figures and labels of the view: casualties, relocations, population, context."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, Patch, State, callback, clientside_callback

import present
from components.callbacks.common import view_of
from components.charts import graph_config
from components.ids import Charts, Controls, Page
from components.kpis import CARDS, kpi_sources
from data.load import default_bundle

# In the browser (assets/range_view.js): the KPI figures and their context lines, counted from the rows sent with
# the page, for the view store, and at once for the months a handle shows while the reader moves it. The slider's
# drag_value is written by no callback: a callback reading the slider's value (which the view callback writes) would
# wait for the view callback's answer.
clientside_callback(
    ClientsideFunction("camps", "headlines"),
    *(Output(card.value, "children") for card in CARDS),
    *(Output(card.context, "children") for card in CARDS),
    Input(Page.VIEW, "data"),
    State(Page.COUNTING_ROWS, "data"),
)
clientside_callback(
    ClientsideFunction("camps", "headlinesOfSlider"),
    *(Output(card.value, "children", allow_duplicate=True) for card in CARDS),
    *(Output(card.context, "children", allow_duplicate=True) for card in CARDS),
    Input(Controls.DATE_RANGE, "drag_value"),
    State(Page.VIEW, "data"),
    State(Page.COUNTING_ROWS, "data"),
    prevent_initial_call=True,
)


PANEL_OUTPUTS = {
    "casualties": Output(Charts.CASUALTIES, "figure"),
    "relocations": Output(Charts.RELOCATIONS, "figure"),
    "casualties_config": Output(Charts.CASUALTIES, "config"),
    "relocations_config": Output(Charts.RELOCATIONS, "config"),
    **{
        f"{card.name}_{part}": Output(target, prop)
        for card in CARDS
        for part, (target, prop) in {"attribution": (card.value, "title"), "sources": (card.detail, "children")}.items()
    },
    "range_label": Output(Controls.RANGE_LABEL, "children"),
    "filter_label": Output(Controls.FILTER_LABEL, "children"),
    "reset_disabled": Output(Controls.RESET, "disabled"),
}


# The first view's outputs come with the page (components/first_paint.py): no initial call.
@callback(output=PANEL_OUTPUTS, inputs={"view_data": Input(Page.VIEW, "data")}, prevent_initial_call=True)
def update_panels(view_data: dict) -> dict:
    """Charts, who reports each KPI figure (the figures themselves are counted in the browser) and labels for the
    stored view."""
    view = view_of(view_data)
    out = present.render_panels(default_bundle(), view)
    topojson = dash.get_asset_url("topojson/")
    kpis = {}
    for card in CARDS:
        kpi = getattr(out, card.name)
        kpis |= {f"{card.name}_attribution": kpi.attribution, f"{card.name}_sources": kpi_sources(kpi.attribution)}
    return {
        "casualties": out.casualties,
        "relocations": out.relocations,
        "casualties_config": graph_config(topojson, view.file_stem("casualties", captioned=False), view.lang),
        "relocations_config": graph_config(topojson, view.file_stem("relocations", captioned=False), view.lang),
        **kpis,
        "range_label": out.range_label,
        "filter_label": out.filter_label,
        "reset_disabled": view.place is None,
    }


LEDGER_OUTPUTS = (
    Output(Charts.POPULATION, "figure"),
    Output(Charts.CONTEXT, "figure"),
    Output(Charts.POPULATION, "config"),
    Output(Charts.CONTEXT, "config"),
    Output(Charts.MAP_SUMMARY, "children"),
    Output(Charts.CASUALTIES_SUMMARY, "children"),
    Output(Charts.RELOCATIONS_SUMMARY, "children"),
    Output(Charts.POPULATION_SUMMARY, "children"),
    Output(Charts.CONTEXT_SUMMARY, "children"),
    Output(Page.LEDGER_DRAWN, "data"),
)


@callback(*LEDGER_OUTPUTS, Input(Page.VIEW, "data"), State(Page.LEDGER_DRAWN, "data"), prevent_initial_call=True)
def update_ledger_and_context(view_data, drawn):
    """Population ledger, context strip and the charts' text alternatives. When only the range moved (the figures
    on the page were drawn for this place and lens), the two figures are patched instead of sent again."""
    bundle, view = default_bundle(), view_of(view_data)
    topojson = dash.get_asset_url("topojson/")
    text = present.summaries(bundle, view)
    base = present.drawn_base(bundle, view)
    if drawn == base:
        population = as_patch(present.population_range_changes(bundle, view))
        context = as_patch(present.context_range_changes(bundle, view))
    else:
        population, context = present.render_population(bundle, view), present.render_context(bundle, view)
    return (
        population,
        context,
        graph_config(topojson, view.file_stem("population", captioned=False), view.lang),
        graph_config(topojson, view.file_stem("context", captioned=False), view.lang),
        text["map"],
        text["casualties"],
        text["relocations"],
        text["population"],
        text["context"],
        base,
    )


def as_patch(changes: dict[tuple, object]) -> Patch:
    """A Dash Patch setting each {path: value} of a figure."""
    patch = Patch()
    for path, value in changes.items():
        node = patch
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return patch
