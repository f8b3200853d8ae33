"""Grades: how well an item's figure is supported, derived from its rows only (learnt from Airwars' grades with
one-line definitions and UCDP GED's count of sources).

Only *vouching* rows count as independent support: a claimant of neither party, whose figure did not reach us only
through a party's site (relayed_by_party) and is not the account of the state whose forces carried out or are
accused of the item (own_account). The graded figure is an attack's death toll (its wounded, then its abducted or
missing, when no row gives a death toll), a movement's or stated population's number of people; only figures stated
for the same thing are compared (data.quantities.stated_for). Pure pandas: the loader adds a `grade` column.
"""

from __future__ import annotations

import pandas as pd

from data import schema
from data.languages import DEFAULT
from data.quantities import stated_for
from data.supersede import counted
from data.translation import N_, t

GRADES = ("corroborated", "one_kind", "single", "contested", "weak", "party_only", "no_figure")
GRADE_LABELS = {
    "corroborated": N_("Corroborated"),
    "one_kind": N_("Agreeing, one kind of source"),
    "single": N_("Single independent source"),
    "contested": N_("Contested"),
    "weak": N_("Weak"),
    "party_only": N_("Party claims only"),
    "no_figure": N_("No figure"),
}
TOLERANCE = 0.10  # figures agree when the highest exceeds the lowest by at most 10% of the highest …
TOLERANCE_PEOPLE = 2  # … or by at most 2 people
GRADE_RULES = {
    "corroborated": N_(
        "independent claimants of two or more kinds (e.g. the UN and a news agency) give figures that "
        "agree within the tolerance"
    ),
    "one_kind": N_(
        "two or more independent claimants agree within the tolerance, but all are of one kind (e.g. only "
        "wire agencies), so one may repeat the other"
    ),
    "single": N_("one independent claimant gives a figure"),
    "contested": N_("independent claimants give figures that differ by more than the tolerance"),
    "weak": N_(
        "the only independent figures reached us through a party's site, or are the account of the state "
        "whose forces carried out or are accused of the action"
    ),
    "party_only": N_("only the group or the Iranian state give a figure"),
    "no_figure": N_("no source gives a figure"),
}
TOLERANCE_TEMPLATE = N_(
    "Figures agree when the highest exceeds the lowest by at most {share} of the highest or by at most {people} "
    "people. Independent: a claimant of neither party, whose figure did not reach us only through a party's site and "
    "is not the acting state's own account."
)


def tolerance_text(lang: str = DEFAULT) -> str:
    """The agreement rule and what counts as independent, in a language (data.translation)."""
    share = format(TOLERANCE, ".0%")
    return t(lang, TOLERANCE_TEMPLATE, share=share, people=TOLERANCE_PEOPLE)


TOLERANCE_TEXT = tolerance_text()


def grade_text(grade: str, lang: str = DEFAULT) -> str:
    """'Grade: Contested — independent claimants give figures that differ by more than the tolerance'."""
    return t(lang, "Grade: {label} — {rule}", label=t(lang, GRADE_LABELS[grade]), rule=t(lang, GRADE_RULES[grade]))


def agree(values: list[int]) -> bool:
    """The figures agree within the tolerance."""
    low, high = min(values), max(values)
    return high - low <= max(TOLERANCE_PEOPLE, TOLERANCE * high)


def vouching(rows: pd.DataFrame) -> pd.Series:
    """Rows that count as independent support: neither party's claim, nor relayed by a party, nor the actor's own."""
    return (
        ~rows["claimant_kind"].isin(schema.PARTY_KINDS) & rows["relayed_by_party"].eq("") & rows["own_account"].eq("")
    )


def _grade_of_quantity(rows: pd.DataFrame, col: str) -> tuple[int, str]:
    """(vouching claimants, grade) of the rows that state one quantity (one stated_for key)."""
    vouch = rows.loc[vouching(rows)]
    claimants = vouch["claimant_id"].nunique()
    if claimants == 0:
        independent = ~rows["claimant_kind"].isin(schema.PARTY_KINDS)
        return 0, "weak" if independent.any() else "party_only"
    if claimants == 1:
        return 1, "single"
    if not agree([int(v) for v in vouch[col]]):
        return claimants, "contested"
    return claimants, "corroborated" if vouch["claimant_kind"].nunique() >= 2 else "one_kind"


def graded_column(rows: pd.DataFrame, cols: tuple[str, ...]) -> str | None:
    """The column an item's grade is about: the first of `cols` any of its rows gives (None: no figure)."""
    return next((c for c in cols if rows[c].notna().any()), None)


def grade_of(rows: pd.DataFrame, cols: tuple[str, ...]) -> str:
    """The grade of one item from all its rows (every lens). Where its rows state several quantities (a stated
    total for two periods), the one with the most vouching claimants is graded."""
    col = graded_column(rows, cols)
    if col is None:
        return "no_figure"
    given = rows.loc[rows[col].notna()]
    graded = [_grade_of_quantity(group, col) for _, group in given.groupby(stated_for(given), sort=False)]
    return max(graded, key=lambda g: g[0])[1]


def grade_rows(frame: pd.DataFrame, key: str, cols: tuple[str, ...]) -> pd.Series:
    """Each row's item grade (aligned with the frame). Stated populations are graded by what they are stated for
    (a place on a day), since each source's population row is an item of its own."""
    frame = frame.assign(**{c: counted(frame, c) for c in cols})  # a superseded figure does not count
    groups = pd.Series(stated_for(frame), index=frame.index) if key == "population_id" else frame[key]
    grades = {k: grade_of(rows, cols) for k, rows in frame.groupby(groups, sort=False)}
    return groups.map(grades)
