"""Casualties per attack: the figure all sources agree on at least, the disputed range, each source's figure."""

from __future__ import annotations

from data import calendars, languages, schema
from data.grades import grade_text
from data.summary import ItemSummary
from data.translation import N_, t
from figures.plain import FigureJSON, axes, figure, subplot_grid
from figures.style import (
    FLOOR_COLOR,
    RANGE_COLOR,
    SOURCE_COLORS,
    base_layout,
    chart_title,
    empty_figure,
    right_to_left,
    wrap,
)

TITLE = N_("Casualties per attack, as reported by each source")
EMPTY = N_("No attacks in the selected range and place")
FLOOR = N_("Lowest figure reported")
RANGE = N_("Range up to the highest figure (disputed)")
NO_FIGURE = N_("no<br>figure")
DISPUTED_TICK = N_("⚑ disputed")
DISPUTED_HOVER = N_("disputed: sources disagree")
PARTLY_HOVER = N_("only partly inside the selected range")
_MID = (len(schema.SOURCE_KINDS) - 1) / 2  # kinds spread evenly either side of the item
_JITTER = 0.09
_MIN_SLOTS = 7


def _tick(item: ItemSummary, place_names: dict[str, str], lang: str) -> str:
    place = place_names.get(item.place_id, item.place_id).removeprefix("Camp ").split(" (")[0]
    disputed = any(s.disputed for s in item.spreads.values())
    # the date most sources give; the others are in the hover ('… (2 sources: …)')
    when = calendars.span_label(lang, *item.dated) if item.dated[0] else item.when.split(" (")[0]
    return f"{when}<br>{place}" + (" *" if item.partial else "") + (f"<br>{t(lang, DISPUTED_TICK)}" if disputed else "")


def casualty_figure(
    items: list[ItemSummary], place_names: dict[str, str], subtitle: str = "", lang: str = languages.DEFAULT
) -> FigureJSON:
    """Three panels (killed, wounded, abducted or missing) with one column per attack.

    Dark bar: the lowest figure any source gives (all sources that give a number say at least this).
    Light hatched bar on top: the range up to the highest figure (where sources disagree).
    Dots: each source's own figure, coloured by its claimant's kind. Every mark's customdata is the event id.
    """
    title = chart_title(TITLE, subtitle, lang)
    if not items:
        return right_to_left(empty_figure(title, t(lang, EMPTY)), lang)
    columns = schema.COUNT_COLUMNS
    layout, cells = subplot_grid(
        len(columns),
        1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=[t(lang, schema.COUNT_LABELS[c]) for c in columns],
    )
    xs = list(range(len(items)))
    ids = [item.item_id for item in items]
    traces: list[dict] = []
    seen_kinds: set[str] = set()
    for row, col in enumerate(columns):
        spreads = [item.spreads[col] for item in items]
        hover = [_bar_hover(item, s, col, lang) for item, s in zip(items, spreads, strict=True)]
        cell = cells[row][0]
        traces.append(dict(
            type="bar", x=xs, y=[s.low or 0 for s in spreads], **cell, name=t(lang, FLOOR),
            marker=dict(color=FLOOR_COLOR, opacity=[0.45 if item.partial else 1 for item in items]),
            legendgroup="floor", showlegend=row == 0, customdata=ids, hovertext=hover, hoverinfo="text",
        ))  # fmt: skip
        traces.append(dict(
            type="bar", x=xs, y=[(s.high or 0) - (s.low or 0) for s in spreads], base=[s.low or 0 for s in spreads],
            **cell, name=t(lang, RANGE),
            marker=dict(color=RANGE_COLOR, pattern=dict(shape="/", fgcolor="#777", size=6)),
            legendgroup="range", showlegend=row == 0, customdata=ids, hovertext=hover, hoverinfo="text",
        ))  # fmt: skip
        missing = [x for x, s in zip(xs, spreads, strict=True) if not s.figures]
        if missing:  # an attack no source gives this figure for is not an attack with none: say so on the axis
            traces.append(dict(
                type="scatter", x=missing, y=[0] * len(missing), mode="text", text=[t(lang, NO_FIGURE)] * len(missing),
                textposition="top center", textfont=dict(size=9, color="#5b6570"), **cell, showlegend=False,
                hoverinfo="skip", name="No figure given", cliponaxis=False,
            ))  # fmt: skip
        for kind, points in _source_points(items, spreads, xs, col, lang).items():
            traces.append(dict(
                type="scatter", x=[x for x, _, _, _ in points], y=[y for _, y, _, _ in points], mode="markers", **cell,
                name=t(lang, schema.SOURCE_KIND_LABELS[kind]),
                marker=dict(color=SOURCE_COLORS[kind], size=8, line=dict(color="white", width=1)), cliponaxis=False,
                legendgroup=kind, showlegend=kind not in seen_kinds, customdata=[i for _, _, _, i in points],
                hovertext=[h for _, _, h, _ in points], hoverinfo="text",
            ))  # fmt: skip
            seen_kinds.add(kind)
    layout |= base_layout(
        title,
        barmode="overlay",
        bargap=0.45,
        height=620,
        clickmode="event",
        # At the foot of the figure (container coordinates), below the attacks' three-line date labels whatever
        # the chart's width.
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, font=dict(size=11)),
        margin=dict(l=56, r=16, t=76, b=48),  # the first panel's title clear of the chart's subtitle
    )
    for note in layout["annotations"]:  # panel titles at the panels' left edge: seen first where the chart scrolls
        note.update(x=0, xanchor="left", font=dict(size=13))
    ticks = [_tick(i, place_names, lang) for i in items]
    for axis in axes(layout, "x"):
        axis.update(tickvals=xs, ticktext=ticks, tickfont=dict(size=10), range=[-0.6, len(items) - 0.4])
    for row, col in enumerate(columns):
        layout["yaxis" + (str(row + 1) if row else "")].update(
            rangemode="tozero", gridcolor="#eee", tickformat=",d", **_whole_number_ticks(items, col)
        )
    return right_to_left(figure(traces, layout), lang)


def _whole_number_ticks(items: list[ItemSummary], col: str) -> dict:
    """A panel whose figures are all small gets a tick per whole number (",d" would print 0, 0, 1, 1 for 0.0 … 1.0)."""
    peak = max((item.spreads[col].high or 0) for item in items)
    if peak >= 5:
        return {}
    return dict(dtick=1, range=[0, 1]) if peak == 0 else dict(dtick=1)


def _source_points(
    items: list[ItemSummary], spreads: list, xs: list[int], col: str, lang: str
) -> dict[str, list[tuple[float, int, str, str]]]:
    """Each source's own figure as a dot beside its attack's column, by claimant kind (kinds without a figure are
    left out): (x, value, hover text, event id)."""
    out: dict[str, list[tuple[float, int, str, str]]] = {}
    for kind in schema.SOURCE_KINDS:
        points = []
        for x, item, s in zip(xs, items, spreads, strict=True):
            for k, f in enumerate(f for f in s.figures if f.kind == kind):
                hover = (
                    f"{f.who(lang)} [{t(lang, schema.SOURCE_KIND_LABELS[kind])}]<br>{t(lang, schema.COUNT_LABELS[col])}: "
                    f"{calendars.number(lang, f.value)}<br>{t(lang, item.label)}"
                    + "".join(f"<br><i>{note}</i>" for note in f.marks(lang))
                )
                points.append(
                    (
                        x + _JITTER * (schema.SOURCE_KINDS.index(kind) - _MID) / _MID + 0.02 * k,
                        f.value,
                        hover,
                        item.item_id,
                    )
                )
        if points:
            out[kind] = points
    return out


def _bar_hover(item: ItemSummary, s, col: str, lang: str) -> str:
    """An attack's column: its figures, who gives them, and whether sources disagree."""
    return (
        wrap(f"<b>{t(lang, item.label)}</b> ({item.when_in(lang)})", 90)
        + f"<br>{t(lang, schema.COUNT_LABELS[col])}: <b>{s.text(lang)}</b>"
        + (f"<br><i>{t(lang, DISPUTED_HOVER)}</i>" if s.disputed else "")
        + (f"<br>{wrap(s.attribution(lang), 90)}" if s.figures else f"<br>{t(lang, 'no source gives a figure')}")
        + (f"<br>{wrap(grade_text(item.grade, lang), 90)}" if item.grade else "")
        + (f"<br><i>{t(lang, PARTLY_HOVER)}</i>" if item.partial else "")
    )
