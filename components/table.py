"""The accessible data table: the rows behind the view, one per item and source, sortable by column."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from components.ids import Table

# (column of data.table.view_table, header, sort key column)
COLUMNS = (
    ("item", "Item", "item"),
    ("date", "Date", "period_start"),
    ("date_precision", "Precision", "date_precision"),
    ("place", "Place", "place"),
    ("destination", "To", "destination"),
    ("killed", "Killed", "killed"),
    ("wounded", "Wounded", "wounded"),
    ("abducted_or_missing", "Abducted / missing", "abducted_or_missing"),
    ("people", "People", "people"),
    ("disputed", "Disputed", "disputed"),
    ("source", "Source", "source"),
    ("source_kind", "Kind", "source_kind"),
    ("reference", "Link or seed lines", "reference"),
)
DEFAULT_SORT = {"column": "date", "ascending": True}


def table_section() -> html.Section:
    """Heading, row count, the table (filled by a callback) and the sort state."""
    return html.Section(
        className="panel table-panel",
        **{"aria-labelledby": "data-table-heading"},
        children=[
            html.H2("The rows behind this view", id="data-table-heading"),
            html.P(id=Table.COUNT, className="hint", **{"aria-live": "polite"}),
            dcc.Store(id=Table.SORT, data=DEFAULT_SORT),
            html.Div(
                className="table-scroll",
                tabIndex=0,
                **{"aria-label": "Data table, scrollable"},
                children=html.Table(id=Table.TABLE, className="data-table"),
            ),
        ],
    )


def next_sort(current: dict | None, column: str | None) -> dict:
    """Clicking a column sorts by it ascending; clicking it again reverses."""
    current = current or DEFAULT_SORT
    if column not in {c for c, _, _ in COLUMNS}:
        return current
    if current.get("column") == column:
        return {"column": column, "ascending": not current.get("ascending", True)}
    return {"column": column, "ascending": True}


def sort_rows(frame: pd.DataFrame, sort: dict) -> pd.DataFrame:
    """Rows ordered by the sort state (missing values last)."""
    key = {c: k for c, _, k in COLUMNS}.get(sort.get("column"), "period_start")
    return frame.sort_values(key, ascending=sort.get("ascending", True), na_position="last", kind="stable")


def _cell(column: str, value) -> html.Td:
    if pd.isna(value) if not isinstance(value, str) else False:
        return html.Td("–", className="empty")
    if column == "disputed":
        return html.Td(html.Span("disputed", className="badge disputed") if value else "")
    if column == "reference" and isinstance(value, str) and value.startswith("http"):
        return html.Td(html.A("link", href=value, target="_blank", rel="noopener noreferrer", title=value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return html.Td(f"{int(value):,}", className="num")
    return html.Td(str(value))


def table_children(frame: pd.DataFrame, sort: dict) -> list:
    """<thead> with sort buttons (aria-sort on the sorted column) and <tbody> with one row per item and source."""
    rows = sort_rows(frame, sort)
    head = []
    for column, label, _ in COLUMNS:
        active = sort.get("column") == column
        state = ("ascending" if sort.get("ascending", True) else "descending") if active else "none"
        arrow = {"ascending": " ▲", "descending": " ▼", "none": ""}[state]
        head.append(
            html.Th(
                html.Button(
                    label + arrow,
                    id=Table.sort_button(column),
                    className="sort-button",
                    n_clicks=0,
                    title=f"Sort by {label}",
                ),
                scope="col",
                **{"aria-sort": state},
            )
        )
    body = [html.Tr([_cell(c, r[c]) for c, _, _ in COLUMNS]) for _, r in rows.iterrows()]
    if not body:
        body = [html.Tr(html.Td("No rows in this view.", colSpan=len(COLUMNS)))]
    return [
        html.Caption("One row per item and source; click a column header to sort.", className="sr-only"),
        html.Thead(html.Tr(head)),
        html.Tbody(body),
    ]
