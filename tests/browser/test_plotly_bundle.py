"""The page draws with the partial plotly.js bundle and never fetches plotly's full bundle."""

from __future__ import annotations

from tests.browser.pagehelpers import wait_ready
from tests.unit.test_plotly_bundle import bundle_file, registered_traces


def test_page_uses_the_partial_bundle_only(page, page_log):
    page.goto("/")
    wait_ready(page)
    assert page.evaluate("() => window.Plotly.version") in bundle_file().name
    assert set(page.evaluate("() => Object.keys(window.Plotly.PlotSchema.get().traces)")) == registered_traces()
    plotly_requests = [u for u in page_log.requests if "plotly" in u.rsplit("/", 1)[-1]]
    assert plotly_requests and all(bundle_file().name in u for u in plotly_requests), plotly_requests
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(g => g._fullData.map(t => t.type))"
    )
    assert drawn and set(drawn) <= registered_traces()
