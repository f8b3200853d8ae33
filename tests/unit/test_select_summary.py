"""Selection by range/place/lens and per-source ranges: never averaged, never one figure picked."""

from __future__ import annotations

import pandas as pd

from data import schema
from data.select import View, full_view, select
from data.summary import summarise_events, summarise_movements, total


def _view(start: str, end: str, place=None, lens="all") -> View:
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, lens)


def test_sep_2013_shows_the_ashraf_attack_with_every_source(bundle):
    sel = select(bundle, _view("2013-09", "2013-09"))
    attacks = summarise_events(sel.events, bundle)
    assert [a.item_id for a in attacks] == ["E2013_ASHRAF"]
    killed = attacks[0].spreads["killed"]
    assert killed.low == 15
    assert killed.high >= 52
    assert killed.text() == f"15–{killed.high}"
    assert killed.disputed
    publishers = killed.attribution()
    assert "Reuters" in publishers and "UN News Centre" in publishers
    # each source keeps its own figure; the UN's 47 is listed, not averaged away
    assert 47 in [f.value for f in killed.figures]


def test_april_2011_range_under_each_lens(bundle):
    everything = summarise_events(select(bundle, _view("2011-04", "2011-04")).events, bundle)[0].spreads["killed"]
    group = summarise_events(select(bundle, _view("2011-04", "2011-04", lens="seeds")).events, bundle)[0]
    independent = summarise_events(select(bundle, _view("2011-04", "2011-04", lens="independent")).events, bundle)[0]
    assert everything.high == 36
    assert group.spreads["killed"].text() == "36"  # the seed documents' figure alone
    assert all(f.source_id.startswith("seed-") for f in group.spreads["killed"].figures)
    assert all(f.kind not in schema.PARTY_KINDS for f in independent.spreads["killed"].figures)
    assert 34 in [f.value for f in independent.spreads["killed"].figures]


def test_place_filter_keeps_only_that_place(bundle):
    sel = select(bundle, _view("2009-07", "2016-09", place="liberty"))
    assert set(sel.events["place_id"]) == {"liberty"}
    touches = (sel.movements["origin_place_id"] == "liberty") | (sel.movements["destination_place_id"] == "liberty")
    assert touches.all()
    alb = select(bundle, _view("2009-07", "2016-09", place="alb"))
    assert alb.events.empty
    assert set(alb.movements["destination_place_id"]) == {"alb"}


def test_partial_overlap_is_shown_but_not_counted(bundle):
    # A year-precise movement (2013) in a one-month view overlaps only partly.
    sel = select(bundle, _view("2013-09", "2013-09"))
    transfers = summarise_movements(sel.movements.loc[sel.movements["scope"] == "transfer"], bundle)
    partial = [t for t in transfers if t.partial]
    whole = [t for t in transfers if not t.partial]
    assert partial, "expected a year-precise transfer in view"
    t = total(transfers, "people")
    assert t.low == sum(w.spreads["people"].low for w in whole if w.spreads["people"].figures)
    assert any("2013" in label for label in t.partial)
    assert "Not counted" in t.attribution()


def test_kpi_sums_lows_and_highs(bundle):
    sel = select(bundle, full_view(bundle))
    attacks = summarise_events(sel.events, bundle)
    t = total(attacks, "killed")
    with_fig = [a for a in attacks if a.spreads["killed"].figures and not a.partial]
    assert t.low == sum(a.spreads["killed"].low for a in with_fig)
    assert t.high == sum(a.spreads["killed"].high for a in with_fig)
    assert t.low < t.high


def test_month_precise_date_is_not_drawn_on_the_first(bundle):
    sel = select(bundle, _view("2012-08", "2012-08"))
    row = sel.movements.loc[sel.movements["movement_id"] == "M03_sixth_convoy"].iloc[0]
    assert row["period_start"] == pd.Timestamp("2012-08-01")
    assert row["period_end"] == pd.Timestamp("2012-08-31")
