"""The rows behind the view, sorted as the reader asks."""

from __future__ import annotations

from dash import Input, Output, callback

import present
from components.callbacks.common import view_of
from components.ids import Page, Table
from components.table import sort_state, table_html
from data.load import default_bundle
from data.table import disputed_count


@callback(
    Output(Table.TABLE, "children"),
    Output(Table.COUNT, "children"),
    Input(Page.VIEW, "data"),
    Input(Table.SORT_COLUMN, "value"),
    Input(Table.SORT_ORDER, "value"),
)
def update_table(view_data, column, order):
    """The rows behind the view, sorted as the controls ask."""
    rows = present.table(default_bundle(), view_of(view_data))
    count = (
        f"{len(rows)} row(s) for {rows['item_id'].nunique()} item(s); {disputed_count(rows)} disputed "
        "(sources disagree about the same figure for the same date or period)."
    )
    return table_html(rows, sort_state(column, order)), count
