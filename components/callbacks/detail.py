"""The detail panel: the clicked or picked attack, movement or place, or the one a story step selects."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, ctx

import present
from components.callbacks.common import lang_of, source_of
from components.detail import detail_view
from components.ids import Charts, Controls, Detail, Page
from components.pickers import movement_options
from data import languages
from data.load import default_bundle
from present.view_state import Source, along_from_click, selected_from_input

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
    State(Detail.SELECTED, "data"),
    State(Page.VIEW, "data"),
    prevent_initial_call=True,
)
def show_detail(
    map_click, casualty_click, relocation_click, picked_place, picked_attack, picked_movement, step_item, shown, data
):
    """The clicked (or picked) attack, movement or place, or the one a story step selects (set with the step's
    view), with every source side by side; the pickers follow. A map line that several movements share lists
    them all; one of them opened from the list (open_from_line) or the picker keeps the list."""
    along: tuple[str, ...] = ()
    lang = lang_of(data)
    if f"{Detail.STEP_ITEM}.data" in ctx.triggered_prop_ids:  # with the place picker the view clears: the step wins
        item = step_item if isinstance(step_item, dict) else {}
        kind, item_id = item.get("kind"), item.get("id")
        if not item:  # a story step without an item: the panel shows what the step shows, nothing
            return detail_view(None, lang=lang), None, None, None
        selected = (kind, item_id) if isinstance(kind, str) and isinstance(item_id, str) else None
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
        if source == Source.MOVEMENT_PICKER and selected:
            along = _regrouped(shown, selected[1])
        elif selected and selected[0] == "movement":
            along = along_from_click(source, map_click)
    if selected is None or not isinstance(selected[1], str):
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    kind, item_id = selected
    detail = present.item_detail(default_bundle(), kind, item_id, lang)
    if detail is None:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    return detail_outputs(kind, item_id, detail, along, lang)


@callback(
    Output(Controls.MOVEMENT_PICKER, "value", allow_duplicate=True),
    Input({"type": Detail.ALONG, "id": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def open_from_line(_):
    """A movement chosen from the list of a map line's movements: as if chosen in the movement picker."""
    if not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(ctx.triggered_id, dict):
        return dash.no_update  # the list was drawn, nothing was pressed
    return ctx.triggered_id.get("id")


def _regrouped(shown: dict | None, opened: str) -> tuple[str, ...]:
    """When the movement opened is one the panel lists for a map line: the line's other movements (the one shown
    before joins them). Otherwise ()."""
    shown = shown if isinstance(shown, dict) else {}
    listed = [m for m in shown.get("along") or [] if isinstance(m, str)]
    if opened not in listed:
        return ()
    group = {shown.get("id"), *listed} - {opened, None}
    return tuple(mid for mid, _ in movement_options(default_bundle()) if mid in group)


def detail_outputs(
    kind: str, item_id: str, detail, along: tuple[str, ...] = (), lang: str = languages.DEFAULT
) -> tuple:
    """The panel, the selection store and the pickers for one item (and the other movements on its map line)."""
    labels = dict(movement_options(default_bundle(), lang))
    listed = tuple((mid, labels[mid]) for mid in along if mid in labels)
    store = {"kind": kind, "id": item_id} | ({"along": [mid for mid, _ in listed]} if listed else {})
    return (
        detail_view(detail, listed, lang),
        store,
        item_id if kind == "event" else None,
        item_id if kind == "movement" else None,
    )
