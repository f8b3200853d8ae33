"""The accessible data table: the rows behind the view, one per item and source, sortable.

The table is rendered as one block of HTML (a real <table> with headers, captions and links) inside a single
dcc.Markdown component: a table of a few hundred rows built from thousands of Dash components freezes the page for
seconds, one HTML block renders at once. Sorting uses two native controls (column, order), so it works from the
keyboard; the sorted column carries aria-sort.
"""

from __future__ import annotations

from html import escape

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
    """Heading, sort controls, row count and the table (filled by a callback)."""
    return html.Section(
        className="panel table-panel",
        **{"aria-labelledby": "data-table-heading"},
        children=[
            html.H2("The rows behind this view", id="data-table-heading"),
            html.Div(className="table-controls", children=[
                html.Label("Sort by", htmlFor=Table.SORT_COLUMN, className="control-title"),
                dcc.Dropdown(id=Table.SORT_COLUMN, options=[{"label": h, "value": c} for c, h, _ in COLUMNS],
                             value=DEFAULT_SORT["column"], clearable=False, searchable=False,
                             className="sort-column"),
                dcc.RadioItems(id=Table.SORT_ORDER, options=[{"label": "ascending", "value": "asc"},
                                                             {"label": "descending", "value": "desc"}],
                               value="asc", inline=True, className="lens", labelClassName="lens-option"),
                html.Span(id=Table.COUNT, className="hint", **{"aria-live": "polite"}),
            ]),
            html.Div(className="table-scroll", tabIndex=0, role="region", **{"aria-label": "Data table, scrollable"},
                     children=dcc.Markdown(id=Table.TABLE, dangerously_allow_html=True, className="data-table-host")),
        ],
    )  # fmt: skip


def sort_state(column: str | None, order: str | None) -> dict:
    """The sort the controls ask for (unknown values fall back to date, ascending)."""
    known = {c for c, _, _ in COLUMNS}
    return {"column": column if column in known else DEFAULT_SORT["column"], "ascending": order != "desc"}


def sort_rows(frame: pd.DataFrame, sort: dict) -> pd.DataFrame:
    """Rows ordered by the sort state (missing values last)."""
    key = {c: k for c, _, k in COLUMNS}.get(sort.get("column"), "period_start")
    return frame.sort_values(key, ascending=sort.get("ascending", True), na_position="last", kind="stable")


def _cell(column: str, value) -> str:
    if not isinstance(value, str) and pd.isna(value):
        return '<td class="empty">–</td>'
    if column == "disputed":
        return '<td><span class="badge disputed">disputed</span></td>' if value else "<td></td>"
    if column == "reference" and isinstance(value, str) and value.startswith("http"):
        url = escape(value, quote=True)
        return f'<td><a href="{url}" target="_blank" rel="noopener noreferrer" title="{url}">link</a></td>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{int(value):,}</td>'
    return f"<td>{escape(str(value))}</td>"


def table_html(frame: pd.DataFrame, sort: dict) -> str:
    """The whole <table> as HTML: caption, headers (aria-sort on the sorted one), one row per item and source."""
    rows = sort_rows(frame, sort)
    heads = []
    for column, label, _ in COLUMNS:
        state = ("ascending" if sort.get("ascending", True) else "descending") if sort.get("column") == column else None
        attr = f' aria-sort="{state}"' if state else ""
        arrow = {"ascending": " ▲", "descending": " ▼"}.get(state or "", "")
        heads.append(f'<th scope="col"{attr}>{escape(label)}{arrow}</th>')
    body = ["<tr>" + "".join(_cell(c, r[c]) for c, _, _ in COLUMNS) + "</tr>" for _, r in rows.iterrows()]
    if not body:
        body = [f'<tr><td colspan="{len(COLUMNS)}">No rows in this view.</td></tr>']
    return (
        '<table class="data-table" id="data-table-rows">'
        "<caption>One row per item and source, for the selected range, place and lens.</caption>"
        f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
