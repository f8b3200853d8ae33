"""What readers feel, in headless chromium, against a one-slider/one-graph Dash page measured in the same run.

- slider step: focus the end handle of `#date-range`, press an arrow key; the step lasts until the last repaint a
  reader can see: the last `plotly_afterplot` of any graph (every graph hooked) or the last change of the page's
  text or elements inside the viewport (headline figures, labels; not inside a closed disclosure), once nothing is
  loading and nothing has been repainted for 400 ms. A graph far off screen draws its update when scrolled near
  (assets/graph_update.js): it is not seen during the step, and its later draw is not counted.
- playback: steps a second while the dashboard plays (the slider's start handle moving), and how much of that time
  the map (the one graph on screen at the slider) shows the window the slider shows.
- page ready: a reload in a warm context, and a first visit in a fresh context (empty cache); a phone: a reload at
  390 px with the CPU throttled 4× (DevTools protocol), against the one-graph page under the same throttle.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, GRAPHS_DRAWN, VIEW_READY

HOOK = """() => {
    window.__paints = [];
    window.__key = null;
    document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
        gd.on('plotly_afterplot', () => window.__paints.push(performance.now()));
    });
    // Dash adds and removes an empty marker div while callbacks are in flight: nothing a reader sees.
    const marker = (m) => m.type === 'childList' && [...m.addedNodes, ...m.removedNodes].every(
        (n) => n.id === '_dash-loading-callback');
    const seen = (node) => {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (!el || !el.isConnected) return false;
        // Inside a closed disclosure (the KPI cards' "Who reports what") nothing is seen until it is opened.
        if (el.closest('details:not([open]) > :not(summary)')) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
    };
    new MutationObserver((records) => {
        const t = performance.now();
        if (window.__key !== null && records.some((m) => !marker(m) && seen(m.target))) window.__paints.push(t);
    }).observe(document.body, {childList: true, subtree: true, characterData: true});
    document.addEventListener('keydown', () => { window.__key = performance.now(); }, true);
}"""
QUIET = """() => {
    if (document.querySelector('[data-dash-is-loading="true"]')) return false;
    const last = window.__paints.length ? Math.max(...window.__paints) : window.__key;
    return window.__paints.some((t) => t > window.__key + 1) && performance.now() - last > 400;
}"""


def _ready(page, drawn: str) -> None:
    page.wait_for_function(drawn, timeout=180_000, polling=25)


def slider_steps(page, url: str, drawn: str, steps: int) -> list[float]:
    """Times (ms) from an arrow key on the slider's end handle to the last repaint, alternating left and right."""
    page.goto(url)
    _ready(page, drawn)
    page.wait_for_timeout(1000)
    page.evaluate(HOOK)
    handles = page.locator("#date-range [role=slider]")
    handles.nth(handles.count() - 1).focus()
    out = []
    for i in range(steps):
        page.evaluate("() => { window.__paints = []; }")
        page.keyboard.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
        page.wait_for_function(QUIET, timeout=60_000, polling=20)
        out.append(page.evaluate("() => Math.max(...window.__paints) - window.__key"))
    return out


MAP_CURRENT = """() => {
    const title = document.querySelector('#map .gtitle');
    return !!title && title.textContent.includes(document.querySelector('#date-range-label').textContent);
}"""


def playback_rate(page, url: str, drawn: str, seconds: float = 10.0) -> tuple[float, float]:
    """(months a second the window moves while playing, share of the time the map shows the window the slider
    shows), both read every 20 ms (the start handle's aria-valuenow, the map's title and the range label)."""
    page.goto(url)
    _ready(page, drawn)
    page.click("#play-button")
    handle = page.locator("#date-range [role=slider]").first
    seen: list[tuple[float, int]] = []
    current: list[bool] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = int(handle.get_attribute("aria-valuenow"))
        if not seen or seen[-1][1] != value:
            seen.append((time.monotonic(), value))
        if len(seen) > 1:
            current.append(page.evaluate(MAP_CURRENT))
        page.wait_for_timeout(20)
    page.click("#play-button")
    if len(seen) < 3:
        return 0.0, 0.0
    (t0, v0), (t1, v1) = seen[1], seen[-1]  # from the first step on: the start of playback is not a step
    return (v1 - v0) / (t1 - t0), sum(current) / len(current)


def _reloads(page, url: str, drawn: str, runs: int) -> list[float]:
    """Seconds from each reload to `drawn`, after a first visit that warms the page's cache."""
    page.goto(url)
    _ready(page, drawn)
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        page.reload(wait_until="commit")
        _ready(page, drawn)
        out.append(time.perf_counter() - t0)
    return out


def page_ready(browser, url: str, drawn: str, runs: int) -> tuple[list[float], list[float]]:
    """(reloads in one warm context, first visits in fresh contexts), seconds to `drawn` (what a reader sees drawn)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    reloads = _reloads(context.new_page(), url, drawn, runs)
    context.close()
    firsts = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        _ready(page, drawn)
        firsts.append(time.perf_counter() - t0)
        context.close()
    return reloads, firsts


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
THROTTLE = 4  # CPU slowdown of the phone, through the DevTools protocol


def phone_ready(browser, url: str, drawn: str, runs: int) -> list[float]:
    """Seconds to `drawn` on each reload at 390 px with the CPU throttled THROTTLE times (a phone)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    out = _reloads(page, url, drawn, runs)
    context.close()
    return out


def measure(app_base: str, baseline_base: str, steps: int = 30, runs: int = 5) -> dict:
    """Every browser number for the dashboard and the baseline, measured in one browser, interleaved."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            out = {}
            for name, base, drawn in (("baseline", baseline_base, GRAPHS_DRAWN), ("app", app_base, VIEW_READY)):
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                out[f"{name}_steps"] = slider_steps(context.new_page(), base + "/", drawn, steps)
                context.close()
                out[f"{name}_reload"], out[f"{name}_first"] = page_ready(browser, base + "/", drawn, runs)
                out[f"{name}_phone"] = phone_ready(browser, base + "/", drawn, runs)
            context = browser.new_context(viewport={"width": 1440, "height": 1000})
            out["playback"], out["playback_current"] = playback_rate(context.new_page(), app_base + "/", VIEW_READY)
            context.close()
            return out
        finally:
            browser.close()


def report(m: dict) -> list[str]:
    """Markdown rows: each measurement with its ratio to the baseline."""
    med = statistics.median

    def row(what: str, app: float, base: float, unit: str, target: str) -> str:
        return f"| {what} | {app:.0f} {unit} | {base:.0f} {unit} | {app / base:.1f}× | {target} |"

    a, b = m["app_steps"], m["baseline_steps"]
    return [
        "| in the browser (headless chromium, 1440×1000) | dashboard | one-slider/one-graph page | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
        row(f"slider step → last visible repaint, median of {len(a)}", med(a), med(b), "ms", "≤ 2×"),
        row("slider step → last visible repaint, slowest", max(a), max(b), "ms", "≤ 8×"),
        row(f"page ready, reload (median of {len(m['app_reload'])})", 1000 * med(m["app_reload"]),
            1000 * med(m["baseline_reload"]), "ms", "≤ 2×"),
        row(f"page ready, first visit (median of {len(m['app_first'])})", 1000 * med(m["app_first"]),
            1000 * med(m["baseline_first"]), "ms", "≤ 1.3×"),
        row(f"page ready, phone: 390 px, CPU ÷{THROTTLE}, reload (median of {len(m['app_phone'])})",
            1000 * med(m["app_phone"]), 1000 * med(m["baseline_phone"]), "ms", "≤ 2.5×"),
        f"| playback (the map showing the slider's window {100 * m['playback_current']:.0f}% of the time) "
        f"| {m['playback']:.2f} steps/s | | | ≥ 3 steps/s |",
    ]  # fmt: skip
