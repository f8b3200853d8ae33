"""Measure export times (not a test): `python -m exports.timing [--repeat N]`.

cold: a fresh process's first export of that chart and format (starts the kaleido browser, then renders);
warm: median of N renders in a process whose browser already runs (the export cache bypassed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

CHARTS = ("map", "casualties")
FORMATS = ("png", "svg", "pdf")
REPO = Path(__file__).resolve().parent.parent


def _view():
    from data.select import View

    return View(pd.Period("2013-01", "M"), pd.Period("2013-12", "M"))


def _cold_child(chart: str, fmt: str) -> None:
    started = time.perf_counter()
    from data.load import default_bundle
    from exports import images

    bundle = default_bundle()
    ready = time.perf_counter()
    size = len(images.export_image(bundle, chart, fmt, _view()))
    done = time.perf_counter()
    images.stop()
    print(json.dumps({"import_s": ready - started, "export_s": done - ready, "bytes": size}))


def _warm(repeat: int) -> dict[tuple[str, str], list[float]]:
    from data.load import default_bundle
    from exports import images

    bundle, view = default_bundle(), _view()
    images.export_image(bundle, "casualties", "png", view)  # start the browser
    times: dict[tuple[str, str], list[float]] = {}
    for chart in CHARTS:
        for fmt in FORMATS:
            for _ in range(repeat):
                images.cache_clear()
                started = time.perf_counter()
                images.export_image(bundle, chart, fmt, view)
                times.setdefault((chart, fmt), []).append(time.perf_counter() - started)
    images.export_image(bundle, "map", "png", view)
    started = time.perf_counter()
    images.export_image(bundle, "map", "png", view)  # the same inputs again: served from the cache
    cached = time.perf_counter() - started
    images.stop()
    print(f"cached repeat of map.png: {cached * 1000:.2f} ms")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m exports.timing")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-child", nargs=2, metavar=("CHART", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        _cold_child(*args.cold_child)
        return 0
    cold = {}
    for chart in CHARTS:
        for fmt in FORMATS:
            run = subprocess.run(
                [sys.executable, "-m", "exports.timing", "--cold-child", chart, fmt],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            cold[chart, fmt] = json.loads(run.stdout.strip().splitlines()[-1])
    warm = _warm(args.repeat)
    print(f"{'chart':<11} {'format':<6} {'cold s':>7} {'warm s (median)':>16} {'warm min–max':>14} {'size kB':>8}")
    for chart in CHARTS:
        for fmt in FORMATS:
            c, w = cold[chart, fmt], warm[chart, fmt]
            print(
                f"{chart:<11} {fmt:<6} {c['export_s']:>7.2f} {statistics.median(w):>16.2f} "
                f"{min(w):>6.2f}–{max(w):<6.2f} {c['bytes'] / 1000:>8.0f}"
            )
    print("cold = browser start + first render in a fresh process (after imports and data load); warm: browser running")
    return 0


if __name__ == "__main__":
    sys.exit(main())
