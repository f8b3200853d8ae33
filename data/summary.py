"""Per-item ranges and attributions: where sources disagree, keep every figure and who gives it."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from data import calendars, dates, languages, schema
from data.attribution import own_account_text, relay_text, says
from data.load import Bundle
from data.quantities import stated_for
from data.select import Rows, groups, item_codes
from data.supersede import counted
from data.translation import t


@dataclass(frozen=True)
class Figure:
    """One source's figure for one item: `publisher` says who gives it (claimant, per publisher), `kind` is the
    claimant's kind."""

    source_id: str
    publisher: str
    kind: str
    value: int
    stated_for: str = ""  # what the figure is stated for: figures with the same key state the same quantity
    party: str = ""  # the party whose site it reached us through (relayed_by_party), and the site (relayed_via)
    via: str = ""
    role: str = ""  # the claimant's state's role in the item (own_account)
    claimant_name: str = ""  # `publisher` is says(claimant_name, publisher_name)
    publisher_name: str = ""

    def who(self, lang: str = languages.DEFAULT) -> str:
        """Who gives it, in the language (data.attribution.says)."""
        if lang == languages.DEFAULT or not self.claimant_name:
            return self.publisher
        return says(self.claimant_name, self.publisher_name, lang)

    def marks(self, lang: str = languages.DEFAULT) -> tuple[str, ...]:
        """Its marks in the language: the actor's own account; reached us only through a party's site."""
        return tuple(m for m in (own_account_text(self.role, lang), relay_text(self.party, self.via, lang)) if m)


@dataclass(frozen=True)
class Spread:
    """All figures the sources give for one quantity of one item."""

    figures: tuple[Figure, ...]

    @property
    def low(self) -> int | None:
        return min((f.value for f in self.figures), default=None)

    @property
    def high(self) -> int | None:
        return max((f.value for f in self.figures), default=None)

    @property
    def disputed(self) -> bool:
        """Sources disagree about the same quantity for the same date or period (see `disputed`)."""
        return disputed((f.stated_for, f.value) for f in self.figures)

    def text(self, lang: str = languages.DEFAULT) -> str:
        """'34–36', '47' or 'no figure'."""
        return format_range(self.low, self.high, lang)

    def attribution(self, lang: str = languages.DEFAULT) -> str:
        """'UNAMI, per UN News Centre [UN]: 34; USCCAR [The group]: 36', each figure followed by its marks (the
        actor's own account; reached us only via a party's site)."""
        return t(lang, calendars.SEPARATOR).join(
            f"{f.who(lang)} [{t(lang, schema.SOURCE_KIND_LABELS[f.kind])}]: {calendars.number(lang, f.value)}"
            + "".join(f" ({note})" for note in f.marks(lang))
            for f in sorted(self.figures, key=lambda f: (f.value, f.publisher))
        )


def format_range(low: int | None, high: int | None, lang: str = languages.DEFAULT) -> str:
    """'34–36' where figures differ, '34' where they agree, 'no figure' where none is given (in the language)."""
    if low is None or high is None:
        return t(lang, "no figure")
    if low == high:
        return calendars.number(lang, low)
    return f"{calendars.number(lang, low)}–{calendars.number(lang, high)}"


def disputed(figures: Iterable[tuple[str, int]]) -> bool:
    """The one rule for "disputed": two sources give different figures for the same quantity, i.e. for the same
    `stated_for` key (the same attack or transfer, or the same place and date or period). Figures for different
    dates are change over time, not a dispute."""
    seen: dict[str, int] = {}
    return any(seen.setdefault(key, value) != value for key, value in figures)


def rows_disputed(rows: pd.DataFrame, columns: Iterable[str]) -> bool:
    """`disputed` over the rows (sources) of one item or one place, in any of the count columns."""
    keys = stated_for(rows)
    return any(
        disputed((k, v) for k, v in zip(keys, counted(rows, col).tolist(), strict=True) if pd.notna(v))
        for col in columns
    )


def spread(rows: pd.DataFrame, column: str, bundle: Bundle) -> Spread:
    """The figures of one column over the rows (sources) of one item; empty cells are not figures, nor are figures a
    later one of the same claimant supersedes (data.supersede)."""
    mask = counted(rows, column).notna().to_numpy()
    keys = [k for k, m in zip(stated_for(rows), mask, strict=True) if m]
    given = rows.loc[mask]
    return Spread(
        tuple(
            Figure(
                source_id=sid,
                publisher=says(bundle.claimants.at[cid, "name"], bundle.sources.at[sid, "publisher"]),
                claimant_name=bundle.claimants.at[cid, "name"],
                publisher_name=bundle.sources.at[sid, "publisher"],
                kind=bundle.claimants.at[cid, "kind"],
                value=int(value),
                stated_for=key,
                party=party or "",
                via=via or "",
                role=own or "",
            )
            for sid, cid, value, key, party, via, own in zip(
                given["source_id"],
                given["claimant_id"],
                given[column],
                keys,
                given["relayed_by_party"],
                given["relayed_via"],
                given["own_account"],
                strict=True,
            )
        )
    )


@dataclass(frozen=True)
class ItemSummary:
    """One event or movement in a view, with the spread of each of its figures."""

    item_id: str
    label: str
    when: str
    place_id: str
    period_start: pd.Timestamp
    period_end: pd.Timestamp
    partial: bool
    spreads: dict[str, Spread]
    source_ids: tuple[str, ...]
    grade: str = ""  # data.grades, from all the item's rows (every lens)
    dated: tuple[str, str] = ("", "")  # the date most sources give: (start, end or ''), partial ISO dates
    dates_given: tuple[tuple[str, str], ...] = ()  # each source's date: (start, end or '')

    def when_in(self, lang: str) -> str:
        """`when` in a language (data.calendars.agreed_label)."""
        return calendars.agreed_label(lang, list(self.dates_given)) if self.dates_given else self.when


def _dates(rows: pd.DataFrame, start_col: str, end_col: str | None) -> list[tuple[str, str]]:
    """Each source's date of the item: (start, end or '')."""
    ends = rows[end_col].fillna("") if end_col else [""] * len(rows)
    return list(zip(rows[start_col], ends, strict=True))


def _summarise(
    frame: pd.DataFrame,
    bundle: Bundle,
    key: str,
    place_col: str,
    dates_: tuple[str, str | None],
    columns: tuple[str, ...],
) -> list[ItemSummary]:
    """One summary per item (rows grouped by `key`), in date order."""
    out = [
        ItemSummary(
            item_id=str(item_id),
            label=bundle.items.at[item_id, "label"],
            when=dates.agreed_label(_dates(rows, *dates_)),
            dated=dates.primary(_dates(rows, *dates_)),
            dates_given=tuple(_dates(rows, *dates_)),
            place_id=rows[place_col].iat[0],
            period_start=rows["period_start"].min(),
            period_end=rows["period_end"].max(),
            partial=bool(rows["partial"].any()) if "partial" in rows else False,
            spreads={col: spread(rows, col, bundle) for col in columns},
            source_ids=tuple(rows["source_id"]),
            grade=rows["grade"].iat[0] if "grade" in rows else "",
        )
        for item_id, rows in frame.groupby(key, sort=False)
    ]
    return sorted(out, key=lambda s: (s.period_start, s.item_id))


def summarise_events(events: pd.DataFrame, bundle: Bundle) -> list[ItemSummary]:
    """One summary per event (killed, wounded, abducted or missing), in date order."""
    return _summarise(events, bundle, "event_id", "place_id", ("date", None), schema.COUNT_COLUMNS)


def summarise_movements(movements: pd.DataFrame, bundle: Bundle) -> list[ItemSummary]:
    """One summary per movement (people), in date order; place_id is the destination ('' if unspecified)."""
    return _summarise(movements, bundle, "movement_id", "destination_place_id", ("date_start", "date_end"), ("people",))


_ITEM_FRAMES = {
    "event": ("events", "event_id", summarise_events),
    "movement": ("movements", "movement_id", summarise_movements),
}


@functools.lru_cache(maxsize=16384)
def item_summary(bundle: Bundle, kind: str, positions: tuple[int, ...], partial: tuple[bool, ...]) -> ItemSummary:
    """One item's summary from its rows in a view (positions in bundle.events or .movements, ascending).

    It depends on nothing else, so it is cached: across views the same rows of an item recur.
    """
    name, _, summarise = _ITEM_FRAMES[kind]
    (summary,) = summarise(getattr(bundle, name).iloc[list(positions)].assign(partial=list(partial)), bundle)
    return summary


def summarise_rows(bundle: Bundle, kind: str, selected: Rows) -> list[ItemSummary]:
    """summarise_events / summarise_movements of the selected rows of bundle.events / .movements ('event' /
    'movement'), item by item from the cache."""
    name, key, _ = _ITEM_FRAMES[kind]
    out = [
        item_summary(bundle, kind, positions, partial)
        for code, positions, partial in groups(item_codes(bundle, name, key), selected)
        if code >= 0
    ]
    return sorted(out, key=lambda s: (s.period_start, s.item_id))


@dataclass(frozen=True)
class Total:
    """A KPI: the sum of per-item lows to the sum of per-item highs, with what it is made of."""

    low: int | None
    high: int | None
    items: tuple[tuple[str, str, Spread], ...]  # (label, when, spread) of counted items with a figure
    without_figure: int
    partial: tuple[str, ...]  # labels of items only partly inside the range: shown, not counted

    def text(self, lang: str = languages.DEFAULT) -> str:
        return format_range(self.low, self.high, lang)

    lang: str = languages.DEFAULT  # the language of the items' labels and dates (total(…, lang))

    def attribution(self) -> str:
        """One line per item: its label, date, range and who gives what (in the total's language)."""
        lang = self.lang
        lines = [f"{label} ({when}): {s.text(lang)} — {s.attribution(lang)}" for label, when, s in self.items]
        if self.without_figure:
            lines.append(
                t(
                    lang,
                    "{n} item(s) in view with no figure from any source",
                    n=calendars.number(lang, self.without_figure),
                )
            )
        if self.partial:
            lines.append(
                t(lang, "Not counted, only partly inside the selected range: ")
                + t(lang, calendars.SEPARATOR).join(self.partial)
            )
        return "\n".join(lines) or t(lang, "Nothing in the selected range")


def total(summaries: list[ItemSummary], column: str, lang: str = languages.DEFAULT) -> Total:
    """Sum one quantity over the items wholly inside the range: low = Σ lowest figures, high = Σ highest.

    Items whose period only partly overlaps the range (a year-precise movement in a one-month view) are
    shown elsewhere but not summed, and are named in the attribution.
    """
    counted = [s for s in summaries if not s.partial]
    given = [(t(lang, s.label), s.when_in(lang), s.spreads[column]) for s in counted if s.spreads[column].figures]
    return Total(
        low=sum(sp.low for *_, sp in given) if given else None,
        high=sum(sp.high for *_, sp in given) if given else None,
        items=tuple(given),
        without_figure=len(counted) - len(given),
        partial=tuple(
            f"{t(lang, s.label)} ({s.when_in(lang)})" for s in summaries if s.partial and s.spreads[column].figures
        ),
        lang=lang,
    )
