"""Guided stories (data/stories.csv): steps that each set a view and tell, in our own words, what it shows; and
the key events labelled along the date slider (data/key_events.csv), each a range to jump to.

Every figure in a step's text is a placeholder filled from the data under the reader's lens — `{killed:E2013_ASHRAF}`
becomes that item's range and who gives its lowest and highest figure — so a story cannot disagree with the charts.
`{source:<source_id>}` names a source. The file is validated like the other data files: file, line and column.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data import calendars, languages
from data.load import DATA_DIR, DATA_DIR_ENV, Bundle, DataError, default_bundle
from data.select import select
from data.summary import Spread, spread
from data.translation import t
from data.validate import Problem
from data.view import LENSES, View, parse_month

FILE = "stories.csv"
COLUMNS = ("story_id", "step", "title", "from", "to", "place", "lens", "item_kind", "item_id", "text")
QUANTITIES = {"killed": "event", "wounded": "event", "abducted_or_missing": "event", "people": "movement"}
ITEM_KINDS = ("event", "movement", "place")
PLACEHOLDER = re.compile(r"\{(\w+):([\w.-]+)\}")


@dataclass(frozen=True)
class Step:
    """One step of a story: the view it sets (lens None keeps the reader's) and its text with placeholders."""

    story_id: str
    number: int
    title: str
    start: pd.Period
    end: pd.Period
    place: str | None
    lens: str | None
    item_kind: str | None
    item_id: str | None
    text: str

    def view(self, lens: str) -> View:
        """The view this step sets, seen through the reader's lens unless the step sets its own."""
        return View(self.start, self.end, self.place, self.lens or lens, self.story_id, self.number)


def _range_problems(bundle: Bundle, row: pd.Series, line: int, bad) -> None:
    """from and to are months of the data, in order."""
    months = {col: parse_month(row[col]) for col in ("from", "to")}
    for col, month in months.items():
        if month is None:
            bad(line, col, f"{row[col]!r} is not a month (YYYY-MM)")
        elif not bundle.first_month <= month <= bundle.last_month:
            bad(line, col, f"{row[col]} is outside the data ({bundle.first_month}–{bundle.last_month})")
    if months["from"] and months["to"] and months["from"] > months["to"]:
        bad(line, "to", f"{row['to']} is before from={row['from']}")


def _read(folder: Path, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DataError([Problem(name, None, None, f"cannot be read: {err}")], folder) from None


def _problems(bundle: Bundle, frame: pd.DataFrame) -> list[Problem]:
    out: list[Problem] = []

    def bad(line: int, column: str, message: str) -> None:
        out.append(Problem(FILE, line, column, message))

    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return [Problem(FILE, 1, None, f"missing column(s): {', '.join(missing)}")]
    items = {"event": set(bundle.events["event_id"]), "movement": set(bundle.movements["movement_id"])}
    items["place"] = set(bundle.places.index)
    seen: set[tuple[str, str]] = set()
    for k, row in frame.iterrows():
        line = int(k) + 2  # header is line 1
        if not row["story_id"] or not re.fullmatch(r"[a-z0-9_-]+", row["story_id"]):
            bad(line, "story_id", f"{row['story_id']!r} is not a lower-case id")
        if not row["step"].isdigit() or int(row["step"]) < 1:
            bad(line, "step", f"{row['step']!r} is not a step number ≥ 1")
        elif (row["story_id"], row["step"]) in seen:
            bad(line, "step", f"step {row['step']} of {row['story_id']!r} is given twice")
        seen.add((row["story_id"], row["step"]))
        for col in ("title", "text"):
            if not row[col].strip():
                bad(line, col, "is empty")
        _range_problems(bundle, row, line, bad)
        if row["place"] and row["place"] not in bundle.places.index:
            bad(line, "place", f"unknown place {row['place']!r}")
        if row["lens"] and row["lens"] not in LENSES:
            bad(line, "lens", f"unknown lens {row['lens']!r} (expected one of {', '.join(LENSES)}, or empty)")
        if bool(row["item_kind"]) != bool(row["item_id"]):
            bad(line, "item_id", "item_kind and item_id go together (both or neither)")
        elif row["item_kind"] and row["item_kind"] not in ITEM_KINDS:
            bad(line, "item_kind", f"{row['item_kind']!r} is not one of {', '.join(ITEM_KINDS)}")
        elif row["item_kind"] and row["item_id"] not in items[row["item_kind"]]:
            bad(line, "item_id", f"no {row['item_kind']} {row['item_id']!r} in the data")
        for name, ref in PLACEHOLDER.findall(row["text"]):
            if name == "source":
                if ref not in bundle.sources.index:
                    bad(line, "text", f"{{source:{ref}}}: no source {ref!r} in sources.csv")
            elif name not in QUANTITIES:
                bad(line, "text", f"{{{name}:{ref}}}: unknown figure {name!r} (use {', '.join(QUANTITIES)} or source)")
            elif ref not in items[QUANTITIES[name]]:
                bad(line, "text", f"{{{name}:{ref}}}: no {QUANTITIES[name]} {ref!r} in the data")
        if re.search(r"\{[^}]*$|^[^{]*\}", PLACEHOLDER.sub("", row["text"])):
            bad(line, "text", "an unmatched { or } (placeholders are {figure:item_id} or {source:source_id})")
    return out


def load_stories(bundle: Bundle, folder: Path = DATA_DIR) -> dict[str, tuple[Step, ...]]:
    """Every story in folder/stories.csv, its steps in order; DataError names file, line and column of problems."""
    frame = _read(folder, FILE)
    problems = _problems(bundle, frame)
    if problems:
        raise DataError(problems, folder)
    stories: dict[str, list[Step]] = {}
    for _, row in frame.iterrows():
        stories.setdefault(row["story_id"], []).append(
            Step(
                story_id=row["story_id"],
                number=int(row["step"]),
                title=row["title"].strip(),
                start=parse_month(row["from"]),
                end=parse_month(row["to"]),
                place=row["place"] or None,
                lens=row["lens"] or None,
                item_kind=row["item_kind"] or None,
                item_id=row["item_id"] or None,
                text=row["text"].strip(),
            )
        )
    out = {}
    for story_id, steps in stories.items():
        steps.sort(key=lambda s: s.number)
        if [s.number for s in steps] != list(range(1, len(steps) + 1)):
            raise DataError([Problem(FILE, None, "step", f"steps of {story_id!r} are not numbered 1…{len(steps)}")])
        out[story_id] = tuple(steps)
    return out


KEY_EVENTS_FILE = "key_events.csv"


@dataclass(frozen=True)
class KeyEvent:
    """A main event labelled along the date slider; choosing it selects its range."""

    label: str
    start: pd.Period
    end: pd.Period
    item_id: str


def load_key_events(bundle: Bundle, folder: Path = DATA_DIR) -> tuple[KeyEvent, ...]:
    """folder/key_events.csv in date order; DataError names file, line and column of every problem."""
    frame = _read(folder, KEY_EVENTS_FILE)
    out: list[Problem] = []

    def bad(line: int, column: str, message: str) -> None:
        out.append(Problem(KEY_EVENTS_FILE, line, column, message))

    known = set(bundle.events["event_id"]) | set(bundle.movements["movement_id"])
    for k, row in frame.iterrows():
        line = int(k) + 2
        if not row.get("label", "").strip():
            bad(line, "label", "is empty")
        _range_problems(bundle, row, line, bad)
        if row.get("item_id") not in known:
            bad(line, "item_id", f"no event or movement {row.get('item_id')!r} in the data")
    if out:
        raise DataError(out, folder)
    events = (KeyEvent(r["label"].strip(), parse_month(r["from"]), parse_month(r["to"]), r["item_id"])
              for _, r in frame.iterrows())  # fmt: skip
    return tuple(sorted(events, key=lambda e: (e.start, e.end)))


@functools.cache
def default_key_events() -> tuple[KeyEvent, ...]:
    """The key events of the slider, validated against the app's data once per process."""
    return load_key_events(default_bundle(), Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR))


@functools.cache
def default_stories() -> dict[str, tuple[Step, ...]]:
    """The app's stories, validated against the app's data once per process."""
    return load_stories(default_bundle(), Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR))


def item_spread(bundle: Bundle, quantity: str, item_id: str, lens: str) -> Spread:
    """All figures the sources under `lens` give for one quantity of one item (whatever the date range)."""
    sel = select(bundle, View(bundle.first_month, bundle.last_month, None, lens))
    frame, key = (sel.events, "event_id") if QUANTITIES[quantity] == "event" else (sel.movements, "movement_id")
    return spread(frame.loc[frame[key] == item_id], quantity, bundle)


def _names(figures, lang: str = languages.DEFAULT) -> str:
    return calendars.listed(lang, dict.fromkeys(f.who(lang) for f in figures))


def figure_text(s: Spread, lang: str = languages.DEFAULT) -> str:
    """'3–36 (lowest: Antiwar.com, …; highest: USCCAR, …)', '34 (UN News Centre, …)' or a plain 'no figure…'."""
    if not s.figures:
        return t(lang, "no figure from the sources in this view")
    if s.low == s.high:
        return f"{s.text(lang)} ({_names(s.figures, lang)})"
    low = [f for f in s.figures if f.value == s.low]
    high = [f for f in s.figures if f.value == s.high]
    low_names, high_names = _names(low, lang), _names(high, lang)
    return t(lang, "{range} (lowest: {low}; highest: {high})", range=s.text(lang), low=low_names, high=high_names)


def render(bundle: Bundle, text: str, lens: str, lang: str = languages.DEFAULT) -> str:
    """A step's text (in the language: the catalogue holds each step's text with its placeholders) with each
    placeholder filled from the rows under the lens."""
    text = t(lang, text)

    def fill(match: re.Match) -> str:
        name, ref = match.groups()
        if name == "source":
            return t(lang, bundle.sources.at[ref, "publisher"])
        return figure_text(item_spread(bundle, name, ref, lens), lang)

    return PLACEHOLDER.sub(fill, text)
