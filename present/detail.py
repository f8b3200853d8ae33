"""The detail panel of an attack, a movement or a place: every source side by side, its figures and the seed documents' claims."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from data import calendars, dates, grades, languages, register, schema, supersede
from data.attribution import own_account_text, relay_text, says
from data.load import Bundle
from data.place_names import place_names
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
from data.table import seed_reference
from data.translation import t


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
    seed_claims: tuple[tuple[str, str], ...]  # (seed file and lines, paraphrase)
    when_label: str = "Date"  # a place's date is its active period: "Active"
    figures_text: str = ""  # the figures the rows give, with who gives them (items.csv summaries hold none)
    conflicts: tuple[tuple[str, str], ...] = ()  # (labels of the other items, what conflicts)
    grade: str = ""  # data.grades: how well the item's figure is supported ('' for a place)
    grade_text: str = ""  # the grade's rule and what it was graded on


def active_period(start: str, end: str, lang: str = languages.DEFAULT) -> str:
    """A place's active period: '1986 – 11 Sep 2013', 'from May 2013', or '' when unknown."""
    if not start:
        return t(lang, "until {date}", date=calendars.label(lang, end)) if end else ""
    return calendars.span_label(lang, start, end) if end else t(lang, "from {date}", date=calendars.label(lang, start))


def stated_populations_text(pops: pd.DataFrame, lang: str = languages.DEFAULT) -> str:
    """The stated populations of one place: lowest and highest with their dates (figures at different dates are
    change over time), and each date on which sources disagree (data.summary.disputed)."""
    if pops.empty:
        return ""
    low, high = pops.loc[pops["people"].idxmin()], pops.loc[pops["people"].idxmax()]
    n_dates = pops["date"].nunique()
    day = functools.partial(calendars.label, lang)
    if n_dates == 1:
        text = t(
            lang,
            "Stated population ({date}): {range}",
            date=day(low["date"]),
            range=format_range(low["people"], high["people"], lang),
        )
    else:
        text = t(
            lang,
            "Stated populations at {n} dates, lowest {low} ({low_date}), highest {high} ({high_date}): figures for "
            "different dates show change over time",
            n=calendars.number(lang, n_dates),
            low=calendars.number(lang, int(low["people"])),
            low_date=day(low["date"]),
            high=calendars.number(lang, int(high["people"])),
            high_date=day(high["date"]),
        )
    disagree = [
        f"{day(date)} ({format_range(rows['people'].min(), rows['people'].max(), lang)})"
        for date, rows in pops.groupby("date", sort=True)
        if rows_disputed(rows, ("people",))
    ]
    return text + (
        t(lang, "; sources disagree for the same date: {dates}", dates=calendars.listed(lang, disagree))
        if disagree
        else ""
    )


def _superseded_text(bundle: Bundle, source_id: str, lang: str) -> str:
    """The mark of a figure the same claimant later replaced (data.supersede)."""
    src = bundle.sources.loc[source_id]
    when = calendars.label(lang, src["published"]) if src["published"] else t(lang, "undated")
    return t(
        lang,
        " (superseded by this claimant's later figure: {publisher}, {date}; not in ranges or sums)",
        publisher=t(lang, src["publisher"]),
        date=when,
    )


def _quantity(column: str, lang: str) -> str:
    """'killed', 'abducted or missing', 'people' (in the language: the count's label)."""
    if lang == languages.DEFAULT:
        return column.replace("_", " ")
    return t(lang, schema.COUNT_LABELS.get(column, "People"))


def _figures_text(row: pd.Series, cols: tuple[str, ...], bundle: Bundle | None = None, lang: str = "en") -> str:
    parts = [
        f"{_quantity(c, lang)} {calendars.number(lang, int(row[c]))}"
        + (_superseded_text(bundle, row[supersede.column(c)], lang) if bundle and row.get(supersede.column(c)) else "")
        for c in cols
        if pd.notna(row[c])
    ]
    if row.get("status") == "projected":
        parts = [t(lang, "{figure} (a projection, not a count)", figure=p) for p in parts]
    return t(lang, calendars.SEPARATOR).join(parts) or t(lang, "no figure")


def item_detail(bundle: Bundle, kind: str, item_id: str, lang: str = languages.DEFAULT) -> ItemDetail | None:
    """The detail of an attack ('event'), a movement ('movement') or a place ('place'); None if unknown. In `lang`
    (the summaries, notes and the sentence of figures stay English until translated)."""
    if kind == "place" and item_id in bundle.places.index:
        place = bundle.places.loc[item_id]
        pops = bundle.populations.loc[bundle.populations["place_id"] == item_id]
        stated = pops.loc[pops["status"] == "stated"]
        return ItemDetail(
            title=place_names(bundle.places, lang)[item_id],
            kind="place",
            when=active_period(place["active_from"], place["active_to"], lang),
            precision="",
            summary=place["note"],
            disputed=rows_disputed(stated, ("people",)),
            spread_text=stated_populations_text(stated, lang),
            sources=tuple(_source_lines(bundle, pops, ("people",), "date", None, lang)),
            seed_claims=_seed_claims(item_id, lang),
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
        when=item.when_in(lang),
        precision=dates.precision_of_pair(
            dates.primary(list(zip(rows[start], rows[end].fillna("") if end else [""] * len(rows), strict=True)))
        ),
        summary=bundle.items.at[item_id, "summary"],
        figures_text=figures_sentence(bundle, rows, cols, start, end, lang),
        disputed=any(s.disputed for _, s in spreads),
        spread_text=t(lang, calendars.SEPARATOR).join(f"{_quantity(c, lang)}: {s.text(lang)}" for c, s in spreads)
        or t(lang, "no figure given"),
        sources=tuple(_source_lines(bundle, rows, cols, start, end, lang)),
        seed_claims=_seed_claims(item_id, lang),
        conflicts=_conflicts(bundle, item_id, lang),
        grade=rows["grade"].iat[0],
        grade_text=grade_text(rows, cols, bundle.claimants["name"], lang),
    )


def grade_text(rows: pd.DataFrame, cols: tuple[str, ...], claimants: pd.Series, lang: str = languages.DEFAULT) -> str:
    """'Contested: independent claimants give figures that differ … (graded on: killed; independent claimants that
    count: UNAMI, Associated Press).' claimants: claimant names by id."""
    grade, col = rows["grade"].iat[0], grades.graded_column(rows, cols)
    text = f"{t(lang, grades.GRADE_LABELS[grade])}: {t(lang, grades.GRADE_RULES[grade])}"
    if col is None:
        return text + "."
    vouch = rows.loc[grades.vouching(rows) & rows[col].notna(), "claimant_id"].drop_duplicates()
    names = calendars.listed(lang, (t(lang, name) for name in vouch.map(claimants))) or t(lang, "none")
    quantity = _quantity(col, lang).lower() if lang == languages.DEFAULT else _quantity(col, lang)
    graded = t(lang, "graded on: {quantity}; independent claimants that count: {names}", quantity=quantity, names=names)
    return f"{text} ({graded})."


def _conflicts(bundle: Bundle, item_id: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The conflicts between this item and others (data/conflicts.csv): the other items' labels and the summary,
    in the language."""
    found = bundle.conflicts_of(item_id)
    return tuple(
        (
            calendars.listed(lang, (t(lang, bundle.items.at[i, "label"]) for i in ids if i != item_id)),
            _text(lang, summary),
        )
        for ids, summary in zip(found["items"], found["summary"], strict=True)
    )


def _text(lang: str, text: object) -> str:
    """A text of the data (a note, a summary: catalogue entries, babel.cfg) in the language; '' for none."""
    return t(lang, text) if isinstance(text, str) and text else ""


def figures_sentence(
    bundle: Bundle, rows: pd.DataFrame, cols: tuple[str, ...], start: str, end: str | None, lang: str = "en"
) -> str:
    """The figure part of an item's summary, made from its rows only (items.csv summaries hold no figures): for
    each quantity its range and who gives the lowest and the highest figure (data.story.figure_text); a stated
    total given for several periods gets each period's figures (figures for different periods are not a range)."""
    periods = {
        k: calendars.span_label(lang, s, (e if end else None) or None)
        for k, s, e in zip(stated_for(rows), rows[start], rows[end] if end else rows[start], strict=True)
    }
    parts = []
    for col in cols:
        whole = spread(rows, col, bundle)
        groups: dict[str, list[Figure]] = {}
        for f in whole.figures:
            groups.setdefault(f.stated_for, []).append(f)
        name = (
            t(lang, schema.COUNT_LABELS.get(col, "People"))
            if lang != "en"
            else schema.COUNT_LABELS.get(col, col.capitalize())
        )
        if len(groups) == 1 or (whole.figures and whole.low == whole.high):
            parts.append(f"{name}: {figure_text(whole, lang)}.")
        elif groups:
            each = t(lang, calendars.SEPARATOR).join(
                t(lang, "for {period}, {figures}", period=periods[k], figures=figure_text(Spread(tuple(fs)), lang))
                for k, fs in groups.items()
            )
            parts.append(f"{name}: {each}.")
    return " ".join(parts) or t(lang, "No source gives a figure.")


def _source_lines(
    bundle: Bundle, rows: pd.DataFrame, cols: tuple[str, ...], start: str, end: str | None, lang: str = "en"
) -> list[SourceLine]:
    out = []
    for _, row in rows.iterrows():
        src = bundle.sources.loc[row["source_id"]]
        out.append(
            SourceLine(
                publisher=says(bundle.claimants.at[row["claimant_id"], "name"], src["publisher"], lang),
                kind=row["claimant_kind"],
                published=src["published"],
                url=src["url"],
                seed_ref=seed_reference(lang, src["seed_file"], row["seed_lines"]) if src["seed_file"] else "",
                figures=_figures_text(row, cols, bundle, lang),
                when=calendars.span_label(lang, row[start], (row[end] if end else None) or None),
                note=_text(lang, row["note"]),
                relay=relay_text(row["relayed_by_party"], row["relayed_via"], lang),
                own_account=own_account_text(row["own_account"], lang),
            )
        )
    return out


def _seed_claims(item_id: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(file and lines, paraphrase) of each seed claim that feeds the item (seeds/claims.csv), in the language."""
    found = register.claims_for(item_id)
    return tuple(
        (seed_reference(lang, f, lines), _text(lang, text))
        for f, lines, text in zip(found["seed_file"], found["lines"], found["paraphrase"], strict=True)
    )
