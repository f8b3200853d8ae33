"""The one place that reads the data files: validated, typed frames in a frozen Bundle."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data import dates, grades, schema, supersede
from data.validate import Problem, broken, validate
from data.validate_package import package_problems

DATA_DIR = Path(__file__).resolve().parent
DATA_DIR_ENV = "CAMPS_ATLAS_DATA_DIR"  # lets tests and deployments point the app at another copy of the data


class DataError(Exception):
    """The data files are malformed; the message lists every problem with file, line and column."""

    def __init__(self, problems: list[Problem], folder: Path | None = None):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        where = f" in {folder}" if folder else ""
        super().__init__(f"{len(problems)} problem(s) in the data files{where}:\n{lines}{more}")


@dataclass(frozen=True, eq=False)
class Bundle:
    """All data, validated and typed. Frames are not to be modified in place."""

    places: pd.DataFrame
    claimants: pd.DataFrame
    sources: pd.DataFrame
    sites: pd.DataFrame
    items: pd.DataFrame
    conflicts: pd.DataFrame
    events: pd.DataFrame
    movements: pd.DataFrame
    populations: pd.DataFrame
    distances: pd.DataFrame
    context: pd.DataFrame
    version: str

    def conflicts_of(self, item_id: str) -> pd.DataFrame:
        """The conflicts (between this item and others) that name an item."""
        return self.conflicts.loc[self.conflicts["items"].map(lambda ids: item_id in ids)]

    @property
    def first_month(self) -> pd.Period:
        """First month any event or movement touches."""
        return min(self.events["period_start"].min(), self.movements["period_start"].min()).to_period("M")

    @property
    def last_month(self) -> pd.Period:
        """Last month any event or movement touches."""
        return max(self.events["period_end"].max(), self.movements["period_end"].max()).to_period("M")


def read_raw(folder: Path) -> dict[str, pd.DataFrame]:
    """Every data file as a frame of stripped strings ('' for empty); a missing or unreadable file is a DataError."""
    frames, problems = {}, []
    for spec in schema.ALL_FILES:
        path = folder / spec.name
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(spec.name, None, None, "file is missing"))
            continue
        except pd.errors.EmptyDataError:  # 0 bytes (or blank lines only): not even a header
            problems.append(Problem(spec.name, None, None, "the file is empty (expected at least the header line)"))
            continue
        except (pd.errors.ParserError, UnicodeDecodeError) as err:
            problems.append(Problem(spec.name, None, None, f"cannot be read as UTF-8 CSV ({err})"))
            continue
        frames[spec.name] = frame.apply(lambda col: col.str.strip())
    if problems:
        raise DataError(problems, folder)
    return frames


def _count(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None)).astype("Int64")


def _with_periods(frame: pd.DataFrame, start_col: str, end_col: str | None) -> pd.DataFrame:
    starts = frame[start_col].map(lambda t: dates.period_of(t)[0])
    ends_from = frame[end_col].where(frame[end_col] != "", frame[start_col]) if end_col else frame[start_col]
    return frame.assign(period_start=starts, period_end=ends_from.map(lambda t: dates.period_of(t)[1]))


def relays(sources: pd.DataFrame, sites: pd.DataFrame, claimants: pd.DataFrame) -> pd.DataFrame:
    """Per source: the party (kind) whose site or outlet the page reached us through, and by which site or outlet
    ('' for neither): the publisher when it is one of the parties, else the site it was read on when a party runs it
    (sites.csv)."""
    site_kind = sites.set_index("site")["claimant_id"].map(claimants["kind"])
    read_kind = sources["read_at"].map(site_kind).fillna("")
    by_publisher = sources["publisher_kind"].isin(schema.PARTY_KINDS)
    by_site = ~by_publisher & read_kind.isin(schema.PARTY_KINDS)
    party = sources["publisher_kind"].where(by_publisher, read_kind.where(by_site, ""))
    through = sources["publisher"].where(by_publisher, sources["read_at"].where(by_site, ""))
    return pd.DataFrame({"party": party, "through": through}, index=sources.index)


def _with_provenance(
    frame: pd.DataFrame, claimants: pd.DataFrame, relayed: pd.DataFrame, items: pd.DataFrame, key: str | None
) -> pd.DataFrame:
    """A row's claimant kind (who makes its figure: the lenses' key); when an independent claimant's figure
    reached us only through a party's site or outlet, that party (`relayed_by_party`) and the site (`relayed_via`);
    when the claimant is an organ of the state whose forces carried out or are accused of the item (items.csv
    actor_state), the actor's role (`own_account`: carried_out or accused; '' otherwise)."""
    kind = frame["claimant_id"].map(claimants["kind"])
    party = kind.isin(schema.PARTY_KINDS)  # a party's own claim on its own site is not a relay
    own = pd.Series("", index=frame.index)
    if key:
        actor = frame[key].map(items["actor_state"]).fillna("")
        state = frame["claimant_id"].map(claimants["state"])
        own = frame[key].map(items["actor_role"]).fillna("").where((actor != "") & (actor == state), "")
    return frame.assign(
        claimant_kind=kind,
        relayed_by_party=frame["source_id"].map(relayed["party"]).where(~party, ""),
        relayed_via=frame["source_id"].map(relayed["through"]).where(~party, ""),
        own_account=own,
    )


def _version(folder: Path) -> str:
    digest = hashlib.sha256()
    for spec in schema.ALL_FILES:
        digest.update((folder / spec.name).read_bytes())
    return digest.hexdigest()[:10]


def check(raw: dict[str, pd.DataFrame], folder: Path) -> list[Problem]:
    """Every problem of the files: the Data Package's (frictionless) once the headers are right, and the rules
    across files (data.validate); one problem per cell (file, line, column): a cell the package finds wrong (a
    type, an enum, a key) is not checked further."""
    if early := broken(raw):  # broken cells or columns: nothing else is checked until they are fixed
        return early
    problems = validate(raw)
    seen, out = set(), []
    for problem in [*package_problems(folder), *problems]:
        where = (problem.file, problem.line, problem.column)
        if problem.line is None or where not in seen:
            seen.add(where)
            out.append(problem)
    return out


def load_bundle(folder: Path = DATA_DIR) -> Bundle:
    """Read, validate and type every data file; raise DataError naming each problem."""
    raw = read_raw(folder)
    problems = check(raw, folder)
    if problems:
        raise DataError(problems, folder)
    claimants = raw["claimants.csv"].set_index("claimant_id", drop=False)
    places = (
        raw["places.csv"]
        .assign(lat=lambda f: f["lat"].astype(float), lon=lambda f: f["lon"].astype(float))
        .set_index("place_id", drop=False)
    )
    events = _with_periods(raw["events.csv"], "date", None)
    for col in schema.COUNT_COLUMNS:
        events[col] = _count(events[col])
    movements = _with_periods(raw["movements.csv"], "date_start", "date_end").assign(
        people=lambda f: _count(f["people"])
    )
    populations = _with_periods(raw["populations.csv"], "date", None).assign(people=lambda f: _count(f["people"]))
    distances = raw["distances.csv"].assign(
        value=lambda f: f["value"].astype(float),
        km=lambda f: f["value"].astype(float) * f["unit"].map(schema.DISTANCE_UNITS),
    )
    context = _with_periods(raw["context.csv"], "date", None)
    sources = raw["sources.csv"].set_index("source_id", drop=False)
    sites = raw["sites.csv"].set_index("site", drop=False)
    relayed = relays(sources, sites, claimants)
    items = raw["items.csv"].set_index("item_id", drop=False)
    keys = ("event_id", "movement_id", None, None, "context_id")
    events, movements, populations, distances, context = (
        _with_provenance(f, claimants, relayed, items, key)
        for f, key in zip((events, movements, populations, distances, context), keys, strict=True)
    )
    published = sources["published"]
    events = events.join(supersede.superseded_by(events, published, "event_id", schema.COUNT_COLUMNS))
    movements = movements.join(supersede.superseded_by(movements, published, "movement_id", ("people",)))
    events = events.assign(grade=grades.grade_rows(events, "event_id", schema.COUNT_COLUMNS))
    movements = movements.assign(grade=grades.grade_rows(movements, "movement_id", ("people",)))
    populations = populations.assign(grade=grades.grade_rows(populations, "population_id", ("people",)))
    return Bundle(
        places=places,
        claimants=claimants,
        sources=sources,
        sites=sites,
        items=items,
        conflicts=raw["conflicts.csv"].assign(items=lambda f: f["item_ids"].str.split(";")),
        events=events,
        movements=movements,
        populations=populations,
        distances=distances,
        context=context,
        version=_version(folder),
    )


@functools.cache
def default_bundle() -> Bundle:
    """The app's data (data/ or $CAMPS_ATLAS_DATA_DIR), loaded and validated once per process."""
    return load_bundle(Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR))
