"""Long-lived caching for fingerprinted static files.

Dash serves /assets/ with `Cache-Control: no-cache`, so a reload revalidates every script and style sheet (~50 ms
before the page could start, measured on a reload). Two kinds of asset URL never change what they name:
- a file whose name carries a hash of its content (`plotly-4.1.1-partial.<sha256:12>.min.js`, written by
  components/plotly_bundle/build.sh);
- an asset URL with Dash's `?m=<modification time>` (the page's own links to its scripts and style sheet): a changed
  file gets a new time and so a new URL, as Dash's own component bundles get a new path.
Both are served as immutable for a year. The base maps, fetched by plotly.js without `?m=`, are revalidated.
"""

from __future__ import annotations

import re

from flask import Response, request

FINGERPRINTED = re.compile(r"^/assets/vendor/[\w.-]+\.[0-9a-f]{12}\.min\.js$")
IMMUTABLE = "public, max-age=31536000, immutable"


def _fingerprinted() -> bool:
    path = request.path
    return bool(FINGERPRINTED.match(path)) or (path.startswith("/assets/") and request.args.get("m", "") != "")


def after_request(response: Response) -> Response:
    if response.status_code in (200, 304) and _fingerprinted():
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers.pop("Expires", None)
    return response


def install(app) -> None:
    app.server.after_request(after_request)
