"""What every callback shares: the view in the page's store, and which input of the page a component id is."""

from __future__ import annotations

from components.ids import Charts, Controls, Page, Story
from data import languages
from data.view import View, default_choices
from present.view_state import Source

SOURCE_OF = {
    Page.URL: Source.URL,
    Controls.DATE_RANGE: Source.SLIDER,
    Charts.MAP: Source.MAP,
    Controls.RESET: Source.RESET,
    Controls.LENS: Source.LENS,
    Controls.GRADE: Source.GRADE,
    Controls.PLACE_PICKER: Source.PLACE_PICKER,
    Controls.ATTACK_PICKER: Source.ATTACK_PICKER,
    Controls.MOVEMENT_PICKER: Source.MOVEMENT_PICKER,
    Story.PREV: Source.STORY_PREV,
    Story.NEXT: Source.STORY_NEXT,
    Story.LEAVE: Source.STORY_LEAVE,
    Charts.CASUALTIES: Source.CASUALTIES,
    Charts.RELOCATIONS: Source.RELOCATIONS,
}


def source_of(component_id: object) -> Source | None:
    """The input a triggering component id stands for (None: none of the view's inputs, e.g. the first load)."""
    return SOURCE_OF.get(component_id) if isinstance(component_id, str) else None


def view_of(data: dict) -> View:
    """The view in the page's store (checked by serving.validation before any callback runs)."""
    return View.from_store(data, default_choices())


def lang_of(data: object) -> str:
    """The page's language, from the view in its store (English before the store is filled)."""
    return view_of(data).lang if isinstance(data, dict) else languages.DEFAULT
