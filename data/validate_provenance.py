"""Checks on who says what that the Data Package cannot express: sources (publisher, URL or seed, date) and items'
actors. Pure: raw string frames in, a list of problems out (data.validate runs them)."""

from __future__ import annotations

import re

import pandas as pd

from data import dates
from data.validate import Problem, csv_line

_COPY_WORDS = re.compile(r"\((?:copy|via|reproduced|as quoted|quoted|reprinted|relayed)\b", re.IGNORECASE)


def _sources(frame: pd.DataFrame) -> list[Problem]:
    problems = []
    for i, row in frame.iterrows():
        if _COPY_WORDS.search(row["publisher"]):
            problems.append(
                Problem(
                    "sources.csv",
                    csv_line(i),
                    "publisher",
                    f"'{row['publisher']}' names where the copy was read: put the site in read_at, the name only here",
                )
            )
        if not row["url"] and not row["seed_file"]:
            problems.append(Problem("sources.csv", csv_line(i), "url", "a source needs a URL or a seed_file"))
        if row["published"]:
            try:
                dates.precision_of(row["published"])
            except ValueError as err:
                problems.append(Problem("sources.csv", csv_line(i), "published", str(err)))
    return problems


def _actors(items: pd.DataFrame, states: set[str]) -> list[Problem]:
    """An item's actor is a state some claimant belongs to (claimants.csv state), with a role; both or neither."""
    problems = []
    for i, row in items.iterrows():
        if bool(row["actor_state"]) != bool(row["actor_role"]):
            problems.append(Problem("items.csv", csv_line(i), "actor_role", "actor_state and actor_role go together"))
        elif row["actor_state"] and row["actor_state"] not in states:
            problems.append(
                Problem(
                    "items.csv",
                    csv_line(i),
                    "actor_state",
                    f"'{row['actor_state']}' is the state of no claimant (claimants.csv state)",
                )
            )
    return problems


def provenance_problems(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """The rules on sources.csv (a copy's site in read_at, a URL or a seed file, a calendar date) and items.csv's
    actors (a state some claimant belongs to, with a role) that the Data Package cannot express."""
    claimants = frames["claimants.csv"]
    problems = _sources(frames["sources.csv"])
    return problems + _actors(frames["items.csv"], set(claimants["state"]) - {""})
