"""Embeddable charts: GET /embed/<chart>?<the page's parameters> is one interactive chart with its caption and a
link back to the full view, nothing else. Only these pages may be framed (serving.security: frame-ancestors from
CAMPS_ATLAS_EMBED_ANCESTORS, any site by default); the dashboard itself never is."""

from __future__ import annotations

import html
from pathlib import Path

from flask import Response, request, send_from_directory

from data.load import Bundle, default_bundle
from data.select import View
from exports import FIGURES, images
from exports.caption import absolute, caption_lines
from exports.params import ParamError, parse_query
from exports.public import public_root

STATIC = Path(__file__).resolve().parent / "embed_static"
VENDOR = Path(__file__).resolve().parent.parent / "components" / "assets" / "vendor"
CHARTS = FIGURES  # every exported chart can be embedded
CAPTION_WIDTH = 1_000_000  # the caption as whole paragraphs: the browser wraps them to the frame
FRAME_PAD_PX = 16  # figure.embed's padding, left and right (embed.css)
NARROW_FRAME_PX = 640  # a chart whose labels are laid out for a plot width also comes laid out for this frame
MESSAGE_KEY = "camps-atlas-embed"  # embed.js posts {MESSAGE_KEY: {height}} to the host page (the share bar's code)


def _plotly_script() -> str:
    return next(VENDOR.glob("plotly-*-partial.*.min.js")).name


def embed_page(bundle: Bundle, chart: str, view: View, root: str, public_url: str) -> str:
    """The embed's HTML: the figure as JSON data (drawn by embed.js with the app's partial plotly.js). root: the
    path the app is served under (for its own files); public_url: the app's root URL (for the links)."""
    fig = images.build_figure(bundle, chart, view)
    title = (fig.layout.title.text or chart).split("<br>")[0]
    sizes, narrow = "", ""  # the figure laid out for a NARROW_FRAME_PX frame: embed.js draws it in narrower frames
    if chart in images.FITTED:
        module = images.FITTED[chart][0]
        sizes = f' data-wide-px="{module.PLOT_PX + module.MARGIN_PX + FRAME_PAD_PX}" data-narrow-px="{NARROW_FRAME_PX}"'
        small = images.build_figure(bundle, chart, view, NARROW_FRAME_PX - FRAME_PAD_PX)
        narrow = f'\n<script type="application/json" id="figure-narrow">{_json(small)}</script>'
    search = view.query()
    base = public_url
    full = absolute(base, search)
    lines = caption_lines(bundle, view, chart, title, CAPTION_WIDTH, base)[1:]  # own title
    data = _json(fig)
    caption = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} — Camps Atlas</title>
<link rel="stylesheet" href="{root}/embed/static/embed.css">
</head>
<body>
<figure class="embed">
<div id="chart" data-topojson="{root}/assets/topojson/" data-filename="{view.file_stem(chart, captioned=False)}"
 data-message="{MESSAGE_KEY}"{sizes}></div>
<figcaption>{caption}<p><a href="{html.escape(full)}" target="_blank" rel="noopener">Open this view in Camps Atlas</a></p></figcaption>
</figure>
<script type="application/json" id="figure">{data}</script>{narrow}
<script src="{root}/assets/vendor/{_plotly_script()}"></script>
<script src="{root}/embed/static/embed.js"></script>
</body>
</html>
"""


def _json(fig) -> str:
    """The figure as JSON for a <script type="application/json"> block, where "</" must not appear (escaped, the
    JSON stays valid)."""
    return fig.to_json().replace("</", "<\\/")


def embed(chart: str) -> Response:
    """GET /embed/<chart>: the page, or a plain-text 4xx naming what is wrong."""
    if chart not in CHARTS:
        return Response(
            f"404 Not Found: no chart {chart!r} to embed; charts: {', '.join(CHARTS)}.\n", 404, mimetype="text/plain"
        )
    bundle = default_bundle()
    try:
        view, _, _ = parse_query(request.query_string.decode("utf-8", "replace"), allow_size=False)
    except ParamError as err:
        return Response(f"400 Bad Request: bad query parameter: {err}\n", 400, mimetype="text/plain")
    page = embed_page(bundle, chart, view, request.script_root, public_root())
    return Response(page, mimetype="text/html")


def static(name: str) -> Response:
    return send_from_directory(STATIC, name)


def register(server) -> None:
    server.add_url_rule("/embed/static/<path:name>", endpoint="camps_atlas_embed_static", view_func=static)
    server.add_url_rule("/embed/<chart>", endpoint="camps_atlas_embed", view_func=embed)
