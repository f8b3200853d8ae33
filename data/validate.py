"""Checks on the raw data files. Pure: raw string frames in, a list of problems out."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from data import dates, schema
from data.numbers import figures_in

_LINES = re.compile(r"^\d+(-\d+)?(;\d+(-\d+)?)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file, located by file, CSV line and column."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


def csv_line(index: int) -> int:
    """CSV line of a frame row (line 1 is the header)."""
    return int(index) + 2


def check_columns(spec: schema.FileSchema, frame: pd.DataFrame) -> list[Problem]:
    """Missing or unexpected columns."""
    problems = [
        Problem(spec.name, 1, col, "column is missing from the header") for col in spec.columns if col not in frame
    ]
    problems += [
        Problem(spec.name, 1, col, f"unknown column (expected: {', '.join(spec.columns)})")
        for col in frame.columns
        if col not in spec.columns
    ]
    return problems


def _dates(spec: schema.FileSchema, frame: pd.DataFrame, cols: tuple[str, ...]) -> list[Problem]:
    """ISO partial dates; the precision column equals the coarsest format; end ≥ start."""
    problems = []
    for i, row in frame.iterrows():
        found = {}
        for col in cols:
            if not row[col]:
                continue
            try:
                found[col] = dates.precision_of(row[col])
            except ValueError as err:
                problems.append(Problem(spec.name, csv_line(i), col, str(err)))
        if len(found) != len([c for c in cols if row[c]]) or not found:
            continue
        stated = row["date_precision"]
        expected = dates.coarsest(*found.values())
        if stated in schema.PRECISIONS and stated != expected:
            problems.append(
                Problem(
                    spec.name, csv_line(i), "date_precision", f"says '{stated}' but the dates are {expected}-precise"
                )
            )
        if (
            len(cols) == 2
            and all(row[c] for c in cols)
            and dates.period_of(row[cols[1]])[1] < dates.period_of(row[cols[0]])[0]
        ):
            problems.append(
                Problem(spec.name, csv_line(i), cols[1], f"ends ({row[cols[1]]}) before it starts ({row[cols[0]]})")
            )
    return problems


def _map_marks(frame: pd.DataFrame) -> list[Problem]:
    """The map_* columns: an offset is two degree values (their range: the package) with the neighbour it keeps
    the place apart from."""
    problems = []
    offset = ("map_dlon", "map_dlat", "map_apart_from")
    for i, row in frame.iterrows():
        missing = [c for c in offset if not row[c]]
        if 0 < len(missing) < len(offset):
            message = "an offset needs map_dlon, map_dlat and map_apart_from"
            problems.append(Problem("places.csv", csv_line(i), ", ".join(missing), message))
    return problems


def _seed_lines(spec: schema.FileSchema, frame: pd.DataFrame, seeds: set[str]) -> list[Problem]:
    """Rows from a seed document cite its lines; other rows cite none."""
    problems = []
    for i, row in frame.iterrows():
        lines, from_seed = row["seed_lines"], row["source_id"] in seeds
        if from_seed and not lines:
            problems.append(
                Problem(spec.name, csv_line(i), "seed_lines", "a seed document row must cite its line numbers")
            )
        elif lines and not _LINES.match(lines):
            problems.append(
                Problem(spec.name, csv_line(i), "seed_lines", f"'{lines}' is not like '12', '44-49' or '3;9'")
            )
        elif lines and not from_seed:
            problems.append(
                Problem(spec.name, csv_line(i), "seed_lines", "only rows whose source is a seed document cite lines")
            )
    return problems


MAX_CELL_CHARS = 20_000  # the longest real cell is a few hundred characters; a huge one is a broken file


def cell_hygiene(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Cells no editor writes on purpose: a NUL byte, more than MAX_CELL_CHARS characters. (A second row for the
    same item and source is a primary-key error of the Data Package.)"""
    problems = []
    for name, frame in frames.items():
        for col in frame.columns:
            for i, value in frame[col].items():
                if "\x00" in value:
                    problems.append(Problem(name, csv_line(i), col, "contains a NUL byte"))
                if len(value) > MAX_CELL_CHARS:
                    problems.append(
                        Problem(name, csv_line(i), col, f"{len(value):,} characters (at most {MAX_CELL_CHARS:,})")
                    )
    return problems


def _item_labels(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    known = set(frames["items.csv"]["item_id"])
    problems = []
    for spec, col in ((schema.EVENTS, "event_id"), (schema.MOVEMENTS, "movement_id"), (schema.CONTEXT, "context_id")):
        for i, value in frames[spec.name][col].items():
            if value and value not in known:
                problems.append(Problem(spec.name, csv_line(i), col, f"'{value}' has no label in items.csv"))
    return problems


def _item_texts(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """items.csv summaries of attacks and movements hold no figures (the app adds each item's figures from its rows,
    with who gives them); a figure in a label must be one that the item's rows give; a context item's texts hold only
    figures its rows' summaries state. Dates are not figures."""
    given: dict[str, set[int]] = {}
    for spec, key, cols in (
        (schema.EVENTS, "event_id", schema.COUNT_COLUMNS),
        (schema.MOVEMENTS, "movement_id", ("people",)),
    ):
        frame = frames[spec.name]
        for col in cols:
            for item, value in zip(frame[key], frame[col], strict=True):
                if value.isdigit():
                    given.setdefault(item, set()).add(int(value))
    names = list(frames["places.csv"]["name"])
    # Context items (political and legal milestones) have no counted figures: their texts may name a figure that
    # one of their rows' summaries states (e.g. an offer of places), and no other.
    stated: dict[str, set[int]] = {}
    for item, text in zip(frames["context.csv"]["context_id"], frames["context.csv"]["summary"], strict=True):
        stated.setdefault(item, set()).update(figures_in(text, names))
    problems = []
    for i, row in frames["items.csv"].iterrows():
        if row["item_id"] in stated:
            if stray := sorted(set(figures_in(f"{row['label']} {row['summary']}", names)) - stated[row["item_id"]]):
                problems.append(
                    Problem("items.csv", csv_line(i), "summary", f"figures {stray} are stated by no row of this item")
                )
            continue
        if figures := figures_in(row["summary"], names):
            problems.append(
                Problem(
                    "items.csv",
                    csv_line(i),
                    "summary",
                    f"holds figures {figures}: write the summary without them (the app adds the figures from the rows)",
                )
            )
        if stray := sorted(set(figures_in(row["label"], names)) - given.get(row["item_id"], set())):
            problems.append(
                Problem("items.csv", csv_line(i), "label", f"figures {stray} are not given by any row of this item")
            )
    return problems


def _conflict_items(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """A conflict names two or more known items (events or movements), separated by ';'."""
    known = set(frames["items.csv"]["item_id"])
    problems = []
    for i, value in frames["conflicts.csv"]["item_ids"].items():
        ids = [x for x in value.split(";") if x]
        if value and len(ids) < 2:
            problems.append(Problem("conflicts.csv", csv_line(i), "item_ids", "a conflict names at least two items"))
        problems += [
            Problem("conflicts.csv", csv_line(i), "item_ids", f"'{x}' has no label in items.csv")
            for x in ids
            if x not in known
        ]
    return problems


def _consistent(spec: schema.FileSchema, frame: pd.DataFrame, key: str, cols: tuple[str, ...]) -> list[Problem]:
    """All rows of one item agree on where and what it was."""
    problems = []
    for col in cols:
        first = frame.groupby(key)[col].transform("first")
        for i in frame.index[frame[col] != first]:
            problems.append(
                Problem(
                    spec.name,
                    csv_line(i),
                    col,
                    f"'{frame.at[i, col]}' differs from the first row of '{frame.at[i, key]}' ('{first[i]}')",
                )
            )
    return problems


def headers(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Missing or unknown columns of every file (nothing else is checked until the headers are right)."""
    return [p for spec in schema.ALL_FILES for p in check_columns(spec, frames[spec.name])]


def broken(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Cells no editor writes on purpose and wrong headers: nothing else is checked until they are fixed."""
    return cell_hygiene(frames) + headers(frames)


def validate(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every problem the Data Package cannot express (data.validate_package checks types, required cells, enums,
    patterns, ranges and keys): calendar dates and their precision, map offsets, seed lines, item labels and
    texts, conflicts, sources and actors. Raw string frames keyed by file name in, problems out; the frames must
    have passed `broken` (their columns are indexed)."""
    from data.validate_provenance import provenance_problems  # it builds on this module's Problem and helpers

    problems: list[Problem] = []
    places, sources = frames["places.csv"], frames["sources.csv"]
    seed_sources = set(sources.loc[sources["seed_file"] != "", "source_id"])
    problems += provenance_problems(frames)
    problems += _map_marks(places)
    problems += _dates(schema.PLACES, places.assign(date_precision=""), ("active_from", "active_to"))
    events, movements = frames["events.csv"], frames["movements.csv"]
    problems += _dates(schema.EVENTS, events, ("date",))
    problems += _consistent(schema.EVENTS, events, "event_id", ("place_id", "kind"))
    problems += _dates(schema.MOVEMENTS, movements, ("date_start", "date_end"))
    problems += _dates(schema.POPULATIONS, frames["populations.csv"], ("date",))
    problems += _dates(schema.CONTEXT, frames["context.csv"], ("date",))
    for spec in (schema.EVENTS, schema.MOVEMENTS, schema.POPULATIONS, schema.DISTANCES, schema.CONTEXT):
        problems += _seed_lines(spec, frames[spec.name], seed_sources)
    problems += _item_labels(frames)
    problems += _item_texts(frames)
    problems += _conflict_items(frames)
    return problems
