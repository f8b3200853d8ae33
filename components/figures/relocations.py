"""Relocations over time: distinct transfers (people per group) and stated totals over a period."""

from __future__ import annotations

import pandas as pd

from components.figures.spec import FigureDict
from components.figures.style import (
    DESTINATION_COLORS,
    OTHER_DESTINATION,
    RANGE_COLOR,
    SOURCE_COLORS,
    base_layout,
    empty_figure,
    new_figure,
    wrap,
)
from data import schema
from data.summary import ItemSummary

TITLE = "Relocations: people per transfer, and stated totals"
_MIN_WIDTH = pd.Timedelta(days=24)


def _width_ms(item: ItemSummary) -> float:
    return max(item.period_end + pd.Timedelta(days=1) - item.period_start, _MIN_WIDTH).total_seconds() * 1000


def _centre(item: ItemSummary) -> pd.Timestamp:
    return item.period_start + (item.period_end + pd.Timedelta(days=1) - item.period_start) / 2


def relocation_figure(
    transfers: list[ItemSummary],
    totals: list[ItemSummary],
    place_names: dict[str, str],
    subtitle: str = "",
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> FigureDict:
    """Top panel: one bar per transfer spanning its dated period (a month-precise transfer spans the month),
    coloured by destination; dark = lowest figure, hatched = range to the highest. Bottom panel: each source's
    stated total drawn as a line over the period it covers — totals overlap and must not be added up.
    x_range: the selected range; items reaching beyond it are cut at its edges.
    """
    title = TITLE + (f"<br><sup>{subtitle}</sup>" if subtitle else "")
    if not transfers and not totals:
        return empty_figure(title, "No relocations in the selected range and place")
    fig = new_figure().set_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.55, 0.45],
        subplot_titles=[
            "Distinct transfers (people per group)",
            "Stated totals over a period (overlapping: do not add)",
        ],
    )
    by_destination: dict[str, list[ItemSummary]] = {}
    for item in transfers:
        by_destination.setdefault(item.place_id, []).append(item)
    for dest, items in by_destination.items():
        name = "to " + (place_names.get(dest, dest) if dest else "unspecified third countries")
        color = DESTINATION_COLORS.get(dest, OTHER_DESTINATION)
        spreads = [i.spreads["people"] for i in items]
        hover = [
            f"<b>{i.label}</b> ({i.when})<br>People: <b>{s.text()}</b>"
            + ("<br><i>disputed: sources disagree</i>" if s.disputed else "")
            + f"<br>{wrap(s.attribution(), 90)}"
            + ("<br><i>only partly inside the selected range</i>" if i.partial else "")
            for i, s in zip(items, spreads, strict=True)
        ]
        common = dict(
            x=[_centre(i) for i in items],
            width=[_width_ms(i) for i in items],
            row=1,
            col=1,
            customdata=[i.item_id for i in items],
            hovertext=hover,
            hoverinfo="text",
        )
        fig.add_bar(
            y=[s.low or 0 for s in spreads],
            marker_color=color,
            name=name,
            legendgroup=dest,
            marker_opacity=[0.45 if i.partial else 0.9 for i in items],
            **common,
        )
        if any(s.disputed for s in spreads):
            fig.add_bar(
                y=[(s.high or 0) - (s.low or 0) for s in spreads],
                base=[s.low or 0 for s in spreads],
                marker_color=RANGE_COLOR,
                marker_pattern=dict(shape="/", fgcolor=color, size=6),
                name=f"{name}: disputed range",
                legendgroup=dest,
                showlegend=False,
                **common,
            )
    for kind in schema.SOURCE_KINDS:
        xs: list = []
        ys: list = []
        hover: list = []
        ids: list = []
        for item in totals:
            for f in item.spreads["people"].figures:
                if f.kind != kind:
                    continue
                text = (
                    f"<b>{item.label}</b> ({item.when})<br>{f.publisher} [{schema.SOURCE_KIND_LABELS[kind]}]: "
                    f"<b>{f.value:,}</b>"
                )
                xs += [item.period_start, item.period_end, None]
                ys += [f.value, f.value, None]
                hover += [text, text, None]
                ids += [item.item_id, item.item_id, None]
        if xs:
            fig.add_scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                row=2,
                col=1,
                name=f"Total stated by {schema.SOURCE_KIND_LABELS[kind]} source",
                line=dict(color=SOURCE_COLORS[kind], width=3),
                marker=dict(size=7, color=SOURCE_COLORS[kind]),
                hovertext=hover,
                hoverinfo="text",
                customdata=ids,
                connectgaps=False,
            )
    fig.update_layout(
        base_layout(
            title,
            barmode="overlay",
            height=560,
            clickmode="event",
            legend=dict(orientation="h", y=-0.1, x=0, font=dict(size=11)),
        )
    )
    fig.update_xaxes(type="date", gridcolor="#eee")
    if x_range is not None:
        pad = max((x_range[1] - x_range[0]) * 0.02, pd.Timedelta(days=3))
        fig.update_xaxes(range=[x_range[0] - pad, x_range[1] + pd.Timedelta(days=1) + pad])
    fig.update_yaxes(rangemode="tozero", gridcolor="#eee", tickformat=",d")
    return fig
