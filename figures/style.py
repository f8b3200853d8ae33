"""Shared figure styling: colour-blind-safe palettes, fonts, the empty-figure helper."""

from __future__ import annotations

import functools
import textwrap

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
