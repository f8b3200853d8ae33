"""The map of the view, with the selected attack ringed, and the border check under the lens."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

import present
from components.callbacks.common import lang_of, view_of
from components.charts import distance_claims, graph_config
from components.ids import Charts, Controls, Detail, Page
from data.load import default_bundle
from data.view import lens_of
from present.view_state import selected_event

MAP_OUTPUTS = (Output(Charts.MAP, "figure"), Output(Charts.MAP, "config"))


# The first view's map comes with the page (components/first_paint.py): no initial call.
@callback(*MAP_OUTPUTS, Input(Page.VIEW, "data"), Input(Detail.SELECTED, "data"), prevent_initial_call=True)
def update_map(view_data, selected):
    """The map for the stored view, its place ringed; the selected attack (clicked on the map or in the casualty
    chart, or chosen in the attack picker) is ringed too."""
    view = view_of(view_data)
    fig = present.render_map(default_bundle(), view, selected_event(selected))
    return fig, graph_config(dash.get_asset_url("topojson/"), view.file_stem("map", captioned=False), view.lang)


DISTANCE_OUTPUT = Output(Charts.DISTANCE_CLAIMS, "children")


# The first view's list comes with the page (components/first_paint.py): no initial call. The language is the
# page's (a language link loads a new page), so a date-range step does not redo the list.
@callback(DISTANCE_OUTPUT, Input(Controls.LENS, "value"), State(Page.VIEW, "data"), prevent_initial_call=True)
def update_distance_claims(lens, view_data):
    """The border check lists the distances stated by the claimants the lens keeps, in the page's language."""
    lang = lang_of(view_data)
    border = present.border_check(default_bundle(), lens_of(lens), lang)
    return distance_claims(border.claims if border else (), lang)
