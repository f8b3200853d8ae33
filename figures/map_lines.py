"""The map's lines: movement arcs (clickable along their length), callouts' dots and leader lines, and the line
from Ashraf to Iran's border. Plain trace dicts for figures.map."""

from __future__ import annotations

import math

from data import languages
from data.calendars import number
from data.translation import N_, t
from figures.map_marks import DECIMALS, BorderCheck, Flow, MapPlace, drawn_at, hover_carrier
from figures.style import DESTINATION_COLORS, OTHER_DESTINATION

MOVEMENTS = N_("Movements (colour: destination; width: people)")
BORDER_LINE = N_("Distance to the Iranian border (computed)")


def callout_points(offset: list[MapPlace]) -> list[dict]:
    """At region scale, a dot at each callout place's point, over the markers around it (not clickable: a click
    there opens the marker beneath, as the callout's square opens the place)."""
    if not offset:
        return []
    return [
        dict(
            geo="geo",
            lon=[p.lon for p in offset],
            lat=[p.lat for p in offset],
            mode="markers",
            marker=dict(size=6, color="#222", line=dict(color="white", width=1)),
            name="Callout points",
            showlegend=False,
            hoverinfo="skip",
        )
    ]


def leader_lines(offset: list[MapPlace]) -> list[dict]:
    """Thin lines from each callout's square (region scale) to the place's point."""
    if not offset:
        return []
    return [
        dict(
            geo="geo",
            lon=[x for p in offset for x in (p.lon, drawn_at(p, "geo")[0], None)],
            lat=[y for p in offset for y in (p.lat, drawn_at(p, "geo")[1], None)],
            mode="lines",
            line=dict(color="#555", width=1),
            name="Leader lines",
            showlegend=False,
            hoverinfo="skip",
        )
    ]


def movement_lines(flows: list[Flow], reach: dict[str, float], lang: str = languages.DEFAULT) -> list[dict]:
    """One line per movement and panel (those from Ashraf on the Iraq detail too), clickable along its length, and
    one neutral legend entry for them all: a line's colour is its destination's, as in the relocation chart (a
    swatch per destination took four legend rows from the map on a phone)."""
    out = [_flows_legend(lang)] if flows else []
    for flow in flows:
        width = 1.2 + 0.22 * math.sqrt(flow.high or 0)
        color = DESTINATION_COLORS.get(flow.destination_place_id, OTHER_DESTINATION)
        for geo in ("geo", "geo2") if flow.origin_place_id in ("ashraf",) else ("geo",):
            out.append(
                dict(
                    geo=geo,
                    lon=[round(x, DECIMALS) for x in flow.lons],
                    lat=[round(y, DECIMALS) for y in flow.lats],
                    mode="lines+markers",
                    line=dict(width=width, color=color),
                    marker=hover_carrier(reach[geo]),
                    opacity=0.75,
                    name="Movements",
                    legendgroup="flows",
                    showlegend=False,
                    hoverinfo="text",
                    text=flow.hover + _along_note(len(flow.along), lang),
                    customdata=[["movement", flow.movement_id, flow.destination_place_id, list(flow.along)]]
                    * len(flow.lons),
                )
            )
    return out


def _along_note(others: int, lang: str) -> str:
    if not others:
        return "<br><i>" + t(lang, "Click to open this movement's sources") + "</i>"
    note = t(
        lang,
        "{n} other movement(s) in view are drawn along this line: a click opens this one and lists them all",
        n=number(lang, others),
    )
    return f"<br><i>{note}</i>"


def _flows_legend(lang: str) -> dict:
    """The movements' legend entry: a grey swatch (no line has it), not the first line's colour."""
    return dict(
        geo="geo", lon=[None], lat=[None], mode="lines", line=dict(width=3, color="#777"), hoverinfo="skip",
        name=t(lang, MOVEMENTS), legendgroup="flows",
    )  # fmt: skip


def border_line(border: BorderCheck | None, by_id: dict[str, MapPlace], lang: str = languages.DEFAULT) -> list[dict]:
    """The dotted line from the camp to the nearest point of Iran's border."""
    if border is None:
        return []
    camp = by_id[border.place_id]
    return [
        dict(
            geo="geo2",
            lon=[camp.lon, border.border_lon],
            lat=[camp.lat, border.border_lat],
            mode="lines",
            line=dict(color="#555", width=1.5, dash="dot"),
            name=t(lang, BORDER_LINE),
            hoverinfo="skip",  # its hover is on its label, so that the line never takes a click meant for the camp
        )
    ]
