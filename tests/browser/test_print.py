"""Printing the page on A4 (issue 25 §3): every chart and the table fit the printed width; controls that do
nothing on paper are not printed; on a touch screen the keyboard-only hint is not shown."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import show_every_graph, show_table, wait_ready

A4_PRINTABLE_PX = 718  # 210 mm less 2 × 10 mm margins, at 96 px per inch


def test_the_printed_page_fits_a4(page: Page) -> None:
    page.goto("/?from=2009-07&to=2016-12")
    wait_ready(page)
    show_every_graph(page)
    show_table(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    widths = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => ({id: gd.id,"
        " svg: gd.querySelector('.main-svg').getBoundingClientRect().width, right: gd.getBoundingClientRect().right}))"
    )
    assert len(widths) == 5
    for w in widths:
        assert w["svg"] <= A4_PRINTABLE_PX and w["right"] <= A4_PRINTABLE_PX + 1, w
    # every written label whole on the paper: inside its chart (the relocations' stated totals ran off the right edge
    # when the chart was redrawn narrower than their layout)
    cut = page.evaluate(
        """(paper) => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap((gd) => {
            const svg = gd.querySelector('.main-svg').getBoundingClientRect();
            return Array.from(gd.querySelectorAll('svg text')).map((t) => [t.textContent, t.getBoundingClientRect()])
                .filter(([text, b]) => text.trim() && b.width > 0
                    && (b.left < svg.left - 1 || b.right > svg.right + 1 || b.right > paper))
                .map(([text, b]) => [gd.closest('.dash-graph').id, text, Math.round(b.left), Math.round(b.right)]);
        })""",
        A4_PRINTABLE_PX + 1,
    )
    assert not cut, cut[:5]
    table = page.evaluate(
        "() => { const t = document.querySelector('#data-table table');"
        " return {width: t.getBoundingClientRect().width, right: t.getBoundingClientRect().right}; }"
    )
    assert table["right"] <= A4_PRINTABLE_PX + 1, table
    expect(page.locator("#view-title")).to_be_visible()
    expect(page.locator("#view-title")).to_have_text("Jul 2009 – Dec 2016")
    expect(page.locator(".controls")).to_be_hidden()
    expect(page.locator(".share")).to_be_hidden()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.wait_for_function(
        "() => document.querySelector('#casualty-chart .main-svg').getBoundingClientRect().width > 900"
    )


def test_a_touch_screen_gets_no_arrow_key_hint(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  base_url=base_url)  # fmt: skip
    phone = context.new_page()
    phone.goto("/?story=camps&step=2")
    wait_ready(phone)
    expect(phone.locator("#story-panel")).to_be_visible()
    expect(phone.locator(".keys-hint")).to_be_hidden()
    context.close()


def test_a_table_not_yet_drawn_says_so_on_paper(page: Page) -> None:
    """The rows load when the table is scrolled into view; printed before that, the page said 'drawn when the table
    comes into view', which paper never does. It says how to print them."""
    page.goto("/?from=2009-07&to=2016-12")
    wait_ready(page)
    note = page.locator("#data-table .table-not-drawn")
    page.emulate_media(media="print")
    expect(note).to_have_text(
        "The rows are not printed: they load when the table is scrolled into view. Scroll to it before printing, "
        "or export the view's rows (data.csv).",
        use_inner_text=True,
    )
    page.emulate_media(media="screen")
    expect(note).to_have_text("The rows are drawn when the table comes into view.", use_inner_text=True)
