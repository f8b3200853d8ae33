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
    assert out.relocated.text == _range_text(*_sum(abroad))
    # Transferred is Ashraf -> Liberty only; together the two KPIs hold every listed transfer, none twice.
    assert _counted_labels(out.transferred, bundle) == {_label(i, bundle) for i in to_liberty["movement_id"]}
    assert _counted_labels(out.relocated, bundle) == {_label(i, bundle) for i in abroad["movement_id"]}
    assert not _counted_labels(out.transferred, bundle) & _counted_labels(out.relocated, bundle)
    # Nobody can have left in listed transfers more people than ever lived in the camps.
    camps = bundle.populations.loc[bundle.populations["place_id"].isin(in_iraq), "people"]
    relocated_high = int(re.split("–", out.relocated.text)[-1].replace(",", ""))
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
    assert "not added" in out.relocated.context  # departures known only as stated totals are named
