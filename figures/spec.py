"""Figures built as plain dicts (what Dash sends to plotly.js), with the few go.Figure building methods we use.

Building a go.Figure costs 20–70 ms per chart here (every property set goes through plotly's object tree); the same
figure as a dict costs well under a millisecond. `FigureDict` keeps go.Figure's building API (add_bar, add_scatter,
add_scattergeo, set_subplots, update_layout, update_xaxes/update_yaxes, add_annotation, add_vrect) for the calls our
builders make, including "magic underscores" (marker_color → marker.color), and produces the same JSON as
go.Figure would — tests/unit/test_figure_spec.py compares both for every chart over many views. Reading an
attribute it does not define (fig.data, fig.layout) builds and validates a go.Figure, so tests and exports can keep
using plotly's object API.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Self

import pandas as pd
import plotly.io as pio

# Plotly property names that contain an underscore (everything else splits: marker_color -> marker.color).
# (All of them in plotly 7: collected from plotly.graph_objs' _valid_props.)
_UNDERSCORE_PROPS = frozenset(
    {"copy_ystyle", "copy_zstyle", "error_x", "error_y", "error_z", "paper_bgcolor", "plot_bgcolor"}
)
_SUBPLOT_AXIS = re.compile(r"^([xy])axis(\d*)$")


def _split(key: str) -> list[str]:
    """'marker_pattern_shape' -> ['marker', 'pattern', 'shape']; 'error_x' and 'paper_bgcolor' stay whole."""
    if "_" not in key or key in _UNDERSCORE_PROPS:
        return [key]
    for prop in _UNDERSCORE_PROPS:
        if key.startswith(prop + "_"):
            return [prop, *_split(key[len(prop) + 1 :])]
    return key.split("_")


_JSON_LEAVES = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """A value as the JSON types plotly's encoder would make of it: Series/arrays -> lists, timestamps -> ISO
    strings (NaT -> None). Figures built from plain values encode in the json module's C code, with no per-value
    fallback (≈1.5 ms less per chart on every response, cached or not)."""
    if isinstance(value, _JSON_LEAVES):
        return value
    if isinstance(value, (list, tuple)):
        if all(type(v) in _JSON_LEAVES for v in value):
            return list(value)
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is pd.NaT:
        return None
    if isinstance(value, (dt.datetime, dt.date)):  # pandas Timestamps included
        return value.isoformat()
    tolist = getattr(value, "tolist", None)  # pandas Series, numpy arrays and scalars
    return plain(tolist()) if callable(tolist) else value


def merge(target: dict, updates: dict) -> dict:
    """Deep-merge `updates` into `target` the way go.Figure.update_* does: nested dicts merge, other values
    replace, None leaves a property unset, underscore keys are paths."""
    for key, value in updates.items():
        path = _split(key)
        node = target
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        last = path[-1]
        if value is None:
            continue
        if isinstance(value, dict):
            child = node.get(last)
            if not isinstance(child, dict):
                child = node[last] = {}
            merge(child, value)
        else:
            node[last] = plain(value)
    return target


@functools.cache
def _template() -> dict:
    """The default plotly template, as go.Figure puts it into every figure's layout (shared, never mutated)."""
    return pio.templates[pio.templates.default].to_plotly_json()


@functools.lru_cache(maxsize=32)
def _subplot_grid(rows: int, cols: int, options: tuple) -> tuple[dict, tuple[tuple[tuple[str, str], ...], ...]]:
    """Layout (axes, domains, subplot titles) and per-cell axis references of a make_subplots grid, from plotly
    itself once per distinct grid."""
    from plotly.subplots import make_subplots

    kwargs = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options}
    grid = make_subplots(rows=rows, cols=cols, **kwargs)
    layout = grid.to_plotly_json()["layout"]
    layout.pop("template", None)
    refs = tuple(
        tuple((cell[0].trace_kwargs["xaxis"], cell[0].trace_kwargs["yaxis"]) for cell in row) for row in grid._grid_ref
    )
    return layout, refs


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class FigureDict(dict):
    """A figure as a plain dict {"data": [...], "layout": {...}} with go.Figure's building methods."""

    def __init__(self, figure: dict | None = None):
        super().__init__(figure or {"data": [], "layout": {"template": _template()}})
        self.setdefault("data", [])
        self.setdefault("layout", {})

    # --- reading: anything else is plotly's ----------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name.startswith("_grid"):
            raise AttributeError(name)
        figure = self.__dict__.get("_figure")
        if figure is None:
            import plotly.graph_objects as go

            figure = self.__dict__["_figure"] = go.Figure(dict(self))
        return getattr(figure, name)

    def to_plotly_json(self) -> dict:
        """What encoders (Dash, plotly.io, kaleido) ask for: the dict itself."""
        return dict(self)

    to_dict = to_plotly_json

    def __reduce__(self):  # pickled as its content only (never a materialised go.Figure)
        return (FigureDict, (dict(self),))

    def with_changes(self, changes: dict[tuple, Any]) -> FigureDict:
        """A copy with each {path: value} set (what a Dash Patch of the same paths does in the browser). Only the
        dicts and lists along the paths are copied; everything else is shared with this figure, never mutated."""
        out = FigureDict(dict(self))
        for path, value in changes.items():
            node: Any = out
            for key in path[:-1]:
                child = node[key]
                node[key] = child = dict(child) if isinstance(child, dict) else list(child)
                node = child
            node[path[-1]] = plain(value)
        return out

    def _changed(self) -> Self:
        self.__dict__.pop("_figure", None)
        return self

    # --- building ------------------------------------------------------------------------------------------------
    def set_subplots(self, rows: int = 1, cols: int = 1, **options: Any) -> Self:
        """Like go.Figure.set_subplots / make_subplots."""
        layout, refs = _subplot_grid(rows, cols, tuple(sorted((k, _frozen(v)) for k, v in options.items())))
        for key, value in layout.items():
            self["layout"][key] = [dict(a) for a in value] if key == "annotations" else merge({}, value)
        self.__dict__["_refs"] = refs
        return self._changed()

    def add_trace(self, trace: dict, row: int | None = None, col: int | None = None) -> Self:
        """Append a trace (a dict with its "type"); row/col place it in the subplot grid."""
        spec = merge({}, trace)
        if row is not None:
            xref, yref = self.__dict__["_refs"][row - 1][(col or 1) - 1]
            spec["xaxis"], spec["yaxis"] = xref, yref
        self["data"].append(spec)
        return self._changed()

    def add_bar(self, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self.add_trace({**props, "type": "bar"}, row, col)

    def add_scatter(self, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self.add_trace({**props, "type": "scatter"}, row, col)

    def add_scattergeo(self, row: int | None = None, col: int | None = None, **props: Any) -> Self:
        return self.add_trace({**props, "type": "scattergeo"}, row, col)

    def update_layout(self, layout: dict | None = None, **props: Any) -> Self:
        merge(self["layout"], {**(layout or {}), **props})
        return self._changed()

    def _axes(self, letter: str) -> list[str]:
        found = [k for k in self["layout"] if (m := _SUBPLOT_AXIS.match(k)) and m.group(1) == letter]
        return found or [f"{letter}axis"]

    def update_xaxes(self, **props: Any) -> Self:
        for key in self._axes("x"):
            merge(self["layout"].setdefault(key, {}), props)
        return self._changed()

    def update_yaxes(self, **props: Any) -> Self:
        for key in self._axes("y"):
            merge(self["layout"].setdefault(key, {}), props)
        return self._changed()

    def add_annotation(self, **props: Any) -> Self:
        self["layout"].setdefault("annotations", []).append(merge({}, props))
        return self._changed()

    def add_shape(self, **props: Any) -> Self:
        self["layout"].setdefault("shapes", []).append(merge({}, props))
        return self._changed()

    def add_vrect(self, x0: Any, x1: Any, **props: Any) -> Self:
        """A shaded vertical band over the whole plot height (single-axis figures), with an optional label
        placed as go.Figure.add_vrect places it ("top left" / "top right")."""
        label = {k[len("annotation_") :]: props.pop(k) for k in list(props) if k.startswith("annotation_")}
        shape = merge({"type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}, props)
        self["layout"].setdefault("shapes", []).append(shape)
        if label:
            position = label.pop("position", "top right")
            side = "left" if "left" in position else "right"
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
            self.add_annotation(**merge(note, label))
        return self._changed()
