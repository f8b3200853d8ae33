"""Reading a view's parameters (from, to, place, lens, grade, story, step, lang) from a URL's query or the command
line's options: what each asks for, and a Problem for each one that is malformed, unknown or out of range.

data.view builds the View from a Reading. A problem is an error for exports, embeds and the command line (English,
naming the parameter: "from='2013-13': expected a month as YYYY-MM, e.g. 2013-09.") and a notice on the page, in the
page's language ("Ignored from='2013-13': …", the parameter as written).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from data import languages
from data.calendars import number
from data.dates import parse_month
from data.grades import GRADES
from data.translation import N_, t

PARAMS = ("from", "to", "place", "lens", "grade", "story", "step", "lang")
LENSES = ("all", "independent", "group", "seeds", "iran_state")

# How a message names a parameter: `from=` in a URL, `--from ` on the command line.
Spell = Callable[[str], str]


def url_spelling(name: str) -> str:
    return f"{name}="


def option_spelling(name: str) -> str:
    return f"--{name} "


Message = tuple[str, Mapping[str, object]]  # a catalogue text and its values: (N_("expected one of {lenses}"), {…})

_NOTICES = {  # the page's notice for a problem: (ignored, with a fallback)
    (True, True): N_("Ignored {subject}: {reason}; {fallback}."),
    (True, False): N_("Ignored {subject}: {reason}."),
    (False, True): N_("{subject} {reason}; {fallback}."),
    (False, False): N_("{subject} {reason}."),
}


@dataclass(frozen=True)
class Problem:
    """One parameter the reading ignored or adjusted: `error` says it in English (exports, the command line);
    `notice(lang)` says it on the page."""

    error: str
    template: str
    values: Mapping[str, object] = field(default_factory=dict)

    def notice(self, lang: str = languages.DEFAULT) -> str:
        """The page's notice in the language (the parameter's name and value as written)."""
        return t(lang, self.template, **{k: _in(lang, v) for k, v in self.values.items()})

    @classmethod
    def of(cls, subject: str, reason: Message, fallback: Message | None = None, ignored: bool = True) -> Problem:
        """A parameter (subject: as written, "from='2013-13'") ignored, or adjusted (ignored=False), for a reason,
        and what the page does instead (fallback)."""
        text = reason[0].format(**reason[1])
        values = {"subject": subject, "reason": reason} | ({"fallback": fallback} if fallback else {})
        return cls(f"{subject}{': ' if ignored else ' '}{text}.", _NOTICES[ignored, fallback is not None], values)


def _in(lang: str, value: object) -> object:
    """A notice's value in the language: a Message translated (its own values too), a count in the language's digits."""
    if isinstance(value, tuple):
        return t(lang, value[0], **{k: _in(lang, v) for k, v in value[1].items()})
    return number(lang, value) if isinstance(value, int) else value


@dataclass(frozen=True)
class Reading:
    """What the parameters ask for (each checked; a bad one replaced by what the page shows instead)."""

    start: pd.Period
    end: pd.Period
    place: str | None
    lens: str
    grades: tuple[str, ...]
    lang: str
    story: tuple[str, int] | None
    problems: tuple[Problem, ...]
    others: dict[str, str]


def read(
    pairs: list[tuple[str, str]],
    first: pd.Period,
    last: pd.Period,
    places: frozenset[str],
    stories: Mapping[str, int],
    *,
    others: tuple[str, ...] = (),
    spell: Spell = url_spelling,
    hints: Mapping[str, str] | None = None,
) -> Reading:
    """Read the parameters (name, value) against the data's months, places and stories (id -> step count).
    `others`: further parameter names the caller reads (their values are returned); `hints`: why a parameter is
    unknown here, said after its name in the error. Every problem is both an error (exports, the command line) and
    a notice (the page): the caller says which it uses."""
    problems: list[Problem] = []
    known = PARAMS + others
    params: dict[str, str] = {}
    for name, value in pairs:
        if name not in known:
            listed = ", ".join(known)
            error = f"unknown parameter {name!r}{(hints or {}).get(name, '')}; known: {listed}."
            problems.append(
                Problem(
                    error,
                    N_("Ignored unknown parameter {name} (known: {known})."),
                    {"name": repr(name), "known": listed},
                )
            )
        elif name in params:
            problems.append(
                Problem(
                    f"parameter {name!r} is given more than once.",
                    N_("Ignored a repeated {name} parameter; using the first."),
                    {"name": repr(name)},
                )
            )
        else:
            params[name] = value.strip()

    def month(name: str) -> pd.Period | None:
        if name not in params:
            return None
        value, found = params[name], parse_month(params[name])
        if found is None:
            problems.append(
                Problem.of(
                    f"{spell(name)}{value!r}",
                    (N_("expected a month as YYYY-MM, e.g. {example}"), {"example": "2013-09"}),
                )
            )
            return None
        if not first <= found <= last:
            clamped = min(max(found, first), last)
            problems.append(
                Problem.of(
                    f"{spell(name)}{value}",
                    (N_("is outside the data ({first} to {last})"), {"first": str(first), "last": str(last)}),
                    (N_("using {month}"), {"month": str(clamped)}),
                    ignored=False,
                )
            )
            return clamped
        return found

    start, end = month("from"), month("to")
    start, end = start or first, end or last
    if start > end:
        problems.append(
            Problem.of(
                f"{spell('from')}{start}",
                (N_("is after {end}"), {"end": f"{spell('to')}{end}"}),
                (N_("showing the whole period instead"), {}),
                ignored=False,
            )
        )
        start, end = first, last
    place = params.get("place", "").lower() or None
    if place and place not in places:
        listed = ", ".join(sorted(places))
        problems.append(
            Problem.of(
                f"{spell('place')}{params['place']!r}", (N_("not a known place id ({places})"), {"places": listed})
            )
        )
        place = None
    lens = params.get("lens", "all").lower() or "all"
    if lens not in LENSES:
        problems.append(
            Problem.of(
                f"{spell('lens')}{params['lens']!r}", (N_("expected one of {lenses}"), {"lenses": ", ".join(LENSES)})
            )
        )
        lens = "all"
    grades = _grades(params, problems, spell)
    lang = _lang(params, problems, spell)
    story = _story(params, stories, problems, spell)
    return Reading(
        start, end, place, lens, grades, lang, story, tuple(problems), {n: params[n] for n in others if n in params}
    )


def _grades(params: dict[str, str], problems: list[Problem], spell: Spell) -> tuple[str, ...]:
    """The grades of grade=<g>[,<g>…]; an unknown one is a problem (the known ones still apply)."""
    if not params.get("grade"):
        return ()
    given = [g.strip().lower() for g in params["grade"].split(",")]
    unknown = [g for g in given if g not in GRADES]
    if unknown:
        problems.append(
            Problem.of(
                f"{spell('grade')}{','.join(unknown)!r}",
                (N_("expected grades among {grades}"), {"grades": ", ".join(GRADES)}),
            )
        )
    return only_grades(set(given))


def only_grades(chosen: set[str]) -> tuple[str, ...]:
    """The known grades among `chosen`, in GRADES order; every grade, or none, is no filter: ()."""
    found = tuple(g for g in GRADES if g in chosen)
    return () if len(found) == len(GRADES) else found


def _lang(params: dict[str, str], problems: list[Problem], spell: Spell) -> str:
    """The language of lang=<code> (data.languages.read: English, with a problem, for one not offered)."""
    lang, reason = languages.read(params.get("lang", ""))
    if reason:
        problems.append(Problem.of(f"{spell('lang')}{params['lang']!r}", reason, (N_("the page is in English"), {})))
    return lang


def _story(
    params: dict[str, str], stories: Mapping[str, int], problems: list[Problem], spell: Spell
) -> tuple[str, int] | None:
    """(story, step) of story=<id>&step=<n> (step 1 when missing), or None with a problem when unknown."""
    if "story" not in params:
        if "step" in params:
            example = f"{spell('story')}camps&{spell('step')}3"
            problems.append(
                Problem.of(spell("step").rstrip("= "), (N_("it needs a story (e.g. {example})"), {"example": example}))
            )
        return None
    story = params["story"].lower()
    if story not in stories:
        listed = ", ".join(sorted(stories))
        problems.append(
            Problem.of(f"{spell('story')}{params['story']!r}", (N_("known stories are {stories}"), {"stories": listed}))
        )
        return None
    raw, count = params.get("step", "1"), stories[story]
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= count):
        problems.append(
            Problem.of(
                f"{spell('step')}{raw!r}",
                (N_("the story {story} has steps 1 to {count}"), {"story": repr(story), "count": count}),
                (N_("showing step 1"), {}),
            )
        )
        return story, 1
    return story, int(raw)
