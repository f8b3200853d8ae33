"""Population ledger: residents computed from listed transfers beside the populations sources state."""

from __future__ import annotations

import pandas as pd

from data import calendars, languages, schema
from data.grades import agree
from data.summary import format_range
from data.translation import N_, t
from figures.direct_labels import direct_labels, place_labels
from figures.plain import FigureJSON, figure, vrect
from figures.style import (
    KIND_SYMBOLS,
    OTHER_DESTINATION,
    PLACE_COLORS,
    axis_date,
    axis_position,
    base_layout,
    chart_title,
    date_axis,
    empty_figure,
    in_axis_calendar,
    right_to_left,
    wrap,
)

TITLE = N_("Residents: stated by sources, and accounted for by listed transfers")
EMPTY = N_("No population figures for the selected range and place")
RESIDENTS = N_("residents")
ACCOUNTED = N_("{place}: listed transfers")  # a place's line: arrivals minus departures listed so far, not a count
NOT_COMPUTABLE = N_("cannot be computed")
PLACE_LEGEND = N_("Place (colour):")
KIND_LEGEND = N_("Stated by (symbol):")
ASHRAF_NOTE = N_(
    "{place}: cannot be computed from transfers (its population before the first listed transfer is not a listed "
    "flow); stated figures only"
)
NEGATIVE_NOTE = N_(
    "{place}: cannot be computed from {date} on: the listed departures exceed the listed arrivals (transfers into "
    "it are missing under this lens)"
)
STOP_NOTE = N_(
    "{place}: line stops {date}: listed transfers account for {count}, {publisher} states {people} ({when}); "
    "transfers are missing from the list"
)
_LEGEND_GREY = "#666"


def place_color(place_id: str) -> str:
    """The colour that stands for a place in this chart (its computed line and its stated points)."""
    return PLACE_COLORS.get(place_id, OTHER_DESTINATION)


def _x_range(x_range: tuple[pd.Timestamp, pd.Timestamp]) -> list[pd.Timestamp]:
    pad = max((x_range[1] - x_range[0]) * 0.02, pd.Timedelta(days=3))
    return [x_range[0] - pad, x_range[1] + pd.Timedelta(days=1) + pad]


def population_range_changes(
    empty: bool,
    subtitle: str,
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None,
    whole: dict | None = None,
    lang: str = languages.DEFAULT,
) -> dict[tuple, object]:
    """The parts of population_figure that depend on the selected range, as {path: value} (for a Patch): the
    title's subtitle, the x-axis range and where each place's direct label is written (place_labels, from the
    whole figure's annotations and y range). `empty`: the figure is the "no population figures" message."""
    changes: dict[tuple, object] = {("layout", "title", "text"): chart_title(TITLE, subtitle, lang)}
    if x_range is not None and not empty:
        shown = _x_range(x_range)
        changes["layout", "xaxis", "range"] = [axis_position(x, lang) for x in shown]
        layout = (whole or {}).get("layout", {})
        notes = [
            (i, n) for i, n in enumerate(layout.get("annotations", [])) if str(n.get("name", "")).startswith(_LABEL)
        ]
        if notes:
            labels = [(axis_date(n["x"]), n["y"], n["text"]) for _, n in notes]
            for (i, _), (anchor, shift) in zip(
                notes, place_labels(labels, shown, layout["yaxis"]["range"][1]), strict=True
            ):
                changes["layout", "annotations", i, "xanchor"] = anchor
                changes["layout", "annotations", i, "ay"] = -(4 + shift)
    return changes


_LABEL = "direct label:"  # the name of a place's direct label annotation


def _legend_entry(name: str, group: str, group_title: str, **style) -> dict:
    """A legend-only trace (no data): one entry per place (colour) and per kind of source (symbol)."""
    return dict(
        type="scatter",
        x=[None],
        y=[None],
        name=name,
        legendgroup=group,
        legendgrouptitle=dict(text=group_title),
        hoverinfo="skip",
        **style,
    )


def _not_computable_notes(
    stocks: pd.DataFrame, place_names: dict[str, str], lang: str
) -> list[tuple[str, pd.Timestamp | None]]:
    """(note, from date) for each place whose computed stock would be negative: Ashraf everywhere (its starting
    population is not a flow), other places from the date the listed departures exceed the listed arrivals."""
    notes = []
    for place_id, rows in stocks.groupby("place_id", sort=False):
        name = place_names.get(place_id, place_id)
        if place_id == "ashraf":
            notes.append((t(lang, ASHRAF_NOTE, place=name), None))
            continue
        bad = rows.loc[~rows["computable"]]
        if not bad.empty:
            first = bad["date"].iat[0]
            notes.append((t(lang, NEGATIVE_NOTE, place=name, date=calendars.day_label(lang, first.date())), first))
    return notes


def _agrees(low: int, high: int, figure: int) -> bool:
    """A stated figure agrees with a stock of low–high when it lies within it or agrees with either end (the
    grades' tolerance: data.grades.agree)."""
    return low <= figure <= high or agree([low, figure]) or agree([high, figure])


def stops(drawn: pd.DataFrame, stated: pd.DataFrame) -> dict[str, tuple[pd.Timestamp, pd.Series, pd.Series]]:
    """Where each place's line stops: the first stated date (after the place's first listed transfer) from which
    no stated population of the place agrees with what the listed transfers account for, at that date and every
    later one — transfers are missing from the list from then on, and the line would read as a population it is
    not. (A disagreement that a later stated figure undoes does not stop it: both stay visible.)
    {place_id: (date, the stock there, the first stated row it disagrees with)}."""
    out = {}
    for place_id, rows in drawn.groupby("place_id", sort=False):
        own = stated.loc[(stated["place_id"] == place_id) & (stated["period_end"] >= rows["date"].iat[0])]
        since = None  # (date, stock, stated row) of the first disagreement not undone since
        for day, said in own.sort_values("period_end").groupby("period_end", sort=True):
            stock = rows.loc[rows["date"] <= day].iloc[-1]
            if any(_agrees(int(stock["low"]), int(stock["high"]), int(n)) for n in said["people"]):
                since = None
            elif since is None:
                since = (day, stock, said.iloc[0])
        if since is not None:
            out[place_id] = since
    return out


def _cut(drawn: pd.DataFrame, where: dict[str, tuple[pd.Timestamp, pd.Series, pd.Series]]) -> pd.DataFrame:
    """Each place's stock up to its stop (the last step carried to the stop's date), the rest dropped."""
    parts = []
    for place_id, rows in drawn.groupby("place_id", sort=False):
        if place_id in where:
            day, stock, _ = where[place_id]
            rows = pd.concat([rows.loc[rows["date"] < day], stock.to_frame().T.assign(date=day)])
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else drawn


def _stop_notes(where: dict, place_names: dict[str, str], lang: str) -> list[tuple[str, None]]:
    notes = []
    for place_id, (day, stock, said) in where.items():
        low, high = int(stock["low"]), int(stock["high"])
        count = _count(low, high, lang)
        text = t(
            lang, STOP_NOTE, place=place_names.get(place_id, place_id), date=calendars.day_label(lang, day.date()),
            count=count, publisher=said["publisher"], people=calendars.number(lang, int(said["people"])),
            when=said["when"],
        )  # fmt: skip
        notes.append((text, None))
    return notes


def _count(low: int, high: int, lang: str) -> str:
    """'1,234' or '1,200–1,234' in the language's digits (either end may be the larger)."""
    return format_range(min(low, high), max(low, high), lang)


def population_figure(
    stocks: pd.DataFrame,
    stated: pd.DataFrame,
    place_names: dict[str, str],
    subtitle: str = "",
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    lang: str = languages.DEFAULT,
) -> FigureJSON:
    """Computed stocks as step lines per place (a shaded band where lowest and highest figures differ) and each
    stated population as a point: a place is a colour (line and points), a kind of claimant a marker symbol, and
    each place is labelled at its last point. A stock the listed transfers cannot account for (it would be
    negative) is not drawn; a note says where and why.

    stocks: columns date, place_id, low, high, computable (data.ledger.stocks). stated: rows of populations.csv
    with period_start, period_end, place_id, people, publisher, kind, when. Only the x-axis range and the subtitle
    depend on the selected range (population_range_changes), so moving the range patches the figure.
    """
    title = chart_title(TITLE, subtitle, lang)
    if stocks.empty and stated.empty:
        return right_to_left(empty_figure(title, t(lang, EMPTY)), lang)
    drawn = stocks.loc[(stocks["place_id"] != "ashraf") & stocks["computable"]]
    where = stops(drawn, stated)
    drawn = _cut(drawn, where)
    traces, last_points = _computed(drawn, place_names, lang)
    traces += _stated(stated, place_names, lang)
    last_points |= _last_stated(stated, place_names)
    traces += _legend(drawn, stated, place_names, lang)
    layout = base_layout(
        title,
        height=500,
        legend=dict(
            orientation="h",
            y=-0.12,
            x=0,
            yanchor="top",
            font=dict(size=11),
            groupclick="toggleitem",
            traceorder="grouped",
        ),
        xaxis=dict(
            type="date", gridcolor="#eee", range=_x_range(x_range) if x_range is not None else None, **date_axis(lang)
        ),
        yaxis=dict(rangemode="tozero", gridcolor="#eee", tickformat=",d", title=dict(text=t(lang, RESIDENTS))),
    )
    labels = direct_labels(last_points)
    xs = [pd.Timestamp(x) for x, *_ in labels] or [pd.Timestamp(0)]
    span = _x_range(x_range) if x_range is not None else [min(xs), max(xs)]
    top = max([*drawn["high"], *stated["people"], 1]) * 1.05  # room above the highest point
    layout["yaxis"]["range"] = [0, top]  # fixed: population_range_changes places the labels in it
    layout["annotations"] = [
        dict(  # a label lifted clear of another keeps a thin line down to its point
            x=x, y=y, text=text, showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor=place_color(place_id),
            standoff=0, ax=0, ay=-(4 + shift), xanchor=anchor, yanchor="bottom", name=f"{_LABEL}{place_id}",
            font=dict(size=10, color=place_color(place_id)), bgcolor="rgba(255,255,255,0.7)",
        )
        for (x, y, text, place_id), (anchor, shift) in zip(labels, place_labels(labels, span, top), strict=True)
    ]  # fmt: skip
    _add_not_computable(layout, stocks, stated, place_names, _stop_notes(where, place_names, lang), lang)
    return right_to_left(figure(traces, in_axis_calendar(layout)), lang)


def _computed(
    drawn: pd.DataFrame, place_names: dict[str, str], lang: str
) -> tuple[list[dict], dict[str, tuple[pd.Timestamp, float, str]]]:
    """Each place's computed stock: its lowest figures as a thin line, its highest as the line the band fills up
    to; and the last point of each (for its direct label)."""
    traces: list[dict] = []
    last_points: dict[str, tuple[pd.Timestamp, float, str]] = {}
    for place_id, rows in drawn.groupby("place_id", sort=False):
        name = place_names.get(place_id, place_id)
        color = place_color(place_id)
        hover = [
            t(lang, "<b>{place}</b>, accounted for by listed transfers", place=name)
            + f"<br>{calendars.day_label(lang, d.date())}: {_count(int(lo), int(hi), lang)}<br><i>"
            + t(lang, "arrivals minus departures listed so far: not a count of residents")
            + "</i>"
            for d, lo, hi in zip(rows["date"], rows["low"], rows["high"], strict=True)
        ]
        common = dict(type="scatter", x=rows["date"], legendgroup=place_id, showlegend=False)
        low = dict(y=rows["low"], mode="lines", line=dict(color=color, width=1, shape="hv"), hoverinfo="skip")
        high = dict(
            y=rows["high"], mode="lines+markers", line=dict(color=color, width=2.5, shape="hv"),
            marker=dict(size=4, color=color), fill="tonexty", fillcolor="rgba(120,120,120,0.15)",
            name=t(lang, ACCOUNTED, place=name), hovertext=hover, hoverinfo="text",
        )  # fmt: skip
        traces += [common | low, common | high]
        last_points[f"{place_id}:computed"] = (
            rows["date"].iat[-1],
            float(rows["high"].iat[-1]),
            t(lang, ACCOUNTED, place=name),
        )
    return traces, last_points


def _stated(stated: pd.DataFrame, place_names: dict[str, str], lang: str) -> list[dict]:
    """Each stated population as a point at the middle of its period (a bar across the period), by place and by
    kind of claimant."""
    traces: list[dict] = []
    for (place_id, kind), rows in stated.groupby(["place_id", "kind"], sort=False):
        name = place_names.get(place_id, place_id)
        color = place_color(place_id)
        centre = rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2
        hover = [
            wrap(
                t(
                    lang,
                    "<b>{place}</b>: {people} stated by {publisher} [{kind}] ({when})",
                    place=name,
                    people=calendars.number(lang, int(n)),
                    publisher=pub,
                    kind=t(lang, schema.SOURCE_KIND_LABELS[kind]),
                    when=w,
                )
                + (f" · {r}" if r else ""),
                90,
            )
            for n, pub, w, r in zip(rows["people"], rows["publisher"], rows["when"], rows["relay"], strict=True)
        ]
        traces.append(
            dict(
                type="scatter",
                x=centre,
                y=rows["people"],
                mode="markers",
                name=t(
                    lang, "Stated by {kind} source: {place}", kind=t(lang, schema.SOURCE_KIND_LABELS[kind]), place=name
                ),
                legendgroup=place_id,
                showlegend=False,
                marker=dict(color=color, size=10, symbol=KIND_SYMBOLS[kind], line=dict(color="white", width=1)),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=(rows["period_end"] - centre).dt.total_seconds() * 1000,
                    arrayminus=(centre - rows["period_start"]).dt.total_seconds() * 1000,
                    color=color,
                    thickness=1.2,
                    width=0,
                ),
                hovertext=hover,
                hoverinfo="text",
                customdata=rows["population_id"],
            )
        )
    return traces


def _last_stated(stated: pd.DataFrame, place_names: dict[str, str]) -> dict[str, tuple[pd.Timestamp, float, str]]:
    """The latest stated population of each place (for its direct label)."""
    out = {}
    for place_id, rows in stated.sort_values("period_end").groupby("place_id", sort=False):
        last = rows.iloc[-1]
        out[f"{place_id}:stated"] = (
            last["period_start"] + (last["period_end"] - last["period_start"]) / 2,
            float(last["people"]),
            place_names.get(place_id, place_id),
        )
    return out


def _legend(drawn: pd.DataFrame, stated: pd.DataFrame, place_names: dict[str, str], lang: str) -> list[dict]:
    """Legend entries: one per place (colour), camps first, and one per kind of claimant (symbol)."""
    traces: list[dict] = []
    camps_first = {"ashraf": 0, "liberty": 1}
    places = sorted(dict.fromkeys([*drawn["place_id"], *stated["place_id"]]), key=lambda p: camps_first.get(p, 2))
    for place_id in places:
        traces.append(_legend_entry(
            place_names.get(place_id, place_id), "places", t(lang, PLACE_LEGEND), mode="lines+markers",
            line=dict(color=place_color(place_id), width=2.5), marker=dict(color=place_color(place_id), size=8),
        ))  # fmt: skip
    for kind in schema.SOURCE_KINDS:
        if (stated["kind"] == kind).any():
            traces.append(_legend_entry(
                t(lang, schema.SOURCE_KIND_LABELS[kind]), "kinds", t(lang, KIND_LEGEND), mode="markers",
                marker=dict(color=_LEGEND_GREY, size=10, symbol=KIND_SYMBOLS[kind]),
            ))  # fmt: skip
    return traces


def _add_not_computable(
    layout: dict, stocks: pd.DataFrame, stated: pd.DataFrame, place_names: dict, stop_notes: list, lang: str
) -> None:
    """Where listed transfers cannot account for a stock: a note above the plot and a grey band from that date;
    where a line stops (stop_notes), a note."""
    notes = _not_computable_notes(stocks, place_names, lang) + stop_notes
    end = max(d for d in (stocks["date"].max(), stated["period_end"].max()) if pd.notna(d)) if notes else None
    note_lines = [wrap(text, 62) for text, _ in notes]
    if note_lines:  # above the plot, under the title: never over a mark
        layout["annotations"].append(dict(
            text="<br>".join(note_lines), xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", xshift=-46,
            yshift=4, align="left", showarrow=False, font=dict(size=10, color="#444"),
        ))  # fmt: skip
        note_px = 13 * sum(n.count("<br>") + 1 for n in note_lines)
        layout["margin"] = layout["margin"] | dict(t=70 + note_px)
        layout["height"] += note_px - 14  # the plot keeps its height: the figure grows by the notes
        # the title stays at the top, above the note
        layout["title"] = layout["title"] | dict(yref="container", y=1, yanchor="top", pad=dict(t=24))
    for _, first in notes:
        if first is not None:
            band, label = vrect(
                first, end + pd.Timedelta(days=20), fillcolor="#888", opacity=0.2, line=dict(width=0),
                label=dict(text=t(lang, NOT_COMPUTABLE), position="top right", font=dict(size=9), textangle=-90),
            )  # fmt: skip
            layout.setdefault("shapes", []).append(band)
            layout["annotations"].append(label)
