"""Only for `make bench` (CAMPS_ATLAS_BENCH=1): a no-op callback, the baseline every callback is compared with.

Two hidden dcc.Store components and a callback that returns its input unchanged: the cost of one Dash round trip
(HTTP, request validation, Dash's dispatch, JSON, compression, headers) with no work in the callback. It is added to
the layout only when the benchmark asks for it; the normal app never has it.
"""

from __future__ import annotations

from dash import Input, Output, dcc, html

NOOP_IN = "bench-noop-in"
NOOP_OUT = "bench-noop-out"


def install(app) -> None:
    layout = app.layout
    if not hasattr(layout, "children"):
        raise RuntimeError("the benchmark's no-op callback needs a static layout with children")
    children = layout.children if isinstance(layout.children, list) else [layout.children]
    layout.children = [
        *children,
        html.Div([dcc.Store(id=NOOP_IN, data=0), dcc.Store(id=NOOP_OUT)], hidden=True, id="bench-noop"),
    ]

    @app.callback(Output(NOOP_OUT, "data"), Input(NOOP_IN, "data"), prevent_initial_call=True)
    def bench_noop(value):
        return value
