"""The detail panel of an attack, a movement or a place: every source side by side, its figures and the seed documents' claims."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import dates, grades, register, schema, supersede
from data.attribution import own_account_text, relay_text, says
from data.load import Bundle
from data.story import figure_text
from data.summary import (
    Figure,
    Spread,
    format_range,
    rows_disputed,
    spread,
    stated_for,
    summarise_events,
    summarise_movements,
)


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
    relay: str = ""  # data.attribution.relay_text: the figure reached us only through a party's site
    own_account: str = ""  # data.attribution.own_account_text: the claimant's state carried out the item


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
    grade: str = ""  # data.grades: how well the item's figure is supported ('' for a place)
    grade_text: str = ""  # the grade's rule and what it was graded on


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


def _superseded_text(bundle: Bundle, source_id: str) -> str:
    """The mark of a figure the same claimant later replaced (data.supersede)."""
    src = bundle.sources.loc[source_id]
    when = dates.label(src["published"]) if src["published"] else "undated"
    return f" (superseded by this claimant's later figure: {src['publisher']}, {when}; not in ranges or sums)"


def _figures_text(row: pd.Series, cols: tuple[str, ...], bundle: Bundle | None = None) -> str:
    parts = [
        f"{c.replace('_', ' ')} {int(row[c]):,}"
        + (_superseded_text(bundle, row[supersede.column(c)]) if bundle and row.get(supersede.column(c)) else "")
        for c in cols
        if pd.notna(row[c])
    ]
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
        grade=rows["grade"].iat[0],
        grade_text=grade_text(rows, cols, bundle.claimants["name"]),
    )


def grade_text(rows: pd.DataFrame, cols: tuple[str, ...], claimants: pd.Series) -> str:
    """'Contested: independent claimants give figures that differ … (graded on: killed; independent claimants that
    count: UNAMI, Associated Press).' claimants: claimant names by id."""
    grade, col = rows["grade"].iat[0], grades.graded_column(rows, cols)
    text = f"{grades.GRADE_LABELS[grade]}: {grades.GRADE_RULES[grade]}"
    if col is None:
        return text + "."
    vouch = rows.loc[grades.vouching(rows) & rows[col].notna(), "claimant_id"].drop_duplicates()
    names = ", ".join(vouch.map(claimants)) or "none"
    quantity = schema.COUNT_LABELS.get(col, "people").lower()
    return f"{text} (graded on: {quantity}; independent claimants that count: {names})."


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
                figures=_figures_text(row, cols, bundle),
                when=dates.span_label(row[start], (row[end] if end else None) or None),
                note=row["note"],
                relay=relay_text(row["relayed_by_party"], row["relayed_via"]),
                own_account=own_account_text(row["own_account"]),
            )
        )
    return out


def _seed_claims(item_id: str) -> tuple[tuple[str, str, str], ...]:
    found = register.claims_for(item_id)
    return tuple(zip(found["seed_file"], found["lines"], found["paraphrase"], strict=True))
