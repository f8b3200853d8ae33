"""Playback: the date window slides one month per tick."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from components.callbacks.common import lang_of
from components.ids import Controls, Page, Playback
from components.playback import AT_END, PAUSE, PAUSED, PLAY, PLAYING, start_window, step
from data.translation import t
from data.view import default_choices


@callback(
    Output(Playback.TICK, "disabled"),
    Output(Playback.PLAY, "children"),
    Output(Controls.DATE_RANGE, "value", allow_duplicate=True),
    Output(Playback.STATUS, "children"),
    Input(Playback.PLAY, "n_clicks"),
    State(Playback.TICK, "disabled"),
    State(Controls.DATE_RANGE, "value"),
    State(Page.VIEW, "data"),
    prevent_initial_call=True,
)
def on_play(_clicks, paused, span, data):
    """Play starts the window sliding (from a 12-month window if the whole period is selected); Pause stops it."""
    lang = lang_of(data)
    if not paused:
        return True, t(lang, PLAY), dash.no_update, t(lang, PAUSED)
    last = default_choices().last_step
    return False, t(lang, PAUSE), start_window(span or [0, last], last), t(lang, PLAYING)


@callback(
    Output(Controls.DATE_RANGE, "value", allow_duplicate=True),
    Output(Playback.TICK, "disabled", allow_duplicate=True),
    Output(Playback.PLAY, "children", allow_duplicate=True),
    Output(Playback.STATUS, "children", allow_duplicate=True),
    Input(Playback.TICK, "n_intervals"),
    State(Controls.DATE_RANGE, "value"),
    State(Page.VIEW, "data"),
    prevent_initial_call=True,
)
def on_tick(_n, span, data):
    """Move the window one month; stop at the end of the data. A step never re-enables the interval, so a step
    still in flight when Pause is clicked cannot restart playback."""
    last = default_choices().last_step
    moved, done = step(span or [0, last], last)
    if done:
        lang = lang_of(data)
        return moved, True, t(lang, PLAY), t(lang, AT_END)
    return moved, dash.no_update, dash.no_update, dash.no_update
