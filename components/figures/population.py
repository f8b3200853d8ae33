"""Population ledger: residents computed from listed transfers beside the populations sources state."""

from __future__ import annotations

import pandas as pd

from components.figures.spec import FigureDict
from components.figures.style import (
    DESTINATION_COLORS,
    OTHER_DESTINATION,
    SOURCE_COLORS,
    base_layout,
    empty_figure,
    new_figure,
    wrap,
)
from data import schema

TITLE = "Residents: computed from listed transfers vs. stated by sources"
PLACE_COLORS = DESTINATION_COLORS | {"ashraf": "#1f3b57"}


def _title(subtitle: str) -> str:
    return TITLE + (f"<br><sup>{subtitle}</sup>" if subtitle else "")


def _x_range(x_range: tuple[pd.Timestamp, pd.Timestamp]) -> list[pd.Timestamp]:
    pad = max((x_range[1] - x_range[0]) * 0.02, pd.Timedelta(days=3))
    return [x_range[0] - pad, x_range[1] + pd.Timedelta(days=1) + pad]


def population_range_changes(
    empty: bool, subtitle: str, x_range: tuple[pd.Timestamp, pd.Timestamp] | None
) -> dict[tuple, object]:
    """The parts of population_figure that depend on the selected range, as {path: value} (for a Patch): the
    title's subtitle and the x-axis range. `empty`: the figure is the "no population figures" message."""
    changes: dict[tuple, object] = {("layout", "title", "text"): _title(subtitle)}
    if x_range is not None and not empty:
        changes["layout", "xaxis", "range"] = _x_range(x_range)
    return changes


def population_figure(
    stocks: pd.DataFrame,
    stated: pd.DataFrame,
    place_names: dict[str, str],
    subtitle: str = "",
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> FigureDict:
    """Computed stocks as step lines per place (a shaded band where lowest and highest figures differ) and each
    stated population as a dot coloured by kind of source.

    stocks: columns date, place_id, low, high (data.ledger.stocks). stated: rows of populations.csv with
    period_start, period_end, place_id, people, publisher, kind, when. Only the x-axis range and the subtitle
    depend on the selected range (population_range_changes), so moving the range patches the figure.
    """
    title = _title(subtitle)
    if stocks.empty and stated.empty:
        return empty_figure(title, "No population figures for the selected range and place")
    fig = new_figure()
    for place_id, rows in stocks.groupby("place_id", sort=False):
        if place_id == "ashraf":
            continue  # Ashraf's starting population is not a flow: only its stated figures are drawn
        name = place_names.get(place_id, place_id)
        color = PLACE_COLORS.get(place_id, OTHER_DESTINATION)
        hover = [
            f"<b>{name}</b>, computed from listed transfers<br>{d:%d %b %Y}: "
            + (f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}")
            for d, lo, hi in zip(rows["date"], rows["low"], rows["high"], strict=True)
        ]
        fig.add_scatter(
            x=rows["date"],
            y=rows["low"],
            mode="lines",
            line=dict(color=color, width=1, shape="hv"),
            legendgroup=place_id,
            showlegend=False,
            hoverinfo="skip",
        )
        fig.add_scatter(
            x=rows["date"],
            y=rows["high"],
            mode="lines+markers",
            line=dict(color=color, width=2.5, shape="hv"),
            marker=dict(size=5),
            fill="tonexty",
            fillcolor="rgba(120,120,120,0.15)",
            name=f"{name}: computed",
            legendgroup=place_id,
            hovertext=hover,
            hoverinfo="text",
        )
    for kind in schema.SOURCE_KINDS:
        rows = stated.loc[stated["kind"] == kind]
        if rows.empty:
            continue
        centre = rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2
        hover = [
            wrap(f"<b>{place_names.get(p, p)}</b>: {n:,} stated by {pub} [{schema.SOURCE_KIND_LABELS[kind]}] ({w})", 90)
            for p, n, pub, w in zip(rows["place_id"], rows["people"], rows["publisher"], rows["when"], strict=True)
        ]
        fig.add_scatter(
            x=centre,
            y=rows["people"],
            mode="markers",
            name=f"Stated by {schema.SOURCE_KIND_LABELS[kind]} source",
            marker=dict(color=SOURCE_COLORS[kind], size=10, symbol="diamond", line=dict(color="white", width=1)),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(rows["period_end"] - centre).dt.total_seconds() * 1000,
                arrayminus=(centre - rows["period_start"]).dt.total_seconds() * 1000,
                color=SOURCE_COLORS[kind],
                thickness=1.2,
                width=0,
            ),
            hovertext=hover,
            hoverinfo="text",
            customdata=rows["population_id"],
        )
    fig.update_layout(base_layout(title, height=460, legend=dict(orientation="h", y=-0.15, x=0, font=dict(size=11))))
    fig.update_xaxes(type="date", gridcolor="#eee")
    fig.update_yaxes(rangemode="tozero", gridcolor="#eee", tickformat=",d", title_text="residents")
    if x_range is not None:
        fig.update_xaxes(range=_x_range(x_range))
    return fig
