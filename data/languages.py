"""The languages a view can be read in: English, Persian, Arabic and Albanian (`?lang=en|fa|ar|sq`).

A language is offered (in the picker, and honoured in URLs and exports) once its catalogue of the page's strings is
complete; until then `lang=` asks for it with a notice and the page stays in English. Persian and Arabic are read
right to left.
"""

from __future__ import annotations


def N_(message: str) -> str:  # data.translation.N_, which cannot be imported here: data.translation imports this
    return message


LANGUAGES = ("en", "fa", "ar", "sq")
DEFAULT = "en"
ENDONYMS = {"en": "English", "fa": "فارسی", "ar": "العربية", "sq": "Shqip"}  # each language's own name for itself
NAMES = {"en": "English", "fa": "Persian", "ar": "Arabic", "sq": "Albanian"}
RIGHT_TO_LEFT = frozenset({"fa", "ar"})
AVAILABLE: tuple[str, ...] = LANGUAGES  # languages whose catalogues are complete


def direction(lang: str) -> str:
    """The text direction of a language: 'rtl' or 'ltr' (the `dir` of <html>)."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def read(raw: str) -> tuple[str, tuple[str, dict[str, str]] | None]:
    """The language a `lang=` value asks for, and why it was not taken (None when it was; else a catalogue text and
    its values, data.view_params.Message): a language that is not offered yet, or not one of ours, reads as English."""
    lang = raw.strip().lower() or DEFAULT
    if lang in AVAILABLE:
        return lang, None
    offered = ", ".join(f"{code} ({ENDONYMS[code]})" for code in AVAILABLE)
    if lang in LANGUAGES:
        return DEFAULT, (
            N_("{language} ({endonym}) is not available yet; available: {offered}"),
            {"language": NAMES[lang], "endonym": ENDONYMS[lang], "offered": offered},
        )
    return DEFAULT, (N_("expected one of {offered}"), {"offered": offered})
