"""The casualty and relocation charts, the headline figures (KPIs) and the charts' text alternatives of a view."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import figures
from data import languages, schema
from data.calendars import number
from data.load import Bundle
from data.place_names import place_names
from data.select import View
from data.summary import (
    Total,
    format_range,
    total,
)
from data.translation import N_
from data.translation import t as t_
from figures.plain import FigureJSON
from figures.relocations import StatedTotal
from present import headline_texts as words
from present import memo
from present.items import in_view, split_transfers, stated_totals
from present.labels import filter_label, subtitle
from present.map import border_check


@dataclass(frozen=True)
class Kpi:
    """One KPI card: the figure as text, how it is summed, a one-line context and the per-source attribution."""

    text: str
    how: str
    context: str
    attribution: str


@dataclass(frozen=True)
class Rendered:
    """Charts, KPIs and labels that depend on the view (the map is built separately)."""

    casualties: FigureJSON
    relocations: FigureJSON
    killed: Kpi
    wounded: Kpi
    transferred: Kpi  # moved within Iraq (Ashraf -> Liberty)
    relocated: Kpi  # resettled abroad (left Iraq)
    range_label: str
    filter_label: str


HOW_SUMMED = {  # whole sentences per unit, so that each language can say them its own way
    "attack": N_("Sum of each attack's lowest figure – sum of each attack's highest"),
    "transfer": N_("Sum of each transfer's lowest figure – sum of each transfer's highest"),
}


def how_summed(unit: str) -> str:
    """The visible line beside a summed KPI: a range adds up every item's lowest and every item's highest figure."""
    return HOW_SUMMED[unit]


@dataclass(frozen=True)
class Headline:
    """What one KPI card counts: a quantity (`column`) over one set of items of the view (`items`: attacks,
    transfers within Iraq, or transfers abroad). render_panels counts it here, and the browser counts the same
    rule for a range step (present/counting_rows.py, assets/range_view.js)."""

    name: str  # the Rendered field: killed | wounded | transferred | relocated
    items: str  # attacks | within | abroad
    column: str
    unit: str
    what: str  # the first line of the attribution
    note: str = ""  # appended to the context line
    stated: bool = False  # the figure is the stated totals (resettled_kpi), the listed transfers' sum beside it
    title: str = ""  # the card's title

    @property
    def how(self) -> str:
        """The visible line under the figure: how it is made."""
        return RESETTLED_HOW if self.stated else how_summed(self.unit)


RESETTLED_HOW = N_(
    "Stated totals of everyone who left Iraq: each source's latest wholly in the range (not added); listed "
    "transfers' sum beside it"
)


HEADLINES = (
    Headline(
        "killed", "attacks", "killed", "attack", N_("Killed, per attack and source:"), title=N_("Killed in attacks")
    ),
    Headline(
        "wounded", "attacks", "wounded", "attack", N_("Wounded, per attack and source:"), title=N_("Wounded in attacks")
    ),
    Headline(
        "transferred",
        "within",
        "people",
        "transfer",
        N_("People moved from Ashraf to Liberty (within Iraq) in listed transfers, per transfer and source:"),
        title=N_("Moved Ashraf → Liberty (within Iraq)"),
    ),
    Headline(
        "relocated",
        "abroad",
        "people",
        "transfer",
        N_("People who left Iraq for resettlement abroad in listed transfers, per transfer and source:"),
        stated=True,
        title=N_("Resettled abroad (left Iraq): stated totals"),
    ),
)


def _kpi(t: Total, headline: Headline, lang: str) -> Kpi:
    """A summed card: the range of the items' figures, and how many items it counts (present.headline_texts; the
    browser writes the same: assets/range_view.js)."""
    unit, note = headline.unit, headline.note
    n = len(t.items) + t.without_figure
    how = t_(lang, headline.how)
    if n == 0:
        partly = words.single(lang, "partly_none", n=number(lang, len(t.partial))) if t.partial else ""
        context = t_(lang, words.NONE_IN_VIEW[unit]) + partly + note
        return Kpi(number(lang, 0), how, context, f"{t_(lang, headline.what)}\n" + t.attribution())
    context = words.counted(lang, words.COUNTED[unit], n)
    if t.without_figure:
        context += words.single(lang, "without_figure", n=number(lang, t.without_figure))
    context += words.single(lang, "disagree") if any(s.disputed for *_, s in t.items) else ""
    if t.partial:
        context += words.single(lang, "partly", n=number(lang, len(t.partial)))
    text = format_range(t.low, t.high, lang)
    return Kpi(text, how, context + note, f"{t_(lang, headline.what)}\n" + t.attribution())


def latest_abroad(totals: tuple[StatedTotal, ...] | list[StatedTotal]) -> list[StatedTotal]:
    """The stated totals the resettled headline gives: of everyone who left Iraq (no destination named), wholly
    inside the range, each claimant's latest (the one ending last, then the largest): a claimant's later figure
    supersedes its earlier one; different claimants' figures are all kept. Largest first."""
    best: dict[str, StatedTotal] = {}
    for t in totals:
        if t.partial or t.destination:
            continue
        held = best.get(t.claimant)
        if held is None or (t.period_end, t.people) > (held.period_end, held.people):
            best[t.claimant] = t
    return sorted(best.values(), key=lambda t: (-t.people, t.publisher))


def _listed(t: Total, lang: str) -> str:
    """The listed transfers' part of the resettled card's context line."""
    n = len(t.items) + t.without_figure
    if n == 0:
        return words.single(lang, "no_listed")
    partial = words.single(lang, "listed_partly", n=number(lang, len(t.partial))) if t.partial else ""
    return words.counted(lang, words.LISTED, n, range=format_range(t.low, t.high, lang)) + partial


def resettled_kpi(listed: Total, headline: Headline, stated: list[StatedTotal], lang: str = languages.DEFAULT) -> Kpi:
    """The resettled card: the range of the sources' latest stated totals (latest_abroad), with who and as of
    when in its attribution, and the listed transfers' sum on its context line."""
    lines = [
        t_(
            lang,
            "{people} stated by {publisher} [{kind}] as of {as_of} ({span})",
            people=number(lang, t.people),
            publisher=t.publisher,
            kind=t_(lang, schema.SOURCE_KIND_LABELS[t.kind]),
            as_of=t.as_of,
            span=t.span,
        )
        + (f" · {t.relay}" if t.relay else "")
        for t in stated
    ]
    attribution = (
        t_(lang, "Stated totals of everyone who left Iraq, each source's latest wholly in the range (not added):")
        + "\n"
        + ("\n".join(lines) or t_(lang, "none"))
        + f"\n{t_(lang, headline.what)}\n"
        + listed.attribution()
    )
    if not stated:
        context = words.single(lang, "no_stated_context", listed=_listed(listed, lang))
        return Kpi(words.single(lang, "no_stated"), t_(lang, headline.how), context, attribution)
    people = [t.people for t in stated]
    sources = words.counted(lang, words.SOURCES_LATEST, len(stated))
    context = words.single(lang, "stated_context", sources=sources, listed=_listed(listed, lang))
    return Kpi(format_range(min(people), max(people), lang), t_(lang, headline.how), context, attribution)


def _card(h: Headline, items: dict[str, list], stated: list[StatedTotal], lang: str) -> Kpi:
    listed = total(items[h.items], h.column, lang)
    return resettled_kpi(listed, h, stated, lang) if h.stated else _kpi(listed, h, lang)


@memo.memoised
def render_panels(bundle: Bundle, view: View) -> Rendered:
    """Charts, KPIs and labels for a view."""
    attacks, transfers, _ = in_view(bundle, view)
    within, abroad = split_transfers(bundle, transfers)
    items = {"attacks": attacks, "within": within, "abroad": abroad}
    names = place_names(bundle.places, view.lang)
    return Rendered(
        casualties=figures.casualty_figure(attacks, names, subtitle(bundle, view), view.lang),
        relocations=_relocations(bundle, view, transfers),
        **{h.name: _card(h, items, latest_abroad(stated_totals(bundle, view)), view.lang) for h in HEADLINES},
        range_label=view.range_label,
        filter_label=filter_label(bundle, view),
    )


def _relocations(bundle: Bundle, view: View, transfers: list, plot_px: int = figures.relocations.PLOT_PX) -> FigureJSON:
    names = place_names(bundle.places, view.lang)
    totals = list(stated_totals(bundle, view))
    span = (view.first_day, view.last_day)
    return figures.relocation_figure(transfers, totals, names, subtitle(bundle, view), span, plot_px, view.lang)


@memo.memoised
def render_relocations(bundle: Bundle, view: View, plot_px: int) -> FigureJSON:
    """The relocation chart with its written labels fitted to a plot plot_px wide (an image narrower than the
    page's chart: exports.images)."""
    return _relocations(bundle, view, in_view(bundle, view)[1], plot_px)


def summaries(bundle: Bundle, view: View) -> dict[str, str]:
    """One-sentence text alternatives of the charts for screen readers, in the view's language."""
    attacks, transfers, totals = in_view(bundle, view)
    within, abroad = split_transfers(bundle, transfers)
    lang = view.lang
    killed = total(attacks, "killed", lang)
    where = t_(lang, " at {place}", place=place_names(bundle.places, lang)[view.place]) if view.place else ""
    disputed = sum(1 for a in attacks if any(s.disputed for s in a.spreads.values()))
    n = functools.partial(number, lang)
    return {
        "map": t_(
            lang,
            "Map for {range}{where}: {attacks} attack(s) at the camps and {transfers} transfer(s) drawn as routes; "
            "Ashraf computed ≈{km} km from the Iranian border.",
            range=view.range_label, where=where, attacks=n(len(attacks)), transfers=n(len(transfers)),
            km=n(round(border_check(bundle).km)),
        ),
        "casualties": t_(
            lang,
            "Casualties for {range}{where}: {attacks} attack(s); killed {killed} ({how}); sources disagree on "
            "{disputed} of them.",
            range=view.range_label, where=where, attacks=n(len(attacks)), killed=killed.text(lang),
            how=t_(lang, how_summed("attack")).lower(), disputed=n(disputed),
        ),
        "relocations": t_(
            lang,
            "Relocations for {range}{where}: {within} listed transfer(s) within Iraq (Ashraf → Liberty) moving "
            "{within_people} people; {abroad} listed transfer(s) abroad moving {abroad_people} people; {totals} "
            "stated total(s) in {bars} bars (one per source's statement), drawn separately and not added.",
            range=view.range_label, where=where, within=n(len(within)),
            within_people=total(within, "people").text(lang), abroad=n(len(abroad)),
            abroad_people=total(abroad, "people").text(lang), totals=n(len(totals)),
            bars=n(len(stated_totals(bundle, view))),
        ),
        "population": t_(
            lang,
            "Residents per place as sources state them (points), and what the listed transfers account for (lines, "
            "which stop where later stated populations all disagree with them).",
        ),
        "context": t_(
            lang, "Political and legal context items from {range}, one mark per source.", range=view.range_label
        ),
    }  # fmt: skip
