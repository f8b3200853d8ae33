"""Figures as plain dicts — {"data": [traces], "layout": {...}}, what Dash sends to plotly.js.

Building a go.Figure costs 10–70 ms per chart here (every property set is validated through plotly's object tree);
the same figure as a dict costs well under a millisecond. Builders write traces and layout as nested dicts and call
`figure`; plotly itself still lays out subplot grids (`subplot_grid`) and gives the default template, and
tests/unit/test_figures_valid.py validates every chart with go.Figure over many views (a misspelt property fails).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import pandas as pd
import plotly.io as pio

FigureJSON = dict[str, Any]
_JSON_LEAVES = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """A value as the JSON types plotly's encoder would make of it: Series/arrays -> lists, timestamps -> ISO
    strings (NaT -> None). Figures of plain values encode in the json module's C code, with no per-value fallback
    (≈1.5 ms less per chart on every response, cached or not)."""
    if isinstance(value, _JSON_LEAVES):
        return value
    if isinstance(value, (list, tuple)):
        if all(type(v) in _JSON_LEAVES for v in value):
            return list(value)
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if value is pd.NaT:
        return None
    if isinstance(value, (dt.datetime, dt.date)):  # pandas Timestamps included
        return value.isoformat()
    tolist = getattr(value, "tolist", None)  # pandas Series, numpy arrays and scalars
    return plain(tolist()) if callable(tolist) else value


@functools.cache
def _template() -> dict:
    """The default plotly template, as go.Figure puts it into every figure's layout (shared, never mutated)."""
    return pio.templates[pio.templates.default].to_plotly_json()


def figure(data: list[dict], layout: dict) -> FigureJSON:
    """A figure of these traces and layout (None values left out, as go.Figure leaves them unset), with plotly's
    default template."""
    return {"data": plain(data), "layout": {"template": _template(), **plain(layout)}}


@functools.lru_cache(maxsize=32)
def _grid(rows: int, cols: int, options: tuple) -> tuple[dict, tuple[tuple[tuple[str, str], ...], ...]]:
    from plotly.subplots import make_subplots

    kwargs = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options}
    grid = make_subplots(rows=rows, cols=cols, **kwargs)
    layout = grid.to_plotly_json()["layout"]
    layout.pop("template", None)
    refs = tuple(
        tuple((cell[0].trace_kwargs["xaxis"], cell[0].trace_kwargs["yaxis"]) for cell in row) for row in grid._grid_ref
    )
    return layout, refs


def subplot_grid(rows: int, cols: int = 1, **options: Any) -> tuple[dict, list[list[dict]]]:
    """make_subplots' layout (axes, domains, subplot titles) as a fresh dict, and for each cell the trace keys
    that place a trace in it ({"xaxis": "x2", "yaxis": "y2"}); plotly lays out each distinct grid once."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    layout, refs = _grid(rows, cols, frozen)
    cells = [[{"xaxis": x, "yaxis": y} for x, y in row] for row in refs]
    fresh = {
        k: [dict(a) for a in v] if isinstance(v, list) else dict(v) if isinstance(v, dict) else v
        for k, v in layout.items()
    }
    return fresh, cells  # the axes and annotations are new dicts: builders update those, never deeper


def axes(layout: dict, letter: str) -> list[dict]:
    """Every x (or y) axis of a subplot grid's layout (subplot_grid)."""
    return [v for k, v in layout.items() if re.fullmatch(rf"{letter}axis\d*", k)]


def vrect(x0: Any, x1: Any, label: dict | None = None, **shape: Any) -> tuple[dict, dict | None]:
    """A shaded band over the whole plot height and its optional label, as go.Figure.add_vrect makes them:
    label is the annotation's own properties plus "position" ("top left" / "top right", the default)."""
    band = {"type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", **shape}
    if not label:
        return band, None
    label = dict(label)
    side = "left" if "left" in label.pop("position", "top right") else "right"
    note = {
        "showarrow": False,
        "text": label.pop("text", ""),
        "x": x0 if side == "left" else x1,
        "xanchor": side,
        "xref": "x",
        "y": 1,
        "yanchor": "top",
        "yref": "y domain",
    }
    return band, note | label


def with_changes(fig: FigureJSON, changes: dict[tuple, Any]) -> FigureJSON:
    """A copy with each {path: value} set — what a Dash Patch of the same paths does in the browser. Only the dicts
    and lists along the paths are copied; everything else is shared with `fig`, never mutated."""
    out = dict(fig)
    for path, value in changes.items():
        node: Any = out
        for key in path[:-1]:
            child = node[key]
            node[key] = child = dict(child) if isinstance(child, dict) else list(child)
            node = child
        node[path[-1]] = plain(value)
    return out
