"""Keyboard and screen-reader access to what the map and charts select: a place, an attack and a movement picker.

Choosing a place is clicking it on the map (the charts filter to it, the URL's `place=` follows, its detail opens);
choosing an attack is clicking it (its detail opens, the map rings it); choosing a movement is clicking its line or
bar. Clicks on the map or charts move the pickers.
"""

from __future__ import annotations

import functools

from dash import dcc, html

from components.ids import Controls
from data import calendars, languages
from data.load import Bundle
from data.place_names import place_names
from data.summary import ItemSummary, summarise_events, summarise_movements
from data.translation import t


def _option(item: ItemSummary, lang: str) -> str:
    """'Raid on Camp Ashraf (Apr 2011), 8 Apr 2011' (the dates the sources agree on first), in the language."""
    when = item.when.split(" (")[0]
    label = t(lang, item.label)
    if when in item.label:  # the label names its date already
        return label
    return t(
        lang, "{label}, {when}", label=label, when=calendars.span_label(lang, *item.dated) if item.dated[0] else when
    )


@functools.cache
def attack_options(bundle: Bundle, lang: str = languages.DEFAULT) -> tuple[tuple[str, str], ...]:
    """(event id, label) of every attack, in date order: 'Raid on Camp Ashraf (Apr 2011), 8 Apr 2011'."""
    events = summarise_events(bundle.events.assign(partial=False), bundle)
    return tuple((i.item_id, _option(i, lang)) for i in events)


@functools.cache
def movement_options(bundle: Bundle, lang: str = languages.DEFAULT) -> tuple[tuple[str, str], ...]:
    """(movement id, label) of every movement (transfers and stated totals), in date order: 'Second convoy Ashraf →
    Liberty, 8 Mar 2012'."""
    items = summarise_movements(bundle.movements.assign(partial=False), bundle)
    return tuple((i.item_id, _option(i, lang)) for i in items)


def place_options(bundle: Bundle, lang: str = languages.DEFAULT) -> list[dict]:
    """Camps first, then the destination countries, each by name."""
    places = bundle.places.sort_values("kind", key=lambda k: k != "camp", kind="stable")
    names = place_names(bundle.places, lang)
    return [{"label": names[pid], "value": pid} for pid in places.index]


def _picker(label: str, picker_id: str, options: list[dict], placeholder: str) -> html.Div:
    """A labelled dropdown in a group named by its label (the dropdown's own name is its value, so a screen reader
    announces the group's name, e.g. "Place", on entering it)."""
    label_id = f"{picker_id}-label"
    return html.Div(
        role="group",
        className="picker-group",
        **{"aria-labelledby": label_id},
        children=[
            html.Label(label, htmlFor=picker_id, className="control-title", id=label_id),
            dcc.Dropdown(
                id=picker_id,
                options=options,
                value=None,
                placeholder=placeholder,
                clearable=True,
                className="picker",
            ),
        ],
    )


def pickers(bundle: Bundle, lang: str = languages.DEFAULT) -> html.Div:
    """Three labelled dropdowns (Tab to one, arrow keys or type to search, Enter to choose; clear it or Reset)."""
    return html.Div(
        className="controls-row pickers",
        children=[
            _picker(
                t(lang, "Place"),
                Controls.PLACE_PICKER,
                place_options(bundle, lang),
                t(lang, "All places (choose one to filter)"),
            ),
            _picker(
                t(lang, "Attack"),
                Controls.ATTACK_PICKER,
                [{"label": label, "value": eid} for eid, label in attack_options(bundle, lang)],
                t(lang, "Choose an attack to see its sources"),
            ),
            _picker(
                t(lang, "Movement"),
                Controls.MOVEMENT_PICKER,
                [{"label": label, "value": mid} for mid, label in movement_options(bundle, lang)],
                t(lang, "Choose a movement to see its sources"),
            ),
        ],
    )
