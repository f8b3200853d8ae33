"""A claimant's later figure supersedes its earlier one (data.supersede): re-derived here from the CSV files, and
seen where a reader looks — the headline ranges, the detail panel, the table."""

from __future__ import annotations

import csv
from pathlib import Path

import present
from data.select import full_view

DATA = Path(__file__).resolve().parents[2] / "data"


def _csv(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _span(published: str) -> tuple[str, str] | None:
    """First and last possible day of a partial ISO date, as sortable text (None: undated)."""
    if not published:
        return None
    parts = published.split("-")
    if len(parts) == 3:
        return published, published
    if len(parts) == 2:
        return published + "-01", published + "-31"
    return published + "-01-01", published + "-12-31"


def test_marks_match_a_derivation_from_the_csv_files(bundle):
    """An attack figure is superseded when the same claimant gives a different figure for the same attack in a
    source whose first possible day comes after its own source's last; undated sources are never ordered."""
    published = {r["source_id"]: r["published"] for r in _csv("sources.csv")}
    rows = _csv("events.csv")
    expected = set()
    for quantity in ("killed", "wounded", "abducted_or_missing"):
        for row in rows:
            mine = _span(published[row["source_id"]])
            if not row[quantity] or mine is None:
                continue
            later = [
                (span, other)
                for other in rows
                if other["event_id"] == row["event_id"] and other["claimant_id"] == row["claimant_id"]
                and other[quantity] and (span := _span(published[other["source_id"]])) and span[0] > mine[1]
            ]  # fmt: skip
            if later and max(later)[1][quantity] != row[quantity]:
                expected.add((row["event_id"], row["source_id"], quantity, max(later)[1]["source_id"]))
    events = bundle.events
    found = {
        (e, s, q, by)
        for q in ("killed", "wounded", "abducted_or_missing")
        for e, s, by in zip(events["event_id"], events["source_id"], events[f"{q}_superseded_by"], strict=True)
        if by
    }
    assert found == expected and len(found) >= 5
    undated = {s for s, p in published.items() if not p}
    assert not {s for _, s, _, by in found if s in undated or by in undated}


def test_the_groups_day_one_count_gives_way_to_its_later_figure(bundle):
    """July 2009: the group's 4 killed (Washington Post, 29 Jul) is superseded by its 9 (AP, 11 Aug): it no longer
    sets the range's low end for the group, stays in the detail panel marked, and the table says so."""
    summary = next(
        s for s in present.render_panels(bundle, full_view(bundle)).killed.attribution.split("\n") if "Jul 2009" in s
    )
    assert "PMOI/MEK and NCRI, per Washington Post" not in summary
    assert "PMOI/MEK and NCRI, per Associated Press [The group]: 9" in summary
    detail = present.item_detail(bundle, "event", "E2009_ASHRAF")
    wapo = next(line for line in detail.sources if line.publisher == "PMOI/MEK and NCRI, per Washington Post")
    assert wapo.figures.startswith("killed 4 (superseded by this claimant's later figure: Associated Press, 11 Aug")
    table = present.table(bundle, full_view(bundle))
    row = table.loc[table["source"] == "PMOI/MEK and NCRI, per Washington Post"].iloc[0]
    assert row["superseded"] == "killed by associated-press-2009-08-11-ncri" and row["killed"] == 4


def test_the_killed_headline_sums_only_figures_that_count(bundle):
    """Σ per-attack lowest – Σ per-attack highest over the figures not superseded, re-derived from the rows."""
    events = bundle.events
    figures = events["killed"].where(events["killed_superseded_by"].eq("")).dropna()
    per = figures.groupby(events.loc[figures.index, "event_id"]).agg(["min", "max"])
    text = present.render_panels(bundle, full_view(bundle)).killed.text
    assert text == f"{int(per['min'].sum()):,}–{int(per['max'].sum()):,}"
