"""`make bench`'s fault run (python -m benchmarks.fault_run): `make serve` as deployed (nginx front, gunicorn with 2
workers, Redis) under the faults issue 14 found, each with its number, written to benchmarks/faults.md.

1. exports after the renderer's Chromium is killed (how many of the next exports work, and the first one's time);
2. /healthz latency under 12 slow clients trickling POST bodies;
3. /healthz and callback latency while 16 clients ask for new PNGs (the render queue answers 503 beyond its limit);
4. callback latency with Redis frozen (SIGSTOP), against Redis answering;
5. a large map export while its Chromium's page processes are killed (issue 26);
6. /healthz, callback and refusal times while 8 clients ask for new reports in a loop for 25 s;
7. worker memory (RSS) over 200 reports of new views.

Loopback only; every loop is bounded in count and time (1-4 take under a minute, 7 several minutes).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import requests

from benchmarks import dash_protocol as dp
from benchmarks import faults
from benchmarks.procs import REPO, gunicorn, redis_server
from benchmarks.run import Client
from data.view import View, default_choices

RESULTS = REPO / "benchmarks" / "faults.md"
T = TypeVar("T")
PANELS = ("casualty-chart", "figure")
VIEW = ("view-store", "data")


def ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"p50 {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def _master_pid(workdir: Path) -> int:
    log = next(workdir.glob("gunicorn-*.log")).read_text(errors="replace")
    return int(re.search(r"Listening at: \S+ \((\d+)\)", log).group(1))


def _views(n: int, offset: int) -> list[dict]:
    """n distinct views (new to every cache), as the page's store holds them (data.view.View.to_store)."""
    first = default_choices().first
    return [
        View(
            first + (offset + i) % 60,
            first + (offset + i) % 60 + 3 + i // 60,
            None,
            ("all", "seeds", "independent")[i % 3],
        ).to_store()
        for i in range(n)
    ]


REPORTS_FOR_MEMORY = 200
PAGE_DEATH = "renderer: a page process of the browser died"  # exports.render_server's line in the log


def _report_queries(lenses: tuple[str, ...]) -> Iterator[str]:
    """Report views new to every cache, endlessly: each month range (shortest first) in each lens and paper."""
    first, last = default_choices().first, default_choices().last
    months = (last - first).n + 1
    while True:
        for span in range(months):
            for start in range(months - span):
                for lens in lenses:
                    for paper in ("a4", "letter"):
                        yield f"from={first + start}&to={first + start + span}&lens={lens}&paper={paper}"


def _under_load(
    clients: int,
    urls: Iterator[str],
    answers: list[tuple[int, float]],
    lock: threading.Lock,
    seconds: float,
    settle: float,
    probe: Callable[[], T],
    timeout: float,
) -> T:
    """`clients` threads GET the next of `urls` in a loop (each (status, seconds) appended to `answers`) until the
    urls run out or `seconds` have passed; meanwhile, after `settle` s, `probe()` measures what readers feel."""
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            with lock:
                url = next(urls, None)
            if url is None:
                return
            status, took, _ = get(url, timeout=timeout)
            with lock:
                answers.append((status, took))

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(ask)
        time.sleep(settle)
        measured = probe()
        time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        stop.set()
    return measured


def callback_times(client: Client, cb: dp.Callback, views: list[dict]) -> tuple[list[float], dict[int, int]]:
    times, statuses = [], {}
    for view in views:
        t0 = time.perf_counter()
        status, _, _ = client.post(dp.body(cb, {VIEW: view}, [VIEW]))
        times.append(time.perf_counter() - t0)
        statuses[status] = statuses.get(status, 0) + 1
    return times, statuses


def get(url: str, timeout: float = 120) -> tuple[int, float, str]:
    t0 = time.perf_counter()
    try:
        r = requests.get(url, timeout=timeout)
        return r.status_code, time.perf_counter() - t0, r.text[:120] if r.status_code != 200 else ""
    except requests.RequestException as err:
        return 0, time.perf_counter() - t0, type(err).__name__


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    problems: list[str] = []
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="camps-atlas-faults-")))
        cache_url = stack.enter_context(redis_server(workdir / "redis"))
        base = stack.enter_context(gunicorn(workdir / "gunicorn", workers=2, cache_url=cache_url))
        master = _master_pid(workdir / "gunicorn")
        client = Client(base)
        cbs = dp.callbacks(client.get_json("/_dash-dependencies"))
        panels = next(cb for cb in cbs if PANELS in cb.outputs and VIEW in cb.inputs)
        rows: list[tuple[str, str]] = []

        # 1. the renderer's Chromium killed
        first = [get(f"{base}/export/casualties.png?width={700 + i}") for i in range(4)]  # both workers' renderers
        killed = faults.kill_chromium_below(master)
        time.sleep(1.0)
        states = {client.get_json("/healthz")["renderer"]["state"] for _ in range(6)}
        after = [get(f"{base}/export/casualties.png?width={800 + i}") for i in range(6)]
        ok = sum(1 for s, _, _ in after if s == 200)
        rows.append(
            (
                f"exports after killing the renderers' Chromium ({killed} processes; {sum(s == 200 for s, _, _ in first)}"
                "/4 worked before)",
                f"{ok}/{len(after)} answered 200; the first in {after[0][1]:.1f} s, the others {ms([t for _, t, _ in after[1:]])};"
                f" /healthz renderer states seen right after the kill: {', '.join(sorted(states))}",
            )
        )
        if ok != len(after):
            problems.append(f"exports after a renderer kill: {[(s, m) for s, _, m in after]}")

        # 2. slow clients
        url = urlsplit(base)
        with faults.slow_clients(url.hostname, url.port, count=12, seconds=8) as opened:
            slow = faults.latencies(base + "/healthz", count=10, interval=0.3, timeout=5)
        answered = [t for t in slow if t is not None]
        rows.append(
            (
                f"/healthz under {opened[0]} slow clients (POST, Content-Length 100000, 1 byte / 0.5 s)",
                f"{len(answered)}/{len(slow)} within 5 s; {ms(answered)}",
            )
        )
        if len(answered) != len(slow):
            problems.append("healthz timed out under slow clients")

        # 3. export load: 16 clients asking for new PNGs, bounded to 8 s and 64 requests
        export_status: dict[int, int] = {}
        lock = threading.Lock()
        exports = iter(f"{base}/export/map.png?width={width}" for width in range(1000, 1064))
        answers: list[tuple[int, float]] = []

        def probe() -> tuple[list[float | None], list[float], dict[int, int]]:
            health = faults.latencies(base + "/healthz", count=10, interval=0.2, timeout=5)
            return (health, *callback_times(client, panels, _views(10, 0)))

        health, cb_times, cb_status = _under_load(16, exports, answers, lock, 8.0, 0.5, probe, timeout=60)
        for status, _ in answers:
            export_status[status] = export_status.get(status, 0) + 1
        health_ok = [t for t in health if t is not None]
        rows.append(
            (
                "/healthz while 16 clients ask for new map PNGs",
                f"{len(health_ok)}/{len(health)} answered; {ms(health_ok)}",
            )
        )
        rows.append(("casualties callback (new views) meanwhile", f"{ms(cb_times)}; statuses {cb_status}"))
        rows.append(
            (
                "those exports",
                ", ".join(f"{n}× {s}" for s, n in sorted(export_status.items()))
                + " (503 = render queue full, with Retry-After)",
            )
        )
        if len(health_ok) != len(health) or set(cb_status) != {200}:
            problems.append("page requests failed under export load")
        if any(s >= 500 and s != 503 for s in export_status):
            problems.append(f"exports under load: {export_status}")

        # 4. Redis frozen
        redis_pid = next(p for p, cmd in faults.descendants(os.getpid()).items() if "redis-server" in cmd)
        warm_times, _ = callback_times(client, panels, _views(10, 20))
        os.kill(redis_pid, signal.SIGSTOP)
        try:
            frozen_times, frozen_status = callback_times(client, panels, _views(10, 40))
        finally:
            os.kill(redis_pid, signal.SIGCONT)
        rows.append(("casualties callback (new views), Redis answering", ms(warm_times)))
        rows.append(
            (
                "the same with Redis frozen (SIGSTOP; 0.5 s timeouts, circuit breaker)",
                f"{ms(frozen_times)}; statuses {frozen_status}",
            )
        )
        if set(frozen_status) != {200}:
            problems.append(f"callbacks with Redis frozen: {frozen_status}")

        # 5. a page process of the renderers' Chromium killed during a large export
        for i in range(4):  # both workers' renderers started, their page processes settled
            get(f"{base}/export/casualties.png?width={900 + i}")
        time.sleep(1.5)
        box: dict[str, tuple[int, float, str]] = {}
        big = f"{base}/export/map.png?from=2010-01&to=2014-12&width=3000&height=2600&scale=1.7"
        log = next((workdir / "gunicorn").glob("gunicorn-*.log"))
        caught = log.read_text(errors="replace").count(PAGE_DEATH)
        exporting = threading.Thread(target=lambda: box.update(r=get(big)))
        exporting.start()
        pages = faults.kill_pages_when_drawing(master)  # once a page process draws
        exporting.join(150)
        status, took, message = box.get("r", (0, 0.0, "no answer"))
        caught = log.read_text(errors="replace").count(PAGE_DEATH) - caught
        rows.append(
            (
                f"a 3000×2600×1.7 map export whose Chromium page processes are killed while it draws ({pages} "
                f"killed; {caught} renderer(s) saw it)",
                f"{status} in {took:.1f} s (the page's death is caught and the render retried once on a fresh "
                f"renderer; before, the export waited the 45 s timeout and answered 503){' ' + message if message else ''}",
            )
        )
        if status != 200 or not pages or not caught:
            problems.append(f"export after a page kill: {status} {message}; {pages} killed, {caught} caught")

        # 6. report load: 8 clients asking for new reports in a loop for 25 s
        report_answers: list[tuple[int, float]] = []
        reports = (f"{base}/export/report.pdf?{query}" for query in _report_queries(("all",)))

        def report_probe() -> tuple[list[float | None], list[float], dict[int, int]]:
            health = faults.latencies(base + "/healthz", count=60, interval=0.3, timeout=10)
            return (health, *callback_times(client, panels, _views(10, 60)))

        health, cb_times, cb_status = _under_load(8, reports, report_answers, lock, 25.0, 1.0, report_probe, timeout=90)
        health_ok = [t for t in health if t is not None]
        built = [t for s, t in report_answers if s == 200]
        refused = [t for s, t in report_answers if s == 503]
        rows.append(
            (
                "/healthz while 8 clients ask for new reports in a loop (25 s)",
                f"{len(health_ok)}/{len(health)} answered; {ms(health_ok)}",
            )
        )
        rows.append(("casualties callback (new views) meanwhile", f"{ms(cb_times)}; statuses {cb_status}"))
        rows.append(
            (
                "those reports",
                f"{len(built)}× 200 ({ms(built)}), {len(refused)}× 503 answered in {ms(refused)} "
                "(one report built at a time per worker, refused before any work, with Retry-After); "
                f"other statuses: {sorted({s for s, _ in report_answers} - {200, 503}) or 'none'}",
            )
        )
        if len(health_ok) != len(health) or set(cb_status) != {200} or not built:
            problems.append("page requests failed or no report was built under report load")
        if any(s not in (200, 503) for s, _ in report_answers):
            problems.append(f"reports under load: {sorted({s for s, _ in report_answers})}")

        # 7. worker memory over 200 reports (each a new view; refused ones are asked again)
        workers = faults.workers_of(master)
        marks = {0: [faults.rss_mb(w) for w in workers]}
        queries = itertools.islice(_report_queries(("seeds", "independent")), REPORTS_FOR_MEMORY)
        done = [0]

        def memory_reporter() -> None:
            while True:
                with lock:
                    query = next(queries, None)
                if query is None:
                    return
                while True:
                    status, _, message = get(f"{base}/export/report.pdf?{query}", timeout=120)
                    if status != 503:
                        break
                    time.sleep(0.2)
                with lock:
                    if status != 200:
                        problems.append(f"a report under the memory run: {status} {message}")
                    done[0] += 1
                    if done[0] % 50 == 0:
                        marks[done[0]] = [faults.rss_mb(w) for w in workers]

        with ThreadPoolExecutor(3) as pool:
            for running in [pool.submit(memory_reporter) for _ in range(3)]:
                running.result()
        rows.append(
            (
                f"worker memory (RSS) over {REPORTS_FOR_MEMORY} reports of new views ({len(workers)} workers)",
                "; ".join(f"after {n}: {' / '.join(f'{mb:.0f}' for mb in rss)} MB" for n, rss in sorted(marks.items()))
                + " (finished images and reports kept within 64 + 32 MB a worker; freed heap handed back)",
            )
        )

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    say(f"# Camps Atlas fault run — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit.strip()}")
    say()
    say(
        "`make serve` as deployed: nginx front, gunicorn 2 workers (gthread, 4 threads), Redis, loopback; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other processes on the machine add noise)."
    )
    say()
    say("| fault | result |")
    say("| --- | --- |")
    for name, value in rows:
        say(f"| {name} | {value} |")
    if problems:
        say()
        say("Problems:")
        for p in problems:
            say(f"- {p}")
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(REPO)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
