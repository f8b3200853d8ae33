"""The detail panel: the clicked or picked attack, movement or place, or the one a story step selects."""

from __future__ import annotations

import dash
from dash import Input, Output, callback, ctx

import present
from components.callbacks.common import source_of
from components.detail import detail_view
from components.ids import Charts, Controls, Detail
from data.load import default_bundle
from present.view_state import selected_from_input

DETAIL_OUTPUTS = (
    Output(Detail.PANEL, "children"),
    Output(Detail.SELECTED, "data"),
    Output(Controls.ATTACK_PICKER, "value"),
)


@callback(
    *DETAIL_OUTPUTS,
    Input(Charts.MAP, "clickData"),
    Input(Charts.CASUALTIES, "clickData"),
    Input(Charts.RELOCATIONS, "clickData"),
    Input(Controls.PLACE_PICKER, "value"),
    Input(Controls.ATTACK_PICKER, "value"),
    Input(Detail.STEP_ITEM, "data"),
    prevent_initial_call=True,
)
def show_detail(map_click, casualty_click, relocation_click, picked_place, picked_attack, step_item):
    """The clicked (or picked) attack, movement or place, or the one a story step selects (set with the step's
    view), with every source side by side; the attack picker follows."""
    if f"{Detail.STEP_ITEM}.data" in ctx.triggered_prop_ids:  # with the place picker the view clears: the step wins
        item = step_item if isinstance(step_item, dict) else {}
        kind, item_id = item.get("kind"), item.get("id")
        if not item:  # a story step without an item: the panel shows what the step shows, nothing
            return detail_view(None), None, None
        selected = (kind, item_id) if isinstance(kind, str) and isinstance(item_id, str) else None
    else:
        inputs = {
            Charts.MAP: map_click,
            Charts.CASUALTIES: casualty_click,
            Charts.RELOCATIONS: relocation_click,
            Controls.PLACE_PICKER: picked_place,
            Controls.ATTACK_PICKER: picked_attack,
        }
        selected = selected_from_input(source_of(ctx.triggered_id), inputs.get(ctx.triggered_id))
    if selected is None:
        return dash.no_update, dash.no_update, dash.no_update
    kind, item_id = selected
    detail = present.item_detail(default_bundle(), kind, item_id)
    if detail is None:
        return dash.no_update, dash.no_update, dash.no_update
    return detail_outputs(kind, item_id, detail)


def detail_outputs(kind: str, item_id: str, detail) -> tuple:
    """The panel, the selection store and the attack picker for one item."""
    return detail_view(detail), {"kind": kind, "id": item_id}, item_id if kind == "event" else None
