"""Provenance in a real browser: the source lens, the disputed badges, the detail panel, the table following the
filters, and keyboard-only operation of the slider and the table's sort controls.

Expected figures come from the app's own pure functions (view model, data bundle), never typed in, so that a data
update does not break these tests while a wrong wiring does.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from components.controls import LENS_OPTIONS
from components.table import COLUMNS
from tests.browser.pagehelpers import (
    app_table,
    app_view,
    bar_center,
    empty_graphs,
    focused,
    map_point_center,
    query,
    settled,
    show_table,
    tab_until,
    table_column,
    wait_ready,
)

pytestmark = pytest.mark.browser

APRIL_2011 = "E2011_ASHRAF"
APRIL_2011_TITLE = "Raid on Camp Ashraf (Apr 2011)"
LENS_LABELS = LENS_OPTIONS  # the labels a reader sees on the lens control


def lens_radio(page: Page, lens: str):
    """The radio of one source lens, found by the label a user reads."""
    return page.locator("#source-lens").get_by_role("radio", name=LENS_LABELS[lens], exact=True)


def rows_of(page: Page, item: str):
    """Data-table rows whose Item cell is `item` (the table scrolled into view)."""
    show_table(page)
    return page.locator("#data-table table tbody tr").filter(
        has=page.locator("td:first-child", has_text=re.compile(rf"^{re.escape(item)}$"))
    )


def attack_labels() -> set[str]:
    """The table's label of every attack in the data (whole period, every source)."""
    from data.load import default_bundle

    bundle = default_bundle()
    every = app_table(str(bundle.first_month), str(bundle.last_month))
    return set(every.loc[every["item_type"] == "attack", "item"])


def count_text_start(rows) -> str:
    """How the row count above the table starts for these rows: '29 row(s) for 17 item(s)'."""
    return f"{len(rows)} row(s) for {rows['item_id'].nunique()} item(s)"


def test_lens009_source_lens_switches_figures_and_url(page: Page) -> None:
    page.goto("/?from=2011-04&to=2011-04&lens=all")
    wait_ready(page)
    killed = page.locator("#kpi-killed")

    # All sources: the April 2011 raid is disputed, so the KPI is a range and the table badges the raid's rows.
    everyone = app_view("2011-04", "2011-04", lens="all").killed.text
    assert re.fullmatch(r"\d+–\d+", everyone), f"the app computes no range for April 2011: {everyone!r}"
    expect(killed).to_have_text(everyone)
    expect(lens_radio(page, "all")).to_be_checked()
    raid = rows_of(page, APRIL_2011_TITLE)
    expect(raid.first).to_be_visible()
    expect(raid.locator(".badge.disputed").first).to_have_text("disputed")
    assert raid.count() == (app_table("2011-04", "2011-04")["item"] == APRIL_2011_TITLE).sum()

    # Keyboard: focus the lens group (its checked radio) and move to the next option with an arrow key.
    lens_radio(page, "all").focus()
    page.keyboard.press("ArrowRight")
    expect(lens_radio(page, "independent")).to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]lens=independent\b"))
    independent = app_view("2011-04", "2011-04", lens="independent").killed.text
    expect(killed).to_have_text(independent)
    expect(page.locator("#data-table-count")).to_contain_text(
        count_text_start(app_table("2011-04", "2011-04", lens="independent"))
    )
    kinds = table_column(page, "Claimant kind")
    assert kinds and not {"The group", "Iranian state"} & set(kinds), kinds

    # Mouse: the seed documents only.
    page.get_by_text(LENS_LABELS["seeds"], exact=True).click()
    expect(lens_radio(page, "seeds")).to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]lens=seeds\b"))
    if not app_view("2011-04", "2011-04", lens="seeds").relocations["data"]:
        page.locator("#relocation-chart").scroll_into_view_if_needed()  # the reader looks at the chart
        expect(page.locator("#relocation-chart")).to_contain_text("No relocations in the selected range")
    seeds = app_view("2011-04", "2011-04", lens="seeds").killed.text
    assert "–" not in seeds, f"the seed documents disagree among themselves: {seeds!r}"
    assert independent not in (everyone, seeds), (everyone, seeds, independent)
    expect(killed).to_have_text(seeds)
    assert query(page)["from"] == ["2011-04"] and query(page)["to"] == ["2011-04"]
    # The table follows the lens: only the seed documents' rows remain, each citing its lines.
    expect(page.locator("#data-table-count")).to_contain_text(
        count_text_start(app_table("2011-04", "2011-04", lens="seeds"))
    )
    refs = table_column(page, "Link or seed lines")
    assert refs and all(".txt lines" in r for r in refs), refs

    # A link with the lens opens with that lens chosen.
    page.goto("/?from=2011-04&to=2011-04&lens=seeds")
    wait_ready(page, may_be_empty=empty_graphs("2011-04", "2011-04", lens="seeds"))
    expect(lens_radio(page, "seeds")).to_be_checked()
    expect(lens_radio(page, "all")).not_to_be_checked()
    expect(killed).to_have_text(seeds)
    expect(page).to_have_url(re.compile(r"[?&]lens=seeds\b"))
    if not app_view("2011-04", "2011-04", lens="seeds").relocations["data"]:
        page.locator("#relocation-chart").scroll_into_view_if_needed()  # the reader looks at the chart
        expect(page.locator("#relocation-chart")).to_contain_text("No relocations in the selected range")


def test_detail010_clicked_attack_and_place_show_every_source(page: Page) -> None:
    import present
    from data.load import default_bundle

    bundle = default_bundle()
    page.goto("/?from=2011-04&to=2011-04")
    wait_ready(page)
    panel = page.locator("#event-detail")
    expect(panel).to_contain_text("Click an attack")

    bar = bar_center(page, "casualty-chart", APRIL_2011)
    assert bar, "no bar drawn for the April 2011 raid"
    page.mouse.click(bar["x"], bar["y"])

    expect(panel.locator("h2")).to_have_text(APRIL_2011_TITLE)
    expect(panel.locator(".badge.disputed")).to_have_text("disputed")
    # One row per source of the event in data/events.csv.
    n_sources = int((bundle.events["event_id"] == APRIL_2011).sum())
    assert n_sources > 1
    rows = panel.locator("table.sources tbody tr")
    expect(rows).to_have_count(n_sources)
    expect(panel.locator("table.sources caption")).to_have_text(f"{n_sources} source row(s)")
    # Every row has a web link or a seed file and its line numbers.
    seed_rows = 0
    for k in range(n_sources):
        row = rows.nth(k)
        links = row.locator("a[href^=http]")
        if links.count():
            expect(links.first).to_have_attribute("href", re.compile(r"^https?://\S+$"))
        else:
            expect(row.locator(".seed-ref")).to_have_text(re.compile(r"\.txt, lines \d+(?:[;,–-]\s*\d+)*$"))
            seed_rows += 1
    assert seed_rows, "no seed document among the raid's sources"
    # The seed documents' own statements, each with its file and lines.
    detail = present.item_detail(bundle, "event", APRIL_2011)
    claims = detail.seed_claims
    expect(panel.get_by_role("heading", name="What the seed documents state")).to_be_visible()
    items = panel.locator("h3:text-is('What the seed documents state') + ul > li")
    expect(items).to_have_count(len(claims))
    for k, (where, _) in enumerate(claims):
        expect(items.nth(k)).to_have_text(re.compile(rf"^{re.escape(where)}: "))
        assert re.fullmatch(r"\d{3}_\w+\.txt, lines \d+(?:[;,–-]\s*\d+)*", where), where

    # Conflicts with other items (the seeds' combined 2009 + 2011 toll against their own per-raid figures).
    expect(panel.get_by_role("heading", name="Conflicts with other items")).to_be_visible()
    conflicts = panel.locator("ul.conflicts > li")
    expect(conflicts).to_have_count(len(detail.conflicts))
    expect(conflicts.first).to_contain_text(detail.conflicts[0][1])

    # A place clicked on the map: its detail replaces the attack's.
    liberty = bundle.places.at["liberty", "name"]
    point = map_point_center(page, ["place", "liberty", "liberty"], geo="geo2")
    assert point, "Camp Liberty marker not found on the map"
    page.mouse.click(point["x"], point["y"])
    expect(panel.locator("h2")).to_have_text(liberty)
    expect(panel.locator(".detail-facts")).to_contain_text("Place")
    place = present.item_detail(bundle, "place", "liberty")
    expect(panel.locator("table.sources tbody tr")).to_have_count(len(place.sources))
    expect(page.locator("#filter-label")).to_have_text(f"Filtered to {liberty}")


def test_table011_table_follows_range_and_place(page: Page) -> None:
    attacks = attack_labels()
    page.goto("/?from=2013-09&to=2013-09")
    wait_ready(page)
    count = page.locator("#data-table-count")

    everywhere = app_table("2013-09", "2013-09")
    expect(count).to_contain_text(count_text_start(everywhere))
    items = table_column(page, "Item")
    assert len(items) == len(everywhere)
    assert {i for i in items if i in attacks} == {"Attack on Camp Ashraf (Sep 2013)"}, sorted(set(items))
    before = count.inner_text()

    point = map_point_center(page, ["place", "liberty", "liberty"], geo="geo2")
    assert point, "Camp Liberty marker not found on the map"
    page.mouse.click(point["x"], point["y"])
    expect(page).to_have_url(re.compile(r"[?&]place=liberty\b"))

    at_liberty = app_table("2013-09", "2013-09", "liberty")
    assert len(at_liberty) < len(everywhere)
    expect(count).to_contain_text(count_text_start(at_liberty))
    expect(count).not_to_have_text(before)
    show_table(page)  # the map click scrolled the table away: its rows are drawn again when it is seen
    expect(page.locator("#data-table table tbody tr")).to_have_count(len(at_liberty))
    assert not [i for i in table_column(page, "Item") if i in attacks]
    expect(rows_of(page, "Attack on Camp Ashraf (Sep 2013)")).to_have_count(0)

    # The same view straight from a link.
    page.goto("/?from=2013-09&to=2013-09&place=liberty")
    wait_ready(page, may_be_empty=empty_graphs("2013-09", "2013-09", "liberty"))
    expect(count).to_contain_text(count_text_start(at_liberty))
    assert not [i for i in table_column(page, "Item") if i in attacks]


def _numbers(cells: list[str]) -> list[int]:
    return [int(c.replace(",", "")) for c in cells if re.fullmatch(r"[\d,]+", c)]


def test_keyboard012_slider_and_table_sort_by_keyboard_alone(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    start = query(page)

    # From the top of the page, Tab reaches a button (Play) and then the slider's lower thumb; both show focus.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab_until(page, "button", max_presses=10)
    button = focused(page)
    assert button["outlineStyle"] != "none", f"no visible focus on the {button['text']!r} button: {button}"
    tab_until(page, "#date-range [role=slider]", max_presses=10)
    thumb = focused(page)
    assert thumb["text"] == "Start of the range", thumb  # named by assets/access.js (the slider says "Minimum")
    assert thumb["outlineStyle"] != "none", f"no visible focus on the slider thumb: {thumb}"
    lower = page.locator("#date-range [role=slider]").first
    expect(lower).to_be_focused()

    # ArrowRight on the lower thumb moves from= one month on; to= stays.
    page.keyboard.press("ArrowRight")
    new_from = str(pd.Period(start["from"][0], "M") + 1)
    expect(page).to_have_url(re.compile(rf"from={new_from}\b"))
    assert query(page)["to"] == start["to"]
    expected = app_view(new_from, start["to"][0])
    expect(page.locator("#date-range-label")).to_have_text(expected.range_label)
    settled(page)

    # Tab on to the table's sort column; open it with Enter, walk the options with the arrow keys to "Killed".
    tab_until(page, "#data-table-sort-column", max_presses=80)
    page.keyboard.press("Enter")
    options = page.locator('[role="option"]:has(input:focus)')
    expect(options).to_have_count(1)
    labels = [label for _, label, _ in COLUMNS]
    k = labels.index(options.inner_text().strip())
    while labels[k] != "Killed":
        page.keyboard.press("ArrowDown")
        k += 1
        expect(options).to_have_text(labels[k])  # wait for the focus to move before the next key
    page.keyboard.press("Enter")
    expect(page.locator("#data-table-sort-column")).to_have_text("Killed")
    expect(page.locator("#data-table th[aria-sort]")).to_have_text(re.compile(r"^Killed\b"))

    # Tab to the order radios (the checked one takes the focus) and choose "descending" with an arrow key.
    tab_until(page, "#data-table-sort-order input", max_presses=5)
    expect(page.locator("#data-table-sort-order").get_by_role("radio", name="ascending")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#data-table-sort-order").get_by_role("radio", name="descending")).to_be_checked()

    show_table(page)
    killed_th = page.locator("#data-table thead th", has_text=re.compile(r"^Killed\b"))
    expect(killed_th).to_have_attribute("aria-sort", "descending")
    most = int(app_table(new_from, start["to"][0])["killed"].max())
    first_killed = (
        page.locator("#data-table tbody tr").first.locator("td").nth([c for c, _, _ in COLUMNS].index("killed"))
    )
    expect(first_killed).to_have_text(f"{most:,}")
    cells = _numbers(table_column(page, "Killed"))
    assert cells and cells[0] == max(cells) == most
    assert cells == sorted(cells, reverse=True), "Killed column not in descending order"


def _drawn_texts(page: Page) -> list[str]:
    """Every trace name, hover text and text of every chart on the page, as drawn (plotly's _fullData)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap((gd) =>
            (gd._fullData || []).flatMap((t) => [t.name, t.hovertext, t.text, t.customdata].flat(3)
                .filter((v) => typeof v === 'string')))"""
    )


def _party_tags() -> dict[str, str]:
    from data import schema

    return {k: f"[{schema.SOURCE_KIND_LABELS[k]}]" for k in schema.PARTY_KINDS}


def test_lens013_independent_shows_no_claim_of_either_party(page: Page) -> None:
    """Open the whole period under each lens and read what a reader sees: table kinds, chart hovers, legends."""
    from data import schema
    from data.load import default_bundle

    bundle = default_bundle()
    labels = schema.SOURCE_KIND_LABELS
    party_names = set(bundle.claimants.loc[bundle.claimants["kind"].isin(schema.PARTY_KINDS), "name"])

    page.goto("/?lens=independent")
    wait_ready(page)
    expect(lens_radio(page, "independent")).to_be_checked()
    kinds = table_column(page, "Claimant kind")
    assert kinds and not {labels["group"], labels["iran_state"]} & set(kinds), sorted(set(kinds))
    who = table_column(page, "Who says it")
    assert who and not [w for w in who if any(w.startswith(n) for n in party_names)]
    drawn = _drawn_texts(page)
    assert drawn and not [s for s in drawn if any(tag in s for tag in _party_tags().values())]
    assert not {labels["group"], labels["iran_state"]} & set(drawn)  # no legend entry of a party
    expect(page.locator("#distance-check")).to_contain_text("No distance is stated by the claimants of this lens")

    for lens in ("group", "iran_state"):
        page.goto(f"/?lens={lens}")
        wait_ready(page, may_be_empty=empty_graphs(*_whole(bundle), lens=lens))
        expect(lens_radio(page, lens)).to_be_checked()
        kinds = table_column(page, "Claimant kind")
        assert kinds and set(kinds) == {labels[lens]}, (lens, sorted(set(kinds)))
        others = [f"[{labels[k]}]" for k in schema.SOURCE_KINDS if k != lens]
        assert not [s for s in _drawn_texts(page) if any(tag in s for tag in others)], lens

    page.goto("/?lens=seeds")
    wait_ready(page, may_be_empty=empty_graphs(*_whole(bundle), lens="seeds"))
    refs = table_column(page, "Link or seed lines")
    assert refs and all(".txt lines" in r for r in refs)
    expect(page.locator("#distance-check")).to_contain_text("44 mi")


def _whole(bundle) -> tuple[str, str]:
    return str(bundle.first_month), str(bundle.last_month)
