"""The browser benchmark's baseline: one dcc.RangeSlider and one bar chart driven by one callback (gunicorn
benchmarks.baseline_app:server). The same slider length as the dashboard's month axis, served the same way."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

MONTHS = 96

app = Dash(__name__, title="baseline", compress=True)
app.layout = html.Div(
    [
        dcc.RangeSlider(
            id="date-range", min=0, max=MONTHS - 1, step=1, value=[0, MONTHS - 1], allow_direct_input=False
        ),
        dcc.Graph(id="chart"),
    ]
)
server = app.server


@server.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.callback(Output("chart", "figure"), Input("date-range", "value"))
def chart(span):
    lo, hi = span
    months = list(range(lo, hi + 1))
    return go.Figure(go.Bar(x=months, y=[(m * 37) % 11 + 1 for m in months]), layout=dict(height=400))
