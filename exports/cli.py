"""Batch export for reports: every chart in each format plus the view's data, in one go.

    python -m exports export --out DIR [--from YYYY-MM] [--to YYYY-MM] [--place ID]
                             [--lens all|seeds|independent] [--format png,svg,pdf] [--width W] [--height H] [--scale S]
                             [--report [--paper a4|letter]]

Exit codes: 0 all files written, 1 some export failed (or the data cannot be loaded), 2 bad arguments.
Uses the same figure, caption and data functions as the /export routes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

from data.grades import GRADES
from data.load import DataError, default_bundle
from data.view import LENSES, View, default_choices, option_spelling
from exports import DATA_FORMATS, FIGURES, IMAGE_FORMATS, caption, data, images, report
from exports.caption import app_version
from exports.params import ParamError, Size, filename, parse_size


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(prog="python -m exports", description="Camps Atlas exports.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export = commands.add_parser(
        "export",
        help="write every chart and the data of one view to a folder",
        description="Write every chart (" + ", ".join(FIGURES) + ") in each format, and the view's rows as CSV and "
        "GeoJSON, to a folder. Files are named like the downloads: camps-atlas-<chart>-<from>_<to>[-place][-lens].",
    )
    export.add_argument("--out", required=True, type=Path, help="folder to write to (created if missing)")
    export.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month (default: first in the data)")
    export.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month (default: last in the data)")
    export.add_argument("--place", help="a place id: ashraf, liberty, ashraf3 or a country code such as alb")
    export.add_argument("--lens", help=f"source lens: {', '.join(LENSES)} (default: all)")
    export.add_argument("--grade", help=f"comma-separated grades to show: {', '.join(GRADES)} (default: every grade)")
    export.add_argument(
        "--format",
        default=",".join(IMAGE_FORMATS),
        help=f"comma-separated image formats from {', '.join(IMAGE_FORMATS)} (default: all; data is always written)",
    )
    export.add_argument("--width", help="image width in pixels (default: per chart)")
    export.add_argument("--height", help="image height in pixels (default: per chart, plus the caption)")
    export.add_argument("--scale", help="scale factor of the pixel size (default 1)")
    export.add_argument("--report", action="store_true", help="also write the view's report as one PDF")
    export.add_argument("--paper", default="a4", choices=tuple(report.PAPERS), help="report paper size (default a4)")
    export.add_argument(
        "--base-url",
        default=caption.DEFAULT_BASE_URL,
        help=f"the app's root URL, for the links in the captions (default: {caption.DEFAULT_BASE_URL})",
    )
    export.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser, export


def _formats(raw: str) -> list[str]:
    formats = [f.strip().lower() for f in raw.split(",") if f.strip()]
    bad = [f for f in formats if f not in IMAGE_FORMATS]
    if bad or not formats:
        what = f"unknown image format(s) {', '.join(map(repr, bad))}" if bad else "no image format given"
        extra = " (csv and geojson are always written)" if set(bad) & set(DATA_FORMATS) else ""
        raise ParamError(f"--format: {what}{extra}; choose from {', '.join(IMAGE_FORMATS)}.")
    return list(dict.fromkeys(formats))


def _size(written: int) -> str:
    return f"{written / 1_000_000:.1f} MB" if written >= 100_000 else f"{written / 1000:.0f} kB"


def main(argv: list[str] | None = None) -> int:
    parser, export_parser = _parser()
    args = parser.parse_args(argv)
    try:
        bundle = default_bundle()
    except DataError as err:
        print(f"Camps Atlas cannot load its data: {err}", file=sys.stderr)
        return 1
    try:
        view = View.from_options(
            default_choices(), start=args.start, end=args.end, place=args.place, lens=args.lens, grade=args.grade
        )
        size: Size = parse_size(args.width, args.height, args.scale, spell=option_spelling)
        formats = _formats(args.format)
    except ParamError as err:
        export_parser.error(str(err))  # exits with status 2
    if args.out.exists() and not args.out.is_dir():
        export_parser.error(f"--out {args.out}: exists and is not a folder")
    args.out.mkdir(parents=True, exist_ok=True)

    jobs = [(figure, fmt) for figure in FIGURES for fmt in formats] + [("data", fmt) for fmt in DATA_FORMATS]
    jobs += [("report", "pdf")] if args.report else []
    started, written, files, failures = time.perf_counter(), 0, 0, []
    with tqdm(total=len(jobs), unit="file", disable=args.no_progress, file=sys.stderr) as bar:
        for what, fmt in jobs:
            target = args.out / filename(what, view, fmt)
            bar.set_description(target.name)
            try:
                if what == "data":
                    payload = data.to_csv(bundle, view) if fmt == "csv" else data.to_geojson(bundle, view)
                elif what == "report":
                    payload = report.build_report(bundle, view, args.paper)
                else:
                    payload = images.export_image(bundle, what, fmt, view, size, args.base_url)
                target.write_bytes(payload)
                written, files = written + len(payload), files + 1
            except (
                images.RendererUnavailable,
                report.ReportUnavailable,
                ParamError,
                OSError,
            ) as err:
                failures.append(f"{target.name}: {err}")
            bar.update()
    images.stop()
    elapsed = time.perf_counter() - started
    place = bundle.places.at[view.place, "name"] if view.place else "all places"
    print(
        f"Wrote {files} of {len(jobs)} files ({_size(written)}) to {args.out} in {elapsed:.1f} s — "
        f"{view.start} to {view.end}, {place}, lens {view.lens}; data version {bundle.version}, "
        f"app {app_version()}."
    )
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failures else 0
