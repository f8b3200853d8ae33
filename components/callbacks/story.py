"""The guided story's panel for the view."""

from __future__ import annotations

from dash import Input, Output, callback

from components.callbacks.common import view_of
from components.ids import Page, Story
from components.story import panel_content
from data.load import default_bundle
from data.story import default_stories

STORY_OUTPUTS = (
    Output(Story.PANEL, "hidden"),
    Output(Story.STEP, "children"),
    Output(Story.TITLE, "children"),
    Output(Story.TEXT, "children"),
    Output(Story.PREV, "disabled"),
    Output(Story.NEXT, "disabled"),
)


# The first view's panel comes with the page (components/first_paint.py): no initial call.
@callback(*STORY_OUTPUTS, Input(Page.VIEW, "data"), prevent_initial_call=True)
def update_story(view_data):
    """The story panel for the stored view: shown while the view is a story step, its figures under the lens."""
    view = view_of(view_data)
    steps = default_stories()[view.story] if view.story else None
    return panel_content(default_bundle(), steps, view.step, view.lens, view.lang)
