"""Grades: every item's grade is reproduced here from the CSV rows alone, by the rule the page and README state;
grade= filters the view everywhere (URL, store, selection, table, CSV) and bad values are named."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pandas as pd
import pytest

from data.grades import GRADES
from data.load import DATA_DIR
from data.select import View, full_view, select
from data.table import table
from data.view import ParamError, default_choices
from exports.data import to_csv

PARTIES = {"group", "iran_state"}


def _read(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _agree(values: list[int]) -> bool:
    return max(values) - min(values) <= max(2, 0.1 * max(values))


def _grade(rows: list[dict], cols: tuple[str, ...]) -> str:
    """The rule as README states it, on plain dict rows with `vouching` and `independent` set."""
    col = next((c for c in cols if any(r[c] for r in rows)), None)
    if col is None:
        return "no_figure"
    by_quantity: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r[col]:
            by_quantity[r["quantity"]].append(r)
    results = []
    for group in by_quantity.values():
        vouch = [r for r in group if r["vouching"]]
        claimants = {r["claimant_id"] for r in vouch}
        if not claimants:
            results.append((0, "weak" if any(r["independent"] for r in group) else "party_only"))
        elif len(claimants) == 1:
            results.append((1, "single"))
        elif not _agree([int(r[col]) for r in vouch]):
            results.append((len(claimants), "contested"))
        else:
            kinds = {r["kind"] for r in vouch}
            results.append((len(claimants), "corroborated" if len(kinds) >= 2 else "one_kind"))
    return max(results, key=lambda g: g[0])[1]


def _rows(name: str, key: str) -> dict[str, list[dict]]:
    """The rows of a file by item, each with its claimant kind, whether it vouches, and what it is stated for."""
    claimants = {r["claimant_id"]: r for r in _read("claimants.csv")}
    sources = {r["source_id"]: r for r in _read("sources.csv")}
    site_kind = {r["site"]: claimants[r["claimant_id"]]["kind"] for r in _read("sites.csv")}
    actors = {r["item_id"]: r["actor_state"] for r in _read("items.csv")}
    items: dict[str, list[dict]] = defaultdict(list)
    for r in _read(name):
        kind = claimants[r["claimant_id"]]["kind"]
        src = sources[r["source_id"]]
        relayed = src["publisher_kind"] in PARTIES or site_kind.get(src["read_at"]) in PARTIES
        own = bool(actors.get(r.get(key, ""), "")) and actors[r[key]] == claimants[r["claimant_id"]]["state"]
        if key == "population_id":
            at = f"{r['place_id']}@{r['date']}"
            quantity = at if r["date_precision"] == "day" else f"{at}#{r['population_id']}"
            item = quantity
        elif key == "movement_id" and r["scope"] == "aggregate":
            quantity = f"{r['origin_place_id']}>{r['destination_place_id']}@{r['date_start']}/{r['date_end']}"
            item = r[key]
        else:
            quantity, item = "", r[key]
        independent = kind not in PARTIES
        items[item].append({**r, "kind": kind, "independent": independent, "quantity": quantity,
                            "vouching": independent and not relayed and not own})  # fmt: skip
    return items


@pytest.mark.parametrize(
    ("frame", "name", "key", "cols"),
    [
        ("events", "events.csv", "event_id", ("killed", "wounded", "abducted_or_missing")),
        ("movements", "movements.csv", "movement_id", ("people",)),
        ("populations", "populations.csv", "population_id", ("people",)),
    ],
)
def test_every_grade_is_reproduced_from_the_rows(bundle, frame, name, key, cols):
    expected = {item: _grade(rows, cols) for item, rows in _rows(name, key).items()}
    loaded = getattr(bundle, frame)
    if key == "population_id":
        at = loaded["place_id"] + "@" + loaded["date"]
        items = at.where(loaded["date_precision"] == "day", at + "#" + loaded["population_id"])
    else:
        items = loaded[key]
    assert dict(zip(items, loaded["grade"], strict=True)) == expected


def test_the_grades_reach_every_rule_and_each_item_has_one(bundle):
    per_item = pd.concat([bundle.events.groupby("event_id")["grade"].nunique(),
                          bundle.movements.groupby("movement_id")["grade"].nunique()])  # fmt: skip
    assert (per_item == 1).all()
    found = set(bundle.events["grade"]) | set(bundle.movements["grade"]) | set(bundle.populations["grade"])
    assert found == set(GRADES)


def test_the_raids_tolls_are_contested_and_a_party_only_claim_is_marked(bundle):
    grade = bundle.events.drop_duplicates("event_id").set_index("event_id")["grade"]
    # Jul 2009: Amnesty 8–9, HRW 7, … the Iraqi government's own 7 does not count.
    assert grade["E2009_ASHRAF"] == "contested"
    assert grade["E2014_LIB_MAY"] == "party_only"  # only the group reports that bullet


def test_no_row_under_the_independent_lens_has_a_party_claimant(bundle):
    sel = select(bundle, View(bundle.first_month, bundle.last_month, lens="independent"))
    for name in ("events", "movements", "populations", "context"):
        assert not sel.frame(name)["claimant_kind"].isin(PARTIES).any(), name


def test_grade_filters_the_selection_the_table_and_the_csv(bundle):
    view = View.parse("?grade=contested,single", default_choices())[0]
    assert view.grades == ("single", "contested")  # GRADES order
    sel = select(bundle, view)
    for name in ("events", "movements", "populations"):
        assert set(sel.frame(name)["grade"]) <= {"single", "contested"}
        assert len(sel.frame(name)) < len(getattr(bundle, name))
    shown = table(bundle, view)
    assert set(shown["grade"]) == {"single", "contested"}
    exported = list(csv.DictReader(io.StringIO(to_csv(bundle, view).decode())))
    assert {r["grade"] for r in exported} == {"single", "contested"} and len(exported) == len(shown)
    every = table(bundle, full_view(bundle))
    assert len(every) > len(shown)


def test_grade_in_the_url_store_file_name_and_caption(bundle):
    choices = default_choices()
    view, notices = View.parse("?from=2013-01&to=2013-12&grade=corroborated", choices)
    assert not notices and view.query() == "?from=2013-01&to=2013-12&grade=corroborated"
    assert View.from_store(view.to_store(), choices) == view
    assert view.file_stem("casualties").endswith("-corroborated")
    stepped = view.at_step("camps", 2, choices)
    assert stepped.grades == ("corroborated",) and "grade=corroborated" in stepped.query()
    _, notices = View.parse("?grade=sure", choices)
    assert notices and "grade=" in notices[0] and "sure" in notices[0]
    with pytest.raises(ParamError, match="grade="):
        View.parse_strict("?grade=sure", choices)
    with pytest.raises(ParamError, match="grade"):
        View.from_store({**view.to_store(), "grade": "corroborated"}, choices)
    from exports.caption import caption_lines

    assert any("Only: Corroborated" in line for line in caption_lines(bundle, view, "casualties", "x", 1200))


def test_image_captions_count_the_grades_of_the_items_drawn(bundle):
    from exports.caption import caption_lines

    view = full_view(bundle)
    text = " ".join(caption_lines(bundle, view, "casualties", "Casualties", 1600))
    attacks = bundle.events.drop_duplicates("event_id")["grade"].value_counts()
    assert f"Grades of the {attacks.sum()} items drawn" in text
    assert f"Contested {attacks['contested']}" in text and f"Corroborated {attacks['corroborated']}" in text


def test_the_geojson_and_the_hovers_carry_the_grade(bundle):
    import json

    from exports.data import to_geojson
    from present.panels import render_panels

    view = full_view(bundle)
    features = json.loads(to_geojson(bundle, view))["features"]
    assert all({"grade", "relayed_by_party", "own_account"} <= set(f["properties"]) for f in features)
    assert {f["properties"]["grade"] for f in features} <= set(GRADES)
    fig = json.loads(json.dumps(render_panels(bundle, view).casualties, default=str))
    hovers = " ".join(h for t in fig["data"] for h in (t.get("hovertext") or []) if isinstance(h, str))
    assert "Grade: Contested — independent claimants give figures that differ" in hovers.replace("<br>", " ")
