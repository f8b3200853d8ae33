"""Only for `make bench` (CAMPS_ATLAS_BENCH=1): a no-op callback, the baseline every callback is compared with.

Two hidden dcc.Store components and a callback that returns its input unchanged: the cost of one Dash round trip
(HTTP, request validation, Dash's dispatch, JSON, compression, headers) with no work in the callback. It is added to
the layout only when the benchmark asks for it; the normal app never has it.
"""

from __future__ import annotations

from dash import Input, Output, dcc, html

NOOP_IN = "bench-noop-in"
NOOP_OUT = "bench-noop-out"


def _with_noop(layout):
    if not hasattr(layout, "children"):
        raise RuntimeError("the benchmark's no-op callback needs a layout with children")
    children = layout.children if isinstance(layout.children, list) else [layout.children]
    layout.children = [
        *children,
        html.Div([dcc.Store(id=NOOP_IN, data=0), dcc.Store(id=NOOP_OUT)], hidden=True, id="bench-noop"),
    ]
    return layout


def install(app) -> None:
    page = app.layout
    if callable(page):  # the page is built per request (components/first_paint.py)

        def page_with_noop():
            return _with_noop(page())

        app.layout = page_with_noop
    else:
        app.layout = _with_noop(page)

    @app.callback(Output(NOOP_OUT, "data"), Input(NOOP_IN, "data"), prevent_initial_call=True)
    def bench_noop(value):
        return value
