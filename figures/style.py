"""Shared figure styling: colour-blind-safe palettes, fonts, the empty-figure helper."""

from __future__ import annotations

import functools
import textwrap
from typing import Any

import pandas as pd

from data.calendars import SOLAR_HIJRI
from data.languages import RIGHT_TO_LEFT
from data.translation import t
from figures.plain import FigureJSON, figure

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Okabe–Ito palette, safe for the common colour-vision deficiencies.
SOURCE_COLORS = {  # by claimant kind (who makes the figure)
    "un": "#0072B2",
    "government": "#009E73",
    "ngo": "#CC79A7",
    "news": "#E69F00",
    "academic": "#56B4E9",
    "group": "#D55E00",
    "iran_state": "#000000",
}
FLOOR_COLOR = "#4d4d4d"
RANGE_COLOR = "#bdbdbd"
ATTACK_COLOR = "#C0392B"
CAMP_COLOR = "#1f3b57"
# Paul Tol's "bright" palette for destinations.
DESTINATION_COLORS = {
    "liberty": "#4477AA",
    "alb": "#EE6677",
    "deu": "#228833",
    "ita": "#CCBB44",
    "nld": "#66CCEE",
    "": "#888888",
}
OTHER_DESTINATION = "#BBBBBB"  # a destination the data adds later, until it gets a colour of its own here
# A place's colour where places are told apart by colour (Tol "bright": the destinations keep the map's colours,
# Ashraf gets purple); claimant kinds are then told apart by marker symbol.
PLACE_COLORS = DESTINATION_COLORS | {"ashraf": "#AA3377"}
KIND_SYMBOLS = {
    "un": "circle",
    "government": "square",
    "ngo": "triangle-up",
    "news": "diamond",
    "academic": "star",
    "group": "x",
    "iran_state": "cross",
}
# The chart toolbar at full opacity (plotly's default draws its icons at 30 % of the text colour): icons 5.9:1 and
# the hovered / active icon 11:1 against the white background.
MODEBAR = dict(color="#5b6570", activecolor="#1f3b57", bgcolor="rgba(255, 255, 255, 0.9)")


def base_layout(title: str, **extra) -> dict:
    """Layout settings every chart shares."""
    layout = dict(
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=15)),
        font=dict(family=FONT, size=12, color="#222"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=56, r=16, t=56, b=48),
        hoverlabel=dict(font=dict(family=FONT, size=12), align="left"),
        modebar=dict(MODEBAR),
    )
    return layout | extra


def date_axis(lang: str) -> dict:
    """A time axis's calendar: Solar Hijri ticks in Persian (plotly.js's world calendars, with the Persian month
    names: components/plotly_bundle/entry.js); the data stay Gregorian dates (each trace's xcalendar). In a
    right-to-left language each tick is written right to left ('1392 تیر' reads month, then year)."""
    calendar = dict(calendar="persian") if lang in SOLAR_HIJRI else {}
    return calendar | (dict(tickprefix=RLE, ticksuffix=PDF) if lang in RIGHT_TO_LEFT else {})


# Plotly draws text in SVG with a left-to-right base direction (the charts keep `direction: ltr`, style.css, and
# exported images have no page around them), so a Persian or Arabic line mixing scripts and digits came out in the
# wrong order ('۱۱ دی ۱۳۹۰ – …' drawn with its '۱۱' at the far end). Each line is embedded right to left.
RLE, PDF = "\u202b", "\u202c"  # right-to-left embedding, pop directional formatting
_TEXT_KEYS = ("name", "text", "hovertext")


def rtl_text(text: Any) -> Any:
    """A text (or list of texts) with each line embedded right to left; already embedded text is left alone."""
    if isinstance(text, list | tuple):
        return [rtl_text(t) for t in text]
    if not isinstance(text, str) or not text or text.startswith(RLE):
        return text
    return RLE + text.replace("<br>", PDF + "<br>" + RLE) + PDF


def chart_title(title: str, subtitle: str, lang: str) -> str:
    """A chart's title in the language with its subtitle (the view) below it, each line embedded right to left in a
    right-to-left language (as right_to_left would: the range patches set the same text)."""
    text = t(lang, title) + (f"<br><sup>{subtitle}</sup>" if subtitle else "")
    return rtl_text(text) if lang in RIGHT_TO_LEFT else text


def right_to_left(fig: FigureJSON, lang: str) -> FigureJSON:
    """The figure with its words embedded right to left in a right-to-left language (a copy; `fig` unchanged):
    title, axis titles and tick texts, annotations, legend entries and group titles, trace texts and hovers."""
    if lang not in RIGHT_TO_LEFT:
        return fig
    layout = dict(fig["layout"])
    if isinstance(layout.get("title"), dict):
        layout["title"] = layout["title"] | {"text": rtl_text(layout["title"].get("text"))}
    for key, axis in list(layout.items()):
        if key[1:5] == "axis" and isinstance(axis, dict):
            axis = dict(axis)
            if isinstance(axis.get("title"), dict):
                axis["title"] = axis["title"] | {"text": rtl_text(axis["title"].get("text"))}
            if "ticktext" in axis:
                axis["ticktext"] = rtl_text(axis["ticktext"])
            layout[key] = axis
    if "annotations" in layout:
        layout["annotations"] = [note | {"text": rtl_text(note.get("text"))} for note in layout["annotations"]]
    data = []
    for trace in fig["data"]:
        trace = trace | {k: rtl_text(trace[k]) for k in _TEXT_KEYS if k in trace}
        if isinstance(trace.get("legendgrouptitle"), dict):
            trace["legendgrouptitle"] = trace["legendgrouptitle"] | {
                "text": rtl_text(trace["legendgrouptitle"]["text"])
            }
        data.append(trace)
    return fig | {"data": data, "layout": layout}


def axis_position(value: Any, lang: str) -> Any:
    """A date placed on a time axis (its range, a band, a label): on a Persian axis plotly.js reads a date string in
    the axis's own calendar (2013-09-01 would be a Solar Hijri date, six centuries on) and refuses milliseconds, so
    the date goes as a Gregorian string marked with plotly.js's 'G' prefix ('G2013-09-01T00:00:00')."""
    return _gregorian(value) if lang in SOLAR_HIJRI else value


def _gregorian(value: Any) -> Any:
    return value if value is None else "G" + pd.Timestamp(value).isoformat()


def in_axis_calendar(layout: dict) -> dict:
    """The layout with the dates it places on Persian time axes (their ranges; bands and labels on them) marked
    Gregorian (axis_position); the traces' data stay Gregorian (their xcalendar). Returns `layout`, changed."""
    refs = {name.replace("axis", ""): axis for name, axis in layout.items() if name.startswith("xaxis")}
    persian = {ref for ref, axis in refs.items() if isinstance(axis, dict) and axis.get("calendar") == "persian"}
    for ref in persian:
        axis = refs[ref]
        if axis.get("range") is not None:
            axis["range"] = [_gregorian(v) for v in axis["range"]]
    for shape in layout.get("shapes", []):
        if shape.get("xref", "x") in persian:
            shape.update({k: _gregorian(shape[k]) for k in ("x0", "x1") if k in shape})
    for note in layout.get("annotations", []):
        if note.get("xref", "x") in persian and "x" in note:
            note["x"] = _gregorian(note["x"])
    return layout


def axis_date(value: Any) -> pd.Timestamp:
    """A date read back from a layout: a date string (or one marked Gregorian: axis_position) or a Timestamp."""
    return pd.Timestamp(value[1:] if isinstance(value, str) and value[:1] in "Gg" else value)


def empty_figure(title: str, message: str) -> FigureJSON:
    """A figure that says there is nothing to show (instead of blank axes)."""
    note = dict(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=14))
    return figure([], base_layout(title, annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False)))


def wrap(text: str, width: int = 70) -> str:
    """Break long hover text into lines (Plotly hover labels do not wrap)."""
    return "<br>".join(lines_of(text, width))


def lines_of(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word keeps a line of its own; never cut)."""
    return list(_lines(text, width))


@functools.lru_cache(maxsize=8192)
def _lines(text: str, width: int) -> tuple[str, ...]:
    """textwrap's lines, memoised: the same hover texts recur from one view to the next."""
    return tuple(textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False))
