"""The page as it first paints: the layout for the URL's view, with every output that follows the view (figures,
labels, who reports what, the story panel, the table's count) filled in by the callbacks' own functions.

The page then draws its charts as soon as its layout arrives, instead of after two chained round trips (the URL ->
the view -> the figures). The callbacks that follow the view skip their initial call (prevent_initial_call), and
the view callback's first call leaves the view store alone when it finds the view the page came with.

The browser sends the page's query with its layout request (assets/layout_view.js): the layout request is Dash's
own, made from script, and the page sends no Referer (Referrer-Policy: no-referrer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import dash
from dash import Output
from flask import has_request_context, request

import present
from components.callbacks.detail import DETAIL_OUTPUTS, detail_outputs
from components.callbacks.map import DISTANCE_OUTPUT, MAP_OUTPUTS, update_distance_claims, update_map
from components.callbacks.panels import LEDGER_OUTPUTS, PANEL_OUTPUTS, update_ledger_and_context, update_panels
from components.callbacks.story import STORY_OUTPUTS, update_story
from components.callbacks.table import TABLE_OUTPUTS, table_outputs
from components.callbacks.view import step_item
from components.ids import Controls, Page
from components.languages import language_links
from components.layout import build_layout
from data.load import default_bundle
from data.view import default_choices
from present import subtitle
from present.view_state import next_state


def page_layout() -> dash.html.Div:
    """app.layout: the page for the view of the request's query (the whole period without one)."""
    search = "?" + request.query_string.decode("utf-8", "replace") if has_request_context() else ""
    return first_paint(search, dash.get_asset_url("topojson/"))


def first_paint(search: str, topojson_url: str) -> dash.html.Div:
    """The layout with the view of `search` (a URL query, parsed as the view callback parses it) filled in."""
    up = next_state(None, None, default_choices(), search=search)
    data = up.store
    bundle = default_bundle()
    chosen = step_item(up.view, None)  # a story step's item, or the URL's place: one URL, one screen
    selected = chosen if isinstance(chosen, dict) and chosen else None
    detail = present.item_detail(bundle, selected["kind"], selected["id"], up.view.lang) if selected else None
    values = {
        (Page.VIEW, "data"): data,
        (Controls.DATE_RANGE, "value"): up.span,
        (Controls.LENS, "value"): up.lens,
        (Controls.GRADE, "value"): up.grades,
        (Controls.PLACE_PICKER, "value"): up.place,
        (Page.TITLE, "children"): subtitle(bundle, up.view),
        (Page.LANGUAGES, "children"): language_links(up.view, dash.get_relative_path("/")),
        **(
            _outputs(DETAIL_OUTPUTS, detail_outputs(selected["kind"], selected["id"], detail, (), up.view.lang))
            if detail
            else {}
        ),
        **_outputs(MAP_OUTPUTS, update_map(data, selected if detail else None)),
        **_outputs([DISTANCE_OUTPUT], [update_distance_claims(up.lens, data)]),
        **_outputs(PANEL_OUTPUTS, update_panels(data)),
        **_outputs(LEDGER_OUTPUTS, update_ledger_and_context(data, None)),
        **_outputs(STORY_OUTPUTS, update_story(data)),
        **_outputs(TABLE_OUTPUTS, table_outputs(data, None, None, False)),
    }
    layout = build_layout(bundle, topojson_url, up.view.lang)
    _fill(layout, values)
    return layout


def _outputs(outputs: Iterable[Output] | Mapping[str, Output], values) -> dict[tuple[str, str], object]:
    """{(component id, property): value} from a callback's outputs and what it returned."""
    if isinstance(outputs, Mapping):
        return {(o.component_id, o.component_property): values[name] for name, o in outputs.items()}
    return {(o.component_id, o.component_property): v for o, v in zip(outputs, values, strict=True)}


def _components(node) -> Iterator:
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _components(child)


def _fill(layout, values: dict[tuple[str, str], object]) -> None:
    """Set each (id, property) on the layout's component with that id; every one must be found."""
    by_id = {c.id: c for c in _components(layout) if isinstance(getattr(c, "id", None), str)}
    missing = [key for key in values if key[0] not in by_id]
    if missing:
        raise LookupError(f"first paint: no component with the id of {missing}")
    for (cid, prop), value in values.items():
        if value is not dash.no_update:
            setattr(by_id[cid], prop, value)
