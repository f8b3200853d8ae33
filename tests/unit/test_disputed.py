"""'Disputed' means: sources disagree about the same quantity for the same date or period (data.summary.disputed),
and the detail panel, the table, the KPIs, the charts and the text alternatives all say the same."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

import present
from components.detail import detail_view
from data.select import View, full_view, select
from data.summary import disputed, rows_disputed, summarise_events, summarise_movements
from data.table import disputed_count


def _view(start: str, end: str, place: str | None = None) -> View:
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, "all")


def _text(children) -> str:
    """Every string in a tree of Dash components."""
    if isinstance(children, str):
        return children
    if isinstance(children, list | tuple):
        return " ".join(_text(c) for c in children)
    inner = getattr(children, "children", None)
    return _text(inner) if inner is not None else ""


def test_the_rule_compares_figures_for_the_same_quantity_only():
    assert not disputed([("liberty@2015-12-31", 821), ("liberty@2016-12-31", 2745)])
    assert disputed([("", 5), ("", 8)])
    assert not disputed([("", 8), ("", 8)])
    assert disputed([("a", 1), ("b", 2), ("a", 3)])


def test_stated_populations_at_different_dates_are_not_disputed(bundle):
    pops = bundle.populations
    albania = pops.loc[pops["place_id"] == "alb"]
    assert sorted(albania["people"]) == [821, 2745]  # end-2015 and end-2016: change over time
    assert not rows_disputed(albania, ("people",))
    detail = present.item_detail(bundle, "place", "alb")
    assert not detail.disputed
    assert "disputed" not in _text(detail_view(detail))
    table = present.table(bundle, _view(bundle.first_month.strftime("%Y-%m"), "2016-12", "alb"))
    assert disputed_count(table) == 0 and not table["disputed"].any()


def test_stated_populations_for_the_same_day_that_differ_are_disputed(bundle):
    detail = present.item_detail(bundle, "place", "liberty")
    assert detail.disputed  # 15 Jun 2013: 3,000 (AFP) and 3,200 (Amnesty International)
    assert "15 Jun 2013 (3,000–3,200)" in detail.spread_text
    table = present.table(bundle, full_view(bundle))
    liberty = table.loc[(table["item_type"] == "stated population") & table["place"].str.startswith("Camp Liberty")]
    flagged = liberty.loc[liberty["disputed"]]
    assert set(flagged["date"]) == {"15 Jun 2013"} and sorted(flagged["people"]) == [3000, 3200]
    # Liberty's other stated populations (1,200 in Mar 2012 … 3,300 in 2012) are change over time.
    assert not liberty.loc[liberty["date"] != "15 Jun 2013", "disputed"].any()


def test_the_place_panel_gives_its_active_period(bundle):
    text = _text(detail_view(present.item_detail(bundle, "place", "alb")))
    assert "Active: from May 2013" in text and "Date:" not in text
    assert "Active: 1986 – 11 Sep 2013" in _text(detail_view(present.item_detail(bundle, "place", "ashraf")))


def test_two_sources_giving_different_killed_for_the_same_attack_are_disputed(bundle):
    view = _view("2013-02", "2013-02")
    (attack,) = summarise_events(select(bundle, view).events, bundle)
    assert attack.item_id == "E2013_LIB_FEB" and attack.spreads["killed"].disputed
    assert present.item_detail(bundle, "event", "E2013_LIB_FEB").disputed
    table = present.table(bundle, view)
    assert table.loc[table["item_id"] == "E2013_LIB_FEB", "disputed"].all()
    rendered = present.render_panels(bundle, view)
    assert "sources disagree" in rendered.killed.context
    assert "⚑ disputed" in " ".join(go.Figure(rendered.casualties).layout.xaxis.ticktext)
    assert "sources disagree on 1 of them" in present.summaries(bundle, view)["casualties"]


def test_a_stated_total_for_two_different_periods_is_not_disputed(bundle):
    # 3,000 moved in 2012 and 3,100 by 15 Jan 2013: two periods, two quantities.
    rows = bundle.movements.loc[bundle.movements["movement_id"] == "M06_cumulative_2012"]
    assert sorted(rows["people"]) == [3000, 3100, 3200]  # and the seed's 3,200 for the year 2012
    (total,) = summarise_movements(rows.assign(partial=False), bundle)
    assert not total.spreads["people"].disputed
    table = present.table(bundle, full_view(bundle))
    assert not table.loc[table["item_id"] == "M06_cumulative_2012", "disputed"].any()
    # A transfer is one occurrence: 400 and 416 for the fifth convoy disagree.
    convoy = bundle.movements.loc[bundle.movements["movement_id"] == "M27_fifth_convoy"]
    assert rows_disputed(convoy, ("people",))
