"""Flask routes on the Dash server: GET /export/<figure>.<png|svg|pdf> and GET /export/data.<csv|geojson>.

Both take the page's query parameters (from, to, place, lens, grade), parsed strictly: anything the page would ignore
with a notice is a 400 here. Images also take width, height and scale, within a pixel budget (400 beyond it).
Errors are plain text; a bug is a short 500 whose detail goes to the log only.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request

from data.load import default_bundle
from exports import DATA_FORMATS, FIGURES, IMAGE_FORMATS, data, embed, images, report
from exports.params import (
    HEIGHT_RANGE,
    PIXEL_BUDGET,
    SCALE_RANGE,
    WIDTH_RANGE,
    ParamError,
    PixelBudgetExceeded,
    filename,
    parse_query,
)
from exports.public import public_root
from exports.renderer import RETRY_AFTER_S

log = logging.getLogger(__name__)

USAGE = (
    f"Usage: /export/<figure>.<format> with figure one of {', '.join(FIGURES)} and format one of "
    f"{', '.join(IMAGE_FORMATS)}, or /export/data.<{'|'.join(DATA_FORMATS)}>, or /export/report.pdf (paper=a4|letter). "
    "Query parameters as on the page: from, to (YYYY-MM), place, lens, grade (e.g. grade=corroborated,single); for images also "
    f"width ({WIDTH_RANGE[0]}–{WIDTH_RANGE[1]}), height ({HEIGHT_RANGE[0]}–{HEIGHT_RANGE[1]}), "
    f"scale ({SCALE_RANGE[0]:g}–{SCALE_RANGE[1]:g}), at most {PIXEL_BUDGET:,} pixels in all (width × height × scale²)."
)


def _text(status: int, message: str, **headers: str) -> Response:
    reason = {400: "Bad Request", 404: "Not Found", 500: "Internal Server Error", 503: "Service Unavailable"}.get(
        status, ""
    )
    usage = f"\n{USAGE}\n" if status < 500 else ""  # the request was fine when the server fails
    body = f"{status} {reason}: {message}\n{usage}"
    return Response(body, status=status, mimetype="text/plain", headers=headers)


def _file(payload: bytes, content_type: str, name: str) -> Response:
    response = Response(payload, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.add_etag()
    return response.make_conditional(request)


def export(name: str) -> Response:
    """One export; the name is '<figure>.<format>' or 'data.<format>'."""
    what, dot, fmt = name.rpartition(".")
    fmt = fmt.lower()
    if not dot or "/" in what:
        return _text(404, f"no export named {name!r}.")
    if what == "report":
        return _report(fmt)
    if what == "data":
        if fmt not in DATA_FORMATS:
            return _text(400, f"unknown data format {fmt!r}: valid data formats are {', '.join(DATA_FORMATS)}.")
    elif what in FIGURES:
        if fmt not in IMAGE_FORMATS:
            hint = " (csv and geojson are at /export/data.<format>)" if fmt in DATA_FORMATS else ""
            return _text(400, f"unknown image format {fmt!r}: valid formats are {', '.join(IMAGE_FORMATS)}{hint}.")
    else:
        return _text(
            404, f"unknown figure {what!r}: valid figures are {', '.join(FIGURES)} (and data for csv/geojson)."
        )
    bundle = default_bundle()
    try:
        others = ("hxl",) if (what, fmt) == ("data", "csv") else ()
        view, size, extra = parse_query(request.query_string.decode("utf-8", "replace"), what != "data", others)
        hxl = extra.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ParamError(f"hxl={hxl!r}: expected 1 (a row of HXL hashtags under the header) or 0")
    except ParamError as err:
        return _text(400, f"bad query parameter: {err}")
    try:
        if what == "data":
            payload = data.to_csv(bundle, view, hxl == "1") if fmt == "csv" else data.to_geojson(bundle, view)
            return _file(payload, data.CONTENT_TYPES[fmt], filename("data", view, fmt))
        payload = images.export_image(bundle, what, fmt, view, size, public_root())
        return _file(payload, images.CONTENT_TYPES[fmt], filename(what, view, fmt))
    except images.RendererBusy as err:
        return _text(503, f"busy rendering images: {err}; please retry.", **{"Retry-After": str(RETRY_AFTER_S)})
    except images.RendererUnavailable as err:
        log.warning("export %s failed: %s", name, err)
        return _text(503, f"export renderer unavailable: {err}", **{"Retry-After": "30"})
    except PixelBudgetExceeded as err:
        return _text(400, f"image too large: {err}")
    except Exception:  # a bug: a short plain 500 (no internal text); the traceback goes to the log
        log.exception("export %s?%s failed", name, request.query_string.decode("utf-8", "replace"))
        return _text(500, "export failed; the error was logged. Please try again later.")


def _report(fmt: str) -> Response:
    """GET /export/report.pdf?<the page's parameters>&paper=a4|letter: one PDF for the view."""
    if fmt != "pdf":
        return _text(400, f"unknown report format {fmt!r}: the report is a pdf (/export/report.pdf).")
    try:
        view, _, rest = parse_query(request.query_string.decode("utf-8", "replace"), False, ("paper",))
    except ParamError as err:
        return _text(400, f"bad query parameter: {err}")
    paper = rest.get("paper", "a4").lower()
    if paper not in report.PAPERS:
        return _text(400, f"bad query parameter: paper must be given once, one of {', '.join(report.PAPERS)}.")
    bundle = default_bundle()
    try:
        payload = report.report_pdf(bundle, view, paper, public_root())
    except report.ReportBusy as err:
        return _text(503, f"busy building a report: {err}; please retry.", **{"Retry-After": str(report.RETRY_AFTER_S)})
    except report.ReportUnavailable as err:
        log.warning("report failed: %s", err)
        return _text(503, f"report unavailable: {err}", **{"Retry-After": "30"})
    return _file(payload, report.CONTENT_TYPE, filename("report", view, "pdf"))


def register(server: Flask) -> None:
    """Add the export routes (and the embeddable charts, exports.embed) to the app's Flask server."""
    embed.register(server)
    server.add_url_rule("/export/<path:name>", endpoint="camps_atlas_export", view_func=export, methods=["GET"])
