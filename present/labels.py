"""Words that name a view: the place filter label and the caption line of every chart, in the view's language."""

from __future__ import annotations

from data import calendars, languages
from data.grades import GRADE_LABELS
from data.load import Bundle
from data.place_names import place_names
from data.select import LENS_LABELS, View
from data.translation import N_, t

FILTERED_TO = N_("Filtered to {place}")
ALL_PLACES = N_("All places")
EVERY_GRADE = N_("Every grade")
ONLY_GRADES = N_("Only: {grades}")


def place_name(bundle: Bundle, place: str, lang: str) -> str:
    """A place's name in the language (data.place_names)."""
    return place_names(bundle.places, lang)[place]


def filter_label(bundle: Bundle, view: View) -> str:
    """'Filtered to Camp Ashraf' or 'All places'."""
    if not view.place:
        return t(view.lang, ALL_PLACES)
    return t(view.lang, FILTERED_TO, place=place_name(bundle, view.place, view.lang))


def subtitle(bundle: Bundle, view: View) -> str:
    """The caption line of every chart: range, place and lens."""
    parts = [view.range_label]
    if view.place:
        parts.append(place_name(bundle, view.place, view.lang))
    if view.lens != "all":
        parts.append(t(view.lang, LENS_LABELS[view.lens]))
    if view.grades:
        parts.append(grades_label(view.grades, view.lang))
    return " · ".join(parts)


def grades_label(grades: tuple[str, ...], lang: str = languages.DEFAULT) -> str:
    """'Every grade' or 'Only: Corroborated, Contested'."""
    if not grades:
        return t(lang, EVERY_GRADE)
    return t(lang, ONLY_GRADES, grades=calendars.listed(lang, (t(lang, GRADE_LABELS[g]) for g in grades)))


def short_place(name: str) -> str:
    """A place name without its parenthetical: 'Camp Liberty (Camp Hurriya)' -> 'Camp Liberty'."""
    return name.split(" (")[0]
