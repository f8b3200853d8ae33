"""The page comes with its view's figures (components/first_paint.py): opening a link draws the view without a
callback for the figures, and what it draws is the link's view."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import app_view, query, settled, show_graph, wait_ready


def test_a_link_opens_on_its_view_without_asking_the_server_for_the_figures(page: Page) -> None:
    outputs: list[str] = []
    page.on(
        "request",
        lambda r: (
            outputs.append((r.post_data_json or {}).get("output", "")) if "_dash-update-component" in r.url else None
        ),
    )
    layout_urls: list[str] = []
    page.on("request", lambda r: layout_urls.append(r.url) if "_dash-layout" in r.url else None)

    page.goto("/?from=2013-01&to=2013-12&place=liberty&lens=independent")
    wait_ready(page)
    settled(page)
    want = app_view("2013-01", "2013-12", "liberty", "independent")

    # The layout was asked for with the page's view, and it carried every figure: no callback was asked for one.
    assert layout_urls and all(
        u.endswith("?from=2013-01&to=2013-12&place=liberty&lens=independent") for u in layout_urls
    )
    asked = [o for o in outputs if ".figure" in o or "kpi-" in o or "story-panel" in o]
    assert not asked, f"figures asked for after the page came: {asked}"

    # What it drew is the link's view: slider, labels, headlines, map and charts.
    expect(page.locator("#date-range-label")).to_have_text("Jan 2013 – Dec 2013")
    expect(page.locator("#filter-label")).to_have_text(want.filter_label)
    expect(page.locator("#kpi-killed")).to_have_text(want.killed.text)
    expect(page.locator("#kpi-relocated")).to_have_text(want.relocated.text)
    expect(page.locator("#source-lens input[value=independent]")).to_be_checked()
    expect(page.locator("#map .gtitle").first).to_contain_text("Jan 2013 – Dec 2013")
    show_graph(page, "casualty-chart")
    expect(page.locator("#casualty-chart .gtitle").first).to_contain_text("Jan 2013 – Dec 2013")
    assert query(page) == {"from": ["2013-01"], "to": ["2013-12"], "place": ["liberty"], "lens": ["independent"]}

    # The page goes on as before: a step of the range asks the server for the new figures.
    handles = page.locator("#date-range [role=slider]")
    handles.nth(handles.count() - 1).focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#map .gtitle").first).to_contain_text("Jan 2013 – Nov 2013")
    assert any("map.figure" in o for o in outputs)


def test_a_link_with_a_bad_parameter_opens_on_the_whole_period_and_says_why(page: Page) -> None:
    page.goto("/?from=2013-13&place=nowhere")
    wait_ready(page)
    expect(page.locator("#url-notice")).to_contain_text("2013-13")
    expect(page.locator("#url-notice")).to_contain_text("nowhere")
    expect(page.locator("#kpi-killed")).to_have_text(app_view("2009-07", "2016-12").killed.text)
