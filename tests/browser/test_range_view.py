"""The headline figures counted in the browser (assets/range_view.js) are Python's, in the real browser: over 300
random views (ranges, places, lenses, grades), and on an arrow key while no callback is answered."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import app_view, wait_ready

CARDS = ("killed", "wounded", "transferred", "relocated")


def random_views(n: int, seed: int = 20261207) -> list[dict]:
    """n views over the data's months, every place (and none), every lens and, in a third of them, one or two
    grades; the first few are the edges."""
    from data.grades import GRADES
    from data.load import default_bundle
    from data.select import LENSES

    bundle = default_bundle()
    months = pd.period_range(bundle.first_month, bundle.last_month, freq="M")
    places = [None, *sorted(bundle.places.index)]
    rng = random.Random(seed)
    views = [
        {"from": 0, "to": len(months) - 1, "place": None, "lens": "all"},
        {"from": 0, "to": 0, "place": None, "lens": "all"},
        {"from": len(months) - 1, "to": len(months) - 1, "place": "liberty", "lens": "independent"},
    ]
    while len(views) < n:
        a, b = sorted(rng.randrange(len(months)) for _ in range(2))
        if rng.random() < 0.3:  # a short range: partial items and empty cards
            b = min(a + rng.randrange(3), len(months) - 1)
        grades = sorted(rng.sample(GRADES, rng.choice((1, 2))), key=GRADES.index) if rng.random() < 0.33 else []
        views.append({"from": a, "to": b, "place": rng.choice(places), "lens": rng.choice(LENSES), "grade": grades})
    for v in views:
        v.setdefault("grade", [])
        v["from_month"], v["to_month"] = str(months[v["from"]]), str(months[v["to"]])
    return views


COUNT = """([rows, views]) => views.map((v, i) => {
    const stored = {from: v.from_month, to: v.to_month, place: v.place, lens: v.lens, grade: v.grade};
    // Half the views as a slider step (the slider's month indices, the stored view's place and lens), half as the
    // stored view itself: both ways the clientside callback counts.
    const bySlider = i % 2 === 0;
    const span = bySlider ? [v.from, v.to] : null;
    const seen = bySlider ? {from: '2009-07', to: '2009-07', place: v.place, lens: v.lens, grade: v.grade} : stored;
    return window.campsRange.headlines(rows, window.campsRange.viewOf(rows, span, seen));
})"""


def test_the_browser_counts_every_headline_as_python_does_over_300_random_views(page: Page) -> None:
    _compare_headlines(page, "en", 300)


@pytest.mark.parametrize("lang", ["fa", "ar", "sq"])
def test_the_browser_writes_the_headlines_as_python_does_in_every_language(page: Page, monkeypatch, lang) -> None:
    """The same texts in Persian, Arabic and Albanian: the catalogue's plural forms (Arabic's six) chosen in the
    browser by Intl.PluralRules, the language's digits and separators (present.headline_texts)."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    contexts = _compare_headlines(page, lang, 120)
    if lang == "ar":  # the counts reach the dual and both plural forms: 2, 3–10 and 11–99
        assert all(word in contexts for word in ("هجومان", "هجمات", "هجومًا")), contexts[:500]


def _compare_headlines(page: Page, lang: str, n: int) -> str:
    """The headline cards counted in the browser for n random views are Python's; their context lines, joined."""
    from data.load import default_bundle
    from present.counting_rows import counting_rows

    page.goto(f"/?lang={lang}" if lang != "en" else "/")
    wait_ready(page)
    views = random_views(n)
    counted = page.evaluate(COUNT, [counting_rows(default_bundle()), views])
    mismatches = []
    for view, browser in zip(views, counted, strict=True):
        python = app_view(view["from_month"], view["to_month"], view["place"], view["lens"], tuple(view["grade"]), lang)
        for name in CARDS:
            want = getattr(python, name)
            got = browser[name]
            if (got["text"], got["context"]) != (want.text, want.context):
                mismatches.append((view, name, got, (want.text, want.context)))
    assert not mismatches, f"{len(mismatches)} differ, e.g. {mismatches[:3]}"
    # The views reach what the rule distinguishes: empty cards, ranges, partly counted items, disputes.
    texts = {(name, c[name]["text"]) for c in counted for name in CARDS}
    contexts = " ".join(c[name]["context"] for c in counted for name in CARDS)
    assert any("–" in t for _, t in texts)
    if lang == "en":
        assert ("killed", "0") in texts
        assert "partly in range" in contexts and "sources disagree" in contexts and "no attacks in view" in contexts
    return contexts


def test_an_arrow_key_repaints_the_headlines_while_the_server_does_not_answer(page: Page) -> None:
    page.goto("/?from=2011-01&to=2011-06&place=ashraf")
    wait_ready(page)
    expect(page.locator("#kpi-killed")).to_have_text(app_view("2011-01", "2011-06", "ashraf").killed.text)
    # From now on no callback is answered (each request is held): the headlines must not wait for one, not even
    # for the view callback's (a callback that reads a property the view callback writes waits for its answer).
    page.route(re.compile(r"/_dash-update-component"), lambda route: None)
    handles = page.locator("#date-range [role=slider]")
    handles.nth(handles.count() - 1).focus()
    for _ in range(3):  # Jun -> Mar 2011: the April 2011 raid leaves the range
        page.keyboard.press("ArrowLeft")
    want = app_view("2011-01", "2011-03", "ashraf")
    assert want.killed.text != app_view("2011-01", "2011-06", "ashraf").killed.text
    expect(page.locator("#date-range-label")).to_have_text("Jan 2011 – Mar 2011")
    for name in CARDS:
        expect(page.locator(f"#kpi-{name}")).to_have_text(getattr(want, name).text)
        expect(page.locator(f"#kpi-{name}-context")).to_have_text(getattr(want, name).context)
