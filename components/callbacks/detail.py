"""The detail panel: the clicked or picked attack, movement or place, or the one a story step selects."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, ctx

import present
from components.callbacks.common import source_of
from components.detail import detail_view
from components.ids import Charts, Controls, Detail
from components.pickers import movement_options
from data.load import default_bundle
from present.view_state import along_from_click, selected_from_input

DETAIL_OUTPUTS = (
    Output(Detail.PANEL, "children"),
    Output(Detail.SELECTED, "data"),
    Output(Controls.ATTACK_PICKER, "value"),
    Output(Controls.MOVEMENT_PICKER, "value"),
)


@callback(
    *DETAIL_OUTPUTS,
    Input(Charts.MAP, "clickData"),
    Input(Charts.CASUALTIES, "clickData"),
    Input(Charts.RELOCATIONS, "clickData"),
    Input(Controls.PLACE_PICKER, "value"),
    Input(Controls.ATTACK_PICKER, "value"),
    Input(Controls.MOVEMENT_PICKER, "value"),
    Input(Detail.STEP_ITEM, "data"),
    Input({"type": Detail.ALONG, "id": ALL}, "n_clicks"),
    State(Detail.SELECTED, "data"),
    prevent_initial_call=True,
)
def show_detail(
    map_click, casualty_click, relocation_click, picked_place, picked_attack, picked_movement, step_item, _, shown
):
    """The clicked (or picked) attack, movement or place, or the one a story step selects (set with the step's
    view), with every source side by side; the pickers follow. A map line that several movements share lists
    them all (each opens from the list, which stays)."""
    along: tuple[str, ...] = ()
    if f"{Detail.STEP_ITEM}.data" in ctx.triggered_prop_ids:  # with the place picker the view clears: the step wins
        item = step_item if isinstance(step_item, dict) else {}
        kind, item_id = item.get("kind"), item.get("id")
        if not item:  # a story step without an item: the panel shows what the step shows, nothing
            return detail_view(None), None, None, None
        selected = (kind, item_id) if isinstance(kind, str) and isinstance(item_id, str) else None
    elif isinstance(ctx.triggered_id, dict) and ctx.triggered_id.get("type") == Detail.ALONG:
        if not ctx.triggered[0].get("value"):  # the list was drawn, nothing was pressed
            return dash.no_update, dash.no_update, dash.no_update, dash.no_update
        selected = ("movement", ctx.triggered_id.get("id"))
        along = _regrouped(shown, selected[1])
    else:
        source = source_of(ctx.triggered_id)
        inputs = {
            Charts.MAP: map_click,
            Charts.CASUALTIES: casualty_click,
            Charts.RELOCATIONS: relocation_click,
            Controls.PLACE_PICKER: picked_place,
            Controls.ATTACK_PICKER: picked_attack,
            Controls.MOVEMENT_PICKER: picked_movement,
        }
        selected = selected_from_input(source, inputs.get(ctx.triggered_id))
        along = along_from_click(source, map_click) if selected and selected[0] == "movement" else ()
    if selected is None or not isinstance(selected[1], str):
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    kind, item_id = selected
    detail = present.item_detail(default_bundle(), kind, item_id)
    if detail is None:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    return detail_outputs(kind, item_id, detail, along)


def _regrouped(shown: dict | None, opened: str) -> tuple[str, ...]:
    """The movements of the line the panel lists, but the one opened from the list (the one shown before joins)."""
    shown = shown if isinstance(shown, dict) else {}
    group = {shown.get("id"), *(shown.get("along") or [])} - {opened, None}
    return tuple(mid for mid, _ in movement_options(default_bundle()) if mid in group)


def detail_outputs(kind: str, item_id: str, detail, along: tuple[str, ...] = ()) -> tuple:
    """The panel, the selection store and the pickers for one item (and the other movements on its map line)."""
    labels = dict(movement_options(default_bundle()))
    listed = tuple((mid, labels[mid]) for mid in along if mid in labels)
    store = {"kind": kind, "id": item_id} | ({"along": [mid for mid, _ in listed]} if listed else {})
    return (
        detail_view(detail, listed),
        store,
        item_id if kind == "event" else None,
        item_id if kind == "movement" else None,
    )
