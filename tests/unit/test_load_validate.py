"""Loading validates every file and names file, line and column of each problem."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data.load import DataError, load_bundle


def _edit(folder: Path, name: str, row: int, column: str, value: str) -> int:
    """Set one cell (row 0 = first data row); return its CSV line number."""
    path = folder / name
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0])
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return row + 2


def test_real_data_loads(bundle):
    assert bundle.events["event_id"].nunique() >= 9
    assert {"E2009_ASHRAF", "E2011_ASHRAF", "E2013_ASHRAF", "E2015_LIB_OCT"} <= set(bundle.events["event_id"])
    assert {"M01_first_convoy", "M20_last_280"} <= set(bundle.movements["movement_id"])
    assert len(bundle.version) == 10


def test_every_figure_has_a_source_with_url_or_seed(bundle):
    for frame in (bundle.events, bundle.movements, bundle.populations, bundle.distances):
        assert frame["source_id"].isin(bundle.sources.index).all()
    sources = bundle.sources
    assert ((sources["url"] != "") | (sources["seed_file"] != "")).all()


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "message"),
    [
        ("events.csv", 3, "killed", "-3", "'-3' is negative"),
        ("events.csv", 0, "wounded", "many", "is not a whole number"),
        ("events.csv", 1, "date", "2013-02-30", "not a calendar date"),
        ("events.csv", 2, "date", "09/01/2013", "is not an ISO date"),
        ("events.csv", 4, "place_id", "atlantis", "unknown place 'atlantis'"),
        ("events.csv", 5, "source_id", "nobody", "unknown source 'nobody'"),
        ("events.csv", 0, "date_precision", "month", "says 'month' but the dates are day-precise"),
        ("movements.csv", 0, "date_end", "2011-01-01", "ends (2011-01-01) before it starts"),
        ("movements.csv", 0, "people", "3.5", "is not a whole number"),
        ("movements.csv", 1, "scope", "some", "is not one of: transfer, aggregate"),
        ("sources.csv", 0, "url", "", "needs a URL or a seed_file"),
        ("sources.csv", 0, "publisher_kind", "blog", "'blog' is not one of"),
        ("sources.csv", 1, "publisher", "Reuters (via Firstpost)", "names where the copy was read"),
        ("sources.csv", 1, "read_at", "https://example.org/page", "is not a site name"),
        ("claimants.csv", 2, "kind", "group_affiliated", "'group_affiliated' is not one of"),
        ("claimants.csv", 3, "claimant_id", "unami", "duplicate id 'unami'"),
        ("events.csv", 6, "claimant_id", "nobody", "unknown claimant (see claimants.csv) 'nobody'"),
        ("events.csv", 7, "claimant_id", "", "value is required but empty"),
        ("movements.csv", 2, "claimant_id", "ghost", "unknown claimant"),
        ("populations.csv", 3, "claimant_id", "ghost", "unknown claimant"),
        ("distances.csv", 1, "claimant_id", "ghost", "unknown claimant"),
        ("context.csv", 4, "claimant_id", "ghost", "unknown claimant"),
        ("populations.csv", 0, "status", "guessed", "'guessed' is not one of: stated, projected"),
        ("conflicts.csv", 0, "item_ids", "M22_europe_nonalbania;M99_nowhere", "'M99_nowhere' has no label"),
        ("conflicts.csv", 1, "item_ids", "E2009_ASHRAF", "a conflict names at least two items"),
        ("places.csv", 0, "lat", "134.0", "is not a degree value"),
        ("places.csv", 0, "map_dlat", "north", "'north' is not a degree offset within ±10"),
        ("places.csv", 0, "map_apart_from", "", "an offset needs map_dlon, map_dlat and map_apart_from"),
        ("places.csv", 1, "map_label_position", "top centre", "'top centre' is not one of: top left"),
        ("places.csv", 1, "map_detail_label", "left", "'left' is not one of: above, below"),
        ("sites.csv", 0, "claimant_id", "ghost", "unknown claimant (see claimants.csv) 'ghost'"),
        ("sites.csv", 1, "site", "http://habilian.ir/", "is not a site name"),
        ("items.csv", 3, "summary", "Rockets struck on 9 February 2013; deaths range from 1 to 8.", "figures [1, 8]"),
        ("items.csv", 0, "label", "Raid on Camp Ashraf (Jul 2009), 1,000 dead", "figures [1000] are not given"),
    ],
)
def test_bad_cell_is_named_by_file_line_and_column(data_copy, name, row, column, value, message):
    line = _edit(data_copy, name, row, column, value)
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    text = str(err.value)
    assert f"{name}, line {line}, column '{column}'" in text
    assert message in text


def test_seed_row_must_cite_lines(data_copy):
    with (data_copy / "events.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    row = next(i for i, r in enumerate(rows) if r["source_id"].startswith("seed-"))
    line = _edit(data_copy, "events.csv", row, "seed_lines", "")
    with pytest.raises(
        DataError, match=rf"events.csv, line {line}, column 'seed_lines': a seed document row must cite"
    ):
        load_bundle(data_copy)


def test_missing_column_and_missing_file(data_copy):
    text = (data_copy / "movements.csv").read_text(encoding="utf-8").replace("people,", "persons,", 1)
    (data_copy / "movements.csv").write_text(text, encoding="utf-8")
    (data_copy / "distances.csv").unlink()
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert "distances.csv: file is missing" in str(err.value)


def test_header_problem_named(data_copy):
    text = (data_copy / "movements.csv").read_text(encoding="utf-8").replace("people,", "persons,", 1)
    (data_copy / "movements.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert "movements.csv, line 1, column 'people': column is missing" in str(err.value)
    assert "movements.csv, line 1, column 'persons': unknown column" in str(err.value)


def test_all_problems_are_reported_at_once(data_copy):
    _edit(data_copy, "events.csv", 0, "killed", "-1")
    _edit(data_copy, "movements.csv", 0, "people", "x")
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert len(err.value.problems) == 2
    assert str(err.value).startswith("2 problem(s) in the data files")


def test_item_without_label(data_copy):
    line = _edit(data_copy, "events.csv", 0, "event_id", "E1999_NEW")
    with pytest.raises(DataError, match=rf"events.csv, line {line}, column 'event_id': 'E1999_NEW' has no label"):
        load_bundle(data_copy)


def test_a_context_items_figure_must_be_one_its_rows_state(data_copy):
    path = data_copy / "items.csv"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("C_2013_ALBANIA_210,"))
    path.write_text(text.replace("C_2013_ALBANIA_210,", "C_2013_ALBANIA_210,Offer of 999 places ", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert f"items.csv, line {line}, column 'summary': figures [999] are stated by no row of this item" in str(
        err.value
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("actor_role", "", "actor_state and actor_role go together"), ("actor_state", "xyz", "the state of no claimant")],
)
def test_an_items_actor_is_checked(data_copy, column, value, message):
    line = _edit(data_copy, "items.csv", 0, column, value)
    with pytest.raises(DataError) as err:
        load_bundle(data_copy)
    assert f"items.csv, line {line}, column '{column}': " in str(err.value) and message in str(err.value)
