"""Strict parsing of an export request (the page's query parameters plus image size) and export file names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from components.view_state import KNOWN_PARAMS, parse_search
from data import timeline
from data.load import Bundle
from data.select import View

SIZE_PARAMS = ("width", "height", "scale")
# Sane bounds for the optional image size (pixels before scaling) and scale factor.
WIDTH_RANGE = (400, 3000)
HEIGHT_RANGE = (300, 3000)
SCALE_RANGE = (0.5, 4.0)
# Output pixels (width × height × scale²) one image may have: 24 MP is an A3 page at 300 dpi. Chromium needs ~10
# bytes per pixel and the time grows with it (12000×12000 took 7 s and 1.4 GB), so larger asks are refused.
PIXEL_BUDGET = 24_000_000
_INT = re.compile(r"^\d{1,6}$")
_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3})?$")


class ParamError(ValueError):
    """A query parameter or command-line option is malformed or unknown; the message names it."""


class PixelBudgetExceeded(ParamError):
    """The image asked for has more pixels than PIXEL_BUDGET; the message states both."""


def check_pixels(width: float, height: float, scale: float) -> None:
    """Raise PixelBudgetExceeded when a width × height image at scale has more than PIXEL_BUDGET pixels."""
    pixels = round(width * scale) * round(height * scale)
    if pixels > PIXEL_BUDGET:
        raise PixelBudgetExceeded(
            f"the image would be {round(width * scale)}×{round(height * scale)} = {pixels:,} pixels; the budget is "
            f"{PIXEL_BUDGET:,} pixels (width × height × scale²): lower width, height or scale."
        )


@dataclass(frozen=True)
class Size:
    """Optional image size; None means the figure's default."""

    width: int | None = None
    height: int | None = None
    scale: float | None = None


_FALLBACK = re.compile(r"; (using|showing) [^;]*\.$")


def _notice_as_error(notice: str) -> str:
    """parse_search's notices are phrased for a lenient page ('Ignored from=…', '…; using 2016-12.'); an export
    rejects the request instead, so the fallback it would have used is left out."""
    return _FALLBACK.sub(".", notice.removeprefix("Ignored "))


def parse_view(bundle: Bundle, pairs: list[tuple[str, str]]) -> View:
    """The view that from/to/place/lens ask for, parsed like the page but strictly: any notice is a ParamError."""
    query = urlencode([(k, v) for k, v in pairs if k in KNOWN_PARAMS])
    view, notices = parse_search(query, timeline.months(bundle), set(bundle.places.index))
    if notices:
        raise ParamError(" ".join(_notice_as_error(n) for n in notices))
    return view


def _bounded(name: str, raw: str, pattern: re.Pattern, bounds: tuple[float, float], cast) -> float:
    low, high = bounds
    if not pattern.match(raw.strip()):
        raise ParamError(f"{name}={raw!r}: expected a number from {low:g} to {high:g}.")
    value = cast(raw.strip())
    if not low <= value <= high:
        raise ParamError(f"{name}={raw} is out of bounds: expected {low:g} to {high:g}.")
    return value


def parse_size(width: str | None, height: str | None, scale: str | None) -> Size:
    """Width and height in pixels and a scale factor, each optional and within WIDTH/HEIGHT/SCALE_RANGE."""
    return Size(
        int(_bounded("width", width, _INT, WIDTH_RANGE, int)) if width is not None else None,
        int(_bounded("height", height, _INT, HEIGHT_RANGE, int)) if height is not None else None,
        _bounded("scale", scale, _NUMBER, SCALE_RANGE, float) if scale is not None else None,
    )


def parse_query(bundle: Bundle, query: str, allow_size: bool) -> tuple[View, Size]:
    """View and image size from a raw query string; unknown or repeated parameters are errors too."""
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    allowed = KNOWN_PARAMS + (SIZE_PARAMS if allow_size else ())
    seen: set[str] = set()
    for name, _ in pairs:
        if name not in allowed:
            extra = "" if allow_size or name not in SIZE_PARAMS else " (width, height and scale apply to images only)"
            raise ParamError(f"unknown parameter {name!r}{extra}; known: {', '.join(allowed)}.")
        if name in seen:
            raise ParamError(f"parameter {name!r} is given more than once.")
        seen.add(name)
    values = dict(pairs)
    view = parse_view(bundle, pairs)
    size = parse_size(values.get("width"), values.get("height"), values.get("scale")) if allow_size else Size()
    return view, size


def filename(what: str, view: View, fmt: str) -> str:
    """camps-atlas-<what>-<from>_<to>[-place][-lens].<fmt>, e.g. camps-atlas-map-2013-01_2013-12-ashraf.png."""
    stem = f"camps-atlas-{what}-{view.start}_{view.end}"
    if view.place:
        stem += f"-{view.place}"
    if view.lens != "all":
        stem += f"-{view.lens}"
    return f"{stem}.{fmt}"
