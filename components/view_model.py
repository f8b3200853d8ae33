"""From (bundle, view) to everything the page shows: figures, KPI texts and labels. Pure; no Dash."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from components import figures
from components.figures.map import BorderCheck, Flow, MapPlace, PlaceLoad, flow_hover, map_places
from components.figures.relocations import StatedTotal
from components.figures.spec import FigureDict
from data import dates, index, ledger, register, schema
from data.attribution import says, who_says
from data.load import Bundle
from data.select import LENS_LABELS, View, lens_keeps, select
from data.story import figure_text
from data.summary import (
    Figure,
    ItemSummary,
    Spread,
    Total,
    format_range,
    rows_disputed,
    spread,
    stated_for,
    summarise_events,
    summarise_movements,
    summarise_rows,
    total,
)
from data.table import fast_view_table
from geo import countries_frame, distance_to_boundary_km, great_circle, places_frame


@dataclass(frozen=True)
class Kpi:
    """One KPI card: the figure as text, how it is summed, a one-line context and the per-source attribution."""

    text: str
    how: str
    context: str
    attribution: str


@dataclass(frozen=True)
class Rendered:
    """Charts, KPIs and labels that depend on the view (the map is built separately)."""

    casualties: FigureDict
    relocations: FigureDict
    killed: Kpi
    wounded: Kpi
    transferred: Kpi  # moved within Iraq (Ashraf -> Liberty)
    relocated: Kpi  # resettled abroad (left Iraq)
    range_label: str
    filter_label: str


def filter_label(bundle: Bundle, view: View) -> str:
    """'Filtered to Camp Ashraf' or 'All places'."""
    return f"Filtered to {bundle.places.at[view.place, 'name']}" if view.place else "All places"


def subtitle(bundle: Bundle, view: View) -> str:
    """The caption line of every chart: range, place and lens."""
    parts = [view.range_label]
    if view.place:
        parts.append(bundle.places.at[view.place, "name"])
    if view.lens != "all":
        parts.append(LENS_LABELS[view.lens])
    return " · ".join(parts)


@functools.cache
def _places_geo(bundle: Bundle) -> gpd.GeoDataFrame:
    return places_frame(bundle.places)


@functools.cache
def border_check(bundle: Bundle, lens: str = "all") -> BorderCheck | None:
    """Ashraf's computed distance to Iran's border, with the distances the sources claim (those the lens keeps)."""
    d = bundle.distances
    claims = d.loc[lens_keeps(d, bundle, lens) & (d["place_id"] == "ashraf") & (d["target"] == "iran_border")]
    km, nearest = distance_to_boundary_km(
        _places_geo(bundle).geometry["ashraf"], countries_frame().loc[["IRN"], "geometry"]
    )
    lines = tuple(
        f"{says(bundle.claimants.at[r.claimant_id, 'name'], bundle.sources.at[r.source_id, 'publisher'])} states "
        f"{r.value:g} {r.unit} (≈{r.km:.0f} km)"
        for r in claims.itertuples()
    )
    return BorderCheck("ashraf", km, nearest.x, nearest.y, lines)


def how_summed(unit: str) -> str:
    """The visible line beside a summed KPI: a range adds up every item's lowest and every item's highest figure."""
    return f"Sum of each {unit}'s lowest figure – sum of each {unit}'s highest"


def _kpi(t: Total, what: str, unit: str, note: str = "") -> Kpi:
    n = len(t.items) + t.without_figure
    how = how_summed(unit)
    if n == 0:
        partly = f" ({len(t.partial)} only partly in range, not counted)" if t.partial else ""
        return Kpi("0", how, f"no {unit}s in view{partly}{note}", f"{what}\n" + t.attribution())
    context = f"{n} {unit}{'s' if n != 1 else ''} in view" + (
        " · sources disagree" if any(s.disputed for *_, s in t.items) else ""
    )
    if t.partial:
        context += f" · {len(t.partial)} partly in range, not counted"
    return Kpi(t.text(), how, context + note, f"{what}\n" + t.attribution())


@functools.cache
def _in_iraq(bundle: Bundle) -> frozenset[str]:
    """Ids of the places in Iraq (the camps)."""
    return frozenset(bundle.places.index[bundle.places["country_iso3"] == "IRQ"])


def split_transfers(bundle: Bundle, transfers: list[ItemSummary]) -> tuple[list[ItemSummary], list[ItemSummary]]:
    """Listed transfers within Iraq (Ashraf -> Liberty) and those that left Iraq (to a country abroad, or to
    unspecified third countries): no transfer is in both."""
    inside = _in_iraq(bundle)
    within = [t for t in transfers if t.place_id in inside]
    return within, [t for t in transfers if t.place_id not in inside]


@functools.cache
def _map_places(bundle: Bundle) -> tuple[MapPlace, ...]:
    return map_places(_places_geo(bundle))


@functools.cache
def _origins(bundle: Bundle) -> dict[str, str]:
    """movement id -> origin place id."""
    return dict(zip(bundle.movements["movement_id"], bundle.movements["origin_place_id"], strict=True))


@functools.lru_cache(maxsize=256)
def _arc(bundle: Bundle, origin: str, destination: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The great-circle vertices (lons, lats) from one place to another (geo.flows.great_circle)."""
    places = _places_geo(bundle).geometry
    lons, lats = great_circle(places[origin], places[destination]).xy
    return tuple(lons), tuple(lats)


def _flows(bundle: Bundle, transfers: list[ItemSummary]) -> list[Flow]:
    """One arc per transfer with a known destination, in the transfers' order."""
    flows = []
    for item in transfers:
        if not item.place_id:
            continue
        origin = _origins(bundle)[item.item_id]
        s = item.spreads["people"]
        lons, lats = _arc(bundle, origin, item.place_id)
        flows.append(
            Flow(item.item_id, origin, item.place_id, s.low, s.high, flow_hover(item.label, item.when, s), lons, lats)
        )
    return flows


def _loads(bundle: Bundle, transfers: list[ItemSummary], totals: list[ItemSummary]) -> dict[str, PlaceLoad]:
    loads = {}
    for pid in bundle.places.index:
        # Received: the listed transfers into the place, counted like the KPI (Σ lowest .. Σ highest).
        received = total([t for t in transfers if t.place_id == pid], "people")
        stated = tuple(
            f"{t.label} ({t.when}): {t.spreads['people'].text()} — {t.spreads['people'].attribution()}"
            for t in totals
            if t.place_id == pid
        )
        loads[pid] = PlaceLoad(received, stated)
    return loads


@functools.lru_cache(maxsize=256)
def _summaries(bundle: Bundle, view: View) -> tuple[list[ItemSummary], list[ItemSummary], list[ItemSummary]]:
    """Attacks, transfers and stated totals in a view (cached by view: the same view is asked for by two callbacks).

    Rows are picked with numpy (data.index) and each item's summary comes from a cache, so a new view is cheap;
    the result equals summarising data.select.select(bundle, view) (see tests/unit/test_fast_selection.py).
    """
    moves = index.rows(bundle, view, "movements")
    return (
        summarise_rows(bundle, "event", index.rows(bundle, view, "events")),
        summarise_rows(bundle, "movement", moves.where(index.equals(bundle, "movements", "scope", "transfer"))),
        summarise_rows(bundle, "movement", moves.where(index.equals(bundle, "movements", "scope", "aggregate"))),
    )


def short_place(name: str) -> str:
    """A place name without its parenthetical: 'Camp Liberty (Camp Hurriya)' -> 'Camp Liberty'."""
    return name.split(" (")[0]


@functools.lru_cache(maxsize=256)
def stated_totals(bundle: Bundle, view: View) -> tuple[StatedTotal, ...]:
    """Every source's stated total in the view, one per (item, source), sorted by the date it is stated as of."""
    rows = index.rows(bundle, view, "movements").where(index.equals(bundle, "movements", "scope", "aggregate"))
    frame = bundle.movements.iloc[rows.positions].assign(partial=rows.partial)
    names = bundle.places["name"]
    out = [
        StatedTotal(
            item_id=r.movement_id,
            route=f"{short_place(names[r.origin_place_id])} → "
            + (short_place(names[r.destination_place_id]) if r.destination_place_id else "third countries (unnamed)"),
            destination=r.destination_place_id,
            publisher=says(bundle.claimants.at[r.claimant_id, "name"], bundle.sources.at[r.source_id, "publisher"]),
            kind=r.claimant_kind,
            people=int(r.people),
            period_start=r.period_start,
            period_end=r.period_end,
            span=dates.span_label(r.date_start, r.date_end or None),
            as_of=dates.label(r.date_end or r.date_start),
            partial=bool(r.partial),
        )
        for r in frame.itertuples()
        if pd.notna(r.people)
    ]
    return tuple(sorted(out, key=lambda t: (t.period_end, t.period_start, t.route, t.publisher)))


def render_map(bundle: Bundle, view: View, highlight: str | None = None) -> FigureDict:
    """The map for a view, with one attack optionally ringed and the view's place (if any) ringed."""
    attacks, transfers, totals = _summaries(bundle, view)
    return figures.map_figure(
        _map_places(bundle),
        attacks,
        _flows(bundle, transfers),
        _loads(bundle, transfers, totals),
        border_check(bundle, view.lens),
        highlight,
        subtitle(bundle, view),
        view.place,
    )


def render_panels(bundle: Bundle, view: View) -> Rendered:
    """Charts, KPIs and labels for a view."""
    attacks, transfers, _ = _summaries(bundle, view)
    within, abroad = split_transfers(bundle, transfers)
    names = bundle.places["name"].to_dict()
    caption = subtitle(bundle, view)
    return Rendered(
        casualties=figures.casualty_figure(attacks, names, caption),
        relocations=figures.relocation_figure(
            transfers, list(stated_totals(bundle, view)), names, caption, (view.first_day, view.last_day)
        ),
        killed=_kpi(total(attacks, "killed"), "Killed, per attack and source:", "attack"),
        wounded=_kpi(total(attacks, "wounded"), "Wounded, per attack and source:", "attack"),
        transferred=_kpi(
            total(within, "people"),
            "People moved from Ashraf to Liberty (within Iraq) in listed transfers, per transfer and source:",
            "transfer",
        ),
        relocated=_kpi(
            total(abroad, "people"),
            "People who left Iraq for resettlement abroad in listed transfers, per transfer and source:",
            "transfer",
            " · most departures are known only as stated totals (relocation chart), not added here",
        ),
        range_label=view.range_label,
        filter_label=filter_label(bundle, view),
    )


def _with_sources(bundle: Bundle, frame: pd.DataFrame, date_col: str) -> pd.DataFrame:
    return frame.assign(
        publisher=who_says(bundle, frame),
        kind=frame["claimant_kind"],
        when=frame[date_col].map(dates.label),
    )


@functools.lru_cache(maxsize=64)
def _stocks(bundle: Bundle, place: str | None, lens: str) -> pd.DataFrame:
    """The ledger over the whole period (it does not depend on the selected range; cached by place and lens)."""
    lensed = select(bundle, View(bundle.first_month, bundle.last_month, place, lens)).movements
    stocks = ledger.stocks(lensed)
    return stocks.loc[stocks["place_id"] == place] if place else stocks


@functools.lru_cache(maxsize=64)
def _stated(bundle: Bundle, place: str | None, lens: str) -> pd.DataFrame:
    """Stated populations over the whole period (the chart's x axis shows the range; cached by place and lens)."""
    whole = select(bundle, View(bundle.first_month, bundle.last_month, place, lens)).populations
    stated = whole.loc[whole["status"] == "stated"]  # a projection is not drawn as a stated population
    return _with_sources(bundle, stated, "date")


def build_population(bundle: Bundle, view: View) -> FigureDict:
    """Computed residents per place (from every listed transfer under the lens) beside stated populations, both
    over the whole period, the x axis showing the selected range."""
    return figures.population_figure(
        _stocks(bundle, view.place, view.lens),
        _stated(bundle, view.place, view.lens),
        bundle.places["name"].to_dict(),
        subtitle(bundle, view),
        (view.first_day, view.last_day),
    )


@functools.lru_cache(maxsize=64)
def _population_whole(bundle: Bundle, place: str | None, lens: str) -> FigureDict:
    return build_population(bundle, View(bundle.first_month, bundle.last_month, place, lens))


def render_population(bundle: Bundle, view: View) -> FigureDict:
    """build_population(bundle, view), made from the whole-period figure of the place and lens (built once) with
    the range's changes (tests/unit/test_figure_spec.py checks both are the same)."""
    whole = _population_whole(bundle, view.place, view.lens)
    return whole.with_changes(population_range_changes(bundle, view))


def population_range_changes(bundle: Bundle, view: View) -> dict[tuple, object]:
    """What render_population changes when only the range moves (place and lens unchanged)."""
    empty = _stocks(bundle, view.place, view.lens).empty and _stated(bundle, view.place, view.lens).empty
    return figures.population_range_changes(empty, subtitle(bundle, view), (view.first_day, view.last_day))


@functools.lru_cache(maxsize=8)
def _context_items(bundle: Bundle, lens: str) -> pd.DataFrame:
    everything = View(pd.Period("1900-01", "M"), pd.Period("2100-12", "M"), None, lens)
    rows = _with_sources(bundle, select(bundle, everything).context, "date")
    return rows.assign(label=rows["context_id"].map(bundle.items["label"]))


def build_context(bundle: Bundle, view: View) -> FigureDict:
    """Every political and legal context item under the lens (they reach back before the camps' data),
    with the selected range shaded."""
    return figures.context_figure(
        _context_items(bundle, view.lens), subtitle(bundle, view), (view.first_day, view.last_day)
    )


@functools.lru_cache(maxsize=64)
def _context_whole(bundle: Bundle, place: str | None, lens: str) -> FigureDict:
    return build_context(bundle, View(bundle.first_month, bundle.last_month, place, lens))


def render_context(bundle: Bundle, view: View) -> FigureDict:
    """build_context(bundle, view), made from the whole-period figure (built once per place and lens: the
    subtitle names the place) with the range's changes."""
    return _context_whole(bundle, view.place, view.lens).with_changes(context_range_changes(bundle, view))


def context_range_changes(bundle: Bundle, view: View) -> dict[tuple, object]:
    """What render_context changes when only the range moves."""
    empty = _context_items(bundle, view.lens).empty
    return figures.context_range_changes(empty, subtitle(bundle, view), (view.first_day, view.last_day))


def drawn_base(bundle: Bundle, view: View) -> str:
    """What the population and context figures depend on besides the range: data version, place and lens."""
    return f"{bundle.version}:{view.place or '-'}:{view.lens}"


def table(bundle: Bundle, view: View) -> pd.DataFrame:
    """The rows behind the view, one per item and source (the on-page table and the CSV export).

    Equals data.table.view_table(bundle, data.select.select(bundle, view)), from cached per-bundle rows.
    """
    return fast_view_table(
        bundle, {name: index.rows(bundle, view, name) for name in ("events", "movements", "populations")}
    )


def summaries(bundle: Bundle, view: View) -> dict[str, str]:
    """One-sentence text alternatives of the charts for screen readers."""
    attacks, transfers, totals = _summaries(bundle, view)
    within, abroad = split_transfers(bundle, transfers)
    killed = total(attacks, "killed")
    where = f" at {bundle.places.at[view.place, 'name']}" if view.place else ""
    disputed = sum(1 for a in attacks if any(s.disputed for s in a.spreads.values()))
    return {
        "map": (
            f"Map for {view.range_label}{where}: {len(attacks)} attack(s) at the camps and "
            f"{len(transfers)} transfer(s) drawn as routes; Ashraf computed ≈{border_check(bundle).km:.0f} km "
            "from the Iranian border."
        ),
        "casualties": (
            f"Casualties for {view.range_label}{where}: {len(attacks)} attack(s); killed {killed.text()} "
            f"({how_summed('attack').lower()}); sources disagree on {disputed} of them."
        ),
        "relocations": (
            f"Relocations for {view.range_label}{where}: {len(within)} listed transfer(s) within Iraq "
            f"(Ashraf → Liberty) moving {total(within, 'people').text()} people; {len(abroad)} listed transfer(s) "
            f"abroad moving {total(abroad, 'people').text()} people; {len(totals)} stated total(s), drawn "
            "separately and not added."
        ),
        "population": "Residents per place computed from listed transfers, with the populations sources state as points.",
        "context": f"Political and legal context items from {view.range_label}, one mark per source.",
    }


@dataclass(frozen=True)
class SourceLine:
    """One source's entry in the detail panel."""

    publisher: str
    kind: str
    published: str
    url: str
    seed_ref: str
    figures: str
    when: str
    note: str


@dataclass(frozen=True)
class ItemDetail:
    """Everything the detail panel shows for one attack, movement or place."""

    title: str
    kind: str
    when: str
    precision: str
    summary: str
    disputed: bool
    spread_text: str
    sources: tuple[SourceLine, ...]
    seed_claims: tuple[tuple[str, str, str], ...]  # (seed file, lines, paraphrase)
    when_label: str = "Date"  # a place's date is its active period: "Active"
    figures_text: str = ""  # the figures the rows give, with who gives them (items.csv summaries hold none)
    conflicts: tuple[tuple[str, str], ...] = ()  # (labels of the other items, what conflicts)


def active_period(start: str, end: str) -> str:
    """A place's active period: '1986 – 11 Sep 2013', 'from May 2013', or '' when unknown."""
    if not start:
        return f"until {dates.label(end)}" if end else ""
    return dates.span_label(start, end) if end else f"from {dates.label(start)}"


def stated_populations_text(pops: pd.DataFrame) -> str:
    """The stated populations of one place: lowest and highest with their dates (figures at different dates are
    change over time), and each date on which sources disagree (data.summary.disputed)."""
    if pops.empty:
        return ""
    low, high = pops.loc[pops["people"].idxmin()], pops.loc[pops["people"].idxmax()]
    n_dates = pops["date"].nunique()
    if n_dates == 1:
        text = f"Stated population ({dates.label(low['date'])}): {format_range(low['people'], high['people'])}"
    else:
        text = (
            f"Stated populations at {n_dates} dates, lowest {low['people']:,} ({dates.label(low['date'])}), "
            f"highest {high['people']:,} ({dates.label(high['date'])}): figures for different dates show change "
            "over time"
        )
    disagree = [
        f"{dates.label(date)} ({format_range(rows['people'].min(), rows['people'].max())})"
        for date, rows in pops.groupby("date", sort=True)
        if rows_disputed(rows, ("people",))
    ]
    return text + (f"; sources disagree for the same date: {', '.join(disagree)}" if disagree else "")


def _figures_text(row: pd.Series, cols: tuple[str, ...]) -> str:
    parts = [f"{c.replace('_', ' ')} {int(row[c]):,}" for c in cols if pd.notna(row[c])]
    if row.get("status") == "projected":
        parts = [f"{p} (a projection, not a count)" for p in parts]
    return "; ".join(parts) or "no figure"


def item_detail(bundle: Bundle, kind: str, item_id: str) -> ItemDetail | None:
    """The detail of an attack ('event'), a movement ('movement') or a place ('place'); None if unknown."""
    if kind == "place" and item_id in bundle.places.index:
        place = bundle.places.loc[item_id]
        pops = bundle.populations.loc[bundle.populations["place_id"] == item_id]
        stated = pops.loc[pops["status"] == "stated"]
        return ItemDetail(
            title=place["name"],
            kind="place",
            when=active_period(place["active_from"], place["active_to"]),
            precision="",
            summary=place["note"],
            disputed=rows_disputed(stated, ("people",)),
            spread_text=stated_populations_text(stated),
            sources=tuple(_source_lines(bundle, pops, ("people",), "date", None)),
            seed_claims=_seed_claims(item_id),
            when_label="Active",
        )
    frames = {
        "event": (bundle.events, "event_id", schema.COUNT_COLUMNS, "date", None),
        "movement": (bundle.movements, "movement_id", ("people",), "date_start", "date_end"),
    }
    if kind not in frames:
        return None
    frame, key, cols, start, end = frames[kind]
    rows = frame.loc[frame[key] == item_id]
    if rows.empty:
        return None
    summary_fn = summarise_events if kind == "event" else summarise_movements
    item = summary_fn(rows.assign(partial=False), bundle)[0]
    spreads = [(c, s) for c, s in item.spreads.items() if s.figures]
    return ItemDetail(
        title=item.label,
        kind="attack" if kind == "event" else "movement",
        when=item.when,
        precision=dates.precision_of_pair(
            dates.primary(list(zip(rows[start], rows[end].fillna("") if end else [""] * len(rows), strict=True)))
        ),
        summary=bundle.items.at[item_id, "summary"],
        figures_text=figures_sentence(bundle, rows, cols, start, end),
        disputed=any(s.disputed for _, s in spreads),
        spread_text="; ".join(f"{c.replace('_', ' ')}: {s.text()}" for c, s in spreads) or "no figure given",
        sources=tuple(_source_lines(bundle, rows, cols, start, end)),
        seed_claims=_seed_claims(item_id),
        conflicts=_conflicts(bundle, item_id),
    )


def _conflicts(bundle: Bundle, item_id: str) -> tuple[tuple[str, str], ...]:
    """The conflicts between this item and others (data/conflicts.csv): the other items' labels and the summary."""
    return tuple(
        (", ".join(bundle.items.at[i, "label"] for i in ids if i != item_id), summary)
        for ids, summary in zip(
            bundle.conflicts_of(item_id)["items"], bundle.conflicts_of(item_id)["summary"], strict=True
        )
    )


def figures_sentence(bundle: Bundle, rows: pd.DataFrame, cols: tuple[str, ...], start: str, end: str | None) -> str:
    """The figure part of an item's summary, made from its rows only (items.csv summaries hold no figures): for
    each quantity its range and who gives the lowest and the highest figure (data.story.figure_text); a stated
    total given for several periods gets each period's figures (figures for different periods are not a range)."""
    periods = {
        k: dates.span_label(s, (e if end else None) or None)
        for k, s, e in zip(stated_for(rows), rows[start], rows[end] if end else rows[start], strict=True)
    }
    parts = []
    for col in cols:
        whole = spread(rows, col, bundle)
        groups: dict[str, list[Figure]] = {}
        for f in whole.figures:
            groups.setdefault(f.stated_for, []).append(f)
        name = schema.COUNT_LABELS.get(col, col.capitalize())
        if len(groups) == 1 or (whole.figures and whole.low == whole.high):
            parts.append(f"{name}: {figure_text(whole)}.")
        elif groups:
            each = "; ".join(f"for {periods[k]}, {figure_text(Spread(tuple(fs)))}" for k, fs in groups.items())
            parts.append(f"{name}: {each}.")
    return " ".join(parts) or "No source gives a figure."


def _source_lines(
    bundle: Bundle, rows: pd.DataFrame, cols: tuple[str, ...], start: str, end: str | None
) -> list[SourceLine]:
    out = []
    for _, row in rows.iterrows():
        src = bundle.sources.loc[row["source_id"]]
        out.append(
            SourceLine(
                publisher=says(bundle.claimants.at[row["claimant_id"], "name"], src["publisher"]),
                kind=row["claimant_kind"],
                published=src["published"],
                url=src["url"],
                seed_ref=f"{src['seed_file']}, lines {row['seed_lines']}" if src["seed_file"] else "",
                figures=_figures_text(row, cols),
                when=dates.span_label(row[start], (row[end] if end else None) or None),
                note=row["note"],
            )
        )
    return out


def _seed_claims(item_id: str) -> tuple[tuple[str, str, str], ...]:
    found = register.claims_for(item_id)
    return tuple(zip(found["seed_file"], found["lines"], found["paraphrase"], strict=True))
