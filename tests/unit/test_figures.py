"""Figures are pure functions of the selected data: check what a reader would see in them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import present
from data.select import View, full_view, select
from data.summary import summarise_events, summarise_movements
from figures import casualty_figure, relocation_figure


def _view(start, end, place=None):
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place)


def test_casualty_figure_shows_floor_range_and_each_source(bundle):
    attacks = summarise_events(select(bundle, _view("2013-09", "2013-09")).events, bundle)
    fig = go.Figure(casualty_figure(attacks, bundle.places["name"].to_dict(), "Sep 2013"))
    floor, ranged = fig.data[0], fig.data[1]
    assert floor.type == "bar" and list(floor.y) == [15]
    assert list(ranged.base) == [15] and ranged.y[0] == attacks[0].spreads["killed"].high - 15
    assert "1 Sep 2013" in fig.layout.xaxis3.ticktext[0] or "1 Sep 2013" in fig.layout.xaxis.ticktext[0]
    dots = [t for t in fig.data if t.type == "scatter"]
    values = sorted(v for t in dots if t.yaxis == "y" for v in t.y)
    assert 15 in values and 19 in values and 47 in values and 52 in values
    assert {c for t in fig.data for c in t.customdata} == {"E2013_ASHRAF"}
    assert "Sep 2013" in fig.layout.title.text


def test_empty_view_says_so(bundle):
    fig = go.Figure(casualty_figure([], {}, ""))
    assert fig.layout.annotations[0].text.startswith("No attacks")
    assert go.Figure(relocation_figure([], [], {}, "")).layout.annotations[0].text.startswith("No relocations")


def test_relocation_bars_span_the_dated_period(bundle):
    sel = select(bundle, _view("2012-08", "2012-08"))
    moves = sel.movements
    transfers = summarise_movements(moves.loc[moves["scope"] == "transfer"], bundle)
    fig = go.Figure(relocation_figure(transfers, [], bundle.places["name"].to_dict(), ""))
    bar = next(t for t in fig.data if t.type == "bar" and "M03_sixth_convoy" in list(t.customdata))
    i = list(bar.customdata).index("M03_sixth_convoy")
    centre = pd.Timestamp(bar.x[i])
    assert pd.Timestamp("2012-08-15") <= centre <= pd.Timestamp("2012-08-17")  # middle of August, not the 1st
    assert bar.width[i] == pytest.approx(31 * 86400 * 1000)


def test_map_has_places_attacks_flows_and_highlight(bundle):
    fig = go.Figure(present.render_map(bundle, full_view(bundle), highlight="E2013_ASHRAF"))
    assert all(t.type == "scattergeo" for t in fig.data)
    custom = [tuple(c[:3]) for t in fig.data if t.customdata is not None for c in t.customdata]
    assert ("place", "ashraf", "ashraf") in custom and ("place", "alb", "alb") in custom
    assert ("event", "E2013_ASHRAF", "ashraf") in custom
    movements = set(bundle.movements["movement_id"])
    assert any(c[0] == "movement" and c[1] in movements and c[2] == "alb" for c in custom)
    assert len(fig.data[0].lon) == 1  # the ring around the highlighted attack
    assert (fig.layout.geo.scope, fig.layout.geo.resolution) == ("world", 110)  # region: world_110m
    assert (fig.layout.geo2.scope, fig.layout.geo2.resolution) == ("asia", 50)  # Iraq detail: asia_50m
    assert fig.layout.geo2.lonaxis.range == (43.2, 46.6)
    places = {p for t in fig.data if t.customdata is not None for k, p, *_ in t.customdata if k == "place"}
    assert set(bundle.places.index) <= places


def test_map_without_highlight_outside_view(bundle):
    fig = go.Figure(present.render_map(bundle, _view("2015-01", "2015-12"), highlight="E2013_ASHRAF"))
    assert len(fig.data[0].lon) == 0


def test_panels_for_sep_2013(bundle):
    out = present.render_panels(bundle, _view("2013-09", "2013-09"))
    assert out.killed.text.startswith("15–")
    assert "UN News Centre" in out.killed.attribution and "Reuters" in out.killed.attribution
    assert out.range_label == "Sep 2013"
    assert out.filter_label == "All places"


def test_casualty_panels_tick_whole_numbers(bundle):
    """A panel whose figures are all small counts ticks 0, 1, 2 …; one with none shows 0 and 1, not 0, 0, 1, 1."""
    view = View(pd.Period("2012-01", "M"), pd.Period("2013-12", "M"), "liberty", "all")
    fig = go.Figure(present.render_panels(bundle, view).casualties)
    assert fig.layout.yaxis3.dtick == 1 and tuple(fig.layout.yaxis3.range) == (0, 1)  # no abductions in view
    assert fig.layout.yaxis.dtick is None  # killed: up to 8, plotly's own ticks


@pytest.mark.parametrize("window", [None, ("2016-01", "2016-12"), ("2012-01", "2012-12")])
def test_every_stated_total_has_its_own_labelled_row(bundle, window):
    """Each stated total (one per source) is a row of its own with a label drawn in the figure (not only in the
    hover) naming its figure, route, source and date; a year-long total in a one-year view hides no other."""
    view = full_view(bundle) if window is None else _view(*window)
    moves = select(bundle, view).movements
    expected = moves.loc[(moves["scope"] == "aggregate") & moves["people"].notna()]
    fig = present.render_panels(bundle, view).relocations
    bar = next(t for t in fig["data"] if t.get("orientation") == "h")
    assert len(bar["y"]) == len(set(bar["y"])) == len(expected) > 3
    labels = [a for a in fig["layout"]["annotations"] if a.get("yref") == "y2"]
    assert sorted(a["y"] for a in labels) == sorted(bar["y"])
    texts = " | ".join(a["text"] for a in labels)
    for row in expected.itertuples():
        publisher = bundle.sources.at[row.source_id, "publisher"]  # the end of "claimant, per publisher"
        assert f"<b>{int(row.people):,}</b>" in texts and f"{publisher} [" in texts
    assert texts.count(" · as of ") == len(expected) and texts.count(" → ") == len(expected)


def test_context_marks_carry_their_labels_and_every_row_is_labelled(bundle):
    """Each context item's short label is written beside its marks (text in the figure, not hover only), the
    labels of a row do not share a lane where they would overlap, and all category rows have a tick label."""
    fig = present.render_context(bundle, full_view(bundle))
    marks = [t for t in fig["data"] if t["type"] == "scatter"]
    texts = [x for t in marks for x in t["text"] if x]
    items = present.history._context_items(bundle, "all", "en")
    assert sorted(texts) == sorted(items.drop_duplicates("context_id")["label"])
    assert all(t["mode"] == "markers+text" for t in marks)
    axis = fig["layout"]["yaxis"]
    assert axis["tickmode"] == "array" and len(axis["tickvals"]) == len(axis["ticktext"]) == 7
    assert fig["layout"]["shapes"][0]["type"] == "rect"  # the selected range stays the first shape (patched)


def test_an_empty_context_strip_does_not_blame_the_range(bundle):
    """Context is shown for the whole period: when a lens has none, the message must not say 'in the selected range'."""
    fig = present.render_context(bundle, View(bundle.first_month, bundle.last_month, None, "seeds"))
    if fig["data"]:
        pytest.skip("the seed documents have context items in this data version")
    text = fig["layout"]["annotations"][0]["text"]
    assert "selected range" not in text and "sources" in text


def test_an_attack_without_a_figure_says_so_instead_of_looking_like_zero(bundle):
    import json

    import present
    from data.select import full_view

    view = full_view(bundle)
    attacks = present.in_view(bundle, view)[0]
    fig = json.loads(json.dumps(present.render_panels(bundle, view).casualties, default=str))
    said = {(t["yaxis"], x) for t in fig["data"] if t.get("name") == "No figure given" for x in t["x"]}
    for row, col in enumerate(("killed", "wounded", "abducted_or_missing")):
        axis = "y" + (str(row + 1) if row else "")
        want = {(axis, x) for x, a in enumerate(attacks) if not a.spreads[col].figures}
        assert want and {s for s in said if s[0] == axis} == want, col
    zero = next(x for x, a in enumerate(attacks) if a.spreads["killed"].figures and a.spreads["killed"].high == 0)
    assert ("y", zero) not in said  # a stated 0 is a figure (UNHCR's "no casualties"), drawn as a dot at 0


def test_every_destination_has_its_own_colour_and_a_legend_entry(bundle):
    import json

    import present
    from data.select import full_view
    from figures.style import DESTINATION_COLORS

    destinations = set(bundle.movements["destination_place_id"].fillna(""))
    colours = [DESTINATION_COLORS[d] for d in destinations]  # KeyError: a destination without its own colour
    assert len(set(colours)) == len(colours)
    fig = json.loads(json.dumps(present.render_panels(bundle, full_view(bundle)).relocations, default=str))
    legend = {t["name"] for t in fig["data"] if t.get("showlegend", True) and t.get("name", "").startswith("to ")}
    names = bundle.places["name"].to_dict()
    want = {"to " + (names[d] if d else "unspecified third countries") for d in destinations if d != "liberty"}
    assert want <= legend, want - legend


@pytest.mark.parametrize("plot_px", [820, 528, 300])
def test_stated_total_labels_wrap_to_the_plot_width_and_keep_every_figure(bundle, plot_px):
    """Laid out for a narrow plot (a narrow export or embed), a stated total's label wraps at its parts instead of
    running past the plot's edges; every figure, source and date is still written, and rows grow with the lines."""
    from figures import relocations

    view = _view("2013-01", "2016-12")
    fig = present.render_relocations(bundle, view, plot_px)
    labels = [a for a in fig["layout"]["annotations"] if a.get("yref") == "y2"]
    totals = present.stated_totals(bundle, view)
    assert len(labels) == len(totals)
    for note, total in zip(labels, totals, strict=True):
        lines = note["text"].split("<br>")
        assert all(relocations._visible_px(line) <= plot_px for line in lines), lines
        assert f"<b>{total.people:,}</b>" in lines[0] and f"as of {total.as_of}" in note["text"]
        assert total.publisher in note["text"].replace("<br>", " ")
    if plot_px < relocations.PLOT_PX:
        assert fig["layout"]["height"] > present.render_panels(bundle, view).relocations["layout"]["height"]


def test_a_context_item_is_drawn_at_one_date_unless_its_sources_disagree(bundle):
    """'1997' and '8 Oct 1997' are one date (the year contains the day): every mark of an item whose dates nest
    is drawn at the most precise date; only dates that do not nest (25 Jun and 2 Jul 2004) stay apart, and their
    hover says the sources date the item differently."""
    fig = present.render_context(bundle, full_view(bundle))
    marks = [
        (cid, x, h) for t in fig["data"] for cid, x, h in zip(t["customdata"], t["x"], t["hovertext"], strict=True)
    ]
    xs: dict[str, set] = {}
    for cid, x, _ in marks:
        xs.setdefault(cid, set()).add(str(x)[:10])
    assert xs["C_1997_US_FTO"] == {"1997-10-08"} and xs["C_2016_FINAL_DEPARTURE"] == {"2016-09-09"}
    assert xs["C_2004_PROTECTED_PERSONS"] == {"2004-06-25", "2004-07-02"}
    for cid, _, hover in marks:
        assert ("date it differently" in hover) == (len(xs[cid]) > 1), cid
