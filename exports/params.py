"""An export request's parameters: the view (data.view, strictly) plus image size, and export file names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from data.view import ParamError, Spell, View, default_choices, url_spelling

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


def _bounded(name: str, raw: str, pattern: re.Pattern, bounds: tuple[float, float], cast, spell: Spell) -> float:
    low, high = bounds
    if not pattern.match(raw.strip()):
        raise ParamError(f"{spell(name)}{raw!r}: expected a number from {low:g} to {high:g}.")
    value = cast(raw.strip())
    if not low <= value <= high:
        raise ParamError(f"{spell(name)}{raw} is out of bounds: expected {low:g} to {high:g}.")
    return value


def parse_size(width: str | None, height: str | None, scale: str | None, spell: Spell = url_spelling) -> Size:
    """Width and height in pixels and a scale factor, each optional and within WIDTH/HEIGHT/SCALE_RANGE; errors name
    the parameter as spelled (width=… in a URL, --width … on the command line)."""
    return Size(
        int(_bounded("width", width, _INT, WIDTH_RANGE, int, spell)) if width is not None else None,
        int(_bounded("height", height, _INT, HEIGHT_RANGE, int, spell)) if height is not None else None,
        _bounded("scale", scale, _NUMBER, SCALE_RANGE, float, spell) if scale is not None else None,
    )


def parse_query(query: str, allow_size: bool, others: tuple[str, ...] = ()) -> tuple[View, Size, dict[str, str]]:
    """View and image size from a raw query string, strictly (data.view.View.parse_strict): any unknown, repeated
    or malformed parameter is a ParamError naming it. `others`: further parameters the caller reads (their values
    are returned)."""
    if allow_size:
        view, rest = View.parse_strict(query, default_choices(), SIZE_PARAMS + others)
    else:
        hint = " (width, height and scale apply to images only)"
        view, rest = View.parse_strict(query, default_choices(), others, dict.fromkeys(SIZE_PARAMS, hint))
    size = parse_size(rest.get("width"), rest.get("height"), rest.get("scale"))
    return view, size, {name: rest[name] for name in others if name in rest}


def filename(what: str, view: View, fmt: str) -> str:
    """camps-atlas-<what>-<from>_<to>[-place][-lens].<fmt>, e.g. camps-atlas-map-2013-01_2013-12-ashraf.png."""
    return f"{view.file_stem(what)}.{fmt}"
