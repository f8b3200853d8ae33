"""The seeds register (seeds/claims.csv): which seed document lines support which data item."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

REGISTER_DIR = Path(__file__).resolve().parent.parent / "seeds"


@functools.cache
def claims(folder: Path = REGISTER_DIR) -> pd.DataFrame:
    """Every registered claim with a `feeds_list` column (the item ids it supports)."""
    frame = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    return frame.assign(feeds_list=frame["feeds"].str.split(";"))


def claims_for(item_id: str, folder: Path = REGISTER_DIR) -> pd.DataFrame:
    """Claims of the seed documents that feed one item, in file and line order."""
    frame = claims(folder)
    return frame.loc[frame["feeds_list"].map(lambda ids: item_id in ids)].sort_values(["seed_file", "lines"])
