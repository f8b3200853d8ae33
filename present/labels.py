"""Words that name a view: the place filter label and the caption line of every chart."""

from __future__ import annotations

from data.grades import GRADE_LABELS
from data.load import Bundle
from data.select import LENS_LABELS, View


def filter_label(bundle: Bundle, view: View) -> str:
    """'Filtered to Camp Ashraf' or 'All places'."""
    return f"Filtered to {bundle.places.at[view.place, 'name']}" if view.place else "All places"


def subtitle(bundle: Bundle, view: View) -> str:
    """The caption line of every chart: range, place and lens."""
    parts = [view.range_label]
    if view.place:
        parts.append(bundle.places.at[view.place, "name"])
    if view.lens != "all":
        parts.append(LENS_LABELS[view.lens])
    if view.grades:
        parts.append(grades_label(view.grades))
    return " · ".join(parts)


def grades_label(grades: tuple[str, ...]) -> str:
    """'Every grade' or 'Only: Corroborated, Contested'."""
    return "Only: " + ", ".join(GRADE_LABELS[g] for g in grades) if grades else "Every grade"


def short_place(name: str) -> str:
    """A place name without its parenthetical: 'Camp Liberty (Camp Hurriya)' -> 'Camp Liberty'."""
    return name.split(" (")[0]
