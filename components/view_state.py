"""The view state shared by URL, slider and map clicks: parse, format and update. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from components.ids import Charts, Controls, Story
from data.select import LENSES, View
from data.story import Step, default_stories

# Any script's decimal digits (Arabic ٢٠١٣, Persian ۲۰۱۳, full-width ２０１３): read with int(), so a URL typed in a
# Persian/Arabic UI means the month it spells; the URL the app writes back is ASCII.
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
KNOWN_PARAMS = ("from", "to", "place", "lens", "story", "step")
StoryStep = tuple[str, int]  # (story id, step number from 1)


def to_store(view: View, story: StoryStep | None = None) -> dict:
    """JSON-able form of a view (and the story step it shows, if any) for a dcc.Store."""
    out = {"from": str(view.start), "to": str(view.end), "place": view.place, "lens": view.lens}
    if story:
        out.update(story=story[0], step=story[1])
    return out


def story_of(data: dict | None) -> StoryStep | None:
    """The story step a stored view shows, if it is one of a known story's."""
    if not isinstance(data, dict) or data.get("story") not in default_stories():
        return None
    step = data.get("step")
    steps = default_stories()[data["story"]]
    return (data["story"], step) if isinstance(step, int) and 1 <= step <= len(steps) else None


def story_step(story: StoryStep) -> Step:
    return default_stories()[story[0]][story[1] - 1]


def from_store(data: dict) -> View:
    """Inverse of to_store."""
    return View(pd.Period(data["from"], "M"), pd.Period(data["to"], "M"), data.get("place"), data.get("lens", "all"))


def _month(value: str, name: str, axis: pd.PeriodIndex, notices: list[str]) -> pd.Period | None:
    match = _MONTH.match(value)
    year, number = (int(match[1]), int(match[2])) if match else (0, 0)
    if year < 1 or not 1 <= number <= 12:  # year 0000 too: no such year
        notices.append(f"Ignored {name}={value!r}: expected a month as YYYY-MM, e.g. 2013-09.")
        return None
    month = pd.Period(year=year, month=number, freq="M")
    if month < axis[0] or month > axis[-1]:
        clamped = min(max(month, axis[0]), axis[-1])
        notices.append(f"{name}={value} is outside the data ({axis[0]} to {axis[-1]}); using {clamped}.")
        return clamped
    return month


def _story(params: dict[str, str], notices: list[str]) -> StoryStep | None:
    """story=<id>&step=<n> (step 1 when missing), or None with a notice when unknown."""
    if "story" not in params:
        if "step" in params:
            notices.append("Ignored step: it needs a story (e.g. story=camps&step=3).")
        return None
    stories = default_stories()
    story = params["story"].lower()
    if story not in stories:
        notices.append(f"Ignored story={params['story']!r}: known stories are {', '.join(sorted(stories))}.")
        return None
    raw, count = params.get("step", "1"), len(stories[story])
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= count):
        notices.append(f"Ignored step={raw!r}: the story {story!r} has steps 1 to {count}; showing step 1.")
        return story, 1
    return story, int(raw)


def parse_story(search: str | None) -> StoryStep | None:
    """The story step a query string asks for (story=…&step=…), if any."""
    params = dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))
    return _story({k: v.strip() for k, v in params.items()}, [])


def parse_search(search: str | None, axis: pd.PeriodIndex, place_ids: set[str]) -> tuple[View, list[str]]:
    """The view a query string asks for, and a notice for every parameter that was ignored or adjusted. A story
    step (story=…&step=…) sets range, place and (if the step names one) lens."""
    notices: list[str] = []
    params: dict[str, str] = {}
    for name, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True):
        if name not in KNOWN_PARAMS:
            notices.append(f"Ignored unknown parameter {name!r} (known: {', '.join(KNOWN_PARAMS)}).")
        elif name in params:
            notices.append(f"Ignored a repeated {name!r} parameter; using the first.")
        else:
            params[name] = value.strip()
    start = _month(params["from"], "from", axis, notices) if "from" in params else None
    end = _month(params["to"], "to", axis, notices) if "to" in params else None
    start, end = start or axis[0], end or axis[-1]
    if start > end:
        notices.append(f"from={start} is after to={end}; showing the whole period instead.")
        start, end = axis[0], axis[-1]
    place = params.get("place", "").lower() or None
    if place and place not in place_ids:
        notices.append(f"Ignored place={params['place']!r}: not a known place id ({', '.join(sorted(place_ids))}).")
        place = None
    lens = params.get("lens", "all").lower() or "all"
    if lens not in LENSES:
        notices.append(f"Ignored lens={params['lens']!r}: expected one of {', '.join(LENSES)}.")
        lens = "all"
    story = _story(params, notices)
    if story:
        return story_step(story).view(lens), notices
    return View(start, end, place, lens), notices


def format_search(view: View, story: StoryStep | None = None) -> str:
    """The query string of a view (from and to always; place and lens when set), or of the story step it shows
    (story and step; lens when the reader chose one the step does not set)."""
    if story:
        params = {"story": story[0], "step": str(story[1])}
        if view.lens != "all" and story_step(story).lens is None:
            params["lens"] = view.lens
        return "?" + urlencode(params)
    params = {"from": str(view.start), "to": str(view.end)}
    if view.place:
        params["place"] = view.place
    if view.lens != "all":
        params["lens"] = view.lens
    return "?" + urlencode(params)


def with_months(view: View, axis: pd.PeriodIndex, span: list[int]) -> View:
    """The view with the slider's month indices applied (clamped, ordered)."""
    low, high = sorted(int(min(max(i, 0), len(axis) - 1)) for i in span)
    return View(axis[low], axis[high], view.place, view.lens)


def with_place(view: View, place: str | None) -> View:
    """The view filtered to a place (None clears the filter)."""
    return View(view.start, view.end, place, view.lens)


def clicked_place(click: dict | None, place_ids: set[str]) -> str | None:
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
    """What the view-input callback returns: slider value, URL search, stored view, lens, notices (None = keep),
    and the place picker's value (the view's place).

    span is None when the slider itself moved: echoing its value back would pull the handle back to where it was
    when the request left, while the user is still pressing arrow keys.
    """

    span: list[int] | None
    search: str
    store: dict
    lens: str
    notices: list[str] | None
    story: StoryStep | None = None
    place: str | None = None


def with_lens(view: View, lens: str | None) -> View:
    """The view seen through another source lens (an unknown lens keeps the current one)."""
    return View(view.start, view.end, view.place, lens if lens in LENSES else view.lens)


def next_state(
    trigger: str | None,
    current: dict | None,
    axis: pd.PeriodIndex,
    place_ids: set[str],
    *,
    search: str | None = None,
    month_span: list[int] | None = None,
    map_click: dict | None = None,
    lens: str | None = None,
    picked_place: str | None = None,
) -> StateUpdate:
    """The new state after one input changed.

    trigger is the id of the input that changed: the URL (or None on first load: the URL is parsed), the slider,
    the map, the reset button, the source lens, the place picker (choosing a place there is clicking it on the
    map; clearing it is the reset button) or the story's previous / next / leave buttons. The URL always follows the
    resulting view (story=…&step=… while the view is a story step).
    """
    notices: list[str] | None = None
    own_inputs = (
        Controls.DATE_RANGE,
        Charts.MAP,
        Controls.RESET,
        Controls.LENS,
        Controls.PLACE_PICKER,
        Story.PREV,
        Story.NEXT,
        Story.LEAVE,
    )
    story = None
    if trigger is None or current is None or trigger not in own_inputs:
        view, notices = parse_search(search, axis, place_ids)
        story = parse_story(search)
    elif trigger == Controls.LENS:  # a lens change stays in the story: its figures are filled under the new lens
        view, story = with_lens(from_store(current), lens), story_of(current)
    elif trigger in (Story.PREV, Story.NEXT):  # the step's view, seen through the reader's lens
        view, story = from_store(current), story_of(current)
        if story:
            count = len(default_stories()[story[0]])
            story = (story[0], min(max(story[1] + (1 if trigger == Story.NEXT else -1), 1), count))
            view = story_step(story).view(view.lens)
    elif trigger == Story.LEAVE:  # leaving the story keeps the step's view
        view = from_store(current)
    else:  # the slider, a map click, the reset button or the place picker: the reader explores on, out of the story
        view = from_store(current)
        if trigger == Controls.DATE_RANGE and isinstance(month_span, list) and len(month_span) == 2:
            view = with_months(view, axis, month_span)
        elif trigger == Charts.MAP:
            view = with_place(view, clicked_place(map_click, place_ids) or view.place)
        elif trigger == Controls.RESET:
            view = with_place(view, None)
        elif trigger == Controls.PLACE_PICKER:
            view = with_place(view, picked_place if picked_place in place_ids else None)
    span = [int((view.start - axis[0]).n), int((view.end - axis[0]).n)]
    if trigger == Controls.DATE_RANGE:
        span = None
    return StateUpdate(span, format_search(view, story), to_store(view, story), view.lens, notices, story, view.place)


def selected_from_click(trigger: str | None, click: dict | None) -> tuple[str, str] | None:
    """(kind, id) of what a click on the map or a chart points at: ('event'|'movement'|'place', id)."""
    if trigger == Charts.MAP:
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
    if trigger == Charts.CASUALTIES:
        return "event", item_id
    if trigger == Charts.RELOCATIONS:
        return "movement", item_id
    return None


def selected_from_input(trigger: str | None, value) -> tuple[str, str] | None:
    """(kind, id) chosen by a click (map or chart clickData) or a picker (its value: a place or an event id)."""
    if trigger == Controls.PLACE_PICKER:
        return ("place", value) if isinstance(value, str) else None
    if trigger == Controls.ATTACK_PICKER:
        return ("event", value) if isinstance(value, str) else None
    return selected_from_click(trigger, value)


def selected_event(selected: dict | None) -> str | None:
    """The event id of the detail panel's selection ({"kind", "id"} store), or None if it is not an attack."""
    if isinstance(selected, dict) and selected.get("kind") == "event" and isinstance(selected.get("id"), str):
        return selected["id"]
    return None
