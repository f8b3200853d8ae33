"""What the map draws, as plain records (places, movement arcs, what each place received, the border check), and
where each mark goes: attacks on a ring around their camp, places drawn offset at region scale, marker sizes.
Place-specific drawing choices (offsets, label positions) are kept here as constants."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd

from data import languages
from data.summary import ItemSummary, Spread, Total
from data.translation import t
from figures.style import wrap

# Attacks sit on a ring around their camp, clear of the camp's square even on a phone (~80 px per degree there).
ATTACK_RING_DEG = 0.28
REGION_CAP, DETAIL_CAP, ATTACK_CAP = 34.0, 16.0, 26.0  # largest marker sizes (px)
SELECTED_COLOR = "#e69f00"
# At region scale Ashraf is ~90 km from Liberty and Ashraf-3 ~20 km from Tirana: under the bigger markers they could
# be neither seen nor clicked. There each is a callout: a dot at its point, a thin line from it to an open square
# with the name set apart (places.csv's offset, lon/lat degrees), which is what a reader hovers and clicks.
CALLOUT_PX = 13.0
DETAIL_LABELS = (("IRAQ", 43.8, 33.9), ("IRAN", 46.25, 34.5))
DETAIL_LABEL_DEG = 0.42  # camp names in the detail panel: this far above or below the camp (places.csv)


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
    # How the map draws it (places.csv's map_* columns; none is a claim): at region scale, an offset in degrees
    # with the neighbour it keeps the marker apart from, the label's text and position; in the Iraq detail panel,
    # whether a camp's name sits above it (else below).
    offset: tuple[float, float] | None = None
    apart_from: str = ""
    label: str = ""
    label_position: str = "top center"
    detail_label_above: bool = True

    @property
    def short_name(self) -> str:
        return self.name.replace("Camp ", "").split(" (")[0]

    @property
    def region_label(self) -> str:
        return self.label or self.short_name


def map_places(places: gpd.GeoDataFrame) -> tuple[MapPlace, ...]:
    """The places GeoDataFrame (EPSG:4326, index place_id) as MapPlace records, in its order."""
    return tuple(
        MapPlace(
            str(pid), row["name"], row["note"], row["kind"], row["country_iso3"], row.geometry.x, row.geometry.y,
            offset=(float(row["map_dlon"]), float(row["map_dlat"])) if row["map_dlon"] else None,
            apart_from=row["map_apart_from"],
            label=row["map_label"],
            label_position=row["map_label_position"] or "top center",
            detail_label_above=row["map_detail_label"] != "below",
        )
        for pid, row in places.iterrows()
    )  # fmt: skip


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
    along: tuple[str, ...] = ()  # the other movements in view drawn along the same line


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


DECIMALS = 3  # arc vertices to ≈100 m: invisible at the map's scale, a third fewer bytes per arc


def marker_size(value: int | None, scale: float, minimum: float = 7.0) -> float:
    return minimum + scale * math.sqrt(value or 0)


def attack_positions(attacks: list[ItemSummary], places: dict[str, MapPlace]) -> dict[str, tuple[float, float]]:
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
                centre.lon + ATTACK_RING_DEG * math.cos(angle),
                centre.lat + ATTACK_RING_DEG * math.sin(angle),
            )
    return out


def place_size(load: PlaceLoad | None, cap: float) -> float:
    return min(marker_size(load.received.high if load else 0, 0.55, 9), cap)


def is_callout(place: MapPlace, geo: str) -> bool:
    """Whether the place is drawn as a callout in the panel (at region scale, where places.csv sets an offset)."""
    return geo == "geo" and place.offset is not None


def drawn_at(place: MapPlace, geo: str) -> tuple[float, float]:
    """Where a place's clickable marker is drawn in a panel: its point, or its callout's square (places.csv)."""
    dlon, dlat = place.offset if is_callout(place, geo) else (0, 0)
    return place.lon + dlon, place.lat + dlat


def offset_note(place: MapPlace, geo: str, lang: str = languages.DEFAULT) -> str:
    if not is_callout(place, geo):
        return ""
    note = t(
        lang,
        "At this scale its place is the dot where the thin line ends ({lat}° N, {lon}° E), beside {neighbour}; this "
        "open square is its label",
        lat=format(place.lat, ".2f"),
        lon=format(place.lon, ".2f"),
        neighbour=t(lang, place.apart_from),
    )
    return f"<br><i>{note}</i>"


def flow_hover(label: str, when: str, spread: Spread, lang: str = languages.DEFAULT) -> str:
    """Hover text of one movement arc."""
    people = t(lang, "People")
    return f"<b>{t(lang, label)}</b> ({when})<br>{people}: <b>{spread.text(lang)}</b><br>{wrap(spread.attribution(lang), 90)}"


def geo_panel(
    lon: tuple[float, float],
    lat: tuple[float, float],
    domain_x: list[float],
    scope: str,
    resolution: int,
    **extra,
) -> dict:
    return dict(
        scope=scope,
        projection=dict(type="mercator"),
        resolution=resolution,
        domain=dict(x=domain_x, y=[0, 1]),
        lonaxis=dict(range=list(lon)),
        lataxis=dict(range=list(lat)),
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


def hover_carrier(reach_px: float) -> dict:
    """Invisible markers on a line's vertices: plotly picks, among the points near the pointer, the one with the
    least `max(distance - radius, 1 - 3 / radius)`; inside a marker of radius r that is 1 - 3/r. With a radius
    larger than every marker of the panel a line still wins along its length but never inside a marker, so a click
    on a marker (drawn above the lines) selects the marker."""
    return dict(size=2 * reach_px, opacity=0, color="rgba(0,0,0,0)", line=dict(width=0))
