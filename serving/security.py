"""Security headers, request size limit and error pages without tracebacks, on the Flask server behind Dash.

The Content-Security-Policy is as strict as Dash 4 and Plotly 7 allow for this page. Every allowance beyond 'self':

- script-src 'self' + the sha256 of each inline script Dash writes into the page (`app.csp_hashes()`: the
  `new DashRenderer()` bootstrap, plus any inline clientside callback). No 'unsafe-inline', no 'unsafe-eval': none
  of the traces we draw (scattergeo, bar, scatter) evaluates code; the WebGL traces (scattergl, …) would need
  'unsafe-eval' for regl, and we use none. The browser test in tests/unit/test_serving_browser.py proves the page
  draws fully under this policy with no violation reported.
- style-src 'self' 'unsafe-inline': plotly.js writes its own <style> rules at run time (modebar, hover labels,
  notifier) and sets style attributes on its SVG through setAttribute; Dash's components write style attributes
  too. Without 'unsafe-inline' plotly's modebar and hover boxes lose their styling (there is no nonce/hash that
  covers rules created in the browser). Inline *styles* cannot run code; scripts stay hash-locked.
- img-src 'self' data: blob: — the modebar's "download as PNG" renders the SVG into an <img> from a data: URL and
  saves a data:/blob: URL; Dash's favicon and plotly's inline SVG icons are 'self'/data:.
- font-src 'self' data: — plotly's stylesheet carries no web fonts, but Dash's default CSS may embed a data: font.
- connect-src 'self' — the callbacks (/_dash-update-component) and the topojson base map (/assets/topojson/) are
  fetched from the app itself; nothing leaves the origin (the app works offline).
- worker-src 'self' blob:, object-src 'none', frame-ancestors 'none' (no framing: clickjacking), base-uri 'self',
  form-action 'self'.

Also: X-Content-Type-Options nosniff, X-Frame-Options DENY (for browsers without frame-ancestors), Referrer-Policy
no-referrer (a shared view's URL is the whole state and need not leak), Permissions-Policy denying the powerful
features the page never uses, Cross-Origin-Opener-Policy same-origin.

Errors: Dash only sends tracebacks from its dev tools (debug=True), which production never turns on; on top of that
every unhandled exception becomes a short plain-text 500 here and the traceback goes to the log only.
"""

from __future__ import annotations

import io
import logging

from dash.exceptions import DependencyException
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("camps_atlas")

MAX_CONTENT_LENGTH = 1024 * 1024  # 1 MiB; Dash update requests of this page are a few KiB
ERROR_MESSAGE = "Internal server error. The error was logged; please try again or reload the page.\n"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def content_security_policy(
    script_hashes: list[str] | tuple[str, ...], frame_ancestors: tuple[str, ...] = ("'none'",)
) -> str:
    """The CSP header value, given Dash's inline script hashes (each already quoted: "'sha256-…'") and who may
    frame the response (nobody, but for /embed/…)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "frame-ancestors": list(frame_ancestors),
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }


EMBED_PREFIX = "/embed/"


def embed_headers(csp: str) -> dict[str, str]:
    """Headers of the embeddable charts (/embed/…): framing allowed by the CSP's frame-ancestors, so no
    X-Frame-Options (which cannot name sites)."""
    return {k: v for k, v in security_headers(csp).items() if k != "X-Frame-Options"}


def install(app, embed_ancestors: tuple[str, ...] = ("*",)) -> None:
    """Headers on every response, a request size limit, and tracebacks kept out of responses. Only /embed/…
    may be framed, by `embed_ancestors` (CAMPS_ATLAS_EMBED_ANCESTORS)."""
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.config["PROPAGATE_EXCEPTIONS"] = False  # never hand an exception to a debugger page
    server.debug = False
    headers: dict[str, str] = {}
    framed: dict[str, str] = {}

    @server.before_request
    def _bound_chunked_body() -> Response | None:
        # Werkzeug checks Content-Length against MAX_CONTENT_LENGTH, but a chunked body (no Content-Length) is only
        # cut at the limit and read as if complete: read it here, 413 past the limit, else hand on what was read.
        environ = request.environ
        if environ.get("CONTENT_LENGTH") or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return None
        body = environ["wsgi.input"].read(MAX_CONTENT_LENGTH + 1)
        if len(body) > MAX_CONTENT_LENGTH:
            return _plain(f"Request body too large (the limit is {MAX_CONTENT_LENGTH:,} bytes).\n", 413)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return None

    @server.after_request
    def _add_headers(response: Response) -> Response:
        if not headers:
            # After Dash's first-request setup, so clientside callbacks registered with dash.clientside_callback
            # are in app.csp_hashes() too.
            hashes = app.csp_hashes()
            headers.update(security_headers(content_security_policy(hashes)))
            framed.update(embed_headers(content_security_policy(hashes, embed_ancestors)))
        for name, value in (framed if request.path.startswith(EMBED_PREFIX) else headers).items():
            response.headers.setdefault(name, value)
        return response

    @server.errorhandler(DependencyException)
    def _unknown_dependency(err: DependencyException):
        # Dash raises this for a /_dash-component-suites/ path naming no registered library: a 404, not a 500.
        return _plain("Not found.\n", 404)

    @server.errorhandler(InternalServerError)
    def _internal_error(err: InternalServerError):
        original = getattr(err, "original_exception", None)
        if original is not None:
            log.error("unhandled exception", exc_info=original)
        return _plain(ERROR_MESSAGE, 500)

    @server.errorhandler(Exception)
    def _unhandled(err: Exception):
        if isinstance(err, HTTPException):  # 400, 404, 405, 413 …: Werkzeug's short page, no traceback
            return err
        log.error("unhandled exception", exc_info=err)
        return _plain(ERROR_MESSAGE, 500)


def _plain(text: str, status: int) -> Response:
    return Response(text, status=status, mimetype="text/plain")
