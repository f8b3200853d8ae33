"""Translations (issue 13): the catalogues follow the code, every catalogue is complete, and the page uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from data import languages
from data.translation import TEMPLATE, catalogue_path, t, translations

REPO = Path(__file__).resolve().parent.parent.parent
OTHERS = [lang for lang in languages.LANGUAGES if lang != languages.DEFAULT]


def _ids(path: Path, locale: str | None = None) -> set[str]:
    with path.open("rb") as f:
        return {m.id for m in read_po(f, locale=locale) if m.id}


def test_the_template_holds_every_string_marked_in_the_code(tmp_path):
    """`make catalogues` extracts t(lang, "…"); a string marked (or changed) without running it is caught here."""
    fresh = tmp_path / "fresh.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "--no-default-keywords",
            "-k",
            "t:2",
            "-k",
            "N_",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=REPO,
        check=True,
    )
    assert _ids(fresh) == _ids(TEMPLATE), "run `make catalogues`"
    assert len(_ids(TEMPLATE)) >= 3


@pytest.mark.parametrize("lang", OTHERS)
def test_every_catalogue_is_complete_and_follows_the_template(lang):
    with catalogue_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    messages = [m for m in catalog if m.id]
    assert {m.id for m in messages} == _ids(TEMPLATE), "run `make catalogues`"
    untranslated = [m.id for m in messages if not m.string or m.fuzzy]
    assert not untranslated, f"{lang}: untranslated or fuzzy: {untranslated}"
    assert "our own translation" in catalog.last_translator  # says whose it is and how to correct it


def test_a_string_reads_in_the_readers_language():
    assert t("fa", "Skip to the data table") == "رفتن به جدول داده‌ها"
    assert t("ar", "Skip to the data table") == "الانتقال إلى جدول البيانات"
    assert t("sq", "Skip to the data table") == "Kalo te tabela e të dhënave"
    assert t("en", "Skip to the data table") == "Skip to the data table"
    assert t("fa", "Not in any catalogue {n}", n=3) == "Not in any catalogue 3"  # as written, then formatted


def test_a_catalogue_edited_since_it_was_compiled_is_read_as_edited(tmp_path, monkeypatch):
    from data import translation

    po = tmp_path / "fa" / "LC_MESSAGES" / "camps_atlas.po"
    po.parent.mkdir(parents=True)
    with catalogue_path("fa").open("rb") as f, (po.parent / "camps_atlas.mo").open("wb") as mo:
        write_mo(mo, read_po(f, locale="fa"))  # compiled before the edit
    os.utime(po.parent / "camps_atlas.mo", (1, 1))
    po.write_text(
        catalogue_path("fa").read_text(encoding="utf-8").replace("رفتن به جدول داده‌ها", "به جدول"), encoding="utf-8"
    )
    monkeypatch.setattr(translation, "LOCALES", tmp_path)
    translations.cache_clear()
    try:
        assert t("fa", "Skip to the data table") == "به جدول"
    finally:
        translations.cache_clear()


def test_the_page_in_persian_uses_the_catalogue(monkeypatch):
    monkeypatch.setattr(languages, "AVAILABLE", ("en", "fa"))
    from app import server

    client, query = server.test_client(), "?from=2013-09&to=2013-09&lang=fa"
    assert '<html lang="fa" dir="rtl">' in client.get(f"/{query}").get_data(as_text=True)
    layout = json.dumps(client.get(f"/_dash-layout{query}").get_json(), ensure_ascii=False)  # asked with the query
    assert "کمپ اشرف و کمپ لیبرتی در عراق" in layout and "رفتن به جدول داده‌ها" in layout
    assert "بازهٔ زمانی" in layout and "همهٔ مدعیان" in layout and "معنای درجه‌ها" in layout  # controls, lenses, grades
    assert "کشته‌شدگان حمله‌ها" in layout and "جمع کمترین رقم هر حمله – جمع بیشترین رقم هر حمله" in layout  # KPI cards
    for english in (
        "Skip to the data table",
        "Date range",
        "All claimants",
        "What the grades mean",
        "Killed in attacks",
    ):
        assert english not in layout


def test_the_export_menu_speaks_the_views_language():
    from components.share import export_links

    menu = json.dumps(export_links("?from=2013-09&to=2013-09&lang=fa", "/", "fa"), default=str, ensure_ascii=False)
    english = json.dumps(export_links("?from=2013-09&to=2013-09", "/"), default=str)
    assert "نقشه: " in menu and "نقشه در قالب PNG" in menu and "گزارش (PDF)" in menu
    assert "/export/report.pdf?from=2013-09&to=2013-09&lang=fa" in menu  # the files come in the view's language
    assert "Map: " in english and "Map as PNG" in english and "Report (PDF)" in english
