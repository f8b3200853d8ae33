"""Checks on who says what: sources (publisher, read_at, URL, date), the party-sites register, claimants' states and
items' actors. Pure: raw string frames in, a list of problems out (data.validate runs them)."""

from __future__ import annotations

import re

import pandas as pd

from data import dates, schema
from data.validate import _URL, Problem, _choice, _refs, csv_line

_COPY_WORDS = re.compile(r"\((?:copy|via|reproduced|as quoted|quoted|reprinted|relayed)\b", re.IGNORECASE)
_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


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
        if row["read_at"] and not _HOST.match(row["read_at"]):
            problems.append(
                Problem(
                    "sources.csv", csv_line(i), "read_at", f"'{row['read_at']}' is not a site name like 'example.org'"
                )
            )
        if not row["url"] and not row["seed_file"]:
            problems.append(Problem("sources.csv", csv_line(i), "url", "a source needs a URL or a seed_file"))
        if row["url"] and not _URL.match(row["url"]):
            problems.append(Problem("sources.csv", csv_line(i), "url", f"'{row['url']}' is not an http(s) URL"))
        if row["published"]:
            try:
                dates.precision_of(row["published"])
            except ValueError as err:
                problems.append(Problem("sources.csv", csv_line(i), "published", str(err)))
    return problems


def _actors(items: pd.DataFrame, states: set[str]) -> list[Problem]:
    """An item's actor is a state some claimant belongs to (claimants.csv state), with a role; both or neither."""
    problems = _choice(schema.ITEMS, items, "actor_role", schema.ACTOR_ROLES)
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
    """Every problem in sources.csv, sites.csv, claimants.csv's states and items.csv's actors."""
    claimants, sites = frames["claimants.csv"], frames["sites.csv"]
    problems = _sources(frames["sources.csv"])
    problems += _refs(schema.SITES, sites, "claimant_id", set(claimants["claimant_id"]), "claimant (see claimants.csv)")
    problems += [
        Problem("sites.csv", csv_line(i), "site", f"'{site}' is not a site name like 'example.org'")
        for i, site in sites["site"].items()
        if site and not _HOST.match(site)
    ]
    problems += [
        Problem("claimants.csv", csv_line(i), "state", f"'{state}' is not a lower-case ISO 3166 alpha-3 code")
        for i, state in claimants["state"].items()
        if state and not re.fullmatch(r"[a-z]{3}", state)
    ]
    return problems + _actors(frames["items.csv"], set(claimants["state"]) - {""})
