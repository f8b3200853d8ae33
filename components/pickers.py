"""Keyboard and screen-reader access to what the map and charts select: a place picker and an attack picker.

Choosing a place is clicking it on the map (the charts filter to it, the URL's `place=` follows, its detail opens);
choosing an attack is clicking it (its detail opens, the map rings it). Clicks on the map or charts move the pickers.
"""

from __future__ import annotations

import functools

from dash import dcc, html

from components.ids import Controls
from data.load import Bundle
from data.summary import summarise_events


@functools.cache
def attack_options(bundle: Bundle) -> tuple[tuple[str, str], ...]:
    """(event id, label) of every attack, in date order: 'Raid on Camp Ashraf (Apr 2011), 8 Apr 2011'."""
    items = summarise_events(bundle.events.assign(partial=False), bundle)
    return tuple((i.item_id, f"{i.label}, {i.when}" if i.when not in i.label else i.label) for i in items)


def place_options(bundle: Bundle) -> list[dict]:
    """Camps first, then the destination countries, each by name."""
    places = bundle.places.sort_values("kind", key=lambda k: k != "camp", kind="stable")
    return [{"label": name, "value": pid} for pid, name in places["name"].items()]


def pickers(bundle: Bundle) -> html.Div:
    """Two labelled dropdowns (type to search, arrow keys and Enter to choose, the clear button or Reset to clear)."""
    return html.Div(
        className="controls-row pickers",
        children=[
            html.Label("Place", htmlFor=Controls.PLACE_PICKER, className="control-title", id="place-picker-label"),
            dcc.Dropdown(
                id=Controls.PLACE_PICKER,
                options=place_options(bundle),
                value=None,
                placeholder="All places (choose one to filter)",
                clearable=True,
                className="picker",
            ),
            html.Label("Attack", htmlFor=Controls.ATTACK_PICKER, className="control-title", id="attack-picker-label"),
            dcc.Dropdown(
                id=Controls.ATTACK_PICKER,
                options=[{"label": label, "value": eid} for eid, label in attack_options(bundle)],
                value=None,
                placeholder="Choose an attack to see its sources",
                clearable=True,
                className="picker",
            ),
        ],
    )
