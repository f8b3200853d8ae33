"""Population ledger: stocks at each place computed from the listed transfers (inflows minus outflows).

Only distinct transfers (scope 'transfer') enter the ledger: stated totals overlap them and would double count.
A transfer counts from the last day of its period (the date by which every source has it done). Two series are
computed, one from each transfer's lowest figure and one from its highest, so the ledger is a band, not a pick.

A stock computed from one lens's transfers can be incomplete (arrivals that only other sources list): where the
listed departures exceed the listed arrivals the stock would be negative, which is impossible. From the first such
date on, a place's stock is marked not computable (`computable` False) instead of drawn.
"""

from __future__ import annotations

import pandas as pd

LEDGER_COLUMNS = ("date", "place_id", "low", "high", "computable")


def _per_transfer(movements: pd.DataFrame) -> pd.DataFrame:
    transfers = movements.loc[(movements["scope"] == "transfer") & movements["people"].notna()]
    return transfers.groupby("movement_id").agg(
        date=("period_end", "max"),
        origin=("origin_place_id", "first"),
        destination=("destination_place_id", "first"),
        low=("people", "min"),
        high=("people", "max"),
    )


def flows(movements: pd.DataFrame) -> pd.DataFrame:
    """Signed flows: one row per (transfer, place) with +people arriving and -people leaving."""
    per = _per_transfer(movements)
    out = pd.concat(
        [
            per.assign(place_id=per["origin"], low=-per["low"], high=-per["high"]),
            per.assign(place_id=per["destination"]),
        ]
    )
    out = out.loc[out["place_id"] != ""]
    return out.reset_index()[["movement_id", "date", "place_id", "low", "high"]].sort_values(["date", "movement_id"])


def stocks(movements: pd.DataFrame) -> pd.DataFrame:
    """Cumulative people at each place after each dated flow (a step series per place).

    A place's first row is its stock after its first flow; before that the computed stock is 0. `computable` is
    False from a place's first negative stock on (the listed transfers cannot account for it: see module docs).
    """
    signed = flows(movements)
    if signed.empty:
        return pd.DataFrame(columns=list(LEDGER_COLUMNS))
    daily = signed.groupby(["place_id", "date"], as_index=False)[["low", "high"]].sum()
    daily[["low", "high"]] = daily.groupby("place_id")[["low", "high"]].cumsum()
    negative = (daily["low"] < 0) | (daily["high"] < 0)
    daily["computable"] = ~negative.groupby(daily["place_id"]).cummax()
    return daily[list(LEDGER_COLUMNS)].astype({"low": "int64", "high": "int64", "computable": "bool"})
