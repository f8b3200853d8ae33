"""The headline figures: moves within Iraq and departures abroad are separate KPIs, no person is counted in both,
and each summed figure says how it is summed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import present
from components.kpis import CARDS, kpi_row
from data.select import View, full_view, select

VIEWS = [
    ("2009-07", "2016-12", None),
    ("2012-01", "2012-12", None),
    ("2013-01", "2013-12", None),
    ("2013-05", "2013-05", None),
    ("2016-01", "2016-12", None),
    ("2009-07", "2016-12", "liberty"),
    ("2009-07", "2016-12", "ashraf"),
    ("2009-07", "2016-12", "alb"),
]


def _view(start: str, end: str, place: str | None) -> View:
    return View(pd.Period(start, "M"), pd.Period(end, "M"), place, "all")


def _label(item_id: str, bundle) -> str:
    return bundle.items.at[item_id, "label"]


def _counted_labels(kpi: present.Kpi, bundle) -> set[str]:
    """The items a KPI adds up: the labels starting its attribution's lines ('Label (date): range — sources')."""
    lines = [line for line in kpi.attribution.split("\n")[1:] if " — " in line]
    labels = {label for label in bundle.items["label"] if any(line.startswith(f"{label} (") for line in lines)}
    assert len(labels) == len(lines), (labels, lines)
    return labels


def _sum(rows: pd.DataFrame) -> tuple[int, int]:
    per = rows.loc[rows["people"].notna()].groupby("movement_id")["people"].agg(["min", "max"])
    return int(per["min"].sum()), int(per["max"].sum())


def _range_text(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _stated_text(bundle, view: View) -> str:
    """The resettled headline re-derived from movements.csv: the stated totals of everyone who left Iraq (scope
    aggregate, no destination) wholly inside the range, each claimant's latest (ending last, then largest)."""
    rows = select(bundle, view).movements
    rows = rows.loc[(rows["scope"] == "aggregate") & (rows["destination_place_id"].fillna("") == "")]
    rows = rows.loc[rows["people"].notna() & ~rows["partial"]]
    if rows.empty:
        return "no stated total"
    latest = rows.sort_values(["period_end", "people"]).groupby("claimant_id").tail(1)["people"].astype(int)
    return _range_text(latest.min(), latest.max())


@pytest.mark.parametrize(("start", "end", "place"), VIEWS)
def test_the_resettled_headline_gives_each_sources_latest_stated_total(bundle, start, end, place):
    """Most departures abroad are known only as stated totals: the headline gives their range (each claimant's
    latest supersedes its earlier ones; claimants are never averaged), the listed transfers' sum beside it."""
    view = _view(start, end, place)
    out = present.render_panels(bundle, view).relocated
    assert out.text == _stated_text(bundle, view)
    assert "listed transfer" in out.context


def test_a_claimants_later_total_supersedes_its_earlier_one(bundle):
    """UNHCR's 900 (Nov 2015) and 1,100 (end 2015) give way to its 1,700 (Jul 2016) over the whole period; the
    UN Secretary-General's 3,000 and the group's 2,000 stay beside it; a 2015 view gives UNHCR's 260 of Jul–Nov."""
    out = present.render_panels(bundle, full_view(bundle)).relocated
    assert out.text == "1,700–3,000" and "5 sources" in out.context
    stated = out.attribution.split("People who left Iraq")[0]
    assert "1,700 stated by UNHCR [UN]" in stated and "1,100 stated by UNHCR" not in stated
    assert "3,000 stated by UN Secretary-General, per Xinhua [UN]" in stated
    assert present.render_panels(bundle, _view("2015-01", "2015-12", None)).relocated.text == "260"


def test_whole_period_splits_moves_within_iraq_from_departures_abroad(bundle):
    out = present.render_panels(bundle, full_view(bundle))
    transfers = select(bundle, full_view(bundle)).movements
    transfers = transfers.loc[(transfers["scope"] == "transfer") & ~transfers["partial"]]
    to_liberty = transfers.loc[
        (transfers["origin_place_id"] == "ashraf") & (transfers["destination_place_id"] == "liberty")
    ]
    in_iraq = set(bundle.places.index[bundle.places["country_iso3"] == "IRQ"])
    abroad = transfers.loc[~transfers["destination_place_id"].isin(in_iraq)]
    assert len(to_liberty) and len(abroad)
    assert out.transferred.text == _range_text(*_sum(to_liberty))
    assert out.relocated.text == _stated_text(bundle, full_view(bundle))
    assert f"listed transfers: {_range_text(*_sum(abroad))} in {abroad['movement_id'].nunique()} transfers" in (
        out.relocated.context
    )
    # Transferred is Ashraf -> Liberty only; together the two KPIs hold every listed transfer, none twice.
    assert _counted_labels(out.transferred, bundle) == {_label(i, bundle) for i in to_liberty["movement_id"]}
    assert _counted_labels(out.relocated, bundle) == {_label(i, bundle) for i in abroad["movement_id"]}
    assert not _counted_labels(out.transferred, bundle) & _counted_labels(out.relocated, bundle)
    # Nobody can have left in listed transfers more people than ever lived in the camps.
    camps = bundle.populations.loc[bundle.populations["place_id"].isin(in_iraq), "people"]
    relocated_high = _sum(abroad)[1]
    assert relocated_high <= camps.max()


@pytest.mark.parametrize(("start", "end", "place"), VIEWS)
def test_no_transfer_is_counted_in_both_headlines(bundle, start, end, place):
    out = present.render_panels(bundle, _view(start, end, place))
    assert not _counted_labels(out.transferred, bundle) & _counted_labels(out.relocated, bundle)


def test_the_headlines_say_how_they_are_summed(bundle):
    out = present.render_panels(bundle, full_view(bundle))
    assert re.fullmatch(r"\d+–\d+", out.killed.text)  # e.g. 49–141: a sum of per-attack lows and highs
    for kpi, unit in ((out.killed, "attack"), (out.wounded, "attack"), (out.transferred, "transfer")):
        assert kpi.how == f"Sum of each {unit}'s lowest figure – sum of each {unit}'s highest"
    # A visible line under each figure, not only a tooltip.
    for card, html_card in zip(CARDS, kpi_row().children, strict=True):
        how = html_card.children[2].children[0]
        assert how.className == "kpi-how" and how.children == getattr(out, card.name).how
    assert "not added" in out.relocated.how and "listed transfers' sum beside it" in out.relocated.how


def test_attacks_without_a_figure_are_counted_and_said(bundle):
    """An attack no source gives a killed figure for is one of the attacks in view, and the card says how many
    such attacks there are (they are not zeros in the sum)."""
    view = full_view(bundle)
    events = select(bundle, view).events
    figures = events["killed"].where(events["killed_superseded_by"].eq(""))
    none = int((figures.groupby(events["event_id"]).count() == 0).sum())
    out = present.render_panels(bundle, view).killed
    assert none > 0 and out.context.startswith(
        f"{events['event_id'].nunique()} attacks in view ({none} with no figure from any source)"
    )
