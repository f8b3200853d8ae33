"""The rows behind a view as one flat table (one row per item and source): the on-page table and the CSV export."""

from __future__ import annotations

import pandas as pd

from data import dates, schema
from data.load import Bundle
from data.select import Selection

TABLE_COLUMNS = (
    "item_type",
    "item_id",
    "item",
    "date",
    "date_precision",
    "place",
    "destination",
    "killed",
    "wounded",
    "abducted_or_missing",
    "people",
    "disputed",
    "partly_in_range",
    "source",
    "source_kind",
    "source_date",
    "reference",
    "note",
)
COUNT_FIELDS = (*schema.COUNT_COLUMNS, "people")


def _disputed(frame: pd.DataFrame, key: str, cols: tuple[str, ...]) -> pd.Series:
    """True for rows whose item has two different figures in any column."""
    if frame.empty:
        return pd.Series(dtype=bool)
    spread = frame.groupby(key)[list(cols)].nunique()
    return frame[key].map((spread > 1).any(axis=1))


def _reference(bundle: Bundle, source_ids: pd.Series, seed_lines: pd.Series) -> list[str]:
    out = []
    for sid, lines in zip(source_ids, seed_lines, strict=True):
        src = bundle.sources.loc[sid]
        out.append(f"{src['seed_file']} lines {lines}" if src["seed_file"] else src["url"])
    return out


def view_table(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Every (item, source) row behind the view: attacks, then movements, then stated populations, by date."""
    names = bundle.places["name"]
    parts = []
    ev = selection.events
    if not ev.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_type": "attack",
                    "item_id": ev["event_id"],
                    "date": ev["date"],
                    "date_precision": ev["date_precision"],
                    "place": ev["place_id"].map(names),
                    "destination": "",
                    **{c: ev[c] for c in schema.COUNT_COLUMNS},
                    "people": pd.NA,
                    "disputed": _disputed(ev, "event_id", schema.COUNT_COLUMNS),
                    "partly_in_range": ev["partial"],
                    "source_id": ev["source_id"],
                    "seed_lines": ev["seed_lines"],
                    "note": ev["note"],
                    "sort": ev["period_start"],
                }
            )
        )
    mv = selection.movements
    if not mv.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_type": mv["scope"].map({"transfer": "transfer", "aggregate": "stated total"}),
                    "item_id": mv["movement_id"],
                    "date": [
                        dates.span_label(s, e or None) for s, e in zip(mv["date_start"], mv["date_end"], strict=True)
                    ],
                    "date_precision": mv["date_precision"],
                    "place": mv["origin_place_id"].map(names),
                    "destination": mv["destination_place_id"].map(names).fillna("unspecified third countries"),
                    **{c: pd.NA for c in schema.COUNT_COLUMNS},
                    "people": mv["people"],
                    "disputed": _disputed(mv, "movement_id", ("people",)),
                    "partly_in_range": mv["partial"],
                    "source_id": mv["source_id"],
                    "seed_lines": mv["seed_lines"],
                    "note": mv["note"],
                    "sort": mv["period_start"],
                }
            )
        )
    po = selection.populations
    if not po.empty:
        parts.append(
            pd.DataFrame(
                {
                    "item_type": "stated population",
                    "item_id": po["population_id"],
                    "date": po["date"],
                    "date_precision": po["date_precision"],
                    "place": po["place_id"].map(names),
                    "destination": "",
                    **{c: pd.NA for c in schema.COUNT_COLUMNS},
                    "people": po["people"],
                    "disputed": False,
                    "partly_in_range": po["partial"],
                    "source_id": po["source_id"],
                    "seed_lines": po["seed_lines"],
                    "note": po["note"],
                    "sort": po["period_start"],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    table = pd.concat(parts, ignore_index=True)
    items = bundle.items["label"]
    stated = "Stated population of " + table["place"].astype(str)
    table["item"] = table["item_id"].map(items).fillna(stated)
    table["source"] = table["source_id"].map(bundle.sources["publisher"])
    table["source_kind"] = table["source_id"].map(bundle.sources["kind"]).map(schema.SOURCE_KIND_LABELS)
    table["source_date"] = table["source_id"].map(bundle.sources["published"])
    table["reference"] = _reference(bundle, table["source_id"], table["seed_lines"])
    for col in COUNT_FIELDS:
        table[col] = table[col].astype("Int64")
    table = table.sort_values(["sort", "item_id", "source"], kind="stable")
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)
