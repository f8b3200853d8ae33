"""The guided story's panel: step title, text (figures filled from the data, data.story), previous / next / leave.

ArrowLeft and ArrowRight move through the steps while the panel has focus (components/assets/story.js).
"""

from __future__ import annotations

from dash import dcc, html

from components.ids import Story
from data import languages
from data.calendars import localise_digits
from data.load import Bundle
from data.story import Step, render
from data.translation import t

STORY = "camps"


def start_link(href: str, lang: str = languages.DEFAULT) -> dcc.Link:
    """The header's way into the story (its first step)."""
    text = t(
        lang,
        "Guided story: the camps, {first}–{last} →",
        first=localise_digits(lang, "1986"),
        last=localise_digits(lang, "2016"),
    )
    return dcc.Link(text, href=href, id=Story.START, className="story-start")


def story_panel(lang: str = languages.DEFAULT) -> html.Section:
    """The panel, hidden until the view is a story step."""
    return html.Section(
        id=Story.PANEL,
        className="panel story",
        hidden=True,
        tabIndex=0,
        role="region",
        **{"aria-label": t(lang, "Guided story"), "aria-roledescription": t(lang, "story"), "aria-live": "polite"},
        children=[
            html.Div(
                className="story-head",
                children=[
                    html.Span(id=Story.STEP, className="story-step"),
                    html.H2(id=Story.TITLE, className="story-title"),
                ],
            ),
            html.P(id=Story.TEXT, className="story-text"),
            html.Div(
                className="story-nav",
                children=[
                    html.Button(t(lang, "← Previous"), id=Story.PREV, n_clicks=0, className="story-button"),
                    html.Button(t(lang, "Next →"), id=Story.NEXT, n_clicks=0, className="story-button"),
                    html.Button(
                        t(lang, "Leave the story (keep this view)"), id=Story.LEAVE, n_clicks=0, className="story-leave"
                    ),
                    html.Span(t(lang, "Focus the panel and use ← → to move."), className="hint keys-hint"),
                ],
            ),
        ],
    )


def panel_content(
    bundle: Bundle, steps: tuple[Step, ...] | None, number: int | None, lens: str, lang: str = languages.DEFAULT
) -> tuple:
    """(hidden, step label, title, text, previous disabled, next disabled) for the panel, in the language (the
    text's figures filled from the data)."""
    if not steps or number is None:
        return True, "", "", "", True, True
    step = steps[number - 1]
    return (
        False,
        localise_digits(lang, f"{number} / {len(steps)}"),
        t(lang, step.title),
        render(bundle, step.text, step.lens or lens, lang),
        number <= 1,
        number >= len(steps),
    )
