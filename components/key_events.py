"""The main events labelled along the date slider (data/key_events.csv): buttons at their month that select the
event's range (a click, or Enter / Space on the focused button). Pure UI: the slider's value is set in the browser
and the view follows through the slider's own callback."""

from __future__ import annotations

import pandas as pd
from dash import ALL, Input, Output, State, clientside_callback, dcc, html

from components.ids import Controls
from data import calendars, languages
from data.story import KeyEvent
from data.translation import t

THUMB_PX = 16  # dcc.RangeSlider's thumb: its marks sit at calc(p% + (8 - 0.16 p) px), so do ours


def _span(axis: pd.PeriodIndex, event: KeyEvent) -> list[int]:
    return [int((event.start - axis[0]).n), int((event.end - axis[0]).n)]


def key_event_marks(axis: pd.PeriodIndex, events: tuple[KeyEvent, ...], lang: str = languages.DEFAULT) -> html.Div:
    """One button per key event at its first month, alternating between two rows so close events stay legible."""
    last = max(len(axis) - 1, 1)
    buttons = []
    for i, event in enumerate(events):
        pos = 100 * _span(axis, event)[0] / last
        when = calendars.range_label(lang, event.start, event.end)
        label = t(lang, event.label)
        buttons.append(
            html.Button(
                label,
                id={"type": Controls.KEY_EVENT, "index": i},
                n_clicks=0,
                className=f"key-event row-{i % 2}",
                title=t(lang, "Show {when}", when=when),
                style={"left": f"calc({pos:.3f}% + {THUMB_PX / 2 - THUMB_PX * pos / 100:.2f}px)"},
                **{"aria-label": t(lang, "{label}: show {when}", label=label, when=when)},
            )
        )
    return html.Div(
        className="key-events",
        role="group",
        **{"aria-label": t(lang, "Key events: choose one to show its months")},
        children=[*buttons, dcc.Store(id=Controls.KEY_EVENT_SPANS, data=[_span(axis, e) for e in events])],
    )


clientside_callback(
    """function (clicks, spans) {
        var id = dash_clientside.callback_context.triggered_id;
        if (!id || !clicks.some(function (n) { return n; })) { return dash_clientside.no_update; }
        return spans[id.index];
    }""",
    Output(Controls.DATE_RANGE, "value", allow_duplicate=True),
    Input({"type": Controls.KEY_EVENT, "index": ALL}, "n_clicks"),
    State(Controls.KEY_EVENT_SPANS, "data"),
    prevent_initial_call=True,
)
