"""The accessible data table: the rows behind the view, one per item and source, sortable.

The table is rendered as one block of HTML (a real <table> with headers, captions and links) inside a single
dcc.Markdown component: a table of a few hundred rows built from thousands of Dash components freezes the page for
seconds, one HTML block renders at once. Sorting uses two native controls (column, order), so it works from the
keyboard; the sorted column carries aria-sort.
"""

from __future__ import annotations

import functools
from html import escape
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from dash import dcc, html

from components.ids import Table
from data import calendars, languages
from data.attribution import own_account_text, relay_text, says
from data.grades import GRADE_LABELS, GRADE_RULES
from data.schema import COUNT_LABELS
from data.table import SEED_LINES, seed_reference, superseded_parts
from data.translation import N_, t

# (column of data.table.table, header, sort key column)
COLUMNS = (
    ("item", N_("Item"), "item"),
    ("date", N_("Date"), "period_start"),
    ("date_precision", N_("Precision"), "date_precision"),
    ("place", N_("Place"), "place"),
    ("destination", N_("To"), "destination"),
    ("killed", N_("Killed"), "killed"),
    ("wounded", N_("Wounded"), "wounded"),
    ("abducted_or_missing", N_("Abducted / missing"), "abducted_or_missing"),
    ("people", N_("People"), "people"),
    ("disputed", N_("Disputed"), "disputed"),
    ("grade", N_("Grade"), "grade"),
    ("source", N_("Who says it"), "source"),
    ("source_kind", N_("Claimant kind"), "source_kind"),
    ("reference", N_("Link or seed lines"), "reference"),
)

DEFAULT_SORT = {"column": "date", "ascending": True}
POPULATION_ITEMS = {  # data.table's item for a stated (or projected) population, by its item_type
    "stated population": N_("Stated population of {place}"),
    "projected population": N_("Projected population of {place}"),
}
# In place of the rows while the table is off screen: they are drawn when it comes into view (a whole view's rows
# are ~230 kB of HTML; drawing them on every range step cost the charts ~50 ms a step).
NOT_DRAWN = N_(
    '<p class="hint table-not-drawn"><span class="screen-only">The rows are drawn when the table comes into view.'
    '</span><span class="print-only">The rows are not printed: they load when the table is scrolled into view. '
    "Scroll to it before printing, or export the view's rows (data.csv).</span></p>"
)


def not_drawn(lang: str = languages.DEFAULT) -> str:
    """In place of the rows while the table is off screen, in the language."""
    return t(lang, NOT_DRAWN)


def table_section(lang: str = languages.DEFAULT) -> html.Section:
    """Heading, sort controls, row count and the table (filled by a callback)."""
    return html.Section(
        className="panel table-panel",
        **{"aria-labelledby": "data-table-heading"},
        children=[
            html.H2(t(lang, "The rows behind this view"), id="data-table-heading"),
            html.Div(className="table-controls", children=[
                html.Label(t(lang, "Sort by"), htmlFor=Table.SORT_COLUMN, className="control-title"),
                dcc.Dropdown(id=Table.SORT_COLUMN, options=[{"label": t(lang, h), "value": c} for c, h, _ in COLUMNS],
                             value=DEFAULT_SORT["column"], clearable=False, searchable=False,
                             className="sort-column"),
                dcc.RadioItems(id=Table.SORT_ORDER, options=[{"label": t(lang, "ascending"), "value": "asc"},
                                                             {"label": t(lang, "descending"), "value": "desc"}],
                               value="asc", inline=True, className="lens", labelClassName="lens-option"),
                html.Span(id=Table.COUNT, className="hint", **{"aria-live": "polite"}),
            ]),
            html.Div(className="table-scroll", tabIndex=0, role="region",
                     **{"aria-label": t(lang, "Data table, scrollable")},
                     children=dcc.Markdown(id=Table.TABLE, dangerously_allow_html=True, className="data-table-host",
                                           children=not_drawn(lang))),
            dcc.Store(id=Table.IN_VIEW, data=False),
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


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _link(url: str, source, title, lang: str = languages.DEFAULT) -> str:
    """A source's link, shown as its site ('hrw.org'), named for screen readers by publisher and title."""
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    who = ": ".join(part for part in (_text(source), _text(title)) if part)
    if who:
        name = t(lang, "{who} ({site}, opens in a new tab)", who=who, site=host)
    else:
        name = t(lang, "{site} (opens in a new tab)", site=host)
    href = escape(url, quote=True)
    return (
        f'<a href="{href}" target="_blank" rel="noopener noreferrer" title="{href}" '
        f'aria-label="{escape(name, quote=True)}">{escape(host)}</a>'
    )


def _cell(column: str, value, row: dict, lang: str) -> str:
    """One <td> in the language; the reference link is named by the row's source and the source's title; who says
    it carries a badge when the figure reached us only through a party's site."""
    if not isinstance(value, str) and pd.isna(value):
        return _EMPTY
    if column == "disputed":
        return f'<td><span class="badge disputed">{escape(t(lang, "disputed"))}</span></td>' if value else "<td></td>"
    if column == "grade":
        return f'<td title="{escape(t(lang, GRADE_RULES[value]))}">{escape(t(lang, GRADE_LABELS[value]))}</td>'
    if column == "reference" and isinstance(value, str) and value.startswith("http"):
        who = (
            says(row["claimant"], row["publisher"], lang)
            if row.get("claimant") and row.get("publisher")
            else row["source"]
        )
        return f"<td>{_link(value, who, row[_TITLE], lang)}</td>"
    if column == "source" and lang != languages.DEFAULT and row.get("claimant") and row.get("publisher"):
        value = says(row["claimant"], row["publisher"], lang)
    if column == "source" and (row.get("relayed_by_party") or row.get("own_account") or row.get("superseded")):
        superseded = t(lang, "superseded: {what}", what=row["superseded"]) if row.get("superseded") else ""
        marks = (
            (own_account_text(row["own_account"], lang), "own-account"),
            (relay_text(row["relayed_by_party"], row["relayed_via"], lang), "relay"),
            (superseded, "superseded"),
        )
        badges = "".join(f' <span class="badge {cls}">{escape(text)}</span>' for text, cls in marks if text)
        return f"<td>{escape(str(value))}{badges}</td>"
    if isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_):
        return f'<td class="num">{calendars.number(lang, int(value))}</td>'
    if lang != languages.DEFAULT:
        value = _localised(column, value, row, lang)
    return f"<td>{escape(str(value))}</td>"


def _superseded(mark: str, source_names: dict[str, str], lang: str) -> str:
    """A row's superseded mark ('killed, wounded by <source id>') in the language, the source named."""
    return t(lang, calendars.SEPARATOR).join(
        t(
            lang,
            "{quantities} by {source}",
            quantities=calendars.listed(
                lang, (t(lang, COUNT_LABELS.get(q.replace(" ", "_"), "People")).lower() for q in quantities)
            ),
            source=source_names.get(sid, sid),
        )
        for quantities, sid in superseded_parts(mark)
    )


def _seed_lines(reference: object, lang: str) -> object:
    """A seed document's reference ('<file> lines 12') in the language; a link (or nothing) as it is."""
    if not isinstance(reference, str) or SEED_LINES not in reference:
        return reference
    file, _, lines = reference.partition(SEED_LINES)
    return seed_reference(lang, file, lines)


def _localised(column: str, value: str, row: dict, lang: str) -> str:
    """A text cell in the language: the item's label, the date by its precision, the claimant's kind (places are
    named in the language by table_html)."""
    if column == "item" and row.get("item_type") in POPULATION_ITEMS:  # data.table names them 'Stated population of …'
        return t(lang, POPULATION_ITEMS[row["item_type"]], place=row["place"])
    if column == "item":
        return t(lang, value)
    if column == "date" and row.get("period_start") and row.get("date_precision"):
        return calendars.period_label(lang, row["period_start"], row["period_end"], row["date_precision"])
    if column == "date_precision":
        return t(lang, calendars.PRECISION_WORDS.get(value, value))
    if column == "source_kind":
        return t(lang, value)
    return value


_EMPTY = '<td class="empty">–</td>'
_NAMES = tuple(c for c, _, _ in COLUMNS)
_TITLE = "source_title"  # no column of its own: with `source`, it names the reference link
_INPUTS = (
    *_NAMES, _TITLE, "relayed_by_party", "relayed_via", "own_account", "superseded", "period_start", "period_end",
    "claimant", "publisher", "item_type",
)  # fmt: skip


def _document(sort: dict, body: list[str], lang: str) -> str:
    heads = []
    for column, label, _ in COLUMNS:
        state = ("ascending" if sort.get("ascending", True) else "descending") if sort.get("column") == column else None
        attr = f' aria-sort="{state}"' if state else ""
        arrow = {"ascending": " ▲", "descending": " ▼"}.get(state or "", "")
        heads.append(f'<th scope="col"{attr}>{escape(t(lang, label))}{arrow}</th>')
    if not body:
        body = [f'<tr><td colspan="{len(COLUMNS)}">{escape(t(lang, "No rows in this view."))}</td></tr>']
    caption = t(lang, "One row per item and source, for the selected range, place and lens.")
    return (
        '<table class="data-table" id="data-table-rows">'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


@functools.lru_cache(maxsize=4096)
def _row(values: tuple, lang: str) -> str:
    """One <tr> from a row's values of _INPUTS (memoised: most rows recur from one view to the next)."""
    row = dict(zip(_INPUTS, values, strict=True))
    return "<tr>" + "".join(_cell(c, row[c], row, lang) for c in _NAMES) + "</tr>"


def _values(frame: pd.DataFrame, column: str) -> list:
    """A column's values as plain Python objects, missing ones (NaN, NA, None) as None; a column the frame lacks is
    all None."""
    if column not in frame:
        return [None] * len(frame)
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in frame[column].tolist()]


def table_html(
    frame: pd.DataFrame,
    sort: dict,
    lang: str = languages.DEFAULT,
    place_names: dict[str, str] | None = None,
    source_names: dict[str, str] | None = None,
) -> str:
    """The whole <table> as HTML: caption, headers (aria-sort on the sorted one), one row per item and source, in
    the language. place_names: the places' names as the table has them -> as the language writes them;
    source_names: source id -> the source as the language names it (in the marks of superseded figures)."""
    rows = sort_rows(frame, sort)
    if lang != languages.DEFAULT:
        names, sources = place_names or {}, source_names or {}
        rows = rows.assign(
            **{c: rows[c].map(lambda name: names.get(name, name)) for c in ("place", "destination")},
            superseded=[_superseded(mark, sources, lang) if mark else mark for mark in rows["superseded"]],
            reference=[_seed_lines(ref, lang) for ref in rows["reference"]],
        )
    values = zip(*(_values(rows, c) for c in _INPUTS), strict=True)
    return _document(sort, [_row(v, lang) for v in values], lang)
