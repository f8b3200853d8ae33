"""The caption printed inside every exported image: what it shows, for which view and lens, whose figures, versions."""

from __future__ import annotations

import functools
import html
import tomllib
from importlib import metadata
from pathlib import Path

import pandas as pd

from data import languages
from data.calendars import SEPARATOR, listed, number
from data.grades import GRADE_LABELS, GRADES
from data.load import Bundle
from data.schema import PARTY_KINDS
from data.select import LENS_LABELS, View, every_period, select
from data.translation import t
from figures.style import lines_of
from present.labels import grades_label, place_name

APP_NAME = "Camps Atlas"
FALLBACK_VERSION = "0.1.0"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
FONT_SIZE = 11
DEFAULT_BASE_URL = "http://127.0.0.1:8050/"  # the app's root when no request names it (make run's address)
LINE_PX = 15  # line height of the caption at FONT_SIZE
PAD_PX = 10  # space above and below the caption block
_CHAR_PX = 0.56 * FONT_SIZE  # average glyph width of the UI font, for wrapping


@functools.cache
def app_version() -> str:
    """The installed camps-atlas version, else pyproject's, else 0.1.0."""
    try:
        return metadata.version("camps-atlas")
    except metadata.PackageNotFoundError:
        pass
    try:
        return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return FALLBACK_VERSION


def figure_rows(bundle: Bundle, view: View, figure: str) -> list[pd.DataFrame]:
    """The rows a figure draws for the view (their claimants are the ones the caption names)."""
    sel = select(bundle, view)
    if figure == "casualties":
        return [sel.events]
    if figure == "relocations":
        return [sel.movements]
    if figure == "map":
        return [sel.events, sel.movements]
    if figure == "population":  # stated populations in range; stocks computed from every listed transfer
        lensed = select(
            bundle, View(bundle.first_month, bundle.last_month, view.place, view.lens, grades=view.grades)
        ).movements
        stated = sel.populations.loc[sel.populations["status"] == "stated"]
        return [stated, lensed.loc[lensed["scope"] == "transfer"]]
    if figure == "context":  # every context item under the lens, whatever the range (the chart shows them all)
        return [select(bundle, every_period(view.lens)).context]
    return [sel.events, sel.movements, sel.populations]


def claimants(bundle: Bundle, frames: list[pd.DataFrame]) -> list[str]:
    """Names of the claimants (who makes each figure) behind the rows, most-cited first (ties alphabetical), once each."""
    parts = [f["claimant_id"] for f in frames if not f.empty]
    if not parts:
        return []
    counts = pd.concat(parts, ignore_index=True).map(bundle.claimants["name"]).value_counts()
    return sorted(counts.index, key=lambda name: (-counts[name], name))


def relayed_line(frames: list[pd.DataFrame], lang: str = languages.DEFAULT) -> str:
    """'3 of 41 figure rows of independent claimants reached us only through a party's site (the group 2, the
    Iranian state 1): see relayed_by_party in the CSV'; '' when none did."""
    parts = [f for f in frames if not f.empty]
    if not parts:
        return ""
    rows = pd.concat([f[["claimant_kind", "relayed_by_party"]] for f in parts], ignore_index=True)
    independent = rows.loc[~rows["claimant_kind"].isin(PARTY_KINDS)]
    counts = independent["relayed_by_party"].value_counts()
    relayed = {k: int(counts.get(k, 0)) for k in ("group", "iran_state") if counts.get(k, 0)}
    if not relayed:
        return ""
    party = {"group": t(lang, "the group {n}"), "iran_state": t(lang, "the Iranian state {n}")}
    by = listed(lang, (party[k].format(n=number(lang, n)) for k, n in relayed.items()))
    return t(
        lang,
        "{n} of {total} rows of independent claimants reached us only through a party's site ({by}): see "
        "relayed_by_party in the CSV",
        n=number(lang, sum(relayed.values())),
        total=number(lang, len(independent)),
        by=by,
    )


def grades_line(frames: list[pd.DataFrame], lang: str = languages.DEFAULT) -> str:
    """'Grades of the 9 items drawn: Corroborated 2, Contested 4, …' (attacks, movements, stated populations)."""
    keys = {"event_id", "movement_id", "population_id"}
    items = [f.drop_duplicates(key)["grade"] for f in frames if not f.empty and "grade" in f for key in keys & set(f)]
    if not items:
        return ""
    counts = pd.concat(items).value_counts()
    parts = listed(lang, (f"{t(lang, GRADE_LABELS[g])} {number(lang, int(counts[g]))}" for g in GRADES if g in counts))
    return t(
        lang,
        "Grades of the {n} items drawn (see the README for each rule): {parts}",
        n=number(lang, int(counts.sum())),
        parts=parts,
    )


def absolute(base_url: str, path: str) -> str:
    """base_url ('http://host:8050/' or with a path prefix) joined with a path relative to the app's root."""
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def caption_lines(
    bundle: Bundle, view: View, figure: str, title: str, width: int, base_url: str = DEFAULT_BASE_URL
) -> list[str]:
    """Plain-text caption lines, wrapped to an image `width` pixels wide: every source of the view (never cut;
    the image grows to hold them) and the view's absolute URLs. base_url: the app's root URL."""
    chars = max(int((width - 40) / _CHAR_PX), 40)
    lang = view.lang
    place = place_name(bundle, view.place, lang) if view.place else t(lang, "all places")
    rows = figure_rows(bundle, view, figure)
    names = [t(lang, name) for name in claimants(bundle, rows)]  # claimants.csv's names are catalogue entries
    sources = (
        t(lang, "Claimants ({n}): {names}", n=number(lang, len(names)), names=t(lang, SEPARATOR).join(names))
        if names
        else t(lang, "Claimants: none (nothing in this view)")
    )
    search = view.query()
    lines = [
        f"{APP_NAME} · {title}",
        t(
            lang,
            "{range} · Place: {place} · Lens: {lens} · {grades}",
            range=view.range_label,
            place=place,
            lens=t(lang, LENS_LABELS[view.lens]),
            grades=grades_label(view.grades, lang),
        ),
        *lines_of(sources, chars),
        *([relayed] if (relayed := relayed_line(rows, lang)) else []),
        *([graded] if (graded := grades_line(rows, lang)) else []),
        t(lang, "App version {app} · data version {data}", app=app_version(), data=bundle.version),
        t(lang, "View: {url}", url=absolute(base_url, search)),
        t(lang, "Every row and source of this view: {url}", url=absolute(base_url, "export/data.csv" + search)),
    ]
    return [w for line in lines for w in lines_of(line, chars)]


def caption_markup(lines: list[str]) -> str:
    """The caption as Plotly annotation text: first line bold, every line escaped."""
    escaped = [html.escape(line, quote=False) for line in lines]
    return "<br>".join([f"<b>{escaped[0]}</b>", *escaped[1:]])


def caption_height(lines: list[str]) -> int:
    """Pixels the caption block needs at the bottom of the image."""
    return len(lines) * LINE_PX + 2 * PAD_PX
