"""The view: what a reader selected — a month range, a place, a source lens, the story step it shows, if any, and
the language it is read in.

This is the one place that knows the view's parameters (`from`, `to`, `place`, `lens`, `grade`, `story`, `step`,
`lang`) and the month rule. It parses them (data.view_params reads each: leniently for the page, with a notice in the
page's language per parameter it ignored or adjusted; strictly for exports and the command line, naming the bad
parameter or option), and writes what every other part uses: the query string (address bar, links, citations,
embeds, report, CLI), the store of the page, the cache key, the file stem and the range label. A new field (a grade filter, a language) is added here and in the code that filters by it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from data import calendars, languages
from data.dates import parse_month
from data.grades import GRADES
from data.translation import N_
from data.view_params import LENSES as LENSES  # the names other modules read from here
from data.view_params import PARAMS, Problem, only_grades, read
from data.view_params import Spell as Spell
from data.view_params import option_spelling as option_spelling
from data.view_params import url_spelling as url_spelling

LENS_LABELS = {  # as captions and chart subtitles name the lens
    "all": N_("All claimants"),
    "independent": N_("Independent claimants (neither party)"),
    "group": N_("The group's claims (seed documents included)"),
    "seeds": N_("The seed documents only"),
    "iran_state": N_("The Iranian state's claims"),
}


def grades_of(values: Any) -> tuple[str, ...]:
    """The grades a control's value names, in GRADES order (unknown ones dropped; none or all = no filter)."""
    chosen = {v for v in values if isinstance(v, str)} if isinstance(values, list | tuple) else set()
    return only_grades(chosen)


def lens_of(value: Any) -> str:
    """The lens a control's value names ('all' for anything else)."""
    return value if value in LENSES else "all"


class ParamError(ValueError):
    """A query parameter or command-line option is malformed or unknown; the message names it."""


class StepView(Protocol):
    """A story step (data.story.Step): the view it sets, seen through the reader's lens unless it sets its own."""

    def view(self, lens: str) -> View: ...


@dataclass(frozen=True)
class Choices:
    """What a view may choose from: the data's months, the place ids and the stories' steps."""

    first: pd.Period
    last: pd.Period
    places: frozenset[str]
    stories: Mapping[str, Sequence[StepView]]

    @property
    def last_step(self) -> int:
        """The slider's last position (its positions are the data's months, from 0)."""
        return (self.last - self.first).n


@dataclass(frozen=True)
class View:
    """What the user selected: an inclusive month range, an optional place, a source lens, the story step (story
    id, step from 1) the view is, if any, the grades it shows (data.grades; () = every grade) and the language it
    is read in (data.languages)."""

    start: pd.Period
    end: pd.Period
    place: str | None = None
    lens: str = "all"
    story: str | None = None
    step: int | None = None
    grades: tuple[str, ...] = ()
    lang: str = languages.DEFAULT

    # ---- what the view means --------------------------------------------------------------------------------------
    @property
    def first_day(self) -> pd.Timestamp:
        return self.start.start_time.normalize()

    @property
    def last_day(self) -> pd.Timestamp:
        return self.end.end_time.normalize()

    @property
    def range_label(self) -> str:
        """'Sep 2013' or 'Jul 2009 – Sep 2016', in the view's language and calendar (data.calendars)."""
        return calendars.range_label(self.lang, self.start, self.end)

    @property
    def cache_key(self) -> str:
        """`<from>:<to>:<place>:<lens>[:<grades>][@<lang>]`: what the figures of the view depend on (the story step
        does not)."""
        key = f"{self.start}:{self.end}:{self.place or '-'}:{self.lens}"
        key = f"{key}:{'+'.join(self.grades)}" if self.grades else key
        return key if self.lang == languages.DEFAULT else f"{key}@{self.lang}"

    def file_stem(self, what: str, captioned: bool = True) -> str:
        """camps-atlas-<what>-<from>_<to>[-place][-lens], e.g. camps-atlas-map-2013-01_2013-12-ashraf: the name of
        every export of the view. A chart alone (no caption: the chart toolbar's and the embed's own download) ends
        in -chart, so one download never overwrites the other."""
        stem = f"camps-atlas-{what}-{self.start}_{self.end}"
        if self.place:
            stem += f"-{self.place}"
        if self.lens != "all":
            stem += f"-{self.lens}"
        if self.grades:
            stem += "-" + "+".join(self.grades)
        if self.lang != languages.DEFAULT:
            stem += f"-{self.lang}"
        return stem if captioned else f"{stem}-chart"

    # ---- writing -------------------------------------------------------------------------------------------------
    def query(self) -> str:
        """The query string: from and to always, place, lens and grade when set; for a story step, story and step
        (the step sets range and place), the lens and the grade when set."""
        if self.story:
            params = {"story": self.story, "step": str(self.step)}
        else:
            params = {"from": str(self.start), "to": str(self.end)}
            if self.place:
                params["place"] = self.place
        if self.lens != "all":
            params["lens"] = self.lens
        if self.grades:
            params["grade"] = ",".join(self.grades)
        if self.lang != languages.DEFAULT:
            params["lang"] = self.lang
        return "?" + urlencode(params, safe=",")

    def to_store(self) -> dict:
        """The JSON-able form of the view for a dcc.Store (from_store reads it back)."""
        out = {"from": str(self.start), "to": str(self.end), "place": self.place, "lens": self.lens}
        if self.grades:
            out["grade"] = list(self.grades)
        if self.lang != languages.DEFAULT:
            out["lang"] = self.lang
        if self.story:
            out.update(story=self.story, step=self.step)
        return out

    # ---- changing ------------------------------------------------------------------------------------------------
    def with_span(self, span: Sequence[int], choices: Choices) -> View:
        """The view with the slider's month indices applied (clamped, ordered); out of any story."""
        low, high = sorted(int(min(max(int(i), 0), choices.last_step)) for i in span)
        start, end = choices.first + low, choices.first + high
        return View(start, end, self.place, self.lens, grades=self.grades, lang=self.lang)

    def with_place(self, place: str | None) -> View:
        """The view filtered to a place (None clears the filter); out of any story."""
        return View(self.start, self.end, place, self.lens, grades=self.grades, lang=self.lang)

    def with_grades(self, grades: Any) -> View:
        """The view showing only items of these grades (none or all: every grade); a story step stays."""
        return replace(self, grades=grades_of(grades))

    def with_lens(self, lens: Any) -> View:
        """The view seen through another lens (an unknown lens keeps the current one); a story step stays."""
        return replace(self, lens=lens if lens in LENSES else self.lens)

    def out_of_story(self) -> View:
        """The same view, no longer a story step."""
        return replace(self, story=None, step=None)

    def at_step(self, story: str, step: int, choices: Choices) -> View:
        """The view a story step sets (clamped to the story's steps), seen through this view's lens unless the
        step sets its own."""
        steps = choices.stories[story]
        return replace(steps[min(max(step, 1), len(steps)) - 1].view(self.lens), grades=self.grades, lang=self.lang)

    # ---- reading -------------------------------------------------------------------------------------------------
    @classmethod
    def parse(cls, search: str | None, choices: Choices) -> tuple[View, list[str]]:
        """The view a query string asks for (leniently: the page), and a notice for every parameter it ignored or
        adjusted. A story step (story=…&step=…) sets range, place and, if the step names one, the lens."""
        view, problems, _ = _read(parse_qsl((search or "").lstrip("?"), keep_blank_values=True), choices)
        return view, [p.notice(view.lang) for p in problems]

    @classmethod
    def parse_strict(
        cls, query: str, choices: Choices, others: Iterable[str] = (), hints: Mapping[str, str] | None = None
    ) -> tuple[View, dict[str, str]]:
        """The view a query string asks for, strictly (exports, embeds, the report): any parameter the page would
        ignore or adjust raises ParamError naming it. `others` are further parameter names the caller reads; their
        values are returned. `hints`: why a parameter is unknown here, said after its name."""
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
        view, problems, rest = _read(pairs, choices, others=tuple(others), hints=hints or {})
        if problems:
            raise ParamError(" ".join(p.error for p in problems))
        return view, rest

    @classmethod
    def from_options(
        cls,
        choices: Choices,
        start: str | None = None,
        end: str | None = None,
        place: str | None = None,
        lens: str | None = None,
        grade: str | None = None,
    ) -> View:
        """The view command-line options ask for (--from, --to, --place, --lens, --grade; None = not given),
        strictly; ParamError names the option (--from …)."""
        given = zip(("from", "to", "place", "lens", "grade"), (start, end, place, lens, grade), strict=True)
        view, problems, _ = _read([(n, v) for n, v in given if v is not None], choices, spell=option_spelling)
        if problems:
            raise ParamError(" ".join(p.error for p in problems))
        return view

    @classmethod
    def from_store(cls, data: Any, choices: Choices) -> View:
        """The view a store holds (View.to_store), checked key by key; ParamError says what is wrong."""
        if not isinstance(data, dict):
            raise ParamError("the view must be an object")
        unknown = set(data) - set(PARAMS)
        if unknown:
            raise ParamError(f"the view has unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        start, end = parse_month(data.get("from")), parse_month(data.get("to"))
        if start is None or end is None or [data["from"], data["to"]] != [str(start), str(end)]:
            raise ParamError("the view's from/to must be months as YYYY-MM (ASCII digits: the app writes them)")
        if start > end:
            raise ParamError("the view's from is after its to")
        if not choices.first <= start <= end <= choices.last:
            raise ParamError(f"the view's months must be within the data ({choices.first} to {choices.last})")
        place = data.get("place")
        if place is not None and not (isinstance(place, str) and place in choices.places):
            raise ParamError("the view's place is not a known place")
        lens = data.get("lens", "all")
        if not (isinstance(lens, str) and lens in LENSES):
            raise ParamError("the view's lens is not a known lens")
        grade = data.get("grade", [])
        if not (isinstance(grade, list) and all(isinstance(g, str) and g in GRADES for g in grade)):
            raise ParamError("the view's grade must be a list of known grades")
        grades = grades_of(grade)
        lang = data.get("lang", languages.DEFAULT)
        if not (isinstance(lang, str) and lang in languages.AVAILABLE):
            raise ParamError(f"the view's lang must be one of {', '.join(languages.AVAILABLE)}")
        story, step = data.get("story"), data.get("step")
        if story is None and step is None:
            return cls(start, end, place, lens, grades=grades, lang=lang)
        if not (isinstance(story, str) and story in choices.stories):
            raise ParamError("the view's story is not a known story")
        if not (type(step) is int and 1 <= step <= len(choices.stories[story])):
            raise ParamError("the view's step is not a step of its story")
        return cls(start, end, place, lens, story, step, grades, lang)


def _read(
    pairs: list[tuple[str, str]], choices: Choices, **options: Any
) -> tuple[View, tuple[Problem, ...], dict[str, str]]:
    """The view the parameters ask for (data.view_params.read), its problems and the values of the callers' other
    parameters."""
    stories = {story: len(steps) for story, steps in choices.stories.items()}
    got = read(pairs, choices.first, choices.last, choices.places, stories, **options)
    view = View(got.start, got.end, got.place, got.lens, grades=got.grades, lang=got.lang)
    return (view.at_step(*got.story, choices) if got.story else view), got.problems, got.others


def choices_of(bundle: Any, stories: Mapping[str, Sequence[StepView]]) -> Choices:
    """The choices of a data bundle and its stories."""
    return Choices(bundle.first_month, bundle.last_month, frozenset(bundle.places.index), stories)


@functools.cache
def default_choices() -> Choices:
    """The choices of the app's data and stories (loaded and validated once per process)."""
    from data.load import default_bundle
    from data.story import default_stories  # data.story builds Views: imported here, not at the top

    return choices_of(default_bundle(), default_stories())
