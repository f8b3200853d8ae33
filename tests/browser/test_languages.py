"""The page in a right-to-left language (issue 13): declared, mirrored, and nothing pushed out of view."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import settled, show_every_graph, show_table, wait_ready

THUMBS = "#date-range [role=slider]"
RLE, PDF = "\u202b", "\u202c"  # figures.style: each line of a chart's words embedded right to left


@pytest.fixture
def persian(monkeypatch):
    """Persian offered (the test server runs in this process), as it will be once its catalogue is complete."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", ("en", "fa"))


def test_the_persian_page_reads_right_to_left_and_opens_on_its_content(page: Page, persian) -> None:
    """The skip link was parked at left: -9999px: in a right-to-left page that side scrolls, so the page was 11,424 px
    wide and opened on an empty screen. Parked on the start side (inset-inline-start), it never widens the page."""
    page.goto("/?from=2013-09&to=2013-09&lang=fa")
    wait_ready(page)
    settled(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"the page is {width[0]} px wide in a {width[1]} px window"
    title = page.locator("label[for='date-range']")
    expect(title).to_have_text("بازهٔ زمانی")
    expect(title).to_be_in_viewport()
    box, lede = title.bounding_box(), page.locator(".lede").bounding_box()
    assert box["x"] + box["width"] > 1000 and lede["x"] + lede["width"] > 1000  # at the right: the start of the line
    page.keyboard.press("Tab")  # the skip link comes into view at the start side when focused
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()


def test_the_persian_range_label_is_in_solar_hijri_while_dragging_and_after(page: Page, persian) -> None:
    """The label a dragged handle writes in the browser (assets/access.js) is the label the server writes once the
    handle is released (data.calendars.range_label): days in Solar Hijri, the Gregorian months beside them."""
    from data import calendars, timeline
    from data.load import default_bundle

    months = timeline.months(default_bundle())
    page.goto("/?lang=fa")
    wait_ready(page)
    label = page.locator("#date-range-label")
    expect(label).to_have_text(calendars.range_label("fa", months[0], months[-1]))
    assert label.inner_text().startswith("۱۰ تیر ۱۳۸۸ – ")  # 1 Jul 2009, the data's first month
    end = page.locator(THUMBS).last
    box = end.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(x - 25 * i, y)
    page.wait_for_function(
        "([sel, n]) => Number(document.querySelectorAll(sel)[1].getAttribute('aria-valuenow')) < n - 6",
        arg=[THUMBS, len(months) - 1],
    )
    now = int(end.get_attribute("aria-valuenow"))
    dragged = calendars.range_label("fa", months[0], months[now])
    expect(label).to_have_text(dragged)
    expect(end).to_have_attribute("aria-valuetext", calendars.range_label("fa", months[now], months[now]))
    page.mouse.up()
    expect(page).to_have_url(re.compile(rf"to={months[now]}&"))
    settled(page)
    expect(label).to_have_text(dragged)


def test_the_persian_charts_are_in_persian_on_solar_hijri_time_axes(page: Page, persian) -> None:
    """Chart titles, panel titles and legends in Persian; the time axes count Solar Hijri years and months (plotly's
    `calendar='persian'`, not Persian month names on Gregorian dates); the toolbar speaks Persian."""
    page.goto("/?from=2012-01&to=2013-12&lang=fa")
    wait_ready(page)
    settled(page)
    casualties = page.locator("#casualty-chart")
    casualties.scroll_into_view_if_needed()  # the charts below the fold are drawn as they come into view
    expect(casualties.locator(".gtitle")).to_contain_text("تلفات هر حمله، به گزارش هر منبع")
    expect(casualties.locator(".annotation-text").first).to_have_text(f"{RLE}کشته{PDF}")  # embedded right to left
    expect(casualties.locator(".legendtext").first).to_have_text(f"{RLE}کمترین رقم گزارش‌شده{PDF}")
    # The attack on Ashraf of 1 Sep 2013 is dated in Solar Hijri under its column.
    expect(casualties.locator(".xaxislayer-above text").filter(has_text="۱۰ شهریور ۱۳۹۲")).to_have_count(1)
    expect(casualties.locator(".modebar-btn[data-title='بارگیری نمودار به‌صورت PNG']")).to_have_count(1)
    relocations = page.locator("#relocation-chart")
    relocations.scroll_into_view_if_needed()
    expect(relocations.locator(".gtitle")).to_contain_text("جابه‌جایی‌ها")
    ticks = relocations.locator(".xaxislayer-above text")
    expect(ticks.first).to_be_visible()
    labels = ticks.all_text_contents()
    # Dec 2011 – Jan 2014 runs from Dey 1390 to Dey 1392: the axis names Solar Hijri years (digits: plotly.js writes
    # Latin digits on axes), never a Gregorian one.
    assert any("1391" in label for label in labels) and any("1392" in label for label in labels), labels
    assert not any(year in label for label in labels for year in ("2012", "2013")), labels
    expect(relocations.locator(".legendtext").filter(has_text="به آلبانی")).to_have_count(1)


def test_the_arabic_page_copies_its_link_and_says_so_in_arabic(page: Page, base_url: str, monkeypatch) -> None:
    """The Arabic page: declared right to left, its range label in Iraq's month names and digits, its headline
    cards in Arabic, and the copy button's status in Arabic (assets/access.js, from the share bar)."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/?from=2013-09&to=2013-09&lang=ar")
    wait_ready(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    expect(page.locator("#date-range-label")).to_have_text("أيلول ٢٠١٣")
    expect(page.locator("#kpi-killed-context")).to_contain_text("هجوم واحد في العرض")  # the dual and plural differ
    expect(page.locator("#citation-text")).to_contain_text("Camps Atlas (إصدار البيانات")
    page.locator("#copy-link").click()
    expect(page.locator("#copy-link-status")).to_have_text("تم نسخ الرابط")


def test_the_language_picker_keeps_the_view_and_changes_the_language(page: Page, monkeypatch) -> None:
    """Each offered language is a link to the same view in it, named in its own script; following one loads the
    page in that language and direction. While only English is offered, there is no picker."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", ("en",))
    page.goto("/?from=2013-09&to=2013-09&place=ashraf")
    wait_ready(page)
    expect(page.locator("#languages")).to_be_hidden()
    monkeypatch.undo()  # every language offered (issue 13)
    page.goto("/?from=2013-09&to=2013-09&place=ashraf")
    wait_ready(page)
    expect(page.locator("#languages a")).to_have_text(["English", "فارسی", "العربية", "Shqip"])
    page.goto("/?from=2013-09&to=2013-09&place=ashraf&lang=fa")
    wait_ready(page)
    picker = page.locator("#languages a")
    expect(picker).to_have_text(["English", "فارسی", "العربية", "Shqip"])
    expect(page.locator("#languages a[aria-current]")).to_have_text("فارسی")
    box = page.locator("#languages a[lang=ar]").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"\?from=2013-09&to=2013-09&place=ashraf&lang=ar$"))
    wait_ready(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    expect(page.locator("#date-range-label")).to_have_text("أيلول ٢٠١٣")
    expect(page.locator("#filter-label")).to_have_text("مصفّى على مخيم أشرف")
    page.locator("#languages a[lang=en]").click()
    expect(page).to_have_url(re.compile(r"\?from=2013-09&to=2013-09&place=ashraf$"))
    wait_ready(page)
    assert page.evaluate("document.documentElement.dir") == "ltr"
    expect(page.locator("#date-range-label")).to_have_text("Sep 2013")


@pytest.mark.parametrize("lang", ["fa", "ar", "sq"])
def test_the_page_shows_no_english_of_ours(page: Page, lang: str) -> None:
    """Issue 13: the whole period in each language, every chart and the table drawn as a reader scrolls to them: the
    page's text, what its charts draw (SVG text), its tooltips and its controls' names hold no English of ours
    (tests/english.py: names kept as published, addresses and file names are not ours to translate; a source link's
    name holds the source's title as published)."""
    from tests.english import english_left

    page.goto(f"/?lang={lang}")
    wait_ready(page)
    assert page.evaluate("document.documentElement.lang") == lang
    show_every_graph(page)
    show_table(page)
    shown = page.evaluate(
        """() => [document.body.innerText,
                  ...Array.from(document.querySelectorAll('svg text'), t => t.textContent),
                  ...Array.from(document.querySelectorAll('[title]'), e => e.getAttribute('title')),
                  ...Array.from(document.querySelectorAll('[aria-label]:not(a[target=_blank])'),
                                e => e.getAttribute('aria-label'))].join('\\n')"""
    )
    assert len(shown) > 20000
    assert not english_left(shown, lang), sorted(set(english_left(shown, lang)))


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("ar", "rtl"), ("sq", "ltr")])
def test_each_language_declares_itself_and_draws_its_charts_in_it(page: Page, lang: str, direction: str) -> None:
    """Per language (issue 13): <html lang dir>, and a chart drawn in the language: the casualty chart's title,
    panel titles and legend as the catalogue writes them, its dates under the columns in the language's calendar
    and digits (1 Sep 2013: ۱۰ شهریور ۱۳۹۲, ١ أيلول ٢٠١٣, 1 shtator 2013)."""
    from data import calendars, schema
    from data.translation import t
    from figures.casualties import TITLE

    page.goto(f"/?from=2013-09&to=2013-09&lang={lang}")
    wait_ready(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    casualties = page.locator("#casualty-chart")
    casualties.scroll_into_view_if_needed()
    plain = re.compile(f"[{RLE}{PDF}]")
    expect(casualties.locator(".gtitle")).to_contain_text(t(lang, TITLE))
    panels = [plain.sub("", text) for text in casualties.locator(".annotation-text").all_text_contents()]
    assert t(lang, schema.COUNT_LABELS["killed"]) in panels, panels
    ticks = [plain.sub("", text) for text in casualties.locator(".xaxislayer-above text").all_text_contents()]
    day = calendars.day_label(lang, date(2013, 9, 1))
    assert any(day in tick for tick in ticks), (day, ticks)
    legend = [plain.sub("", text) for text in casualties.locator(".legendtext").all_text_contents()]
    assert t(lang, "Lowest figure reported") in legend, legend
