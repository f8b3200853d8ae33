"""Relocations over time: distinct transfers (people per group) and stated totals over a period."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from data import calendars, languages, schema
from data.grades import grade_text
from data.summary import ItemSummary
from data.translation import N_, t
from figures.casualties import DISPUTED_HOVER, PARTLY_HOVER
from figures.plain import FigureJSON, axes, figure, subplot_grid
from figures.style import (
    DESTINATION_COLORS,
    OTHER_DESTINATION,
    RANGE_COLOR,
    base_layout,
    chart_title,
    date_axis,
    empty_figure,
    in_axis_calendar,
    lines_of,
    right_to_left,
    wrap,
)

TITLE = N_("Relocations: people per transfer, and stated totals")
EMPTY = N_("No relocations in the selected range and place")
TRANSFERS_TITLE = N_("Distinct transfers (people per group)")
NO_TOTALS = N_("No stated totals in the selected range")
TO_PLACE = N_("to {place}")
TO_UNNAMED = N_("to unspecified third countries")
AS_OF = N_("as of {date}")
PARTLY_OUTSIDE = N_("partly outside the range")
_MIN_WIDTH = pd.Timedelta(days=24)
PLOT_PX = 820  # plot width the labels fit by default (a phone keeps the chart this wide: assets/narrow.js)
MARGIN_PX = 72  # left + right margins (base_layout): an image `w` px wide has a plot of w - MARGIN_PX
_CHAR_PX = 5.6  # average glyph width of a label at font size 10
_TITLE_CHAR_PX = 8.2  # average glyph width of a subplot title (font size 16)
_TAGS = re.compile(r"<[^>]+>")
TOTALS_TITLE = N_("Stated totals: one row per source, as of its date (overlapping: do not add)")
_TRANSFERS_PX = 260  # height of the transfers panel
_ROW_PX = 25  # height of one stated-total row with a one-line label (_row_px)
_LINE_PX = 13  # one line of a stated total's label
_GAP_PX = 84  # between the panels (the upper panel's years, the lower panel's title)
_TOP_PX, _BOTTOM_PX = 56, 70


@dataclass(frozen=True)
class StatedTotal:
    """One source's stated total over a period (a row of movements.csv with scope 'aggregate')."""

    item_id: str
    route: str  # 'Camp Ashraf → Camp Liberty'
    destination: str  # place id ('' where the sources do not say)
    publisher: str
    kind: str
    people: int
    period_start: pd.Timestamp
    period_end: pd.Timestamp
    span: str  # the source's own dates, e.g. '18 Feb 2012 – Aug 2012'
    as_of: str  # the end of its period, e.g. 'Aug 2012'
    partial: bool
    relay: str = ""  # data.attribution.relay_text: the figure reached us only through a party's site
    claimant: str = ""  # claimant id: who makes the figure (a source's latest statement: present.panels)

    def label(self, lang: str = languages.DEFAULT) -> str:
        """What the row says on the chart: figure, route, who states it and as of when."""
        return " · ".join(self.label_parts(lang))

    def label_parts(self, lang: str = languages.DEFAULT) -> tuple[str, str, str]:
        """The label's three parts: figure and route, who states it, as of when (route and dates are written in
        the view's language where the total is made: present.items.stated_totals)."""
        kind = t(lang, schema.SOURCE_KIND_LABELS[self.kind])
        people = calendars.number(lang, self.people)
        return f"<b>{people}</b> {self.route}", f"{self.publisher} [{kind}]", t(lang, AS_OF, date=self.as_of)


def _width_ms(item: ItemSummary) -> float:
    return max(item.period_end + pd.Timedelta(days=1) - item.period_start, _MIN_WIDTH).total_seconds() * 1000


def _centre(item: ItemSummary) -> pd.Timestamp:
    return item.period_start + (item.period_end + pd.Timedelta(days=1) - item.period_start) / 2


def _drawn_range(
    transfers: list[ItemSummary], totals: list[StatedTotal], x_range: tuple[pd.Timestamp, pd.Timestamp] | None
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The part of the selected range from the first item's start to the last one's end (day-inclusive ends)."""
    if x_range is None or not (transfers or totals):
        return x_range
    starts = [i.period_start for i in transfers] + [t.period_start for t in totals]
    ends = [i.period_end for i in transfers] + [t.period_end for t in totals]
    return max(x_range[0], min(starts)), min(x_range[1], max(ends))


def relocation_figure(
    transfers: list[ItemSummary],
    totals: list[StatedTotal],
    place_names: dict[str, str],
    subtitle: str = "",
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    plot_px: int = PLOT_PX,
    lang: str = languages.DEFAULT,
) -> FigureJSON:
    """Top panel: one bar per transfer spanning its dated period (a month-precise transfer spans the month),
    coloured by destination; dark = lowest figure, hatched = range to the highest. Bottom panel: one row per
    source's stated total (sorted by the date it is stated as of), a bar over the period it covers with its
    figure, route, source and date written above it — totals overlap and must not be added up.
    x_range: the selected range; items reaching beyond it are cut at its edges, and the time axis spans the part
    of it that holds items (not years with nothing to draw, which a phone would open on). plot_px: the plot width the
    written labels must fit (an image w px wide: w - MARGIN_PX); a label too long for it wraps at its parts
    and every row grows by the lines it takes, so no label is cut at the chart's edges.
    """
    title = chart_title(TITLE, subtitle, lang)
    if not transfers and not totals:
        return right_to_left(empty_figure(title, t(lang, EMPTY)), lang)
    x_range = _drawn_range(transfers, totals, x_range)
    labels = [_label_lines(total, plot_px, lang) for total in totals]
    rows_px = (sum(_row_px(label) for label in labels) if totals else _ROW_PX) + 16
    height = _TOP_PX + _TRANSFERS_PX + _GAP_PX + rows_px + _BOTTOM_PX
    plot_height = _TRANSFERS_PX + _GAP_PX + rows_px
    layout, cells = subplot_grid(
        2,
        1,
        shared_xaxes=True,
        vertical_spacing=round(_GAP_PX / plot_height, 4),
        row_heights=[_TRANSFERS_PX, rows_px],
        subplot_titles=[t(lang, TRANSFERS_TITLE), _totals_title(plot_px, lang)],
    )
    by_destination: dict[str, list[ItemSummary]] = {}
    for item in transfers:
        by_destination.setdefault(item.place_id, []).append(item)
    traces: list[dict] = []
    for dest, items in by_destination.items():
        name = _to(dest, place_names, lang)
        color = DESTINATION_COLORS.get(dest, OTHER_DESTINATION)
        spreads = [i.spreads["people"] for i in items]
        hover = [
            f"<b>{t(lang, i.label)}</b> ({i.when_in(lang)})<br>{t(lang, 'People')}: <b>{s.text(lang)}</b>"
            + (f"<br><i>{t(lang, DISPUTED_HOVER)}</i>" if s.disputed else "")
            + f"<br>{wrap(s.attribution(lang), 90)}"
            + (f"<br>{wrap(grade_text(i.grade, lang), 90)}" if i.grade else "")
            + (f"<br><i>{t(lang, PARTLY_HOVER)}</i>" if i.partial else "")
            for i, s in zip(items, spreads, strict=True)
        ]
        common = dict(
            type="bar",
            x=[_centre(i) for i in items],
            width=[_width_ms(i) for i in items],
            **cells[0][0],
            customdata=[i.item_id for i in items],
            hovertext=hover,
            hoverinfo="text",
        )
        traces.append(dict(
            y=[s.low or 0 for s in spreads], name=name, legendgroup=dest,
            marker=dict(color=color, opacity=[0.45 if i.partial else 0.9 for i in items]), **common,
        ))  # fmt: skip
        if any(s.disputed for s in spreads):
            traces.append(dict(
                y=[(s.high or 0) - (s.low or 0) for s in spreads], base=[s.low or 0 for s in spreads],
                marker=dict(color=RANGE_COLOR, pattern=dict(shape="/", fgcolor=color, size=6)),
                name=f"{name}: disputed range", legendgroup=dest, showlegend=False, **common,
            ))  # fmt: skip
    _add_totals(traces, layout, totals, labels, cells[1][0], x_range, plot_px, lang)
    # A destination known only from stated totals gets its legend entry too (its bars have the colour).
    for dest in dict.fromkeys(total.destination for total in totals if total.destination not in by_destination):
        name = _to(dest, place_names, lang)
        traces.append(dict(
            type="bar", x=[None], y=[None], **cells[0][0], name=name, legendgroup=dest, hoverinfo="skip",
            marker=dict(color=DESTINATION_COLORS.get(dest, OTHER_DESTINATION)),
        ))  # fmt: skip
    layout |= base_layout(
        title,
        barmode="overlay",
        height=height,
        clickmode="event",
        legend=dict(orientation="h", yref="container", y=0.005, yanchor="bottom", x=0, font=dict(size=11)),
    )
    for axis in axes(layout, "x"):  # years under both panels: the lower one may be long
        axis.update(type="date", gridcolor="#eee", showticklabels=True, **date_axis(lang))
        if x_range is not None:
            pad = max((x_range[1] - x_range[0]) * 0.02, pd.Timedelta(days=3))
            axis["range"] = [x_range[0] - pad, x_range[1] + pd.Timedelta(days=1) + pad]
    layout["yaxis"].update(rangemode="tozero", gridcolor="#eee", tickformat=",d")
    layout["yaxis2"].update(  # pixels from the top of the panel: one row per stated total, first at the top
        showticklabels=False, showgrid=False, zeroline=False, fixedrange=True,
        range=[rows_px - 8, -8] if totals else [0, 1],
    )  # fmt: skip
    return right_to_left(figure(traces, in_axis_calendar(layout)), lang)


def _row_px(label: list[str]) -> int:
    """Height of a stated total's row: its label's lines above a 7-px bar."""
    return _LINE_PX * len(label) + 12


def _to(dest: str, place_names: dict[str, str], lang: str) -> str:
    """A destination's legend entry: 'to Albania'."""
    return t(lang, TO_PLACE, place=place_names.get(dest, dest)) if dest else t(lang, TO_UNNAMED)


def _totals_title(plot_px: int, lang: str) -> str:
    """The lower panel's title, on two lines where one would not fit above the plot."""
    title = t(lang, TOTALS_TITLE)
    if len(title) * _TITLE_CHAR_PX <= plot_px or " (" not in title:
        return title
    head, tail = title.split(" (", 1)
    return f"{head}<br>({tail}"


def _visible_px(text: str) -> float:
    return len(_TAGS.sub("", text)) * _CHAR_PX


def _label_lines(total: StatedTotal, plot_px: int, lang: str = languages.DEFAULT) -> list[str]:
    """A total's label as the lines it is written in: one line where it fits plot_px, else its parts (figure and
    route, who, as of when) joined with ' · ' as long as a line fits, a part longer than a line wrapped by words."""
    outside = t(lang, PARTLY_OUTSIDE)
    parts = [*total.label_parts(lang)] + ([outside] if total.partial else [])
    one = " · ".join(parts[:3]) + (f" ({outside})" if total.partial else "")
    if _visible_px(one) <= plot_px:
        return [one]
    chars = max(int(plot_px / _CHAR_PX), 12)
    pieces = [piece for part in parts for piece in ([part] if _visible_px(part) <= plot_px else lines_of(part, chars))]
    lines: list[str] = []
    for piece in pieces:
        if lines and _visible_px(lines[-1] + " · " + piece) <= plot_px:
            lines[-1] += " · " + piece
        else:
            lines.append(piece)
    return lines


def _add_totals(
    traces: list[dict],
    layout: dict,
    totals: list[StatedTotal],
    labels: list[list[str]],
    cell: dict,
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None,
    plot_px: int,
    lang: str = languages.DEFAULT,
) -> None:
    """One row per stated total: a bar over its period (faded where it reaches outside the range) and its label
    (`labels`: its lines) written above the bar, starting where the bar enters the visible range."""
    notes = layout.setdefault("annotations", [])
    if not totals:
        notes.append(dict(
            text=t(lang, NO_TOTALS), xref="x2 domain", yref="y2 domain", x=0.5, y=0.5,
            showarrow=False, font=dict(size=12, color="#666"),
        ))  # fmt: skip
        return
    lo = min(total.period_start for total in totals) if x_range is None else x_range[0]
    hi = (
        max(total.period_end for total in totals) + pd.Timedelta(days=1)
        if x_range is None
        else x_range[1] + pd.Timedelta(days=1)
    )
    keys, top = [], 0  # a row's key: where its label ends and its bar begins (px from the panel's top)
    for label in labels:
        keys.append(top + _LINE_PX * len(label) + 2)
        top += _row_px(label)
    hover = [
        wrap(t(lang, "<b>{people}</b> {route} ({span}), stated by {publisher} [{kind}]",
               people=calendars.number(lang, total.people), route=total.route, span=total.span,
               publisher=total.publisher, kind=t(lang, schema.SOURCE_KIND_LABELS[total.kind]))
             + (f" · {total.relay}" if total.relay else "")
             + (f" · {t(lang, PARTLY_HOVER)}" if total.partial else ""), 90)
        for total in totals
    ]  # fmt: skip
    traces.append(dict(
        type="bar", **cell, orientation="h", y=keys, base=[total.period_start for total in totals],
        x=[(total.period_end + pd.Timedelta(days=1) - total.period_start).total_seconds() * 1000 for total in totals],
        width=7, offset=2,
        marker=dict(
            color=[DESTINATION_COLORS.get(total.destination, OTHER_DESTINATION) for total in totals],
            opacity=[0.45 if total.partial else 0.9 for total in totals],
        ),
        name="Stated totals", showlegend=False, customdata=[total.item_id for total in totals], hovertext=hover,
        hoverinfo="text",
    ))  # fmt: skip
    for key, total, lines in zip(keys, totals, labels, strict=True):
        x, anchor = _label_place(total, max(_visible_px(line) for line in lines) / plot_px, lo, hi)
        notes.append(dict(
            x=x, y=key, xref="x2", yref="y2", xanchor=anchor, yanchor="bottom", yshift=-1, text="<br>".join(lines),
            align=anchor, showarrow=False, font=dict(size=10, color="#222"),
        ))  # fmt: skip


def _label_place(total: StatedTotal, width: float, lo: pd.Timestamp, hi: pd.Timestamp) -> tuple[pd.Timestamp, str]:
    """Where a total's label goes (x, xanchor) so that it stays whole inside the plot (width: the label's share
    of the plot's width): from the bar's visible start, else ending at its visible end, else as far right as it
    fits."""
    span = hi - lo
    start, stop = max(total.period_start, lo), min(total.period_end + pd.Timedelta(days=1), hi)
    if (start - lo) / span + width <= 1:
        return start, "left"
    if (stop - lo) / span - width >= 0:
        return stop, "right"
    return lo + span * max(0.0, 1 - width), "left"
