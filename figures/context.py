"""Political and legal context as a strip: one row per category, one mark per (item, source)."""

from __future__ import annotations

import pandas as pd

from data import languages, schema
from data.translation import N_, t
from figures.plain import FigureJSON, figure, vrect
from figures.style import (
    SOURCE_COLORS,
    axis_position,
    base_layout,
    chart_title,
    date_axis,
    empty_figure,
    in_axis_calendar,
    right_to_left,
    wrap,
)

TITLE = N_("Political and legal context")
EMPTY = N_("No context items from these sources (the strip shows every period)")
SELECTED_RANGE = N_("selected range")
CATEGORY_LABELS = {
    "designation": N_("Designations"),
    "delisting": N_("Delistings"),
    "protection": N_("Protection"),
    "agreement": N_("Agreements"),
    "un_process": N_("UN processes"),
    "legal": N_("Courts"),
    "relocation": N_("Relocation"),
}


def context_range_changes(
    empty: bool,
    subtitle: str,
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None,
    lang: str = languages.DEFAULT,
) -> dict[tuple, object]:
    """The parts of context_figure that depend on the selected range, as {path: value} (for a Patch): the subtitle
    and the shaded band with its label. `empty`: the figure is the "no context items" message."""
    changes: dict[tuple, object] = {("layout", "title", "text"): chart_title(TITLE, subtitle, lang)}
    if x_range is not None and not empty:
        x0, x1 = x_range[0], x_range[1] + pd.Timedelta(days=1)
        changes |= {
            ("layout", "shapes", 0, "x0"): axis_position(x0, lang),
            ("layout", "shapes", 0, "x1"): axis_position(x1, lang),
            ("layout", "annotations", 0, "x"): axis_position(x0, lang),
        }
    return changes


PLOT_PX = 900  # plot width the labels are laid out for by default (a desktop card; a phone scrolls: narrow.js)
MARGIN_PX = 126  # left + right margins: an image `w` px wide has a plot of w - MARGIN_PX
_CHAR_PX = 5.1  # average glyph width at LABEL_SIZE
LABEL_SIZE = 9
_LANE_PX = 14  # one lane of marks and labels within a row
_ROW_PAD_PX = 8


def _lanes(
    centres: list[tuple[pd.Timestamp, pd.Timestamp]],
    labels: list[str],
    x0: pd.Timestamp,
    x1: pd.Timestamp,
    plot_px: int = PLOT_PX,
) -> list[tuple[int, str]]:
    """(lane, text position) per item of one row so that no two labels overlap in a plot plot_px wide: a label
    goes to the right of its mark, or to the left near the right edge, in the lowest lane where it fits."""
    span = (x1 - x0).total_seconds()
    ends: list[float] = []  # right end (px) of the last label in each lane
    out = []
    for (first, last), text in zip(centres, labels, strict=True):
        x_first, x_last = ((t - x0).total_seconds() / span * plot_px for t in (first, last))
        width = len(text) * _CHAR_PX + 12
        if x_last + width > plot_px:  # near the right edge: the label ends at the item's first mark
            left, position = x_first - width, "middle left"
        else:  # the label starts after the item's last mark (several sources may date it differently)
            left, position = x_first - 6, "middle right"
            width += x_last - x_first
        lane = next((k for k, end in enumerate(ends) if end < left), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = left + width + 6
        out.append((lane, position))
    return out


def mark_dates(items: pd.DataFrame) -> pd.Series:
    """Where each (item, source) mark goes: the middle of the source's date (a year- or month-precise date spans
    its period), except that a less precise date containing a more precise one of the same item agrees with it and
    is drawn there ('1997' and '8 Oct 1997' are one date). Dates that do not nest (25 Jun and 2 Jul 2004) are
    sources disagreeing: each is drawn where it says."""
    centre = items["period_start"] + (items["period_end"] - items["period_start"]) / 2
    out = centre.copy()
    for _, rows in items.groupby("context_id", sort=False):
        if len(rows) < 2:
            continue
        length = rows["period_end"] - rows["period_start"]
        for i, row in rows.iterrows():
            inside = rows.loc[
                (rows["period_start"] >= row["period_start"]) & (rows["period_end"] <= row["period_end"])
                & (length < length[i])
            ]  # fmt: skip
            finest = inside.loc[length[inside.index] == length[inside.index].min()] if len(inside) else inside
            if len(finest) and centre[finest.index].nunique() == 1:
                out[i] = centre[finest.index[0]]
    return out


def context_figure(
    items: pd.DataFrame,
    subtitle: str = "",
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    plot_px: int = PLOT_PX,
    lang: str = languages.DEFAULT,
) -> FigureJSON:
    """items: context rows with period_start, period_end, category, summary, publisher, kind, when, context_id and
    label (the item's short label, written beside its first mark).

    One row per category, labelled on the y axis (every row, however narrow the chart); within a row each item
    gets a lane where its label does not overlap another's. x_range: the selected range, shaded (context is shown
    for the whole period so earlier milestones stay visible); only the band and the subtitle depend on it
    (context_range_changes), so moving the range patches the figure. plot_px: the plot width the labels are laid
    out for (an image w px wide: w - MARGIN_PX); a narrower plot takes more lanes, so the figure grows taller.
    """
    title = chart_title(TITLE, subtitle, lang)
    if items.empty:
        return right_to_left(empty_figure(title, t(lang, EMPTY)), lang)
    shapes: list[dict] = []
    notes: list[dict] = []
    if x_range is not None:  # first shape and first annotation: context_range_changes patches them
        band, note = vrect(
            x_range[0],
            x_range[1] + pd.Timedelta(days=1),
            fillcolor="#1f3b57",
            opacity=0.08,
            line=dict(width=0),
            layer="below",  # under the marks, and under the row labels a phone keeps in view (assets/narrow.js)
            # above the plot: never over a label
            label=dict(text=t(lang, SELECTED_RANGE), position="top left", yanchor="bottom", font=dict(size=10)),
        )
        shapes.append(band)
        notes.append(note)
    items = items.assign(centre=mark_dates(items))
    if "label" not in items:
        items = items.assign(label=items["context_id"])
    lo, hi = items["period_start"].min(), items["period_end"].max()
    pad = (hi - lo) * 0.02
    x0, x1 = lo - pad, hi + pad
    order = [c for c in CATEGORY_LABELS if c in set(items["category"])]
    y_of: dict[str, float] = {}  # context_id -> y (pixels from the top)
    position_of: dict[str, str] = {}
    ticks, top = [], 0.0
    for category in order:
        rows = items.loc[items["category"] == category]
        spans = rows.groupby("context_id", sort=False)["centre"].agg(["min", "max"]).sort_values("min")
        labels = rows.drop_duplicates("context_id").set_index("context_id")["label"]
        lanes = _lanes(list(zip(spans["min"], spans["max"], strict=True)), list(labels[spans.index]), x0, x1, plot_px)
        for cid, (lane, position) in zip(spans.index, lanes, strict=True):
            y_of[cid] = top + _ROW_PAD_PX + (lane + 0.5) * _LANE_PX
            position_of[cid] = position
        height = 2 * _ROW_PAD_PX + (max(lane for lane, _ in lanes) + 1) * _LANE_PX
        ticks.append(top + height / 2)
        top += height
        shapes.append(
            dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=top, y1=top, line=dict(color="#ddd", width=1))
        )
    traces = _marks(items, y_of, position_of, lang)
    layout = base_layout(
        title,
        height=int(top) + 56 + 70,
        margin=dict(l=110, r=16, t=56, b=70),
        legend=dict(orientation="h", yref="container", y=0.005, yanchor="bottom", x=0, font=dict(size=11)),
        yaxis=dict(
            range=[top, 0],
            tickmode="array",
            tickvals=ticks,
            ticktext=[t(lang, CATEGORY_LABELS[c]) for c in order],
            showgrid=False,
            zeroline=False,
            fixedrange=True,
        ),
        xaxis=dict(type="date", gridcolor="#eee", range=[x0, x1], **date_axis(lang)),
    )
    layout["shapes"] = shapes
    if notes:
        layout["annotations"] = notes
    return right_to_left(figure(traces, in_axis_calendar(layout)), lang)


def _marks(items: pd.DataFrame, y_of: dict[str, float], position_of: dict[str, str], lang: str) -> list[dict]:
    """One trace of marks per kind of claimant; each item's label is written once, beside its last mark
    (right-hand labels) or its first (left-hand labels)."""
    ordered = items.sort_values("centre")
    labelled = {  # each item's label beside its last mark (right-hand labels) or its first (left-hand labels)
        *ordered.drop_duplicates("context_id", keep="last")
        .loc[lambda f: f["context_id"].map(position_of) == "middle right"]
        .index,
        *ordered.drop_duplicates("context_id").loc[lambda f: f["context_id"].map(position_of) == "middle left"].index,
    }
    dated = items.groupby("context_id")["centre"].nunique()  # an item its sources date differently: say so
    whens = items.groupby("context_id")["when"].agg(lambda w: ", ".join(dict.fromkeys(w)))
    differ = {
        cid: "<br><i>" + t(lang, "Its sources date it differently: {dates}", dates=whens[cid]) + "</i>"
        for cid in dated.index[dated > 1]
    }
    traces: list[dict] = []
    for kind in schema.SOURCE_KINDS:
        rows = items.loc[items["kind"] == kind]
        if rows.empty:
            continue
        traces.append(
            dict(
                type="scatter",
                x=rows["centre"],
                y=rows["context_id"].map(y_of),
                mode="markers+text",
                name=t(lang, schema.SOURCE_KIND_LABELS[kind]),
                text=[label if i in labelled else "" for i, label in zip(rows.index, rows["label"], strict=True)],
                textposition=rows["context_id"].map(position_of),
                textfont=dict(size=LABEL_SIZE, color="#333"),
                marker=dict(
                    color=SOURCE_COLORS[kind],
                    size=11,
                    symbol="line-ns-open",
                    line=dict(width=3, color=SOURCE_COLORS[kind]),
                ),
                hovertext=[
                    wrap(
                        f"<b>{label}</b> ({w}): {t(lang, s)}<br>"
                        + t(lang, "Source: {source} [{kind}]", source=p, kind=t(lang, schema.SOURCE_KIND_LABELS[kind])),
                        90,
                    )
                    + differ.get(cid, "")
                    for label, w, s, p, cid in zip(
                        rows["label"], rows["when"], rows["summary"], rows["publisher"], rows["context_id"], strict=True
                    )
                ],
                hoverinfo="text",
                customdata=rows["context_id"],
                cliponaxis=False,
            )
        )
    return traces
