"""`make bench`'s fault run (python -m benchmarks.fault_run): `make serve` as deployed (nginx front, gunicorn with 2
workers, Redis) under the faults issue 14 found, each with its number, written to benchmarks/faults.md.

1. exports after the renderer's Chromium is killed (how many of the next exports work, and the first one's time);
2. /healthz latency under 12 slow clients trickling POST bodies;
3. /healthz and callback latency while 16 clients ask for new PNGs (the render queue answers 503 beyond its limit);
4. callback latency with Redis frozen (SIGSTOP), against Redis answering.

Loopback only; every loop is bounded in count and time (the whole run takes well under a minute).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import requests

from benchmarks import dash_protocol as dp
from benchmarks import faults
from benchmarks.procs import REPO, gunicorn, redis_server
from benchmarks.run import Client
from data.view import View, default_choices

RESULTS = REPO / "benchmarks" / "faults.md"
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
        stop = threading.Event()
        widths = iter(range(1000, 1064))
        lock = threading.Lock()

        def exporter() -> None:
            while not stop.is_set():
                with lock:
                    width = next(widths, None)
                if width is None:
                    return
                status, _, _ = get(f"{base}/export/map.png?width={width}", timeout=60)
                with lock:
                    export_status[status] = export_status.get(status, 0) + 1

        with ThreadPoolExecutor(16) as pool:
            for _ in range(16):
                pool.submit(exporter)
            time.sleep(0.5)
            health = faults.latencies(base + "/healthz", count=10, interval=0.2, timeout=5)
            cb_times, cb_status = callback_times(client, panels, _views(10, 0))
            time.sleep(max(0.0, 8 - 0.5 - sum(cb_times) - 3))
            stop.set()
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
