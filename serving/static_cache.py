"""Long-lived caching for fingerprinted static files (the partial plotly.js bundle in /assets/vendor/).

Dash serves /assets/ with `Cache-Control: no-cache`, so a reload revalidates and re-parses every script. A file whose
name carries a hash of its content (`plotly-4.1.1-partial.<sha256:12>.min.js`, written by
components/plotly_bundle/build.sh) never changes under that name: it is served as immutable for a year.
"""

from __future__ import annotations

import re

from flask import Response, request

FINGERPRINTED = re.compile(r"^/assets/vendor/[\w.-]+\.[0-9a-f]{12}\.min\.js$")
IMMUTABLE = "public, max-age=31536000, immutable"


def after_request(response: Response) -> Response:
    if response.status_code in (200, 304) and FINGERPRINTED.match(request.path):
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers.pop("Expires", None)
    return response


def install(app) -> None:
    app.server.after_request(after_request)
