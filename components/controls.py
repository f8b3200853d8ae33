"""The control bar: month range slider with its date label, place filter label, reset button, source lens and the
place and attack pickers."""

from __future__ import annotations

import json

from dash import dcc, html

from components.ids import Controls
from components.key_events import key_event_marks
from components.pickers import pickers
from components.playback import playback_controls
from data import calendars, languages, timeline
from data.grades import GRADE_LABELS, GRADE_RULES, GRADES, tolerance_text
from data.load import Bundle
from data.select import LENSES
from data.story import default_key_events
from data.translation import N_, t

LENS_OPTIONS = {
    "all": N_("All claimants"),
    "independent": N_("Independent"),
    "group": N_("The group"),
    "seeds": N_("Seed documents"),
    "iran_state": N_("Iranian state"),
}
LENS_HELP = N_(
    "Lenses sort figures by who makes them (the claimant), not by where they were published. Independent: UN "
    "bodies, governments (incl. Iraq's), NGOs, news media and academics, neither of the two parties. The group: "
    "the PMOI/MEK, the NCRI, their outlets and supporters' campaigns, wherever quoted. Seed documents: only the "
    "five seed texts (the group's supporters). Iranian state: Iranian state media and organisations reported "
    "to be aligned with it. All: everyone, with ranges where figures differ."
)


THUMB_NAMES = (N_("Start of the range"), N_("End of the range"))  # the date range's handles


def control_bar(bundle: Bundle, lang: str = languages.DEFAULT) -> html.Section:
    """Range slider over every month of the data, labelled by year; the selected months shown as text."""
    axis = timeline.months(bundle)
    return html.Section(
        className="controls",
        **{"aria-label": t(lang, "Filters")},
        children=[
            html.Div(
                className="controls-row",
                children=[
                    html.Label(t(lang, "Date range"), htmlFor=Controls.DATE_RANGE, className="control-title"),
                    html.Output(id=Controls.RANGE_LABEL, className="range-label", **{"aria-live": "polite"}),
                    playback_controls(lang),
                    html.Span(className="spacer"),
                    html.Span(id=Controls.FILTER_LABEL, className="filter-label", **{"aria-live": "polite"}),
                    html.Button(t(lang, "Reset place filter"), id=Controls.RESET, className="reset-button", n_clicks=0),
                ],
            ),
            # What each position writes as a range's first or last month (data.calendars.month_ends), for the
            # handles' aria-valuetext and the label while dragging, and the handles' names in the language (the
            # slider names them "Minimum" and "Maximum", in English): assets/access.js.
            html.Div(
                **{
                    "data-months": json.dumps([calendars.month_ends(lang, m) for m in axis], ensure_ascii=False),
                    "data-thumbs": json.dumps([t(lang, THUMB_NAMES[0]), t(lang, THUMB_NAMES[1])], ensure_ascii=False),
                },
                children=dcc.RangeSlider(
                    id=Controls.DATE_RANGE,
                    min=0,
                    max=len(axis) - 1,
                    step=1,
                    value=[0, len(axis) - 1],
                    marks={i: calendars.localise_digits(lang, year) for i, year in timeline.year_marks(axis).items()},
                    allow_direct_input=False,
                    pushable=0,
                    updatemode="mouseup",
                    tooltip=None,
                ),
            ),
            key_event_marks(axis, default_key_events(), lang),
            html.P(
                t(
                    lang,
                    "Drag the handles or focus one and use the arrow keys (one month per step). Click a camp or "
                    "country on the map, or choose it under Place, to filter the charts to it.",
                ),
                className="hint",
            ),
            html.Div(
                className="controls-row lens-row",
                children=[
                    html.Span(t(lang, "Whose figures"), className="control-title", id="source-lens-label"),
                    dcc.RadioItems(
                        id=Controls.LENS,
                        options=[{"label": t(lang, LENS_OPTIONS[k]), "value": k} for k in LENSES],
                        value="all",
                        inline=True,
                        className="lens",
                        inputClassName="lens-input",
                        labelClassName="lens-option",
                    ),
                    html.Span(t(lang, LENS_HELP), className="hint lens-help"),
                ],
            ),
            grade_filter(lang),
            pickers(bundle, lang),
        ],
    )


def grade_filter(lang: str = languages.DEFAULT) -> html.Div:
    """The grades the view shows (none chosen: every grade), each with its one-line rule in its help."""
    return html.Div(
        className="controls-row grade-row",
        children=[
            html.Label(t(lang, "How well supported"), htmlFor=Controls.GRADE, className="control-title"),
            dcc.Dropdown(
                id=Controls.GRADE,
                options=[{"label": t(lang, GRADE_LABELS[g]), "value": g} for g in GRADES],
                value=[],
                multi=True,
                searchable=False,
                placeholder=t(lang, "Every grade"),
                className="grade-picker",
            ),
            html.Details(
                className="hint grade-help",
                children=[
                    html.Summary(t(lang, "What the grades mean")),
                    html.Ul(
                        [
                            html.Li([html.Strong(t(lang, "{label}: ", label=t(lang, GRADE_LABELS[g]))), _rule(g, lang)])
                            for g in GRADES
                        ]
                    ),
                    html.P(
                        tolerance_text(lang)
                        + " "
                        + t(
                            lang,
                            "An attack is graded by its death toll (its wounded when no source gives one), a "
                            "movement or a stated population by its number of people.",
                        )
                    ),
                ],
            ),
        ],
    )


def _rule(grade: str, lang: str) -> str:
    """A grade's one-line rule as a sentence."""
    return t(lang, "{rule}.", rule=t(lang, GRADE_RULES[grade]))
