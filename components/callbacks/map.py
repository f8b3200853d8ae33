"""The map of the view, with the selected attack ringed, and the border check under the lens."""

from __future__ import annotations

import dash
from dash import Input, Output, callback

import present
from components.callbacks.common import view_of
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


@callback(Output(Charts.DISTANCE_CLAIMS, "children"), Input(Controls.LENS, "value"))
def update_distance_claims(lens):
    """The border check lists the distances stated by the claimants the lens keeps."""
    border = present.border_check(default_bundle(), lens_of(lens))
    return distance_claims(border.claims if border else ())
