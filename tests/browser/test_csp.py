"""The page under the production headers, in headless Debian chromium: it draws fully and the CSP blocks nothing.

Served by werkzeug in a thread from the real `app.server` (so with every header serving.configure adds). The page
must draw every graph (the map with its offline topojson base map, the bar/scatter charts), report no CSP violation
(`securitypolicyviolation` events) and no console error, and the modebar's PNG download (data:/blob: URLs) must work.
"""

from __future__ import annotations

import pytest

from benchmarks.browser import ALL_GRAPHS_DRAWN

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_page_draws_fully_under_the_csp(browser, base_url):
    """Uses the suite's browser and in-process server (served by the real `app.server`, with every header)."""
    errors: list[str] = []
    # Tall enough that every chart is on screen and drawn (far off screen a chart waits to be scrolled near).
    context = browser.new_context(viewport={"width": 1440, "height": 5000}, accept_downloads=True)
    try:
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        response = page.goto(base_url + "/?from=2012-01&to=2013-12")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self' 'sha256-" in csp and "unsafe-eval" not in csp
        page.wait_for_function(ALL_GRAPHS_DRAWN, timeout=TIMEOUT_MS)
        n_graphs = page.evaluate("document.querySelectorAll('.dash-graph').length")
        assert n_graphs >= 3
        types = page.evaluate(
            "Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(g => g._fullData.map(t => t.type))"
        )
        assert "scattergeo" in types and "bar" in types

        # The modebar's PNG download: plotly renders the SVG to an image via data:/blob: URLs.
        page.hover("#casualty-chart .js-plotly-plot")
        with page.expect_download() as download:
            page.click("#casualty-chart .modebar-btn[data-title*='png' i]")
        assert download.value.suggested_filename.endswith(".png")

        violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert not violations, "blocked by the Content-Security-Policy:\n" + "\n".join(violations)
    assert not errors, "console errors:\n" + "\n".join(errors)
