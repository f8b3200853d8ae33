"""Charts of a view rendered to PNG, SVG or PDF by kaleido (headless Chromium), with a caption inside the image.

Rendering happens in a renderer process per web worker (exports.renderer: kaleido's Chromium apart from the worker,
restarted when it fails, behind a bounded queue). Exports are cached by input.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

import figures
import present
from data import languages
from data.load import Bundle
from data.select import View
from exports import FIGURES, IMAGE_FORMATS, caption, memory
from exports.params import Size, check_pixels
from exports.renderer import RENDERER, RendererBusy, RendererUnavailable
from figures.style import lines_of, rtl_text

__all__ = ["RendererBusy", "RendererUnavailable", "export_image", "render", "stop"]

log = logging.getLogger(__name__)

TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "components" / "assets" / "topojson"
TOPOJSON_URL = TOPOJSON_DIR.as_uri() + "/"
RENDER_TIMEOUT_S = 45  # kaleido's own limit for one render
WAIT_TIMEOUT_S = 90  # our limit for start-up plus one render, and for waiting on the lock
DEFAULT_WIDTH = {"map": 1200}
FALLBACK_WIDTH = 1000
FALLBACK_HEIGHT = 560
MIN_PLOT_PX = 160  # an explicit image height never squeezes the chart below this (nor cuts the caption)
CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

pio.defaults.topojson = TOPOJSON_URL  # geo figures draw from the local base maps, never from a CDN
pio.defaults.mathjax = False
for _name in ("choreographer", "kaleido", "logistro"):  # one INFO line per browser step and render otherwise
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.WARNING)


# --- figures ---------------------------------------------------------------------------------------------------

# present's builders are memoised (present.memo): the exports share the figures the page has built.
BUILDERS: dict[str, Callable[[Bundle, View], go.Figure | dict]] = {
    "map": lambda b, v: present.render_map(b, v, None),  # the page's key: no attack ringed
    "casualties": lambda b, v: present.render_panels(b, v).casualties,
    "relocations": lambda b, v: present.render_panels(b, v).relocations,
    "population": present.render_population,
    "context": present.render_context,
}
assert tuple(BUILDERS) == FIGURES


# Charts whose written labels are laid out for a plot width (figure module: PLOT_PX by default, MARGIN_PX around
# it), and how to build them for a narrower one.
FITTED: dict[str, tuple[object, Callable[[Bundle, View, int], go.Figure | dict]]] = {
    "relocations": (figures.relocations, present.render_relocations),
    "context": (figures.context, present.render_context),
}


def build_figure(bundle: Bundle, figure: str, view: View, width: int | None = None) -> go.Figure:
    """The figure as the page draws it for the view, as a fresh copy (a cached original is never touched).
    width: the image's width; a chart whose labels would not fit in it is laid out for it (labels wrap, or it
    grows taller), never cut."""
    if figure in FITTED and width is not None:
        module, builder = FITTED[figure]
        plot_px = width - module.MARGIN_PX
        if plot_px < module.PLOT_PX:
            return go.Figure(builder(bundle, view, max(plot_px, 120)))
    return go.Figure(BUILDERS[figure](bundle, view))


# --- caption ----------------------------------------------------------------------------------------------------

_LEGEND_ROW_PX = 29  # measured: one row of a horizontal legend at font size 11
_EDGE_PX = 10  # caption inset from the image's left and right edges
_LEGEND_SYMBOL_PX = 46  # symbol, gaps and padding of one horizontal legend entry
_LEGEND_ITEM_PX = 19  # one entry of a legend group's column at font size 11


def _legend_entries(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.name and t.showlegend is not False]


def _legend_height(fig: go.Figure, plot_width: float) -> int:
    """Estimated height of the figure's horizontal legend when it wraps within plot_width pixels."""
    entries = _legend_entries(fig)
    if not entries or fig.layout.showlegend is False:
        return 0
    font = fig.layout.legend.font.size or 12
    grouped = [t.legendgroup for t in fig.data if t.name and t.showlegend is not False and t.legendgrouptitle.text]
    if grouped:  # titled groups side by side, each a column of entries under its title
        return (max(Counter(grouped).values()) + 1) * _LEGEND_ITEM_PX + 8
    rows, used = 1, 0.0
    for name in entries:
        need = _LEGEND_SYMBOL_PX + 0.58 * font * len(name)
        if used and used + need > plot_width:
            rows, used = rows + 1, 0.0
        used += need
    return rows * _LEGEND_ROW_PX + 4


def _tick_height(fig: go.Figure, plot_width: float) -> int:
    """Height of categorical x tick labels (ticktext). Labels too wide to stand side by side are turned upright
    (tickangle 90): Plotly's own 30° tilt lays labels of several lines over each other."""
    height = 0
    for key in [k for k in fig.layout if k.startswith("xaxis")]:
        axis = fig.layout[key]
        labels = [str(t) for t in axis.ticktext or ()]
        if not labels:
            continue
        size = axis.tickfont.size or 12
        lines = max(t.count("<br>") + 1 for t in labels)
        label_px = max(len(line) for t in labels for line in t.split("<br>")) * 0.6 * size
        if len(labels) * (label_px + 8) > plot_width:
            fig.layout[key].tickangle = 90
            height = max(height, int(label_px + 16))
        else:
            height = max(height, int(lines * size * 1.3 + 10))
    return height


def plain_title(fig: go.Figure) -> str:
    """A figure's title without its subtitle (the first line)."""
    text = fig.layout.title.text or ""
    return text.split("<br>")[0]


_TITLE_CHAR_EM = 0.56  # average glyph width of a title, in font sizes


def fit_title(fig: go.Figure, width: int) -> go.Figure:
    """The title's first line broken into lines that fit an image `width` px wide, the top margin grown by the
    lines added (a narrow export never cuts its title)."""
    text = fig.layout.title.text or ""
    head, sep, rest = text.partition("<br>")
    size = fig.layout.title.font.size or 17
    chars = max(int((width - 2 * _EDGE_PX) / (_TITLE_CHAR_EM * size)), 12)
    lines = lines_of(head, chars)
    if len(lines) > 1:
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 56
        fig.update_layout(title_text="<br>".join(lines) + sep + rest, margin_t=top + (len(lines) - 1) * size * 1.3)
    return fig


def with_caption(
    fig: go.Figure, lines: list[str], width: int, height: int | None, right_to_left: bool = False
) -> go.Figure:
    """The figure at width x height with the caption at the bottom, the legend just above it and the plot above.

    height None: the figure's own height plus the caption. A height too small for the caption (which is never
    cut) and MIN_PLOT_PX of chart is raised to fit. The legend is placed in container coordinates so it cannot
    push the margins and overlap the caption. right_to_left: the caption is set from the image's right edge (a
    Persian or Arabic caption).
    """
    cap_px = caption.caption_height(lines)
    own_height = fig.layout.height or FALLBACK_HEIGHT
    margin = fig.layout.margin
    left, right = margin.l if margin.l is not None else 56, margin.r if margin.r is not None else 16
    axis_px = max(margin.b if margin.b is not None else 48, _tick_height(fig, width - left - right))
    legend_px = _legend_height(fig, width - left - right)
    bottom = cap_px + legend_px + axis_px
    needed = bottom + (margin.t if margin.t is not None else 56) + MIN_PLOT_PX
    total = max(height, needed) if height else own_height + cap_px
    plot_w = max(width - left - right, 1)
    plot_h = max(total - bottom - (margin.t if margin.t is not None else 56), 1)
    rule_y = -(bottom - cap_px) / plot_h  # the top of the caption band, in paper units
    fig.update_layout(
        width=width,
        height=total,
        margin=dict(b=bottom, autoexpand=False),  # the layout below is computed, nothing may push it
        legend=dict(
            yref="container",
            y=(cap_px + 6) / total,
            yanchor="bottom",
            xref="paper",
            x=0,
            xanchor="left",
            bgcolor="rgba(0,0,0,0)",
        ),
    )
    side = "right" if right_to_left else "left"
    fig.add_annotation(
        text=caption.caption_markup(lines),
        xref="paper",
        yref="paper",
        x=1 if right_to_left else 0,
        y=rule_y,
        xanchor=side,
        yanchor="top",
        xshift=(right - _EDGE_PX) if right_to_left else -(left - _EDGE_PX),
        yshift=-caption.PAD_PX,
        align=side,
        showarrow=False,
        font=dict(size=caption.FONT_SIZE, color="#444"),
    )
    fig.add_shape(  # a rule between the chart and its caption, across the whole image
        type="line",
        xref="paper",
        yref="paper",
        x0=-(left - _EDGE_PX) / plot_w,
        x1=1 + (right - _EDGE_PX) / plot_w,
        y0=rule_y,
        y1=rule_y,
        line=dict(color="#ccc", width=1),
    )
    return fig


def captioned_figure(
    bundle: Bundle, figure: str, view: View, size: Size | None = None, base_url: str = caption.DEFAULT_BASE_URL
) -> go.Figure:
    """The page's figure for the view, sized, with the caption (all its sources, its absolute URLs) inside the
    image. base_url: the app's root URL, for the caption's links."""
    size = size or Size()
    width = size.width or DEFAULT_WIDTH.get(figure, FALLBACK_WIDTH)
    fig = build_figure(bundle, figure, view, width)
    lines = caption.caption_lines(bundle, view, figure, plain_title(fig), width, base_url)
    right_to_left = languages.direction(view.lang) == "rtl"
    if right_to_left:  # each line embedded right to left, as the chart's own words (figures.style.rtl_text)
        lines = [rtl_text(line) for line in lines]
    return with_caption(fit_title(fig, width), lines, width, size.height, right_to_left)


# --- renderer ---------------------------------------------------------------------------------------------------


def stop() -> None:
    """End this process's renderer and its Chromium (also done at exit)."""
    RENDERER.stop()


def render(fig: go.Figure, fmt: str, scale: float | None = None) -> bytes:
    """fig as png/svg/pdf bytes at its layout width and height, in the renderer process (exports.renderer)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}")
    opts = dict(format=fmt, width=fig.layout.width, height=fig.layout.height, scale=scale or 1)
    data = RENDERER.render(fig.to_json(), opts, pio.defaults.topojson)
    if not data:
        raise RendererUnavailable("kaleido returned an empty image")
    return data


CACHE = memory.BytesCache(max_items=64, max_bytes=64 << 20)  # finished images per process
TRIM_PIXELS = 4_000_000  # after an image this large, the freed heap is handed back (memory.hand_back_heap)


def _export(bundle: Bundle, figure: str, fmt: str, view: View, size: Size, base_url: str) -> bytes:
    if size.width is not None and size.height is not None:  # too large is a 400 even when the queue is full
        check_pixels(size.width, size.height, size.scale or 1)
    with RENDERER.slot():  # a cached image never waits; a full queue refuses before any work
        fig = captioned_figure(bundle, figure, view, size, base_url)
        check_pixels(fig.layout.width, fig.layout.height, size.scale or 1)  # before the browser sees it
        data = render(fig, fmt, size.scale)
    if fig.layout.width * fig.layout.height * (size.scale or 1) ** 2 >= TRIM_PIXELS:
        del fig
        memory.hand_back_heap()
    return data


def export_image(
    bundle: Bundle,
    figure: str,
    fmt: str,
    view: View,
    size: Size | None = None,
    base_url: str = caption.DEFAULT_BASE_URL,
) -> bytes:
    """The figure of a view as png/svg/pdf with its caption (links under base_url, the app's root URL); cached by
    (figure, format, view, size, base URL, data version).

    Raises params.PixelBudgetExceeded for an image beyond PIXEL_BUDGET (nothing is rendered)."""
    size = size or Size()
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}")
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}")
    scale = None if size.scale is None or math.isclose(size.scale, 1) else size.scale
    size = Size(size.width, size.height, scale)
    key = (bundle, figure, fmt, view, size, base_url, bundle.version)
    return CACHE.get(key, lambda: _export(bundle, figure, fmt, view, size, base_url))


cache_info = CACHE.info
cache_clear = CACHE.clear
