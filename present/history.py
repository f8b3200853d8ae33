"""The population ledger and the context strip: built once per place and lens over the whole period, the range shown on the x axis."""

from __future__ import annotations

import functools

import pandas as pd

import figures
from data import calendars, ledger
from data.attribution import relay_text, who_says
from data.load import Bundle
from data.place_names import place_names
from data.select import View, every_period, select
from data.translation import t
from figures.plain import FigureJSON, with_changes
from present import memo
from present.labels import subtitle


def _with_sources(bundle: Bundle, frame: pd.DataFrame, date_col: str, lang: str) -> pd.DataFrame:
    return frame.assign(
        publisher=who_says(bundle, frame, lang),
        kind=frame["claimant_kind"],
        relay=[relay_text(p, v, lang) for p, v in zip(frame["relayed_by_party"], frame["relayed_via"], strict=True)],
        when=frame[date_col].map(lambda text: calendars.label(lang, text)),
    )


@functools.lru_cache(maxsize=64)
def _stocks(bundle: Bundle, place: str | None, lens: str, grades: tuple[str, ...] = ()) -> pd.DataFrame:
    """The ledger over the whole period (it does not depend on the selected range; cached by place, lens and
    grades)."""
    lensed = select(bundle, View(bundle.first_month, bundle.last_month, place, lens, grades=grades)).movements
    stocks = ledger.stocks(lensed)
    return stocks.loc[stocks["place_id"] == place] if place else stocks


@functools.lru_cache(maxsize=64)
def _stated(bundle: Bundle, place: str | None, lens: str, grades: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Stated populations over the whole period (the chart's x axis shows the range; cached by place, lens and
    grades)."""
    whole = select(bundle, View(bundle.first_month, bundle.last_month, place, lens, grades=grades)).populations
    stated = whole.loc[whole["status"] == "stated"]  # a projection is not drawn as a stated population
    return _with_sources(bundle, stated, "date", lang)


@functools.lru_cache(maxsize=64)
def _population_whole(bundle: Bundle, place: str | None, lens: str, grades: tuple[str, ...], lang: str) -> FigureJSON:
    """The population figure of a place, lens, grades and language over the whole period (render_population sets
    the range)."""
    whole = View(bundle.first_month, bundle.last_month, place, lens, grades=grades, lang=lang)
    return figures.population_figure(
        _stocks(bundle, place, lens, grades),
        _stated(bundle, place, lens, grades, lang),
        place_names(bundle.places, lang),
        subtitle(bundle, whole),
        (whole.first_day, whole.last_day),
        lang,
    )


@memo.memoised
def render_population(bundle: Bundle, view: View) -> FigureJSON:
    """Computed residents per place (from every listed transfer under the lens) beside stated populations, both
    over the whole period, the x axis showing the selected range: the figure of the place and lens (built once)
    with the range's changes, the same changes the page sends as a Patch when only the range moves."""
    whole = _population_whole(bundle, view.place, view.lens, view.grades, view.lang)
    return with_changes(whole, population_range_changes(bundle, view))


def population_range_changes(bundle: Bundle, view: View) -> dict[tuple, object]:
    """What render_population changes when only the range moves (place and lens unchanged)."""
    empty = (
        _stocks(bundle, view.place, view.lens, view.grades).empty
        and _stated(bundle, view.place, view.lens, view.grades, view.lang).empty
    )
    whole = _population_whole(bundle, view.place, view.lens, view.grades, view.lang)
    span = (view.first_day, view.last_day)
    return figures.population_range_changes(empty, subtitle(bundle, view), span, whole, view.lang)


@functools.lru_cache(maxsize=8)
def _context_items(bundle: Bundle, lens: str, lang: str) -> pd.DataFrame:
    rows = _with_sources(bundle, select(bundle, every_period(lens)).context, "date", lang)
    return rows.assign(label=rows["context_id"].map(bundle.items["label"]).map(lambda label: t(lang, label)))


@functools.lru_cache(maxsize=64)
def _context_whole(bundle: Bundle, place: str | None, lens: str, plot_px: int, lang: str) -> FigureJSON:
    """The context figure of a lens over the whole period, in a language (the subtitle names the place)."""
    whole = View(bundle.first_month, bundle.last_month, place, lens, lang=lang)
    return figures.context_figure(
        _context_items(bundle, lens, lang), subtitle(bundle, whole), (whole.first_day, whole.last_day), plot_px, lang
    )


@memo.memoised
def render_context(bundle: Bundle, view: View, plot_px: int = figures.context.PLOT_PX) -> FigureJSON:
    """Every political and legal context item under the lens (they reach back before the camps' data), with the
    selected range shaded: the whole-period figure (built once per place and lens) with the range's changes.
    plot_px: the plot width its labels are laid out for (an image narrower than the page's chart)."""
    whole = _context_whole(bundle, view.place, view.lens, plot_px, view.lang)
    return with_changes(whole, context_range_changes(bundle, view))


def context_range_changes(bundle: Bundle, view: View) -> dict[tuple, object]:
    """What render_context changes when only the range moves."""
    empty = _context_items(bundle, view.lens, view.lang).empty
    span = (view.first_day, view.last_day)
    return figures.context_range_changes(empty, subtitle(bundle, view), span, view.lang)


def drawn_base(bundle: Bundle, view: View) -> str:
    """What the population and context figures depend on besides the range: data version, place, lens, grades and
    language."""
    return f"{bundle.version}:{view.place or '-'}:{view.lens}:{'+'.join(view.grades)}:{view.lang}"
