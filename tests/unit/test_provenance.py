"""Population ledger, the view table, the detail panel and table sorting."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import present
from components.detail import detail_view
from components.table import sort_rows, sort_state, table_html
from data import ledger
from data.select import View, full_view, select
from present.view_state import Source, selected_from_click


def _view(start, end, place=None, lens="all"):
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, lens)


def test_ledger_is_inflows_minus_outflows(bundle):
    transfers = bundle.movements.loc[(bundle.movements["scope"] == "transfer") & bundle.movements["people"].notna()]
    per_item = transfers.groupby("movement_id").agg(
        origin=("origin_place_id", "first"), dest=("destination_place_id", "first"),
        low=("people", "min"), high=("people", "max"),
    )  # fmt: skip
    stocks = ledger.stocks(bundle.movements)
    for place in ("liberty", "alb", "deu"):
        inflow = per_item.loc[per_item["dest"] == place]
        outflow = per_item.loc[per_item["origin"] == place]
        last = stocks.loc[stocks["place_id"] == place].iloc[-1]
        assert last["low"] == inflow["low"].sum() - outflow["low"].sum()
        assert last["high"] == inflow["high"].sum() - outflow["high"].sum()
    liberty = stocks.loc[stocks["place_id"] == "liberty"]
    assert liberty["date"].is_monotonic_increasing
    # the first listed convoy (18 Feb 2012, 397 people) opens the Liberty ledger
    assert liberty.iloc[0]["date"] == pd.Timestamp("2012-02-18") and liberty.iloc[0]["high"] == 397


def test_population_chart_shows_computed_line_and_stated_points(bundle):
    fig = go.Figure(present.render_population(bundle, full_view(bundle)))
    names = [t.name for t in fig.data if t.name]
    assert any("listed transfers" in n and "Liberty" in n for n in names)
    stated = [t for t in fig.data if t.name and t.name.startswith("Stated by")]
    values = {int(v) for t in stated for v in t.y}
    assert {3300, 3400} <= values  # the group's 3,300 and others' 3,400 are both drawn


def test_table_follows_range_place_and_lens(bundle):
    every = present.table(bundle, full_view(bundle))
    sel = select(bundle, full_view(bundle))
    assert len(every) == len(sel.events) + len(sel.movements) + len(sel.populations)
    april = present.table(bundle, _view("2011-04", "2011-04"))
    attacks = april.loc[april["item_type"] == "attack"]
    assert set(attacks["item_id"]) == {"E2011_ASHRAF"} and attacks["disputed"].all()
    group = present.table(bundle, _view("2011-04", "2011-04", lens="seeds"))
    assert set(group["source_kind"]) == {"The group"} and group["reference"].str.contains(".txt lines").all()
    liberty = present.table(bundle, _view("2009-07", "2016-12", place="liberty"))
    assert (liberty.loc[liberty["item_type"] == "attack", "place"] == "Camp Liberty (Camp Hurriya)").all()
    refs = every["reference"]
    assert (refs.str.startswith("http") | refs.str.contains(r"\.txt lines \d")).all()


def test_detail_of_a_disputed_attack_lists_every_source_and_seed_line(bundle):
    detail = present.item_detail(bundle, "event", "E2011_ASHRAF")
    rows = bundle.events.loc[bundle.events["event_id"] == "E2011_ASHRAF"]
    assert len(detail.sources) == len(rows)
    assert detail.disputed and "killed: 3–36" in detail.spread_text
    assert all(s.url.startswith("http") or ".txt, lines " in s.seed_ref for s in detail.sources)
    assert any(where.startswith("003_") and "lines 44" in where for where, _ in detail.seed_claims)
    text = str(detail_view(detail))
    assert "disputed" in text and "UNAMI, per UN News Centre" in text


def test_detail_of_place_and_unknown(bundle):
    assert present.item_detail(bundle, "place", "liberty").title.startswith("Camp Liberty")
    assert present.item_detail(bundle, "event", "E1900_NOPE") is None
    assert "Click an attack" in str(detail_view(None))


@pytest.mark.parametrize(
    ("trigger", "click", "expected"),
    [
        (Source.MAP, {"points": [{"customdata": ["event", "E2013_ASHRAF", "ashraf"]}]}, ("event", "E2013_ASHRAF")),
        (Source.MAP, {"points": [{"customdata": ["movement", "M20_last_280", "alb"]}]}, ("movement", "M20_last_280")),
        (Source.MAP, {"points": [{"customdata": ["place", "alb", "alb"]}]}, ("place", "alb")),
        (Source.CASUALTIES, {"points": [{"customdata": "E2011_ASHRAF"}]}, ("event", "E2011_ASHRAF")),
        (Source.RELOCATIONS, {"points": [{"customdata": "M20_last_280"}]}, ("movement", "M20_last_280")),
        (Source.MAP, {"points": []}, None),
        (Source.CASUALTIES, None, None),
    ],
)
def test_clicks_select_items(trigger, click, expected):
    assert selected_from_click(trigger, click) == expected


def test_table_sorting_and_html(bundle):
    rows = present.table(bundle, full_view(bundle))
    assert sort_state("killed", "desc") == {"column": "killed", "ascending": False}
    assert sort_state("bogus", None) == {"column": "date", "ascending": True}
    by_killed = sort_rows(rows, sort_state("killed", "desc"))
    assert by_killed["killed"].iloc[0] == rows["killed"].max()
    assert by_killed["killed"].iloc[-1] is pd.NA
    markup = table_html(rows, sort_state("killed", "desc"))
    assert '<th scope="col" aria-sort="descending">Killed ▼</th>' in markup
    assert markup.count("<tr>") == len(rows) + 1
    assert 'rel="noopener noreferrer"' in markup and "disputed</span>" in markup
    assert "<script" not in table_html(rows.assign(note="<script>alert(1)</script>", item="<b>x</b>"), {})


@pytest.mark.parametrize("lens", ["all", "seeds", "independent"])
def test_population_is_never_negative_and_says_where_it_cannot_be_computed(bundle, lens):
    """For every lens × place: no drawn population below 0; where the computed stock would be negative a note
    names the place and says it cannot be computed."""
    for place in [None, *bundle.places.index]:
        view = View(bundle.first_month, bundle.last_month, place, lens)
        fig = present.render_population(bundle, view)
        ys = [y for t in fig["data"] for y in (t.get("y") or []) if y is not None]
        assert all(y >= 0 for y in ys), (lens, place, min(ys))
        notes = " ".join(a["text"] for a in fig["layout"].get("annotations", []))
        lensed = select(bundle, view).movements
        raw = ledger.stocks(lensed)
        raw = raw.loc[raw["place_id"] == place] if place else raw
        for pid in raw.loc[(raw["low"] < 0) | (raw["high"] < 0), "place_id"].unique():
            name = bundle.places.at[pid, "name"]
            assert f"{name}: cannot be computed" in notes.replace("<br>", " "), (lens, place, pid)


def test_liberty_under_the_seed_lens_is_not_drawn_below_zero(bundle):
    view = View(bundle.first_month, bundle.last_month, "liberty", "seeds")
    stocks = ledger.stocks(select(bundle, view).movements)
    liberty = stocks.loc[stocks["place_id"] == "liberty"]
    assert (liberty["low"] < 0).any() and not liberty.loc[liberty["low"] < 0, "computable"].any()
    fig = present.render_population(bundle, view)
    assert fig["layout"]["yaxis"]["rangemode"] == "tozero"
    assert any(s["type"] == "rect" for s in fig["layout"].get("shapes", []))  # the band where it cannot be computed


def test_population_places_and_kinds_have_distinct_encodings(bundle):
    """A stated point's place is its colour and its kind of source its symbol: no two (place, kind) pairs look
    the same, Ashraf's and Liberty's points differ, and a legend explains both."""
    fig = present.render_population(bundle, full_view(bundle))
    stated = [t for t in fig["data"] if t.get("name", "").startswith("Stated by")]
    encodings = {}
    for t in stated:
        kind, place = t["name"].removeprefix("Stated by ").split(" source: ")
        encodings.setdefault((t["marker"]["color"], t["marker"]["symbol"]), set()).add((place, kind))
    assert len(stated) > 6 and all(len(pairs) == 1 for pairs in encodings.values()), encodings
    colours = {t["name"].split(": ", 1)[1]: t["marker"]["color"] for t in stated}
    assert colours["Camp Ashraf"] != colours["Camp Liberty (Camp Hurriya)"]
    legend = [t for t in fig["data"] if t.get("showlegend") is not False and t.get("name")]
    titles = {t["legendgrouptitle"]["text"] for t in legend}
    assert titles == {"Place (colour):", "Stated by (symbol):"}
    labels = {a["text"] for a in fig["layout"]["annotations"]}
    assert {"Camp Ashraf", "Camp Liberty (Camp Hurriya): listed transfers", "Albania"} <= labels  # direct labels


@pytest.mark.parametrize("lens", ["all", "independent", "group", "iran_state"])
def test_a_line_of_listed_transfers_stops_where_later_stated_populations_all_disagree(bundle, lens):
    """A place's line (arrivals minus departures listed so far) must not read as its population: from the first
    stated date after which no stated figure agrees with it (data.grades tolerance), it is not drawn, and a note
    names the place, the date and who states what. Re-derived here from the ledger and the stated rows."""
    from data.grades import agree

    view = View(bundle.first_month, bundle.last_month, None, lens)
    fig = present.render_population(bundle, view)
    notes = " ".join(a["text"] for a in fig["layout"].get("annotations", [])).replace("<br>", " ")
    stocks = present.history._stocks(bundle, None, lens)
    stated = present.history._stated(bundle, None, lens, (), "en")
    for place_id, rows in stocks.loc[(stocks["place_id"] != "ashraf") & stocks["computable"]].groupby("place_id"):
        name = bundle.places.at[place_id, "name"]
        line = next(t for t in fig["data"] if t.get("name") == f"{name}: listed transfers")
        last_drawn = pd.Timestamp(list(line["x"])[-1])
        flags = []  # (date, whether a stated figure agrees with the stock there)
        own = stated.loc[(stated["place_id"] == place_id) & (stated["period_end"] >= rows["date"].iat[0])]
        for day, said in own.groupby("period_end"):
            stock = rows.loc[rows["date"] <= day].iloc[-1]
            ok = any(stock["low"] <= n <= stock["high"] or agree([stock["low"], n]) or agree([stock["high"], n])
                     for n in said["people"])  # fmt: skip
            flags.append((day, ok))
        tail = [day for day, _ in flags[max((i + 1 for i, (_, ok) in enumerate(flags) if ok), default=0) :]]
        if tail:  # every stated figure from tail[0] on disagrees: the line ends there and says why
            assert last_drawn == tail[0], (lens, place_id, last_drawn, tail[0])
            assert f"{name}: line stops {tail[0].day} {tail[0]:%b %Y}" in notes
        else:
            assert last_drawn == rows["date"].iat[-1] and f"{name}: line stops" not in notes
    if lens == "all":  # Liberty: UNHCR's 2,700 (Aug 2014) against 3,101–3,117 listed; Albania: 821 against 71
        assert "Camp Liberty (Camp Hurriya): line stops 31 Aug 2014" in notes and "UNHCR states 2,700" in notes
        assert "Albania: line stops 31 Dec 2015" in notes
