"""Playback: a play/pause button that slides the selected window through time, month by month."""

from __future__ import annotations

from dash import dcc, html

from components.ids import Playback
from data import languages
from data.translation import N_, t

TICK_MS = 333
DEFAULT_WINDOW = 12  # months, when the whole period is selected and there is nowhere to slide
PLAY, PAUSE = N_("▶ Play"), N_("❚❚ Pause")
PAUSED, PLAYING, AT_END = N_("Paused."), N_("Playing: one month per step."), N_("Reached the end of the data.")


def playback_controls(lang: str = languages.DEFAULT) -> html.Div:
    """The button and its (disabled until played) interval."""
    return html.Div(
        className="playback",
        children=[
            html.Button(t(lang, PLAY), id=Playback.PLAY, className="play-button", n_clicks=0,
                        title=t(lang, "Play: move the selected window forward one month at a time")),
            html.Span(id=Playback.STATUS, className="hint", **{"aria-live": "polite"}),
            dcc.Interval(id=Playback.TICK, interval=TICK_MS, disabled=True, n_intervals=0),
        ],
    )  # fmt: skip


def start_window(span: list[int], last: int) -> list[int]:
    """Where playback starts: the current window, or a 12-month window at the start if it cannot slide."""
    low, high = sorted(span)
    if high >= last:
        width = min(high - low, DEFAULT_WINDOW - 1) if high - low < last else DEFAULT_WINDOW - 1
        return [0, width]
    return [low, high]


def step(span: list[int], last: int) -> tuple[list[int], bool]:
    """The window moved one month forward, and whether playback must stop (the end is reached)."""
    low, high = sorted(span)
    if high >= last:
        return [low, high], True
    return [low + 1, high + 1], high + 1 >= last
