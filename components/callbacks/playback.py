"""Playback: the date window slides one month per tick."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from components.ids import Controls, Playback
from components.playback import start_window, step
from data.view import default_choices


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
    last = default_choices().last_step
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
    last = default_choices().last_step
    moved, done = step(span or [0, last], last)
    if done:
        return moved, True, "▶ Play", "Reached the end of the data."
    return moved, dash.no_update, dash.no_update, dash.no_update
