"""Compressed static files, compressed once per worker instead of once per request.

Dash turns on flask-compress (`Dash(compress=True)`), which compresses every response as it goes out. For the page's
static files that is wasteful: plotly.min.js alone is 4.8 MB and gzip takes ~0.4 s of CPU for it on every first
visit. Here the static responses (Dash's component suites, /assets/ including the topojson base maps) are compressed
once per worker with brotli (when the browser accepts it) or gzip, kept in memory (a few MB), and served with
Content-Encoding set, so flask-compress leaves them alone. Callback responses are still compressed by flask-compress.
"""

from __future__ import annotations

import gzip
import threading

from flask import Response, request

try:
    import brotli
except ImportError:  # flask-compress pulls brotli in; without it gzip is used
    brotli = None

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
COMPRESSIBLE = ("application/javascript", "text/javascript", "text/css", "application/json", "image/svg+xml")
MIN_SIZE = 1024
BROTLI_QUALITY = 5  # plotly.min.js: 1.29 MB in ~0.25 s (quality 11 saves 14 % more but takes 26 s)
GZIP_LEVEL = 6
MAX_ENTRIES = 256


def _accepts(header: str) -> list[str]:
    """Encodings the client accepts, in our order of preference (q=0 excluded)."""
    accepted = {}
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        accepted[name.strip()] = q
    order = (["br"] if brotli is not None else []) + ["gzip"]
    return [e for e in order if accepted.get(e, accepted.get("*", 0.0)) > 0]


class StaticCompressor:
    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], bytes] = {}
        self._lock = threading.Lock()

    def compress(self, data: bytes, encoding: str) -> bytes:
        if encoding == "br":
            return brotli.compress(data, quality=BROTLI_QUALITY)
        return gzip.compress(data, GZIP_LEVEL, mtime=0)

    def after_request(self, response: Response) -> Response:
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or not request.path.startswith(STATIC_PREFIXES)
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        encodings = _accepts(request.headers.get("Accept-Encoding", ""))
        if not encodings:
            return response
        encoding = encodings[0]
        response.direct_passthrough = False
        etag = response.get_etag()[0] or ""
        key = (request.path, etag or str(response.content_length), encoding)
        body = self._cache.get(key)
        if body is None:
            data = response.get_data()
            if len(data) < MIN_SIZE:
                return response
            body = self.compress(data, encoding)
            with self._lock:
                if len(self._cache) >= MAX_ENTRIES:
                    self._cache.clear()
                self._cache[key] = body
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(body))
        vary = response.headers.get("Vary")
        if not vary:
            response.headers["Vary"] = "Accept-Encoding"
        elif "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding"
        if etag:
            response.set_etag(f"{etag}:{encoding}")
            response = response.make_conditional(request)  # If-None-Match with the encoded ETag: 304
        return response


# Callback responses (figures, 10–150 kB of JSON) are compressed on every request by flask-compress: brotli quality 2
# instead of its default 4 halves that CPU (map figure: 0.20 vs 0.43 ms) for ~8 % more bytes.
CALLBACK_BROTLI_QUALITY = 2


def install(app) -> StaticCompressor:
    app.server.config["COMPRESS_BR_LEVEL"] = CALLBACK_BROTLI_QUALITY  # read by flask-compress at request time
    compressor = StaticCompressor()
    # Flask runs after_request hooks in reverse order of registration: this one (registered after Dash's
    # flask-compress) runs first, and flask-compress then skips responses that already have Content-Encoding.
    app.server.after_request(compressor.after_request)
    return compressor
