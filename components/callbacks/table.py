"""The rows behind the view, sorted as the reader asks."""

from __future__ import annotations

import functools

import dash
from dash import Input, Output, callback, ctx

import present
from components.callbacks.common import view_of
from components.ids import Page, Table
from components.table import not_drawn, sort_state, table_html
from data import languages
from data.calendars import label, number
from data.load import Bundle, default_bundle
from data.place_names import place_names
from data.table import disputed_count
from data.translation import N_, t

UNSPECIFIED = N_("unspecified third countries")  # data.table's destination where sources name none

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
    bundle, view = default_bundle(), view_of(view_data)
    lang = view.lang
    rows = present.table(bundle, view)
    count = t(
        lang,
        "{rows} row(s) for {items} item(s); {disputed} disputed (sources disagree about the same figure for the same "
        "date or period).",
        rows=number(lang, len(rows)),
        items=number(lang, rows["item_id"].nunique()),
        disputed=number(lang, disputed_count(rows)),
    )
    if not in_view:
        return not_drawn(lang), count
    return table_html(rows, sort_state(column, order), lang, _names(bundle, lang), _sources(bundle, lang)), count


def _names(bundle: Bundle, lang: str) -> dict[str, str]:
    """The places' names as the table has them (places.csv's) -> in the language."""
    if lang == languages.DEFAULT:
        return {}
    local = place_names(bundle.places, lang)
    return {bundle.places.at[pid, "name"]: name for pid, name in local.items()} | {UNSPECIFIED: t(lang, UNSPECIFIED)}


@functools.cache
def _sources(bundle: Bundle, lang: str) -> dict[str, str]:
    """Source id -> its publisher and date in the language ('Associated Press، ۱۰ شهریور ۱۳۹۲'), for the marks of
    superseded figures."""
    if lang == languages.DEFAULT:
        return {}
    return {
        sid: t(lang, "{publisher}, {date}", publisher=t(lang, publisher), date=label(lang, published))
        if published
        else t(lang, publisher)
        for sid, publisher, published in zip(
            bundle.sources.index, bundle.sources["publisher"], bundle.sources["published"], strict=True
        )
    }
