"""The rows behind the view, sorted as the reader asks."""

from __future__ import annotations

import dash
from dash import Input, Output, callback, ctx

import present
from components.callbacks.common import view_of
from components.ids import Page, Table
from components.table import NOT_DRAWN, sort_state, table_html
from data.load import default_bundle
from data.table import disputed_count

TABLE_OUTPUTS = (Output(Table.TABLE, "children"), Output(Table.COUNT, "children"))


# The first view's count comes with the page (components/first_paint.py): no initial call.
@callback(
    *TABLE_OUTPUTS,
    Input(Page.VIEW, "data"),
    Input(Table.SORT_COLUMN, "value"),
    Input(Table.SORT_ORDER, "value"),
    Input(Table.IN_VIEW, "data"),
    prevent_initial_call=True,
)
def update_table(view_data, column, order, in_view):
    """The rows behind the view, sorted as the controls ask; drawn only while the table is on screen (off screen, a
    note says the rows come when it is scrolled into view, so no stale row is ever shown)."""
    if not in_view and {t["prop_id"] for t in ctx.triggered} == {f"{Table.IN_VIEW}.data"}:
        raise dash.exceptions.PreventUpdate  # only scrolled away: the rows on the page are still this view's
    return table_outputs(view_data, column, order, in_view)


def table_outputs(view_data: dict, column: str | None, order: str | None, in_view: bool) -> tuple:
    """The table (or, off screen, the note that its rows come when it is scrolled into view) and its count line."""
    rows = present.table(default_bundle(), view_of(view_data))
    count = (
        f"{len(rows)} row(s) for {rows['item_id'].nunique()} item(s); {disputed_count(rows)} disputed "
        "(sources disagree about the same figure for the same date or period)."
    )
    return (table_html(rows, sort_state(column, order)) if in_view else NOT_DRAWN), count
