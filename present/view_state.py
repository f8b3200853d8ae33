"""How the page's inputs (URL, slider, map clicks, pickers, story buttons) change the view, and what a click or a
picker selects. Pure functions; the inputs are named by `Source`, not by the page's component ids."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from data.view import Choices, View


class Source(StrEnum):
    """The inputs that change the view or the selection (components.callbacks maps component ids to these)."""

    URL = "url"
    SLIDER = "slider"
    MAP = "map"
    RESET = "reset"
    LENS = "lens"
    GRADE = "grade"
    PLACE_PICKER = "place-picker"
    ATTACK_PICKER = "attack-picker"
    MOVEMENT_PICKER = "movement-picker"
    STORY_PREV = "story-prev"
    STORY_NEXT = "story-next"
    STORY_LEAVE = "story-leave"
    CASUALTIES = "casualty-chart"
    RELOCATIONS = "relocation-chart"


def clicked_place(click: dict | None, place_ids: frozenset[str] | set[str]) -> str | None:
    """The place id behind a map click on a place marker (customdata is ["place", place id, place id]), or None:
    a click on an attack or a movement opens it in the detail panel and leaves the place filter alone."""
    try:
        kind, _, place = click["points"][0]["customdata"][:3]
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    return place if kind == "place" and isinstance(place, str) and place in place_ids else None


def clicked_item(click: dict | None) -> str | None:
    """The item id behind a chart click (customdata[0] or customdata itself is the item id)."""
    try:
        data = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return None
    value = (data[0] if data else None) if isinstance(data, list) else data
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class StateUpdate:
    """What the view-input callback returns: the view, the slider value and the notices (None = keep).

    span is None when the slider itself moved: echoing its value back would pull the handle back to where it was
    when the request left, while the user is still pressing arrow keys.
    """

    view: View
    span: list[int] | None
    notices: list[str] | None

    @property
    def search(self) -> str:
        """The URL's query string (the address bar follows the view)."""
        return self.view.query()

    @property
    def store(self) -> dict:
        return self.view.to_store()

    @property
    def lens(self) -> str:
        return self.view.lens

    @property
    def grades(self) -> list[str]:
        """The grade filter's value."""
        return list(self.view.grades)

    @property
    def place(self) -> str | None:
        """The place picker's value."""
        return self.view.place


OWN_INPUTS = (
    Source.SLIDER,
    Source.MAP,
    Source.RESET,
    Source.LENS,
    Source.GRADE,
    Source.PLACE_PICKER,
    Source.STORY_PREV,
    Source.STORY_NEXT,
    Source.STORY_LEAVE,
)


def next_state(
    trigger: Source | None,
    current: dict | None,
    choices: Choices,
    *,
    search: str | None = None,
    month_span: list[int] | None = None,
    map_click: dict | None = None,
    lens: str | None = None,
    picked_place: str | None = None,
    grades: list[str] | None = None,
) -> StateUpdate:
    """The new state after one input changed.

    trigger is the id of the input that changed: the URL (or None on first load: the URL is parsed), the slider,
    the map, the reset button, the source lens, the grade filter, the place picker (choosing a place there is clicking it on the
    map; clearing it is the reset button) or the story's previous / next / leave buttons. The URL always follows the
    resulting view (story=…&step=… while the view is a story step).
    """
    notices: list[str] | None = None
    if trigger is None or current is None or trigger not in OWN_INPUTS:
        view, notices = View.parse(search, choices)
    else:
        view = View.from_store(current, choices)
        if trigger == Source.LENS:  # a lens change stays in the story: its figures are filled under the new lens
            view = view.with_lens(lens)
        elif trigger == Source.GRADE:  # so does a grade filter
            view = view.with_grades(grades or [])
        elif trigger in (Source.STORY_PREV, Source.STORY_NEXT):  # the step's view, seen through the reader's lens
            if view.story:
                view = view.at_step(view.story, view.step + (1 if trigger == Source.STORY_NEXT else -1), choices)
        elif trigger == Source.STORY_LEAVE:  # leaving the story keeps the step's view
            view = view.out_of_story()
        elif trigger == Source.SLIDER:  # the slider, a map click, the reset button or the place picker:
            if isinstance(month_span, list) and len(month_span) == 2:  # the reader explores on, out of the story
                view = view.with_span(month_span, choices)
            else:
                view = view.out_of_story()
        elif trigger == Source.MAP:
            view = view.with_place(clicked_place(map_click, choices.places) or view.place)
        elif trigger == Source.RESET:
            view = view.with_place(None)
        elif trigger == Source.PLACE_PICKER:
            view = view.with_place(picked_place if picked_place in choices.places else None)
    span = None if trigger == Source.SLIDER else [(view.start - choices.first).n, (view.end - choices.first).n]
    return StateUpdate(view, span, notices)


def selected_by_view(view: View, trigger: Source | None, step_item: tuple[str, str] | None) -> dict | None:
    """What the detail panel shows because of the view itself, so that one URL shows one screen: a story step's
    item, or none for a step without one ({}: the panel is emptied); the place of a URL with place= (on load or
    when the URL changes). None: the view leaves the panel as it is (a slider step, a lens, a click)."""
    if view.story:
        return {"kind": step_item[0], "id": step_item[1]} if step_item else {}
    if trigger in (None, Source.URL) and view.place:
        return {"kind": "place", "id": view.place}
    return None


def selected_from_click(trigger: Source | None, click: dict | None) -> tuple[str, str] | None:
    """(kind, id) of what a click on the map or a chart points at: ('event'|'movement'|'place', id)."""
    if trigger == Source.MAP:
        try:
            kind, item_id, place = click["points"][0]["customdata"][:3]
        except (TypeError, KeyError, IndexError, ValueError):
            return None
        if kind in ("event", "movement") and isinstance(item_id, str):
            return kind, item_id
        return ("place", place) if kind == "place" and isinstance(place, str) else None
    item_id = clicked_item(click)
    if item_id is None:
        return None
    if trigger == Source.CASUALTIES:
        return "event", item_id
    if trigger == Source.RELOCATIONS:
        return "movement", item_id
    return None


def selected_from_input(trigger: Source | None, value) -> tuple[str, str] | None:
    """(kind, id) chosen by a click (map or chart clickData) or a picker (its value: a place or an event id)."""
    if trigger == Source.PLACE_PICKER:
        return ("place", value) if isinstance(value, str) else None
    if trigger == Source.ATTACK_PICKER:
        return ("event", value) if isinstance(value, str) else None
    if trigger == Source.MOVEMENT_PICKER:
        return ("movement", value) if isinstance(value, str) else None
    return selected_from_click(trigger, value)


def along_from_click(trigger: Source | None, click: dict | None) -> tuple[str, ...]:
    """The other movements a clicked map line carries (its customdata's fourth entry), or ()."""
    try:
        along = click["points"][0]["customdata"][3] if trigger == Source.MAP else []
    except (TypeError, KeyError, IndexError):
        return ()
    return tuple(a for a in along if isinstance(a, str)) if isinstance(along, list) else ()


def selected_event(selected: dict | None) -> str | None:
    """The event id of the detail panel's selection ({"kind", "id"} store), or None if it is not an attack."""
    if isinstance(selected, dict) and selected.get("kind") == "event" and isinstance(selected.get("id"), str):
        return selected["id"]
    return None
