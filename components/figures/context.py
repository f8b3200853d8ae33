"""Political and legal context as a strip: one row per category, one mark per (item, source)."""

from __future__ import annotations

import pandas as pd

from components.figures.spec import FigureDict
from components.figures.style import SOURCE_COLORS, base_layout, empty_figure, new_figure, wrap
from data import schema

TITLE = "Political and legal context"
CATEGORY_LABELS = {
    "designation": "Designations",
    "delisting": "Delistings",
    "protection": "Protection",
    "agreement": "Agreements",
    "un_process": "UN processes",
    "legal": "Courts",
    "relocation": "Relocation",
}


def _title(subtitle: str) -> str:
    return TITLE + (f"<br><sup>{subtitle}</sup>" if subtitle else "")


def context_range_changes(
    empty: bool, subtitle: str, x_range: tuple[pd.Timestamp, pd.Timestamp] | None
) -> dict[tuple, object]:
    """The parts of context_figure that depend on the selected range, as {path: value} (for a Patch): the subtitle
    and the shaded band with its label. `empty`: the figure is the "no context items" message."""
    changes: dict[tuple, object] = {("layout", "title", "text"): _title(subtitle)}
    if x_range is not None and not empty:
        x0, x1 = x_range[0], x_range[1] + pd.Timedelta(days=1)
        changes |= {
            ("layout", "shapes", 0, "x0"): x0,
            ("layout", "shapes", 0, "x1"): x1,
            ("layout", "annotations", 0, "x"): x0,
        }
    return changes


def context_figure(
    items: pd.DataFrame, subtitle: str = "", x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None
) -> FigureDict:
    """items: context rows with period_start, period_end, category, summary, publisher, kind, when, context_id.

    x_range: the selected range, shaded (context is shown for the whole period so earlier milestones stay visible);
    only the band and the subtitle depend on it (context_range_changes), so moving the range patches the figure.
    """
    title = _title(subtitle)
    if items.empty:
        return empty_figure(title, "No context items in the selected range")
    fig = new_figure()
    order = [c for c in CATEGORY_LABELS if c in set(items["category"])]
    for kind in schema.SOURCE_KINDS:
        rows = items.loc[items["kind"] == kind]
        if rows.empty:
            continue
        centre = rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2
        fig.add_scatter(
            x=centre,
            y=rows["category"].map(CATEGORY_LABELS),
            mode="markers",
            name=schema.SOURCE_KIND_LABELS[kind],
            marker=dict(
                color=SOURCE_COLORS[kind], size=11, symbol="line-ns-open", line=dict(width=3, color=SOURCE_COLORS[kind])
            ),
            hovertext=[
                wrap(f"<b>{w}</b>: {s}<br>Source: {p} [{schema.SOURCE_KIND_LABELS[kind]}]", 90)
                for w, s, p in zip(rows["when"], rows["summary"], rows["publisher"], strict=True)
            ],
            hoverinfo="text",
            customdata=rows["context_id"],
        )
    fig.update_layout(
        base_layout(
            title,
            height=300,
            margin=dict(l=110, r=16, t=56, b=40),
            legend=dict(orientation="h", y=-0.25, x=0, font=dict(size=11)),
        )
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[CATEGORY_LABELS[c] for c in reversed(order)], gridcolor="#eee"
    )
    fig.update_xaxes(type="date", gridcolor="#eee")
    if x_range is not None:
        fig.add_vrect(
            x0=x_range[0],
            x1=x_range[1] + pd.Timedelta(days=1),
            fillcolor="#1f3b57",
            opacity=0.08,
            line_width=0,
            annotation_text="selected range",
            annotation_position="top left",
            annotation_font_size=10,
        )
    return fig
