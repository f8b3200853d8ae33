"""Conflicts between items are visible: in the detail panel, as one item per quantity, and projections apart."""

from __future__ import annotations

import dataclasses

import present
from components.detail import detail_view
from data.select import full_view


def test_items_have_distinct_labels(bundle):
    labels = bundle.items["label"]
    assert not labels.duplicated().any(), sorted(labels[labels.duplicated(keep=False)])


def test_the_2012_ashraf_to_liberty_total_is_one_item_with_one_range(bundle):
    assert "MS_2012_total_3200" not in bundle.items.index
    rows = bundle.movements.loc[bundle.movements["movement_id"] == "M06_cumulative_2012"]
    assert "seed-003" in set(rows["source_id"]) and rows["source_id"].nunique() == len(rows) >= 3
    detail = present.item_detail(bundle, "movement", "M06_cumulative_2012")
    low, high = rows["people"].min(), rows["people"].max()
    assert f"people: {low:,}–{high:,}" in detail.spread_text


def test_detail_panel_names_conflicting_items(bundle):
    for item, other in (("M22_europe_nonalbania", "M33_albania_2016"), ("M33_albania_2016", "M22_europe_nonalbania")):
        detail = present.item_detail(bundle, "movement", item)
        assert detail.conflicts, item
        others, summary = detail.conflicts[0]
        assert bundle.items.at[other, "label"] in others and "1,942" in summary
        assert "Conflicts with other items" in str(detail_view(detail))
    for item in ("E2009_ASHRAF", "E2011_ASHRAF"):
        text = " ".join(s for _, s in present.item_detail(bundle, "event", item).conflicts)
        assert "49" in text and "47" in text, item


def test_a_projection_is_not_drawn_as_a_stated_population(bundle):
    projected = bundle.populations.loc[bundle.populations["status"] == "projected"]
    assert set(projected["population_id"]) == {"P_liberty_1970_unhcr-2015-12"}
    view = full_view(bundle)
    fig = present.render_population(bundle, dataclasses.replace(view, place="liberty"))
    stated_y = [y for t in fig["data"] if "Stated" in str(t.get("name", "")) for y in t.get("y", [])]
    assert stated_y and 1970 not in stated_y
    table = present.table(bundle, view)
    row = table.loc[table["item_id"] == "P_liberty_1970_unhcr-2015-12"].iloc[0]
    assert row["item_type"] == "projected population" and row["item"].startswith("Projected population")
    place = present.item_detail(bundle, "place", "liberty")
    assert any("projection" in s.figures for s in place.sources)
