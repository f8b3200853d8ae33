"""A claimant's later figure supersedes its earlier one (issue 25 §1): when one claimant gives different figures for
the same quantity of the same item (data.quantities.stated_for) in sources published at different times — a
day-one count later raised, a total later revised — its latest figure stands for it in ranges, sums, dispute marks
and grades; the earlier figures stay in the data, the table and the detail panel, marked as superseded.

What "later" means: the source's `published` date, as a span of its precision ('2009-09' is all of September); a
figure supersedes another only when its source's first possible day comes after the other's last. Sources without
a published date (most seed documents, some undated pages) are never ordered: their figures neither supersede nor
are superseded, and stay in every range. One claimant id is one claimant, even where it stands for unnamed
officials of one body quoted by several outlets ("Iraqi police and security sources"). Pure pandas.
"""

from __future__ import annotations

import pandas as pd

from data.dates import period_of
from data.quantities import stated_for

SUFFIX = "_superseded_by"


def column(quantity: str) -> str:
    """The loader's column holding, per row, the source id of the figure that supersedes its `quantity` ('')."""
    return quantity + SUFFIX


def superseded_by(frame: pd.DataFrame, published: pd.Series, key: str, quantities: tuple[str, ...]) -> pd.DataFrame:
    """Per row and quantity, the source id of the same claimant's latest later figure for the same quantity of the
    same item where it differs from the row's ('' otherwise). published: each source's published date by source
    id ('' where unknown)."""
    out = pd.DataFrame({column(q): [""] * len(frame) for q in quantities}, index=frame.index)
    dated = frame["source_id"].map(published).fillna("")
    spans = [period_of(p) if p else None for p in dated]
    groups = frame[key].astype(str) + "|" + pd.Series(stated_for(frame), index=frame.index) + "|" + frame["claimant_id"]
    positions = pd.Series(range(len(frame)), index=frame.index)
    for _, members in positions.groupby(groups, sort=False):
        if len(members) < 2:
            continue
        for q in quantities:
            values = frame[q].iloc[members.to_numpy()]
            given = [int(p) for p, v in zip(members, values, strict=True) if pd.notna(v) and spans[p] is not None]
            for p in given:
                later = [o for o in given if spans[o][0] > spans[p][1]]
                if not later:
                    continue
                latest = max(later, key=lambda o: spans[o][0])
                if frame[q].iat[latest] != frame[q].iat[p]:
                    out.iat[p, out.columns.get_loc(column(q))] = frame["source_id"].iat[latest]
    return out


def counted(frame: pd.DataFrame, quantity: str) -> pd.Series:
    """The quantity's figures that count (ranges, sums, disputes, grades): a superseded figure is blank."""
    marks = frame.get(column(quantity))
    return frame[quantity] if marks is None else frame[quantity].where(marks.eq(""))
