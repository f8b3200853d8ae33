"""The rows behind a view as one flat table (one row per item and source): the on-page table and the CSV export.

The table of the whole bundle is built once (every row, none partial); a view's table is its rows picked from it
in the same order, with the two columns that depend on the view: `disputed` (sources disagree among the rows in
view) and `partly_in_range`."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import calendars, dates, schema, supersede
from data.attribution import who_says
from data.load import Bundle
from data.select import Rows, View, groups, select
from data.summary import rows_disputed
from data.translation import t

TABLE_COLUMNS = (
    "item_type", "item_id", "item", "date", "date_precision", "period_start", "period_end", "place", "destination",
    "killed", "wounded", "abducted_or_missing", "people", "disputed", "grade", "partly_in_range",
    "source", "source_title", "source_kind", "source_date", "reference",
    "claimant", "claimant_kind", "publisher", "publisher_kind", "read_at", "relayed_by_party", "relayed_via",
    "own_account", "superseded", "note",
)  # fmt: skip
# Who stands behind each row, machine-readable (the `source` column says it in words: "UNAMI, per RFE/RL"):
# claimant (who makes the figure) and its kind, the lenses' key; publisher (who published the page) and its kind;
# read_at (the site the page was read on, when not the publisher's own); relayed_by_party (group or iran_state:
# an independent claimant's figure that reached us only through that party's site or outlet) and relayed_via;
# own_account (carried_out or accused: the claimant is an organ of the state whose forces did, or are accused of, it);
# superseded (which of the row's figures the same claimant later replaced, and by which source: data.supersede).
COUNT_FIELDS = (*schema.COUNT_COLUMNS, "people")


def _dispute_key(frame: pd.DataFrame, key: str) -> pd.Series:
    """The rows compared for `disputed`: those of one item, except for stated populations (one item per source
    row), which are compared with the other figures for the same place and date."""
    return frame["place_id"] + "@" + frame["date"] if key == "population_id" else frame[key]


def _disputed(frame: pd.DataFrame, key: str, cols: tuple[str, ...]) -> pd.Series:
    """True for rows whose item (or place, for stated populations) has sources disagreeing about the same quantity
    for the same date or period (data.summary.rows_disputed)."""
    groups = _dispute_key(frame, key)
    flags = {k: rows_disputed(rows, cols) for k, rows in frame.groupby(groups, sort=False)}
    return groups.map(flags)


def _superseded(frame: pd.DataFrame) -> list[str]:
    """'killed, wounded by <source id>' for a row whose figures the same claimant later replaced ('' otherwise)."""
    marks = [c for c in frame.columns if c.endswith(supersede.SUFFIX)]
    out = []
    for values in zip(*(frame[c] for c in marks), strict=True) if marks else [()] * len(frame):
        by: dict[str, list[str]] = {}
        for col, sid in zip(marks, values, strict=True):
            if sid:
                by.setdefault(sid, []).append(col.removesuffix(supersede.SUFFIX).replace("_", " "))
        out.append("; ".join(f"{', '.join(qs)} by {sid}" for sid, qs in by.items()))
    return out


def superseded_parts(mark: str) -> list[tuple[list[str], str]]:
    """The (quantities, source id) pairs of a `superseded` mark ('killed, wounded by <source id>; …'), for showing it
    in another language: [(['killed', 'wounded'], '<source id>'), …]."""
    pairs = [part.rpartition(" by ") for part in mark.split("; ") if part]
    return [(quantities.split(", "), sid) for quantities, _, sid in pairs]


SEED_LINES = " lines "  # a seed document's reference in the table and the CSV: '<seed file> lines <lines>'


def seed_reference(lang: str, seed_file: str, lines: str) -> str:
    """A seed document's file (as it is) and lines as the page writes them: '001_e9badda598b78ff2.txt, lines 12'."""
    return t(lang, "{file}, lines {lines}", file=seed_file, lines=calendars.localise_digits(lang, str(lines)))


def _reference(bundle: Bundle, source_ids: pd.Series, seed_lines: pd.Series) -> list[str]:
    out = []
    for sid, lines in zip(source_ids, seed_lines, strict=True):
        src = bundle.sources.loc[sid]
        out.append(f"{src['seed_file']}{SEED_LINES}{lines}" if src["seed_file"] else src["url"])
    return out


def _common(frame: pd.DataFrame, date_text: list[str] | pd.Series) -> dict:
    return {
        "date": date_text,
        "date_precision": frame["date_precision"],
        "period_start": frame["period_start"],
        "period_end": frame["period_end"],
        "partly_in_range": frame["partial"],
        "source_id": frame["source_id"],
        "claimant_id": frame["claimant_id"],
        "seed_lines": frame["seed_lines"],
        "relayed_by_party": frame["relayed_by_party"],
        "relayed_via": frame["relayed_via"],
        "own_account": frame["own_account"],
        "superseded": _superseded(frame),
        "grade": frame["grade"],
        "note": frame["note"],
    }


def _build(bundle: Bundle, ev: pd.DataFrame, mv: pd.DataFrame, po: pd.DataFrame) -> pd.DataFrame:
    """Every (item, source) row of the given attacks, movements and stated populations, in date order."""
    names = bundle.places["name"]
    parts = []
    if not ev.empty:
        parts.append(pd.DataFrame({
            "item_type": "attack", "item_id": ev["event_id"], **_common(ev, ev["date"].map(dates.label)),
            "place": ev["place_id"].map(names), "destination": "",
            **{c: ev[c] for c in schema.COUNT_COLUMNS}, "people": pd.NA,
            "disputed": _disputed(ev, "event_id", schema.COUNT_COLUMNS),
        }))  # fmt: skip
    if not mv.empty:
        spans = [dates.span_label(s, e or None) for s, e in zip(mv["date_start"], mv["date_end"], strict=True)]
        parts.append(pd.DataFrame({
            "item_type": mv["scope"].map({"transfer": "transfer", "aggregate": "stated total"}),
            "item_id": mv["movement_id"], **_common(mv, spans), "place": mv["origin_place_id"].map(names),
            "destination": mv["destination_place_id"].map(names).fillna("unspecified third countries"),
            **{c: pd.NA for c in schema.COUNT_COLUMNS}, "people": mv["people"],
            "disputed": _disputed(mv, "movement_id", ("people",)),
        }))  # fmt: skip
    if not po.empty:
        parts.append(pd.DataFrame({
            "item_type": po["status"].map({"stated": "stated population", "projected": "projected population"}),
            "item_id": po["population_id"],
            **_common(po, po["date"].map(dates.label)), "place": po["place_id"].map(names), "destination": "",
            **{c: pd.NA for c in schema.COUNT_COLUMNS}, "people": po["people"],
            "disputed": _disputed(po, "population_id", ("people",)),
        }))  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    table = pd.concat(parts, ignore_index=True)
    stated = table["item_type"].str.capitalize() + " of " + table["place"].astype(str)
    table["item"] = table["item_id"].map(bundle.items["label"]).fillna(stated)
    sources = bundle.sources
    table["source"] = who_says(bundle, table)
    table["source_title"] = table["source_id"].map(sources["title"])
    table["claimant_kind"] = table["claimant_id"].map(bundle.claimants["kind"])
    table["source_kind"] = table["claimant_kind"].map(schema.SOURCE_KIND_LABELS)
    table["source_date"] = table["source_id"].map(sources["published"])
    table["reference"] = _reference(bundle, table["source_id"], table["seed_lines"])
    table["claimant"] = table["claimant_id"].map(bundle.claimants["name"])
    for col in ("publisher", "publisher_kind", "read_at"):
        table[col] = table["source_id"].map(sources[col])
    for col in COUNT_FIELDS:
        table[col] = table[col].astype("Int64")
    table["disputed"] = table["disputed"].astype(bool)
    table = table.sort_values(["period_start", "item_id", "source"], kind="stable")
    for col in ("period_start", "period_end"):
        table[col] = table[col].dt.strftime("%Y-%m-%d")
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)


def disputed_count(table: pd.DataFrame) -> int:
    """How many disputed quantities a table holds: disputed items, a stated population's place and day once."""
    rows = table.loc[table["disputed"].astype(bool)]
    population = rows["item_type"] == "stated population"
    at = rows["place"].astype(str) + "@" + rows["date"].astype(str)
    return int(rows["item_id"].where(~population, at).nunique())


# Frames of the table, in _build's order: (frame, item key, count columns whose disagreement marks `disputed`)
_PARTS = (
    ("events", "event_id", schema.COUNT_COLUMNS),
    ("movements", "movement_id", ("people",)),
    ("populations", "population_id", ("people",)),
)


@dataclass(frozen=True, eq=False)
class _Full:
    """The table of every row of the bundle, as column arrays, and the table row of each frame position."""

    columns: dict[str, pd.api.extensions.ExtensionArray]
    row_of: dict[str, np.ndarray]


@functools.cache
def _full(bundle: Bundle) -> _Full:
    """The whole bundle's table (every row, none partial), computed once."""
    frames = [getattr(bundle, name).assign(partial=False) for name, _, _ in _PARTS]
    table = _build(bundle, *frames)
    # The same table with each row's position in the concatenation of the frames in place of the note (the note
    # is not a sort key, so the rows come out in the same order): table row -> frame row.
    offsets = np.cumsum([0, *(len(f) for f in frames)])
    marked = [f.assign(note=np.arange(lo, hi)) for f, lo, hi in zip(frames, offsets, offsets[1:], strict=False)]
    order = _build(bundle, *marked)["note"].to_numpy(dtype=np.int64)
    row_of = np.empty(len(order), dtype=np.int64)
    row_of[order] = np.arange(len(order))
    return _Full(
        columns={col: table[col].array for col in TABLE_COLUMNS},
        row_of={name: row_of[lo:hi] for (name, _, _), lo, hi in zip(_PARTS, offsets, offsets[1:], strict=False)},
    )


@functools.cache
def _dispute_codes(bundle: Bundle, name: str, key: str) -> np.ndarray:
    """A code per row naming the group `_dispute_key` compares (-1 where the key is missing)."""
    codes, _ = pd.factorize(_dispute_key(getattr(bundle, name), key))
    codes = codes.astype(np.int64)
    codes.flags.writeable = False
    return codes


@functools.lru_cache(maxsize=16384)
def _item_disputed(bundle: Bundle, name: str, positions: tuple[int, ...]) -> bool:
    """Whether one item's rows in a view (positions in the frame; for stated populations, one place and date's rows) are
    disputed (data.summary.rows_disputed)."""
    _, key, cols = next(part for part in _PARTS if part[0] == name)
    return bool(_disputed(getattr(bundle, name).iloc[list(positions)], key, cols).iat[0])


def _disputed_rows(bundle: Bundle, name: str, key: str, rows: Rows) -> list[bool]:
    """`disputed` of each selected row of a frame, item by item (by place and date for stated populations) from the
    cache (a missing id maps to NaN: True)."""
    codes = _dispute_codes(bundle, name, key)
    flags = {code: code < 0 or _item_disputed(bundle, name, positions) for code, positions, _ in groups(codes, rows)}
    return [flags[code] for code in codes[rows.positions].tolist()]


@functools.lru_cache(maxsize=256)
def _table(bundle: Bundle, key: tuple[tuple[bytes, bytes], ...]) -> pd.DataFrame:
    """The table of the rows whose positions and partial flags are given as the bytes of their arrays (views that
    select the same rows share one frame)."""
    full = _full(bundle)
    picked, partial, disputed = [], [], []
    for (name, item_key, cols), (positions, partly) in zip(_PARTS, key, strict=True):
        rows = Rows(np.frombuffer(positions, dtype=np.int64), np.frombuffer(partly, dtype=bool))
        picked.append(full.row_of[name][rows.positions])
        partial.append(rows.partial)
        disputed.append(_disputed_rows(bundle, name, item_key, rows) if cols else np.zeros(len(rows.positions), bool))
    rows_of_table = np.concatenate(picked)
    if not len(rows_of_table):
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    sort = np.argsort(rows_of_table, kind="stable")
    order = rows_of_table[sort]
    by_view = {
        "disputed": np.concatenate(disputed).astype(bool)[sort],
        "partly_in_range": np.concatenate(partial)[sort],
    }
    data = {col: by_view[col] if col in by_view else array.take(order) for col, array in full.columns.items()}
    return pd.DataFrame(data, copy=False)


def table(bundle: Bundle, view: View) -> pd.DataFrame:
    """The rows behind the view, one per item and source (the on-page table and the CSV export). Each caller gets
    its own shallow copy of the cached frame (copy-on-write keeps them apart)."""
    rows = select(bundle, view).rows
    key = tuple((rows[name].positions.tobytes(), rows[name].partial.tobytes()) for name, _, _ in _PARTS)
    return _table(bundle, key).copy(deep=False)
