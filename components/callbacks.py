"""Thin callbacks: read inputs, call the pure view-state and view-model functions, return."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import dash
from dash import ClientsideFunction, Input, Output, Patch, State, callback, clientside_callback, ctx, html

from components import view_model
from components.charts import distance_claims, graph_config
from components.detail import detail_view
from components.ids import Charts, Controls, Detail, Kpi, Page, Playback, Share, Story, Table
from components.kpis import kpi_detail
from components.playback import start_window, step
from components.share import citation, export_links
from components.story import panel_content
from components.table import sort_state, table_html
from components.view_state import next_state, selected_event, selected_from_input
from data.load import default_bundle
from data.story import default_stories
from data.table import disputed_count
from data.view import View, default_choices, lens_of
from serving.cache import memoised

# Figure builders memoised by (view, data version, code): in Redis when CAMPS_ATLAS_CACHE_URL is set, else per process.
render_panels = memoised("render_panels", view_model.render_panels)
render_map = memoised("render_map", view_model.render_map)
render_population = memoised("render_population", view_model.render_population)
render_context = memoised("render_context", view_model.render_context)


@callback(
    Output(Controls.DATE_RANGE, "value"),
    Output(Page.URL, "search"),
    Output(Page.VIEW, "data"),
    Output(Controls.LENS, "value"),
    Output(Page.NOTICE, "children"),
    Output(Share.EXPORT_MENU, "children"),
    Output(Share.LINK_TEXT, "children"),
    Output(Share.CITATION, "children"),
    Output(Controls.PLACE_PICKER, "value"),
    Input(Page.URL, "search"),
    Input(Controls.DATE_RANGE, "value"),
    Input(Charts.MAP, "clickData"),
    Input(Controls.RESET, "n_clicks"),
    Input(Controls.LENS, "value"),
    Input(Controls.PLACE_PICKER, "value"),
    Input(Story.PREV, "n_clicks"),
    Input(Story.NEXT, "n_clicks"),
    Input(Story.LEAVE, "n_clicks"),
    State(Page.VIEW, "data"),
    State(Page.URL, "href"),
)
def on_view_input(search, month_span, map_click, _reset, lens, picked_place, _prev, _next, _leave, current, href):
    """One place where URL, slider, map clicks, reset, lens, the place picker and the story's buttons become the
    view (the URL and the picker follow the view), with what names the view: its link, citation and export links
    (answered here, not by one more request)."""
    bundle = default_bundle()
    up = next_state(
        ctx.triggered_id,
        current,
        default_choices(),
        search=search,
        month_span=month_span,
        map_click=map_click,
        lens=lens,
        picked_place=picked_place,
    )
    notice = dash.no_update if up.notices is None else [html.P(n) for n in up.notices]
    span = dash.no_update if up.span is None else up.span
    return span, up.search, up.store, up.lens, notice, *share_outputs(bundle, up.view, href), up.place


def _view(data: dict) -> View:
    """The view in the page's store (checked by serving.validation before any callback runs)."""
    return View.from_store(data, default_choices())


def share_outputs(bundle, view: View, href: str | None) -> tuple:
    """Export links, the view's URL (the address bar's: a story step's link is the step's) and a citation."""
    search = view.query()
    parts = urlsplit(href or "")
    link = f"{parts.scheme}://{parts.netloc}{parts.path}{search}" if parts.netloc else search
    label = view_model.subtitle(bundle, view)
    return (
        export_links(search, dash.get_relative_path("/")),
        link,
        citation(link, bundle.version, label, date.today()),
    )


@callback(
    Output(Charts.CASUALTIES, "figure"),
    Output(Charts.RELOCATIONS, "figure"),
    Output(Charts.CASUALTIES, "config"),
    Output(Charts.RELOCATIONS, "config"),
    Output(Kpi.KILLED, "children"),
    Output(Kpi.KILLED, "title"),
    Output(Kpi.KILLED_DETAIL, "children"),
    Output(Kpi.WOUNDED, "children"),
    Output(Kpi.WOUNDED, "title"),
    Output(Kpi.WOUNDED_DETAIL, "children"),
    Output(Kpi.TRANSFERRED, "children"),
    Output(Kpi.TRANSFERRED, "title"),
    Output(Kpi.TRANSFERRED_DETAIL, "children"),
    Output(Kpi.RELOCATED, "children"),
    Output(Kpi.RELOCATED, "title"),
    Output(Kpi.RELOCATED_DETAIL, "children"),
    Output(Controls.RANGE_LABEL, "children"),
    Output(Controls.FILTER_LABEL, "children"),
    Output(Controls.RESET, "disabled"),
    Input(Page.VIEW, "data"),
)
def update_panels(view_data):
    """Charts, KPIs and labels for the stored view."""
    view = _view(view_data)
    out = render_panels(default_bundle(), view)
    topojson = dash.get_asset_url("topojson/")
    kpis = []
    for kpi in (out.killed, out.wounded, out.transferred, out.relocated):
        kpis += [kpi.text, kpi.attribution, kpi_detail(kpi.how, kpi.context, kpi.attribution)]
    return (
        out.casualties,
        out.relocations,
        graph_config(topojson, view.file_stem("casualties", captioned=False)),
        graph_config(topojson, view.file_stem("relocations", captioned=False)),
        *kpis,
        out.range_label,
        out.filter_label,
        view.place is None,
    )


@callback(
    Output(Charts.MAP, "figure"),
    Output(Charts.MAP, "config"),
    Input(Page.VIEW, "data"),
    Input(Detail.SELECTED, "data"),
)
def update_map(view_data, selected):
    """The map for the stored view, its place ringed; the selected attack (clicked on the map or in the casualty
    chart, or chosen in the attack picker) is ringed too."""
    view = _view(view_data)
    fig = render_map(default_bundle(), view, selected_event(selected))
    return fig, graph_config(dash.get_asset_url("topojson/"), view.file_stem("map", captioned=False))


@callback(
    Output(Charts.POPULATION, "figure"),
    Output(Charts.CONTEXT, "figure"),
    Output(Charts.POPULATION, "config"),
    Output(Charts.CONTEXT, "config"),
    Output(Charts.MAP_SUMMARY, "children"),
    Output(Charts.CASUALTIES_SUMMARY, "children"),
    Output(Charts.RELOCATIONS_SUMMARY, "children"),
    Output(Charts.POPULATION_SUMMARY, "children"),
    Output(Charts.CONTEXT_SUMMARY, "children"),
    Output(Page.LEDGER_DRAWN, "data"),
    Input(Page.VIEW, "data"),
    State(Page.LEDGER_DRAWN, "data"),
)
def update_ledger_and_context(view_data, drawn):
    """Population ledger, context strip and the charts' text alternatives. When only the range moved (the figures
    on the page were drawn for this place and lens), the two figures are patched instead of sent again."""
    bundle, view = default_bundle(), _view(view_data)
    topojson = dash.get_asset_url("topojson/")
    text = view_model.summaries(bundle, view)
    base = view_model.drawn_base(bundle, view)
    if drawn == base:
        population = as_patch(view_model.population_range_changes(bundle, view))
        context = as_patch(view_model.context_range_changes(bundle, view))
    else:
        population, context = render_population(bundle, view), render_context(bundle, view)
    return (
        population,
        context,
        graph_config(topojson, view.file_stem("population", captioned=False)),
        graph_config(topojson, view.file_stem("context", captioned=False)),
        text["map"],
        text["casualties"],
        text["relocations"],
        text["population"],
        text["context"],
        base,
    )


def as_patch(changes: dict[tuple, object]) -> Patch:
    """A Dash Patch setting each {path: value} of a figure."""
    patch = Patch()
    for path, value in changes.items():
        node = patch
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return patch


@callback(Output(Charts.DISTANCE_CLAIMS, "children"), Input(Controls.LENS, "value"))
def update_distance_claims(lens):
    """The border check lists the distances stated by the claimants the lens keeps."""
    border = view_model.border_check(default_bundle(), lens_of(lens))
    return distance_claims(border.claims if border else ())


@callback(
    Output(Table.TABLE, "children"),
    Output(Table.COUNT, "children"),
    Input(Page.VIEW, "data"),
    Input(Table.SORT_COLUMN, "value"),
    Input(Table.SORT_ORDER, "value"),
)
def update_table(view_data, column, order):
    """The rows behind the view, sorted as the controls ask."""
    rows = view_model.table(default_bundle(), _view(view_data))
    count = (
        f"{len(rows)} row(s) for {rows['item_id'].nunique()} item(s); {disputed_count(rows)} disputed "
        "(sources disagree about the same figure for the same date or period)."
    )
    return table_html(rows, sort_state(column, order)), count


@callback(
    Output(Story.PANEL, "hidden"),
    Output(Story.STEP, "children"),
    Output(Story.TITLE, "children"),
    Output(Story.TEXT, "children"),
    Output(Story.PREV, "disabled"),
    Output(Story.NEXT, "disabled"),
    Input(Page.VIEW, "data"),
)
def update_story(view_data):
    """The story panel for the stored view: shown while the view is a story step, its figures under the lens."""
    view = _view(view_data)
    steps = default_stories()[view.story] if view.story else None
    return panel_content(default_bundle(), steps, view.step, view.lens)


@callback(
    Output(Detail.PANEL, "children"),
    Output(Detail.SELECTED, "data"),
    Output(Controls.ATTACK_PICKER, "value"),
    Input(Charts.MAP, "clickData"),
    Input(Charts.CASUALTIES, "clickData"),
    Input(Charts.RELOCATIONS, "clickData"),
    Input(Controls.PLACE_PICKER, "value"),
    Input(Controls.ATTACK_PICKER, "value"),
    Input(Page.VIEW, "data"),
    prevent_initial_call=True,
)
def show_detail(map_click, casualty_click, relocation_click, picked_place, picked_attack, view_data):
    """The clicked (or picked) attack, movement or place, or the one a story step selects, with every source side by
    side; the attack picker follows."""
    if ctx.triggered_id == Page.VIEW:
        view = _view(view_data)
        step = default_stories()[view.story][view.step - 1] if view.story else None
        selected = (step.item_kind, step.item_id) if step and step.item_kind else None
    else:
        inputs = {
            Charts.MAP: map_click,
            Charts.CASUALTIES: casualty_click,
            Charts.RELOCATIONS: relocation_click,
            Controls.PLACE_PICKER: picked_place,
            Controls.ATTACK_PICKER: picked_attack,
        }
        selected = selected_from_input(ctx.triggered_id, inputs.get(ctx.triggered_id))
    if selected is None:
        return dash.no_update, dash.no_update, dash.no_update
    kind, item_id = selected
    detail = view_model.item_detail(default_bundle(), kind, item_id)
    if detail is None:
        return dash.no_update, dash.no_update, dash.no_update
    return detail_view(detail), {"kind": kind, "id": item_id}, item_id if kind == "event" else None


@callback(
    Output(Playback.TICK, "disabled"),
    Output(Playback.PLAY, "children"),
    Output(Controls.DATE_RANGE, "value", allow_duplicate=True),
    Output(Playback.STATUS, "children"),
    Input(Playback.PLAY, "n_clicks"),
    State(Playback.TICK, "disabled"),
    State(Controls.DATE_RANGE, "value"),
    prevent_initial_call=True,
)
def on_play(_clicks, paused, span):
    """Play starts the window sliding (from a 12-month window if the whole period is selected); Pause stops it."""
    if not paused:
        return True, "▶ Play", dash.no_update, "Paused."
    last = len(default_choices().months) - 1
    return False, "❚❚ Pause", start_window(span or [0, last], last), "Playing: one month per step."


@callback(
    Output(Controls.DATE_RANGE, "value", allow_duplicate=True),
    Output(Playback.TICK, "disabled", allow_duplicate=True),
    Output(Playback.PLAY, "children", allow_duplicate=True),
    Output(Playback.STATUS, "children", allow_duplicate=True),
    Input(Playback.TICK, "n_intervals"),
    State(Controls.DATE_RANGE, "value"),
    prevent_initial_call=True,
)
def on_tick(_n, span):
    """Move the window one month; stop at the end of the data. A step never re-enables the interval, so a step
    still in flight when Pause is clicked cannot restart playback."""
    last = len(default_choices().months) - 1
    moved, done = step(span or [0, last], last)
    if done:
        return moved, True, "▶ Play", "Reached the end of the data."
    return moved, dash.no_update, dash.no_update, dash.no_update


# Pure-UI feedback in the browser (functions in assets/access.js): the range label follows a handle while it is
# dragged (the view itself is recomputed on release), and the copy buttons copy and say whether it worked.
clientside_callback(
    ClientsideFunction("camps", "rangeLabel"),
    Output(Controls.RANGE_LABEL, "children", allow_duplicate=True),
    Input(Controls.DATE_RANGE, "drag_value"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("camps", "copyText"),
    Output(Share.COPY_LINK_STATUS, "children"),
    Output(Share.COPY_CITATION_STATUS, "children"),
    Input(Share.COPY_LINK, "n_clicks"),
    Input(Share.COPY_CITATION, "n_clicks"),
    State(Share.LINK_TEXT, "children"),
    State(Share.CITATION, "children"),
    prevent_initial_call=True,
)

# The iframe code of every embeddable chart (/embed/<chart>, exports.embed) for the view's link, made in the browser.
clientside_callback(
    """function (link) {
        if (!link) { return ''; }
        var url = new URL(link, window.location.href);
        var root = url.origin + url.pathname.replace(/\\/$/, '');
        var charts = [['map', 720], ['casualties', 780], ['relocations', 720], ['population', 620], ['context', 460]];
        return charts.map(function (c) {
            return '<iframe src="' + root + '/embed/' + c[0] + url.search + '" title="Camps Atlas: ' + c[0] +
                '" width="100%" height="' + c[1] + '" style="border:0" loading="lazy"></iframe>';
        }).join('\\n\\n');
    }""",
    Output(Share.EMBED_CODE, "children"),
    Input(Share.LINK_TEXT, "children"),
)
