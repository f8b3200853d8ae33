"""Direct labels at the ends of the population chart's lines: where each is written so that none runs past the
plot's edges and no two overlap."""

from __future__ import annotations

import pandas as pd


def direct_labels(last_points: dict[str, tuple[pd.Timestamp, float, str]]) -> list[tuple]:
    """(x, y, text, place_id) of each place's label, in x order."""
    return sorted(((x, y, text, key.split(":")[0]) for key, (x, y, text) in last_points.items()), key=lambda r: r[0])


_LABEL_PLOT_PX = (400, 280)  # the plot (width, height) the direct labels are laid out for: a 480-px image
_LABEL_CHAR_PX = 5.8  # average glyph width at font size 10


def place_labels(labels: list[tuple], x_span: tuple, y_top: float, step_px: int = 13) -> list[tuple[str, int]]:
    """(xanchor, upward shift in pixels) of each (x, y, text, …) label so that none runs past the plot's left or
    right edge and no two overlap, in a plot _LABEL_PLOT_PX big showing x_span and 0..y_top (a bigger plot only
    spreads them further). A label ends at its point (xanchor right) unless that would cross the left edge; in x
    order, each is lifted a line at a time until it is clear of those placed before it. Labels outside x_span are
    not drawn (Plotly hides them) and take no room."""
    width_px, height_px = _LABEL_PLOT_PX
    x0, x1 = (pd.Timestamp(x).value for x in x_span)
    boxes: list[tuple[float, float, float, float]] = []  # left, right, bottom, top (px from the plot's bottom left)
    out = []
    for x, y, text, *_ in labels:
        at = (pd.Timestamp(x).value - x0) / ((x1 - x0) or 1) * width_px
        width = len(text) * _LABEL_CHAR_PX + 4
        anchor = "left" if at < width else "right"
        left, right = (at, at + width) if anchor == "left" else (at - width, at)
        bottom = y / (y_top or 1) * height_px + 4
        shift = 0
        if 0 <= at <= width_px:
            while any(
                left < hi and lo < right and bottom + shift < top and below < bottom + shift + step_px
                for lo, hi, below, top in boxes
            ):
                shift += step_px
            boxes.append((left, right, bottom + shift, bottom + shift + step_px))
        out.append((anchor, shift))
    return out
