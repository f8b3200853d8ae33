"""The view: URL, slider, map clicks, reset, lens, place picker and story buttons become one View; the address bar,
the pickers, the notices and what names the view (link, citation, export links) follow it."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, html

from components.callbacks.common import source_of
from components.ids import Charts, Controls, Detail, Page, Share, Story
from components.languages import language_links
from components.share import citation, export_links
from data.load import default_bundle
from data.story import default_stories
from data.view import View, default_choices
from present import subtitle
from present.view_state import next_state, selected_by_view


@callback(
    Output(Controls.DATE_RANGE, "value"),
    Output(Page.URL, "search"),
    Output(Page.VIEW, "data"),
    Output(Controls.LENS, "value"),
    Output(Controls.GRADE, "value"),
    Output(Page.NOTICE, "children"),
    Output(Share.EXPORT_MENU, "children"),
    Output(Share.LINK_TEXT, "children"),
    Output(Share.CITATION, "children"),
    Output(Controls.PLACE_PICKER, "value"),
    Output(Detail.STEP_ITEM, "data"),
    Output(Page.TITLE, "children"),
    Output(Page.LANGUAGES, "children"),
    Input(Page.URL, "search"),
    Input(Controls.DATE_RANGE, "value"),
    Input(Charts.MAP, "clickData"),
    Input(Controls.RESET, "n_clicks"),
    Input(Controls.LENS, "value"),
    Input(Controls.GRADE, "value"),
    Input(Controls.PLACE_PICKER, "value"),
    Input(Story.PREV, "n_clicks"),
    Input(Story.NEXT, "n_clicks"),
    Input(Story.LEAVE, "n_clicks"),
    State(Page.VIEW, "data"),
    State(Page.URL, "href"),
    State(Detail.SELECTED, "data"),
)
def on_view_input(
    search, month_span, map_click, _reset, lens, grades, picked_place, _prev, _next, _leave, current, href, shown
):
    """One place where URL, slider, map clicks, reset, lens, the place picker and the story's buttons become the
    view (the URL and the picker follow the view), with what names the view: its link, citation and export links
    (answered here, not by one more request). The lens, the grade filter and the place picker are set only when
    the view changed them, and the detail panel's item only on a story step or a URL with place=: each set would
    run the callbacks that read it (the detail panel, the border check), and the map would wait for them on every
    step of the range. The view's name (range, place, lens, grades) becomes the page's title."""
    bundle = default_bundle()
    up = next_state(
        source_of(ctx.triggered_id),
        current,
        default_choices(),
        search=search,
        month_span=month_span,
        map_click=map_click,
        lens=lens,
        picked_place=picked_place,
        grades=grades,
    )
    notice = dash.no_update if up.notices is None else [html.P(n) for n in up.notices]
    span = dash.no_update if up.span is None else up.span
    return (
        span,
        up.search,
        dash.no_update if up.store == current else up.store,  # the page's first view came with it: no redraw
        dash.no_update if up.lens == lens else up.lens,
        dash.no_update if up.grades == (grades or []) else up.grades,
        notice,
        *share_outputs(bundle, up.view, href),
        dash.no_update if up.place == picked_place else up.place,
        step_item(up.view, source_of(ctx.triggered_id), shown),
        subtitle(bundle, up.view),
        language_links(up.view, dash.get_relative_path("/")),
    )


def step_item(view: View, trigger, shown: dict | None = None) -> dict | object:
    """What the view itself selects for the detail panel (present.view_state.selected_by_view): a story step's item
    ({} for a step without one), the place of a URL with place=; no_update otherwise, and when the panel shows it
    already (`shown`: the selection store; the page's first view came with its panel filled in)."""
    step = default_stories()[view.story][view.step - 1] if view.story else None
    item = (step.item_kind, step.item_id) if step is not None and step.item_kind else None
    selected = selected_by_view(view, trigger, item)
    if selected is None or (selected or None) == (shown or None):
        return dash.no_update
    return selected


def share_outputs(bundle, view: View, href: str | None) -> tuple:
    """Export links, the view's URL (the address bar's: a story step's link is the step's) and a citation."""
    search = view.query()
    parts = urlsplit(href or "")
    link = f"{parts.scheme}://{parts.netloc}{parts.path}{search}" if parts.netloc else search
    label = subtitle(bundle, view)
    return (
        export_links(search, dash.get_relative_path("/"), view.lang),
        link,
        citation(link, bundle.version, label, date.today(), view.lang),
    )


# In the browser (assets/access.js): the range label follows a handle while it is dragged (the view itself is
# recomputed on release).
clientside_callback(
    ClientsideFunction("camps", "rangeLabel"),
    Output(Controls.RANGE_LABEL, "children", allow_duplicate=True),
    Input(Controls.DATE_RANGE, "drag_value"),
    prevent_initial_call=True,
)
