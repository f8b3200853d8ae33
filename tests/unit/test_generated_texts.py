"""Every figure in a text the app writes comes from the data rows: item summaries and the detail panel (the item's
own rows), KPI texts and chart text alternatives (the view's rows, their per-item sums and counts).

Dates are not figures (data.numbers.figures_in leaves out ISO dates, a day before a month name and years);
publisher and place names with digits in them ('Seed document 003', 'Ashraf-3') are names, not figures. Source
notes and seed-document paraphrases are quoted data, shown as given, and seed references are file and line numbers:
they are left out of the check.
"""

from __future__ import annotations

import pandas as pd
import pytest

import present
from components.detail import detail_view
from data import schema
from data.numbers import figures_in
from data.select import View, full_view, select

SKIPPED_CLASSES = {"note-cell", "seed-ref", "seed-claims"}
SAMPLE = [
    (None, None, None, "all"),
    ("2009-07", "2009-12", None, "all"),
    ("2011-04", "2011-04", None, "all"),
    ("2012-01", "2012-12", None, "all"),
    ("2012-03", "2012-03", None, "all"),
    ("2013-01", "2013-12", None, "all"),
    ("2013-09", "2013-09", None, "all"),
    ("2015-01", "2016-12", None, "all"),
    ("2016-09", "2016-09", None, "all"),
    (None, None, "liberty", "all"),
    (None, None, "ashraf", "all"),
    (None, None, "alb", "all"),
    (None, None, "deu", "all"),
    (None, None, None, "seeds"),
    (None, None, None, "independent"),
    ("2013-01", "2013-12", "liberty", "independent"),
]


def names(bundle) -> list[str]:
    return [*bundle.sources["publisher"], *bundle.places["name"]]


def shown_text(component) -> str:
    """The text a rendered component tree shows, without quoted data (notes, seed claims, seed references)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(shown_text(c) for c in component)
    if set(str(getattr(component, "className", "") or "").split()) & SKIPPED_CLASSES:
        return ""
    return " ".join(
        shown_text(getattr(component, attr, None)) for attr in ("children", "title") if hasattr(component, attr)
    )


def stray(text: str, allowed: set[int], bundle) -> list[int]:
    return [n for n in figures_in(text, names(bundle)) if n not in allowed]


def row_figures(*frames: pd.DataFrame) -> set[int]:
    out: set[int] = set()
    for frame in frames:
        for col in (*schema.COUNT_COLUMNS, "people"):
            if col in frame:
                out |= {int(v) for v in frame[col].dropna()}
    return out


def test_the_parser_leaves_dates_and_names_out():
    text = "Rockets struck on 9 February 2013 (19–20 Mar 2012; 2013–2015; 2012-02-18), Seed document 003: 1 to 8; 1,200"
    assert figures_in(text, ["Seed document 003"]) == [1, 8, 1200]
    assert figures_in("Ashraf-3, built from 2017", ["Ashraf-3"]) == []
    assert figures_in("people 2,000 source; (2 sources: 18 Feb – Aug 2012); 6 source row(s)") == [2000]


def test_items_csv_summaries_hold_no_figures(bundle):
    """Attacks and movements: no figure at all; context items: only figures their rows' summaries state."""
    context = bundle.context.groupby("context_id")["summary"].apply(" ".join)
    for item_id, row in bundle.items.iterrows():
        found = figures_in(row["summary"], names(bundle))
        if item_id in context.index:
            label = figures_in(row["label"], names(bundle))
            assert set(found + label) <= set(figures_in(context[item_id], names(bundle))), f"{item_id}: {row!r}"
        else:
            assert found == [], f"{item_id}: {row['summary']!r}"


@pytest.mark.parametrize("kind", ["event", "movement"])
def test_every_item_detail_shows_only_its_rows_figures(bundle, kind):
    frame, key = (bundle.events, "event_id") if kind == "event" else (bundle.movements, "movement_id")
    for item_id, rows in frame.groupby(key):
        detail = present.item_detail(bundle, kind, item_id)
        text = shown_text(detail_view(detail))
        allowed = row_figures(rows) | {len(rows)}  # "N source row(s)"
        # a conflict with another item (data/conflicts.csv) quotes the figures it is about, attributed
        allowed |= {n for s in bundle.conflicts_of(item_id)["summary"] for n in figures_in(s, names(bundle))}
        assert not stray(text, allowed, bundle), f"{item_id}: {stray(text, allowed, bundle)} not in rows\n{text}"
        assert detail.figures_text  # the figure part is there, generated from the rows


def test_the_feb_2013_attack_summary_gives_the_rows_figures(bundle):
    detail = present.item_detail(bundle, "event", "E2013_LIB_FEB")
    killed = bundle.events.loc[bundle.events["event_id"] == "E2013_LIB_FEB", "killed"].dropna()
    text = detail.summary + " " + detail.figures_text
    assert f"Killed: {killed.min()}–{killed.max()} (lowest: " in text
    assert 1 not in figures_in(text, names(bundle))  # no row gives 1


def test_every_place_detail_shows_only_its_rows_figures(bundle):
    for place_id in bundle.places.index:
        pops = bundle.populations.loc[bundle.populations["place_id"] == place_id]
        text = shown_text(detail_view(present.item_detail(bundle, "place", place_id)))
        stated_dates = pops.loc[pops["status"] == "stated", "date"].nunique()  # a projection is not a stated count
        allowed = row_figures(pops) | {len(pops), pops["date"].nunique(), stated_dates}
        assert not stray(text, allowed, bundle), f"{place_id}: {stray(text, allowed, bundle)}\n{text}"


def _view(bundle, start, end, place, lens) -> View:
    whole = full_view(bundle)
    first = pd.Period(start, "M") if start else whole.start
    last = pd.Period(end, "M") if end else whole.end
    return View(first, last, place, lens)


def _sums(frame: pd.DataFrame, key: str, col: str) -> set[int]:
    """Per-item lows and highs summed; a figure the same claimant later superseded does not count (data.supersede)."""
    frame = frame.assign(**{col: frame[col].where(frame.get(f"{col}_superseded_by", "").eq(""))})
    counted = frame.loc[~frame["partial"] & frame[col].notna()]
    per = counted.groupby(key)[col].agg(["min", "max"])
    return {int(per["min"].sum()), int(per["max"].sum())} if len(per) else set()


def view_allowed(bundle, view: View) -> set[int]:
    """The figures of the view's rows, each KPI's per-item sums (computed here from the rows), and counts."""
    sel = select(bundle, view)
    ev, mv = sel.events, sel.movements
    transfers = mv.loc[mv["scope"] == "transfer"]
    in_iraq = set(bundle.places.index[bundle.places["country_iso3"] == "IRQ"])
    within = transfers.loc[transfers["destination_place_id"].isin(in_iraq)]
    abroad = transfers.loc[~transfers["destination_place_id"].isin(in_iraq)]
    allowed = row_figures(ev, mv) | {0}
    allowed |= _sums(ev, "event_id", "killed") | _sums(ev, "event_id", "wounded")
    allowed |= _sums(within, "movement_id", "people") | _sums(abroad, "movement_id", "people")
    for frame, key in ((ev, "event_id"), (within, "movement_id"), (abroad, "movement_id"), (transfers, "movement_id")):
        allowed |= {frame[key].nunique(), frame.loc[frame["partial"], key].nunique()}
        allowed |= {frame.loc[~frame["partial"], key].nunique()}
    allowed.add(mv.loc[mv["scope"] == "aggregate", "movement_id"].nunique())
    allowed.add(int((mv["scope"] == "aggregate").sum()))  # stated totals as bars: one per source's statement
    for frame, key, col in ((ev, "event_id", "killed"), (ev, "event_id", "wounded"), (within, "movement_id", "people"),
                            (abroad, "movement_id", "people")):  # fmt: skip
        counted = frame.loc[~frame["partial"]]
        allowed.add(int((counted.groupby(key)[col].count() == 0).sum()))  # "N item(s) with no figure"
    allowed.add(round(present.border_check(bundle).km))  # the app's own computed distance, named as such
    return allowed


@pytest.mark.parametrize(("start", "end", "place", "lens"), SAMPLE)
def test_kpi_texts_and_text_alternatives_show_only_figures_from_the_views_rows(bundle, start, end, place, lens):
    view = _view(bundle, start, end, place, lens)
    allowed = view_allowed(bundle, view)
    out = present.render_panels(bundle, view)
    for kpi in (out.killed, out.wounded, out.transferred, out.relocated):
        for text in (kpi.text, kpi.how, kpi.context, kpi.attribution):
            assert not stray(text, allowed, bundle), f"{stray(text, allowed, bundle)} in {text!r}"
    for name, text in present.summaries(bundle, view).items():
        assert not stray(text, allowed, bundle), f"{name}: {stray(text, allowed, bundle)} in {text!r}"


def test_the_relocation_summary_counts_the_stated_total_bars_drawn(bundle):
    import json

    from data.select import full_view

    view = full_view(bundle)
    fig = json.loads(json.dumps(present.render_panels(bundle, view).relocations, default=str))
    bars = sum(len(t["y"]) for t in fig["data"] if t.get("name") == "Stated totals")
    text = present.summaries(bundle, view)["relocations"]
    assert f"in {bars} bars (one per source's statement)" in text, text
