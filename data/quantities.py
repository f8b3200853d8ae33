"""What a row's figures are stated for: rows with the same key state the same quantity (the one rule the dispute
marks, the ranges and the grades compare by). Pure pandas; no other module of ours."""

from __future__ import annotations

import pandas as pd


def stated_for(rows: pd.DataFrame) -> list[str]:
    """What each row's figures are stated for, as a key: rows with the same key state the same quantity.

    An attack and a single transfer are one occurrence: every source describes the same one, whatever date it
    gives ('' for all). A stated total is a flow over a period: the key is its route and period as written. A
    stated population is a stock at one moment: the key is the place and the day; a month- or year-precise
    population stands for an unknown day in it (the camps changed by thousands within a year), so it gets a key of
    its own and is never compared. Figures for different dates are change over time, never a dispute.
    """
    if "population_id" in rows:
        at = rows["place_id"] + "@" + rows["date"]
        return at.where(rows["date_precision"] == "day", at + "#" + rows["population_id"]).tolist()
    if "scope" in rows:
        keys = rows["origin_place_id"] + ">" + rows["destination_place_id"].fillna("")
        keys = keys + "@" + rows["date_start"] + "/" + rows["date_end"].fillna("")
        return keys.where(rows["scope"] == "aggregate", "").tolist()
    return [""] * len(rows)
