"""The headline figures as a reader sees them: moves within Iraq and departures abroad apart, each sum explained."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import wait_ready

pytestmark = pytest.mark.browser


def listed_sum(rows: pd.DataFrame) -> str:
    """Σ each transfer's lowest – Σ each transfer's highest figure over the rows, as the page writes it."""
    per = rows.loc[rows["people"].notna()].groupby("movement_id")["people"].agg(["min", "max"])
    low, high = int(per["min"].sum()), int(per["max"].sum())
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def whole_period_transfers() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Listed transfers Ashraf -> Liberty, and listed transfers that left Iraq, straight from the data rows."""
    from app import BUNDLE

    moves = BUNDLE.movements.loc[BUNDLE.movements["scope"] == "transfer"]
    in_iraq = set(BUNDLE.places.index[BUNDLE.places["country_iso3"] == "IRQ"])
    within = moves.loc[(moves["origin_place_id"] == "ashraf") & (moves["destination_place_id"] == "liberty")]
    return within, moves.loc[~moves["destination_place_id"].isin(in_iraq)]


def card(page: Page, value_id: str):
    return page.locator(".kpis > .kpi").filter(has=page.locator(f"#{value_id}"))


def test_kpi017_whole_period_headlines_split_and_say_how_they_are_summed(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    within, abroad = whole_period_transfers()

    transferred, relocated = page.locator("#kpi-transferred"), page.locator("#kpi-relocated")
    expect(transferred).to_have_text(listed_sum(within))
    # Departures abroad are mostly known as stated totals: the figure is their range (each source's latest), the
    # listed transfers' sum beside it, and who states what in the disclosure.
    expect(relocated).to_have_text("1,700–3,000")
    expect(card(page, "kpi-relocated")).to_contain_text(f"listed transfers: {listed_sum(abroad)} in")
    expect(card(page, "kpi-transferred").locator(".kpi-title")).to_have_text("Moved Ashraf → Liberty (within Iraq)")
    expect(card(page, "kpi-relocated").locator(".kpi-title")).to_have_text(
        "Resettled abroad (left Iraq): stated totals"
    )
    card(page, "kpi-relocated").get_by_text("Who reports what").click()
    expect(card(page, "kpi-relocated")).to_contain_text("3,000 stated by UN Secretary-General, per Xinhua [UN]")

    # The killed range (e.g. 49–141) adds every attack's lowest and every attack's highest figure: it says so, in
    # visible text beside the number.
    how = card(page, "kpi-killed").locator(".kpi-how")
    expect(how).to_be_visible()
    expect(how).to_have_text("Sum of each attack's lowest figure – sum of each attack's highest")
    expect(card(page, "kpi-transferred").locator(".kpi-how")).to_have_text(
        "Sum of each transfer's lowest figure – sum of each transfer's highest"
    )
