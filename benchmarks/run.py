"""`make bench`: the app under gunicorn (2 workers, shared Redis cache) on loopback, measured in one run.

(a) the no-op callback (registered only with CAMPS_ATLAS_BENCH=1) is the baseline; (b) a date-range change,
(c) a map click, (d) a lens switch (URL search with lens=seeds) are run as the browser runs them (the triggering
callback, then every callback fed by its outputs, in parallel), each over N distinct views: once with the views new
to every cache ("cold") and once again ("warm", served from the figure cache). p50/p95 of the whole update and of
the figure callbacks are printed as ratios to (a). Then: page ready in headless chromium (every graph on screen drawn), bytes
transferred for the page (compressed), warm export time, and a bounded wrk run against a figure callback.

Results: stdout and benchmarks/results.md. Payloads come from the app's own /_dash-dependencies and /_dash-layout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import requests

from benchmarks import dash_protocol as dp
from benchmarks import feel
from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, VIEW_READY
from benchmarks.procs import REPO, gunicorn, redis_server, snapshot

N = int(os.environ.get("BENCH_N", "200"))  # requests (distinct views) per scenario and pass
NOOP_N = max(N, 300)
WORKERS = 2
WRK_SECONDS = 15
WRK_CONNECTIONS = 8
PAGE_RUNS = 3
RESULTS = REPO / "benchmarks" / "results.md"
VIEW = ("view-store", "data")
SLIDER = ("date-range", "value")
MAP_CLICK = ("map", "clickData")
SEARCH = ("url", "search")
TABLE_OUTPUT = "data-table.children"  # the page's data table (see the page-ready diagnostic)
NOOP = ("bench-noop-in", "data")


# ---- HTTP --------------------------------------------------------------------------------------------------------


class Client:
    """Keep-alive sessions, one per thread (the chain posts the dependent callbacks in parallel, like a browser)."""

    def __init__(self, base: str):
        self.base = base
        self.local = threading.local()
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def session(self) -> requests.Session:
        s = getattr(self.local, "s", None)
        if s is None:
            s = self.local.s = requests.Session()
            s.headers.update({"Accept-Encoding": "gzip, br", "Content-Type": "application/json"})
        return s

    def post(self, payload: dict) -> tuple[int, dict | None, dict]:
        r = self.session().post(self.base + dp.UPDATE_PATH, data=dp.dumps(payload), timeout=60)
        with self.lock:
            self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
        data = r.json() if r.status_code == 200 else None
        if not 200 <= r.status_code < 300:
            with self.lock:
                self.errors.append(f"{r.status_code} {payload.get('output', '')[:60]}: {r.text[:200].strip()}")
        return r.status_code, data, dict(r.headers)

    def get_json(self, path: str):
        return self.session().get(self.base + path, timeout=30).json()


# ---- statistics --------------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


@dataclass
class Row:
    name: str
    samples: list[float]
    hits: str = ""

    @property
    def p50(self) -> float:
        return pct(self.samples, 0.5) * 1000

    @property
    def p95(self) -> float:
        return pct(self.samples, 0.95) * 1000


# ---- scenarios ---------------------------------------------------------------------------------------------------


def spans(n: int, months: int, max_width: int = 36) -> list[list[int]]:
    """n distinct [low, high] month-index pairs (windows of 1 to max_width months), a fixed pseudo-random sample."""
    import random

    pairs = [[low, high] for low in range(months) for high in range(low, min(months, low + max_width))]
    if n > len(pairs):
        raise ValueError(f"only {len(pairs)} distinct month windows; BENCH_N={n} is too many")
    return random.Random(20131).sample(pairs, n)


def month_at(axis_start: str, index: int) -> str:
    y, m = map(int, axis_start.split("-"))
    m0 = y * 12 + (m - 1) + index
    return f"{m0 // 12:04d}-{m0 % 12 + 1:02d}"


def run_chains(chain: dp.Chain, prepare, trigger: dp.Prop, values_for) -> tuple[list[dp.ChainResult], list[str]]:
    results, failures = [], []
    for i, value in enumerate(values_for):
        prepare(i)
        result = chain.run(trigger, value)
        results.append(result)
        if not result.ok:
            failures.append(f"{trigger}={value!r}: " + ", ".join(f"{s.callback.name}={s.status}" for s in result.steps))
    return results, failures


def chain_rows(
    label: str, results: list[dp.ChainResult], figure_outputs: dict[str, dp.Prop], detail: list[Row]
) -> list[Row]:
    """The whole update and the two figure callbacks (main table); every callback of the update (detail table)."""
    steps = [s for r in results for s in r.steps]
    cached = [s.cache for s in steps if s.cache]
    hits = f"{cached.count('HIT')}/{len(cached)}" if cached else "-"
    rows = [Row(f"{label}: whole update ({len(results[0].steps)} callbacks)", [r.seconds for r in results], hits)]
    by_callback: dict[str, list[dp.Step]] = {}
    for step in steps:
        by_callback.setdefault(step.callback.name, []).append(step)
    for name, mine in by_callback.items():
        c = [s.cache for s in mine if s.cache]
        h = f"{c.count('HIT')}/{len(c)}" if c else "not cached"
        detail.append(Row(f"{label}: {name}", [s.seconds for s in mine], h))
    for short, prop in figure_outputs.items():
        mine = [s for s in steps if prop in s.callback.outputs]
        if mine:
            c = [s.cache for s in mine if s.cache]
            h = f"{c.count('HIT')}/{len(c)}" if c else "-"
            rows.append(Row(f"{label}: {short} callback", [s.seconds for s in mine], h))
    return rows


def isolated(client: Client, cb: dp.Callback, views: list[dict], label: str) -> Row:
    """One figure callback alone, sequentially, over views already in the cache (what a hit costs end to end)."""
    samples, hits = [], 0
    for v in views:
        payload = dp.body(cb, {VIEW: v}, [VIEW])
        t0 = time.perf_counter()
        status, _, headers = client.post(payload)
        samples.append(time.perf_counter() - t0)
        hits += headers.get("X-Cache") == "HIT"
        assert status == 200
    return Row(label, samples, f"{hits}/{len(views)}")


def map_points(values: dict, place_ids: set[str]) -> list[dict]:
    """clickData for every distinct place marker of the map figure (customdata [kind, item id, place id])."""
    figure = values.get(("map", "figure")) or {}
    points, seen = [], set()
    for curve, trace in enumerate(figure.get("data", [])):
        custom = trace.get("customdata")
        if not isinstance(custom, list):
            continue
        for index, cd in enumerate(custom):
            if isinstance(cd, list) and len(cd) >= 3 and cd[0] == "place" and cd[2] in place_ids and cd[2] not in seen:
                seen.add(cd[2])
                points.append(
                    {"points": [{"curveNumber": curve, "pointNumber": index, "pointIndex": index, "customdata": cd}]}
                )
    return points


def count_components(node) -> int:
    """Dash components in a JSON layout fragment."""
    if isinstance(node, list):
        return sum(count_components(x) for x in node)
    if isinstance(node, dict):
        return (1 if "namespace" in node else 0) + sum(count_components(v) for v in node.values())
    return 0


# ---- page, bytes, export, wrk ------------------------------------------------------------------------------------


def _stub_table(route) -> None:
    """Diagnostic only: answer the data table's callback with no rows (to measure what the table costs)."""
    body = json.loads(route.request.post_data or "{}")
    response = {
        "multi": True,
        "response": {
            o["id"]: {o["property"]: [] if o["property"] == "children" else None}
            for o in body.get("outputs", [])
            if isinstance(o, dict)
        },
    }
    route.fulfill(status=200, content_type="application/json", body=json.dumps(response))


def page_ready(base: str, runs: int = PAGE_RUNS, stub_table: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"runs": [], "bytes": None, "requests": None, "biggest": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for run in range(runs):
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                if stub_table:
                    page.route(
                        lambda url: dp.UPDATE_PATH in url,
                        lambda route: (
                            _stub_table(route) if TABLE_OUTPUT in (route.request.post_data or "") else route.continue_()
                        ),
                    )
                finished = []
                page.on("requestfinished", lambda req, sink=finished: sink.append(req))
                t0 = time.perf_counter()
                page.goto(base + "/", wait_until="commit")
                page.wait_for_function(VIEW_READY, timeout=180_000, polling=25)
                out["runs"].append(time.perf_counter() - t0)
                if run == 0 and not stub_table:
                    page.wait_for_load_state("networkidle")
                    sizes = []
                    for req in finished:
                        s = req.sizes()
                        sizes.append((s["responseBodySize"] + s["responseHeadersSize"], req.method, req.url))
                    out["bytes"] = sum(s for s, *_ in sizes)
                    out["requests"] = len(sizes)
                    out["biggest"] = sorted(sizes, reverse=True)[:4]
                context.close()
        finally:
            browser.close()
    return out


def raw_page_bytes(base: str, urls: list[tuple[str, str]]) -> tuple[int, int]:
    """Compressed and uncompressed bytes of the page's GET resources, replayed with Accept-Encoding: gzip, br."""
    compressed = raw = 0
    s = requests.Session()
    for method, url in urls:
        if method != "GET":
            continue
        r = s.get(url, headers={"Accept-Encoding": "gzip, br"}, stream=True, timeout=30)
        body = r.raw.read(decode_content=False)
        compressed += len(body)
        raw += len(s.get(url, headers={"Accept-Encoding": "identity"}, timeout=30).content)
    return compressed, raw


def export_time(base: str) -> str:
    url = base + "/export/casualties.png?from=2013-09&to=2013-09"
    try:
        first = requests.get(url, timeout=120)
    except requests.RequestException as err:
        return f"n/a ({type(err).__name__})"
    if first.status_code == 404:
        return "n/a (no /export/ route)"
    if first.status_code != 200:
        return f"n/a (status {first.status_code})"
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        r = requests.get(url, timeout=120)
        times.append(time.perf_counter() - t0)
        assert r.status_code == 200
    # a view not exported before (the export's own cache is cold for it, the renderer is warm)
    t0 = time.perf_counter()
    fresh = requests.get(base + "/export/casualties.png?from=2011-01&to=2012-06&lens=seeds", timeout=120)
    fresh_s = time.perf_counter() - t0
    return (
        f"{statistics.median(times) * 1000:.0f} ms median of 5 repeated (same view); "
        f"{fresh_s * 1000:.0f} ms for a view not exported before (status {fresh.status_code})"
    )


WRK_SCRIPT = """
local bodies = {%s}
local n = 0
request = function()
  n = n %% #bodies + 1
  return wrk.format("POST", "%s", {["Content-Type"] = "application/json", ["Accept-Encoding"] = "gzip"}, bodies[n])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d duration_us=%%d bytes=%%d status=%%d connect=%%d read=%%d write=%%d timeout=%%d p50_us=%%d p95_us=%%d p99_us=%%d\\n",
    summary.requests, summary.duration, summary.bytes, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def run_wrk(base: str, bodies: list[dict], workdir: Path) -> dict | str:
    wrk = shutil.which("wrk")
    if not wrk:
        return "n/a (wrk not installed: make bench-deps)"
    script = workdir / "post.lua"
    lua_bodies = ", ".join(f"[==[{dp.dumps(b)}]==]" for b in bodies)
    script.write_text(WRK_SCRIPT % (lua_bodies, dp.UPDATE_PATH))
    cmd = [
        wrk,
        "-t",
        "2",
        "-c",
        str(WRK_CONNECTIONS),
        "-d",
        f"{WRK_SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=WRK_SECONDS + 30)
    m = re.search(r"RESULT (.*)", out.stdout)
    if not m:
        return f"n/a (wrk output not understood: {out.stdout[-300:]} {out.stderr[-300:]})"
    result = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("status", "connect", "read", "write", "timeout"))
    return result


# ---- main --------------------------------------------------------------------------------------------------------


def main() -> int:
    # SIGTERM (e.g. a CI timeout) unwinds like Ctrl-C, so the servers started here are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    load_before = os.getloadavg()[0]
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="camps-atlas-bench-")))
        try:
            cache_url = stack.enter_context(redis_server(workdir / "redis"))
            cache_label = "Redis (shared by the workers)"
        except FileNotFoundError as err:
            print(f"warning: {err}\nfalling back to the in-process cache", file=sys.stderr)
            cache_url, cache_label = None, "in-process (one per worker)"
        source = snapshot(workdir / "src")
        base = stack.enter_context(
            gunicorn(workdir / "gunicorn", workers=WORKERS, cache_url=cache_url, bench=True, root=source)
        )
        client = Client(base)
        cbs = dp.callbacks(client.get_json("/_dash-dependencies"))
        values = dp.initial_values(client.get_json("/_dash-layout"))
        chain = dp.Chain(cbs, values, client.post)
        stack.callback(chain.close)
        health = client.get_json("/healthz")

        # The page's first load: the URL drives the view, every figure is drawn (as the browser does at load).
        first = chain.run(SEARCH, "")
        assert first.ok, client.errors
        first_load_table = count_components(values.get(tuple(TABLE_OUTPUT.split("."))))  # the page's view ("/")
        axis_len = int(values.get(("date-range", "max"), 89)) + 1
        axis_start = values[VIEW]["from"]
        base_view = dict(values[VIEW])
        from data.load import default_bundle

        place_ids = set(default_bundle().places.index)
        points = map_points(values, place_ids)
        assert points, "no clickable place on the map"

        # (a) the no-op callback
        noop_cb = next(cb for cb in cbs if NOOP in cb.inputs)
        noop = []
        for i in range(20):  # warm-up
            client.post(dp.body(noop_cb, {NOOP: -i}, [NOOP]))
        for i in range(NOOP_N):
            t0 = time.perf_counter()
            status, _, _ = client.post(dp.body(noop_cb, {NOOP: i}, [NOOP]))
            noop.append(time.perf_counter() - t0)
            assert status == 200
        rows = [Row("(a) no-op callback", noop)]

        spans_ = spans(N, axis_len)
        figure_outputs = {"panels": ("casualty-chart", "figure"), "map": ("map", "figure")}

        def set_view(span, place=None, lens="all"):
            values[VIEW] = {
                "from": month_at(axis_start, span[0]),
                "to": month_at(axis_start, span[1]),
                "place": place,
                "lens": lens,
            }
            values[SLIDER] = list(span)

        failures: list[str] = []
        detail: list[Row] = []
        for label in ("cold", "warm"):
            # (b) date range: the slider moves to a new month span (views: span, all places, all sources)
            values[VIEW] = dict(base_view)
            res, bad = run_chains(chain, lambda i: None, SLIDER, spans_)
            rows += chain_rows(f"(b) date range, {label}", res, figure_outputs, detail)
            failures += bad
            # (c) map click: a place is clicked while a span is selected (views: span_i, place_i)
            res, bad = run_chains(
                chain,
                lambda i: set_view(spans_[i]),
                MAP_CLICK,
                [points[i % len(points)] for i in range(N)],
            )
            rows += chain_rows(f"(c) map click, {label}", res, figure_outputs, detail)
            failures += bad
            # (d) lens switch: the URL changes to lens=seeds (views: span_i, seeds)
            searches = [
                f"?from={month_at(axis_start, s[0])}&to={month_at(axis_start, s[1])}&lens=seeds" for s in spans_
            ]
            res, bad = run_chains(chain, lambda i: set_view(spans_[i]), SEARCH, searches)
            rows += chain_rows(f"(d) lens switch, {label}", res, figure_outputs, detail)
            failures += bad
        values[VIEW] = dict(base_view)
        # The figure callbacks alone, one request at a time, over the (now cached) date-range views.
        views_b = [
            {"from": month_at(axis_start, lo), "to": month_at(axis_start, hi), "place": None, "lens": "all"}
            for lo, hi in spans_
        ]
        for short, prop in figure_outputs.items():
            cb = next(cb for cb in cbs if prop in cb.outputs)
            rows.append(isolated(client, cb, views_b, f"(e) {short} callback alone, sequential, cached views"))

        # page ready, bytes
        page = page_ready(base) if os.access(CHROMIUM, os.X_OK) else None
        has_table = any(TABLE_OUTPUT in cb.key for cb in cbs)
        table_rows = None
        if page and has_table:
            table_cb = next(cb for cb in cbs if TABLE_OUTPUT in cb.key)
            table_rows = first_load_table, table_cb
            page_no_table = page_ready(base, runs=3, stub_table=True)
        if page:  # what readers feel: slider steps, playback, reload / first visit, against a one-graph page
            baseline = stack.enter_context(
                gunicorn(workdir / "baseline", workers=WORKERS, root=source, app_spec="benchmarks.baseline_app:server")
            )
            felt = feel.measure(base, baseline)
        replay = raw_page_bytes(base, [(m, u) for _, m, u in page["biggest"]]) if page else None
        export = export_time(base)
        panels_cb = next(cb for cb in cbs if ("casualty-chart", "figure") in cb.outputs)
        wrk_bodies = []
        for s in spans_[:20]:
            set_view(s)
            wrk_bodies.append(dp.body(panels_cb, values, [VIEW]))
        values[VIEW] = dict(base_view)
        for b in wrk_bodies:  # warm: wrk measures the served (cached) path under load
            client.post(b)
        wrk = run_wrk(base, wrk_bodies, workdir)

    # ---- report ----
    a50, a95 = rows[0].p50, rows[0].p95
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    say(f"# Camps Atlas benchmark — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit.strip()}")
    say()
    say(
        f"gunicorn app:server, {WORKERS} workers (gthread, 4 threads), loopback; figure cache: {cache_label}; "
        f"data version {health['data_version']}; {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"Each scenario: {N} updates over {N} distinct views, run as the browser runs them (the triggering callback, "
        "then all callbacks fed by the view store, in parallel). *cold*: views new to every cache; *warm*: the same "
        f"views again. Cache hits: figure callbacks answered from the cache / all figure callbacks. No-op: {NOOP_N} "
        f"requests. Load average (1 min) before the run {load_before:.1f}, after {os.getloadavg()[0]:.1f}: other "
        "processes on the machine add noise, mostly to the p95s."
    )
    say()
    say("| measurement | p50 ms | p95 ms | p50 / no-op | p95 / no-op | cache hits |")
    say("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        say(
            f"| {row.name} | {row.p50:.1f} | {row.p95:.1f} | {row.p50 / a50:.1f}× | {row.p95 / a95:.1f}× | {row.hits} |"
        )
    say()
    say("Every callback of the updates (date range, map click, lens switch), as timed inside the update:")
    say()
    say("| callback | p50 ms | p95 ms | p50 / no-op | p95 / no-op | cache hits |")
    say("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in detail:
        say(
            f"| {row.name} | {row.p50:.1f} | {row.p95:.1f} | {row.p50 / a50:.1f}× | {row.p95 / a95:.1f}× | {row.hits} |"
        )
    say()
    if page:
        for line in feel.report(felt):
            say(line)
        say()
    say("| other | value |")
    say("| --- | --- |")
    if page:
        runs = page["runs"]
        say(
            f"| page ready (headless chromium, fresh profile, every graph on screen drawn) | first {runs[0]:.2f} s; median of "
            f"{len(runs)} {statistics.median(runs):.2f} s (min {min(runs):.2f}, max {max(runs):.2f}) |"
        )
        say(
            f"| bytes transferred for the page (compressed, {page['requests']} requests, headers included) | "
            f"{page['bytes'] / 1e6:.2f} MB |"
        )
        biggest = "; ".join(f"{u.split('?')[0].rsplit('/', 1)[-1]} {s / 1e3:.0f} kB" for s, m, u in page["biggest"])
        say(f"| largest responses (compressed) | {biggest} |")
        if replay:
            say(
                f"| the largest GETs replayed with Accept-Encoding: gzip, br | {replay[0] / 1e6:.2f} MB "
                f"(uncompressed {replay[1] / 1e6:.2f} MB) |"
            )
        if table_rows:
            r = page_no_table["runs"]
            parts = f", {table_rows[0]} Dash components in the page's view" if table_rows[0] else ""
            say(
                f"| diagnostic: page ready with the data table's callback answered empty (what the table costs"
                f"{parts}) | median of {len(r)} {statistics.median(r):.2f} s |"
            )
    else:
        say(f"| page ready | n/a (no chromium at {CHROMIUM}) |")
    say(f"| warm export /export/casualties.png | {export} |")
    if isinstance(wrk, dict):
        say(
            f"| wrk {WRK_SECONDS} s, {WRK_CONNECTIONS} connections, 2 threads, POST panels callback (20 views, cached) | "
            f"{wrk['rps']:.0f} req/s; latency p50 {wrk['p50_us'] / 1000:.1f} ms, p95 {wrk['p95_us'] / 1000:.1f} ms, "
            f"p99 {wrk['p99_us'] / 1000:.1f} ms; {wrk['requests']} requests, non-2xx {wrk['status']}, "
            f"socket errors {wrk['connect'] + wrk['read'] + wrk['write'] + wrk['timeout']} |"
        )
    else:
        say(f"| wrk | {wrk} |")
    non2xx = {k: v for k, v in client.statuses.items() if not 200 <= k < 300}
    say(f"| non-2xx answers during the latency runs | {sum(non2xx.values())} {non2xx or ''} |")
    say()
    say(f"Total benchmark time {time.time() - started:.0f} s.")
    if failures:
        say()
        say("Failed updates:")
        for f in failures[:20]:
            say(f"- {f}")
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(REPO)}")
    wrk_errors = wrk["errors"] if isinstance(wrk, dict) else 0
    return 1 if failures or non2xx or wrk_errors else 0
