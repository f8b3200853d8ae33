"""The rows behind a view as one flat table (one row per item and source): the on-page table and the CSV export."""

from __future__ import annotations

import pandas as pd

from data import dates, schema
from data.load import Bundle
from data.select import Selection

TABLE_COLUMNS = (
    "item_type", "item_id", "item", "date", "date_precision", "period_start", "period_end", "place", "destination",
    "killed", "wounded", "abducted_or_missing", "people", "disputed", "partly_in_range",
    "source", "source_kind", "source_date", "reference", "note",
)  # fmt: skip
COUNT_FIELDS = (*schema.COUNT_COLUMNS, "people")


def _disputed(frame: pd.DataFrame, key: str, cols: tuple[str, ...]) -> pd.Series:
    """True for rows whose item has two different figures in any column."""
    spread = frame.groupby(key)[list(cols)].nunique()
    return frame[key].map((spread > 1).any(axis=1))


def _reference(bundle: Bundle, source_ids: pd.Series, seed_lines: pd.Series) -> list[str]:
    out = []
    for sid, lines in zip(source_ids, seed_lines, strict=True):
        src = bundle.sources.loc[sid]
        out.append(f"{src['seed_file']} lines {lines}" if src["seed_file"] else src["url"])
    return out


def _common(frame: pd.DataFrame, date_text: list[str] | pd.Series) -> dict:
    return {
        "date": date_text,
        "date_precision": frame["date_precision"],
        "period_start": frame["period_start"],
        "period_end": frame["period_end"],
        "partly_in_range": frame["partial"],
        "source_id": frame["source_id"],
        "seed_lines": frame["seed_lines"],
        "note": frame["note"],
    }


def view_table(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Every (item, source) row behind the view: attacks, movements and stated populations, in date order."""
    names = bundle.places["name"]
    parts = []
    ev, mv, po = selection.events, selection.movements, selection.populations
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
            "item_type": "stated population", "item_id": po["population_id"],
            **_common(po, po["date"].map(dates.label)), "place": po["place_id"].map(names), "destination": "",
            **{c: pd.NA for c in schema.COUNT_COLUMNS}, "people": po["people"], "disputed": False,
        }))  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    table = pd.concat(parts, ignore_index=True)
    stated = "Stated population of " + table["place"].astype(str)
    table["item"] = table["item_id"].map(bundle.items["label"]).fillna(stated)
    sources = bundle.sources
    table["source"] = table["source_id"].map(sources["publisher"])
    table["source_kind"] = table["source_id"].map(sources["kind"]).map(schema.SOURCE_KIND_LABELS)
    table["source_date"] = table["source_id"].map(sources["published"])
    table["reference"] = _reference(bundle, table["source_id"], table["seed_lines"])
    for col in COUNT_FIELDS:
        table[col] = table[col].astype("Int64")
    table["disputed"] = table["disputed"].astype(bool)
    table = table.sort_values(["period_start", "item_id", "source"], kind="stable")
    for col in ("period_start", "period_end"):
        table[col] = table[col].dt.strftime("%Y-%m-%d")
    return table[list(TABLE_COLUMNS)].reset_index(drop=True)
