"""Translations (issue 13): the catalogues follow the code, every catalogue is complete, and the page uses them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from data import languages
from data.translation import LRM, RLM, TEMPLATE, catalogue_path, t, translations
from figures.style import PDF, RLE

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
            "t_:2",
            "-k",
            "N_",
            "-k",
            "tn:2,3",
            "-k",
            "Nn_:1,2",
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
    untranslated = [
        m.id for m in messages if not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert not untranslated, f"{lang}: untranslated or fuzzy: {untranslated}"
    assert "our own translation" in catalog.last_translator  # says whose it is and how to correct it
    # Babel's checks (what `make catalogues` compiles with): a translation keeps the original's placeholders.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, problems
    for m in messages:  # and names no {field} the text is not formatted with
        fields = {f for text in _strings(m.id) for f in re.findall(r"\{(\w*)\}", text)}
        for translated in _strings(m.string):
            assert set(re.findall(r"\{(\w*)\}", translated)) <= fields, (lang, m.id, translated)


def _strings(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's text(s): the forms of a text with a count."""
    return text if isinstance(text, tuple) else (text,)


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


def test_every_camp_of_the_data_has_a_name_in_the_catalogue():
    """Countries take CLDR's names; a camp's name is translated in the catalogues (data.place_names.CAMP_NAMES)."""
    from data.load import default_bundle
    from data.place_names import CAMP_NAMES

    places = default_bundle().places
    assert set(places.loc[places["kind"] == "camp", "name"]) <= set(CAMP_NAMES)


@pytest.mark.parametrize("lang", OTHERS)
def test_places_are_named_in_the_language(lang):
    from data.load import default_bundle
    from data.place_names import place_names

    names = place_names(default_bundle().places, lang)
    assert names["ashraf"] == t(lang, "Camp Ashraf") != "Camp Ashraf"
    assert names["alb"] == {"fa": "آلبانی", "ar": "ألبانيا", "sq": "Shqipëri"}[lang]


def test_the_persian_charts_speak_persian_and_count_time_in_solar_hijri():
    """Titles, panel titles, legends and axes of the Persian charts; their time axes in the Persian calendar and the
    attacks' dates in Solar Hijri (1 Sep 2013, the attack on Ashraf, is 10 Shahrivar 1392)."""
    import pandas as pd

    from data.load import default_bundle
    from data.view import View
    from present.history import render_context, render_population
    from present.map import render_map
    from present.panels import render_panels

    bundle = default_bundle()
    view = View(pd.Period("2013-01"), pd.Period("2013-12"), lang="fa")
    panels = render_panels(bundle, view)
    casualties, relocations = panels.casualties, panels.relocations
    title = casualties["layout"]["title"]["text"]
    assert _plain(title).startswith("تلفات هر حمله، به گزارش هر منبع<br><sup>۱۲ دی ۱۳۹۱ – ")
    assert title.startswith(RLE) and f"{PDF}<br>{RLE}" in title  # each line embedded right to left
    assert [_plain(a["text"]) for a in casualties["layout"]["annotations"]] == ["کشته", "زخمی", "ربوده‌شده یا ناپدید"]
    assert any(_plain(tick).startswith("۱۰ شهریور ۱۳۹۲<br>") for tick in casualties["layout"]["xaxis"]["ticktext"])
    assert {"کمترین رقم گزارش‌شده", "سازمان ملل"} <= {_plain(trace.get("name")) for trace in casualties["data"]}
    assert relocations["layout"]["xaxis"]["calendar"] == "persian"
    assert "به آلبانی" in {_plain(trace.get("name")) for trace in relocations["data"]}
    population, context = render_population(bundle, view), render_context(bundle, view)
    assert population["layout"]["xaxis"]["calendar"] == context["layout"]["xaxis"]["calendar"] == "persian"
    assert _plain(population["layout"]["yaxis"]["title"]["text"]) == "ساکنان"
    assert "توافق‌ها" in map(_plain, context["layout"]["yaxis"]["ticktext"])
    chart_map = render_map(bundle, view)
    assert _plain(chart_map["layout"]["title"]["text"]).startswith("کمپ‌ها، حمله‌ها و جابه‌جایی‌ها<br>")
    assert "کمپ‌ها" in {_plain(trace.get("name")) for trace in chart_map["data"]}
    english = render_panels(bundle, View(pd.Period("2013-01"), pd.Period("2013-12")))
    assert "calendar" not in english.relocations["layout"]["xaxis"]
    assert english.casualties["layout"]["title"]["text"].startswith("Casualties per attack")  # no marks in English


def test_the_persian_chart_toolbar_and_months():
    """plotly.js's toolbar in Persian (our catalogue) and CLDR's Gregorian month names, not plotly.js's own fa
    locale, which puts Solar Hijri month names on Gregorian months."""
    from components.charts import graph_config

    config = graph_config("/assets/topojson/", "camps-atlas-map", "fa")
    assert config["locale"] == "fa"
    fa = config["locales"]["fa"]
    assert fa["dictionary"]["Download plot as a PNG"] == "بارگیری نمودار به‌صورت PNG"
    assert fa["format"]["months"][8] == "سپتامبر" and fa["format"]["days"][0] == "یکشنبه"
    assert "locale" not in graph_config("/assets/topojson/", "camps-atlas-map")


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_the_browsers_plural_categories_pick_the_catalogues_form(lang):
    """The browser names a count's CLDR category (Intl.PluralRules; Babel's rule here) and takes the form
    plural_categories gives it: the form gettext's rule of the catalogue takes, for every count."""
    from babel import Locale

    from data.translation import plural_categories

    rule, index = Locale.parse(lang).plural_form, plural_categories(lang)
    gettext_index = translations(lang).plural if lang != languages.DEFAULT else (lambda n: int(n != 1))
    assert all(index[rule(n)] == gettext_index(n) for n in range(2000))


def test_a_count_takes_the_languages_plural_form():
    from data.translation import plural_forms, tn

    forms = ("{n} attack in view", "{n} attacks in view")
    assert tn("en", *forms, 1, n=1) == "1 attack in view" and tn("en", *forms, 3, n=3) == "3 attacks in view"
    assert tn("ar", *forms, 2, n="٢") == "هجومان في العرض"
    assert tn("ar", *forms, 5, n="٥") == "٥ هجمات في العرض"
    assert tn("ar", *forms, 14, n="١٤") == "١٤ هجومًا في العرض"
    assert len(plural_forms("ar", *forms)) == 6 and plural_forms("en", *forms) == list(forms)


def test_the_datas_labels_are_in_the_catalogue_and_shown_translated():
    """Items' labels, key events' labels and story titles are catalogue entries (data/extract_csv.py), so a label
    added or changed in the data is untranslated until translated; the pickers, the context strip and the key
    events show them in the language."""
    import pandas as pd

    from components.pickers import attack_options, movement_options
    from data.load import default_bundle
    from data.view import View
    from present.history import render_context

    bundle = default_bundle()
    ids = _ids(TEMPLATE)
    assert set(bundle.items["label"]) <= ids
    shown = bundle.items.loc[~bundle.items.index.str.startswith("C_"), "summary"]  # the detail panel's summaries
    assert set(shown) <= ids
    assert set(pd.read_csv(REPO / "data" / "key_events.csv")["label"]) <= ids
    assert set(pd.read_csv(REPO / "data" / "stories.csv")["title"]) <= ids
    attacks = dict(attack_options(bundle, "fa"))
    assert attacks["E2009_ASHRAF"] == "یورش به کمپ اشرف (ژوئیهٔ ۲۰۰۹)، ۶ مرداد ۱۳۸۸"  # 28 Jul 2009
    assert dict(movement_options(bundle, "ar"))["M01_first_convoy"].startswith("القافلة الأولى أشرف ← ليبرتي، ")
    context = render_context(bundle, View(bundle.first_month, bundle.last_month, lang="fa"))
    labels = {_plain(text) for trace in context["data"] for text in trace.get("text", []) if text}
    assert "آمریکا اشرف را به عراق می‌سپارد" in labels
    assert "US hands Ashraf to Iraq" not in labels
    hovers = " ".join(_plain(h) for trace in context["data"] for h in trace.get("hovertext", [])).replace("<br>", " ")
    assert "بر پایهٔ توافق وضعیت نیروهای آمریکا و عراق، کنترل کمپ اشرف به نیروهای عراقی رسید." in hovers  # context.csv


def _plain(text: str | None) -> str | None:
    """A text without its direction marks: embeddings (figures.style.rtl_text) and marks (data.translation.t)."""
    return re.sub(f"[{RLE}{PDF}{RLM}{LRM}]", "", text) if isinstance(text, str) else text


def test_a_persian_exports_caption_is_persian_and_set_right_to_left():
    """The caption inside an exported image speaks the view's language; in Persian each line is embedded right to
    left and set from the image's right edge; images are drawn with the page's own plotly.js (its Persian calendar
    month names), not plotly.py's copy."""
    import pandas as pd

    from data.load import default_bundle
    from data.view import View
    from exports import caption, images
    from exports.render_server import plotly_bundle

    bundle = default_bundle()
    view = View(pd.Period("2012-01"), pd.Period("2013-12"), lang="fa")
    lines = caption.caption_lines(bundle, view, "casualties", "title", 1000)
    assert lines[1].startswith("۱۱ دی ۱۳۹۰ – ۱۰ دی ۱۳۹۲ (ژانویه ۲۰۱۲ – دسامبر ۲۰۱۳) · مکان: همهٔ مکان‌ها · عدسی: ")
    assert any(line.startswith("مدعیان (") for line in lines) and lines[-1].startswith("همهٔ ردیف‌ها و منابع این نما: ")
    fig = images.captioned_figure(bundle, "casualties", view)
    note = fig.layout.annotations[-1]
    assert (note.xanchor, note.align, note.x) == ("right", "right", 1) and note.text.startswith("<b>" + RLE)
    english = images.captioned_figure(bundle, "casualties", View(pd.Period("2012-01"), pd.Period("2013-12")))
    assert english.layout.annotations[-1].xanchor == "left" and RLE not in english.layout.annotations[-1].text
    assert plotly_bundle().is_file() and "partial" in plotly_bundle().name


def test_the_persian_table_of_rows(monkeypatch):
    """The rows behind a Persian view: headers, dates by their precision (a day in Solar Hijri), places, claimant
    kinds and figures in Persian; the count line too."""
    import pandas as pd

    from components.callbacks.table import table_outputs
    from data.view import View

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    store = View(pd.Period("2013-09"), pd.Period("2013-09"), "ashraf", lang="fa").to_store()
    markup, count = table_outputs(store, "date", "asc", True)
    assert '<th scope="col" aria-sort="ascending">تاریخ ▲</th>' in markup
    assert "<td>۱۰ شهریور ۱۳۹۲</td>" in markup and "<td>کمپ اشرف</td>" in markup and "<td>روز</td>" in markup
    assert "<td>حمله به کمپ اشرف (سپتامبر ۲۰۱۳)</td>" in markup and "<td>سازمان ملل</td>" in markup
    assert '<td class="num">۵۲</td>' in markup  # 52 killed on 1 Sep 2013, as UNHCR and others state it
    assert count.startswith("۱") and "ردیف برای" in count
    assert "reached us only via" not in markup and ", per " not in markup  # marks and who says it
    whole = View(pd.Period("2009-07"), pd.Period("2016-12"), "ashraf", lang="fa")
    assert "<td>جمعیت اعلام‌شدهٔ کمپ اشرف</td>" in table_outputs(whole.to_store(), "date", "asc", True)[0]


@pytest.mark.parametrize("lang", OTHERS)
def test_no_table_row_shows_english_of_ours(lang, monkeypatch):
    """Every row of the whole period in each language, as a reader sees it (the cells' text): marks of superseded
    figures name the later source in the language, seed documents' lines read in it, no English of ours is left."""
    import html

    import pandas as pd

    from components.callbacks.table import table_outputs
    from data.view import View
    from tests.english import english_left

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    view = View(pd.Period("2009-07"), pd.Period("2016-12"), lang=lang)
    markup, count = table_outputs(view.to_store(), "date", "asc", True)
    cells = [html.unescape(re.sub(r"<[^>]+>", " ", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", markup)]
    assert len(cells) > 1000
    superseded = re.findall(r'class="badge superseded">([^<]*)<', markup)
    seeds = [c for c in cells if ".txt" in c]
    assert superseded and seeds and not english_left(" ".join(superseded + seeds), lang)
    assert not english_left(" ".join(cells) + " " + count, lang)


def test_the_persian_hovers():
    """What a reader reads on hovering a Persian chart: the item, its dates, figures and who gives them, in Persian
    (the publishers' names stay as they are)."""
    import pandas as pd

    from data.load import default_bundle
    from data.view import View
    from present.history import render_population
    from present.panels import render_panels

    bundle = default_bundle()
    view = View(pd.Period("2013-09"), pd.Period("2013-09"), lang="fa")
    hovers = [_plain(h) for trace in render_panels(bundle, view).casualties["data"] for h in trace.get("hovertext", [])]
    bar = next(h for h in hovers if h.startswith("<b>حمله به کمپ اشرف (سپتامبر ۲۰۱۳)</b> (۱۰ شهریور ۱۳۹۲"))
    assert "کشته: <b>۱۵–۵۳</b>" in bar and "مورد اختلاف: منابع هم‌نظر نیستند" in bar and "[سازمان ملل]: ۵۲" in bar
    assert "Killed" not in bar and "disputed" not in bar
    assert "منابع پلیس و امنیتی عراق، به نقل از Reuters [دولت]: ۱۵" in bar  # our claimant names are translated
    population = render_population(bundle, view)
    texts = " ".join(_plain(h) for trace in population["data"] for h in (trace.get("hovertext") or []))
    assert "بر پایهٔ انتقال‌های فهرست‌شده" in texts and "accounted for" not in texts
    killed = render_panels(bundle, view).killed.attribution  # "who reports what" under the card
    assert killed.startswith("کشته‌ها، برای هر حمله و منبع:\nحمله به کمپ اشرف (سپتامبر ۲۰۱۳) (۱۰ شهریور ۱۳۹۲): ۱۵–۵۳")
    from present.panels import summaries

    said = summaries(bundle, view)  # the charts' text alternatives, for screen readers
    assert said["map"].startswith("نقشه برای ۱۰ شهریور ۱۳۹۲ – ۸ مهر ۱۳۹۲ (سپتامبر ۲۰۱۳): ۱ حمله")
    assert said["casualties"].startswith("تلفات برای") and "Casualties" not in said["casualties"]


def test_the_persian_detail_panel():
    """The detail of the 1 Sep 2013 attack in Persian: its facts, ranges, each source's date and figures, its grade
    the sentence of figures, the item's summary, the rows' notes and the seed documents' statements."""
    from components.detail import detail_view
    from data.load import default_bundle
    from present.detail import item_detail

    detail = item_detail(default_bundle(), "event", "E2013_ASHRAF", "fa")
    assert detail.when.startswith("۱۰ شهریور ۱۳۹۲") and detail.spread_text.startswith("کشته: ۱۵–۵۳")
    assert {line.when for line in detail.sources} >= {"۱۰ شهریور ۱۳۹۲"}
    assert any(line.figures.startswith("کشته ۵۲") for line in detail.sources)
    assert "(درجه‌بندی بر پایهٔ: کشته؛ مدعیان مستقلی که به حساب می‌آیند: " in detail.grade_text
    assert detail.figures_text.startswith("کشته: ۱۵–۵۳ (کمترین: ")  # the sentence of figures
    facts = str(detail_view(detail, (), "fa")[1].children)
    summary = detail_view(detail, (), "fa")[2].children  # the item's summary (items.csv), from the catalogue
    assert summary.startswith("به ساکنانی که در کمپ اشرف مانده بودند در ۱۰ شهریور ۱۳۹۲ حمله شد")
    assert facts.startswith("حمله · تاریخ: ۱۰ شهریور ۱۳۹۲") and "(دقت: روز)" in facts
    assert "هفت زن در میان کشته‌ها؛ شش زن در میان ربوده‌شدگان." in {line.note for line in detail.sources}
    where, said = (_plain(text) for text in detail.seed_claims[0])
    assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt، سطرهای [۰-۹]+", where) and said.startswith("می‌گوید")


@pytest.mark.parametrize("lang", OTHERS)
def test_no_detail_panel_shows_english_of_ours(lang):
    """Every attack's, movement's and place's detail panel in each language: facts, sources' rows and their notes,
    grades, conflicts and the seed documents' statements hold no English of ours (tests/english.py)."""
    from components.detail import detail_view
    from data.load import default_bundle
    from present.detail import item_detail
    from tests.english import english_left

    bundle = default_bundle()
    items = [
        *(("event", i) for i in bundle.events["event_id"].unique()),
        *(("movement", i) for i in bundle.movements["movement_id"].unique()),
        *(("place", i) for i in bundle.places.index),
    ]
    left = {}
    for kind, item in items:
        shown = _shown(detail_view(item_detail(bundle, kind, item, lang), (), lang))
        assert shown.strip(), item
        if words := english_left(shown, lang):
            left[item] = words
    assert not left, left


def _shown(node: object) -> str:
    """The text a Dash component tree shows (children, and titles as tooltips)."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(_shown(c) for c in node)
    return " ".join(_shown(v) for v in (getattr(node, "children", None), getattr(node, "title", None)) if v is not None)


@pytest.mark.parametrize("lang", OTHERS)
def test_the_storys_translations_keep_every_figure_placeholder(lang):
    """A story step's text names its figures as {killed:E2009_ASHRAF}; a translation that dropped or changed one
    would drop a figure (or fail to fill it)."""
    from data.story import PLACEHOLDER

    with catalogue_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    texts = [m for m in catalog if m.id and isinstance(m.id, str) and PLACEHOLDER.search(m.id)]
    assert len(texts) >= 10
    for m in texts:
        assert sorted(PLACEHOLDER.findall(m.string)) == sorted(PLACEHOLDER.findall(m.id)), (lang, m.id[:60])


def test_the_persian_story():
    from components.story import panel_content
    from data.load import default_bundle
    from data.story import default_stories

    hidden, step, title, text, *_ = panel_content(default_bundle(), default_stories()["camps"], 7, "all", "fa")
    assert not hidden and step == "۷ / ۱۰" and title == "۱۰ شهریور ۱۳۹۲ (۱ سپتامبر ۲۰۱۳) در کمپ اشرف"
    assert text.startswith("ساکنانی که در کمپ اشرف مانده بودند در ۱۰ شهریور ۱۳۹۲ (۱ سپتامبر ۲۰۱۳)")
    assert "کشته‌های گزارش‌شده: ۱۵–۵۳ (کمترین: " in text  # the figures filled from the rows, in Persian


def test_the_distance_check_speaks_the_language():
    """The border check's stated distances: who states what, with the unit and digits of the language."""
    import present
    from data.load import default_bundle

    bundle = default_bundle()
    assert present.border_check(bundle, "all").claims[0] == "PMOI/MEK states 44 mi (≈71 km)"
    persian = present.border_check(bundle, "all", "fa").claims
    assert any("می‌گوید ۴۴ مایل (≈۷۱ کیلومتر)" in line for line in persian)
    assert not any(re.search(r"\bstates\b|[0-9]", line) for line in persian)  # no English verb, no Latin digits


def test_publishers_named_by_us_are_translated_and_a_bodys_own_name_is_kept():
    """sources.csv's publishers are catalogue entries: a name we wrote for an unnamed publisher is translated, a
    news agency's own name is kept as published."""
    from data.attribution import says
    from data.load import default_bundle

    assert set(default_bundle().sources["publisher"]) <= _ids(TEMPLATE)
    seed_004 = "Human-rights campaign supporting the residents"
    assert says(f"{seed_004} (seed 004)", seed_004, "fa") == "کارزار حقوق بشری هوادار ساکنان"
    said = says("Iraqi police and security sources", "Reuters", "ar")
    assert said == f"مصادر الشرطة والأمن العراقية، بحسب Reuters{LRM}{RLM}"  # closed (data.translation.closed)
    assert says("PMOI/MEK and NCRI", "PMOI/MEK", "en") == "PMOI/MEK"


def test_a_notice_for_a_bad_parameter_speaks_the_pages_language(monkeypatch):
    """The page's notice for a parameter it ignored or adjusted is in the page's language, the parameter as written;
    the error of an export stays English (it names the parameter for whoever wrote the URL)."""
    from data.view import ParamError, View, default_choices

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    view, notices = View.parse("?lang=fa&lens=bogus&story=camps&step=99&from=2030-01", default_choices())
    assert view.lang == "fa" and len(notices) == 3, notices
    assert _plain(notices[0]) == "from=2030-01 بیرون از بازهٔ داده‌هاست (2009-07 تا 2016-12)؛ 2016-12 به کار می‌رود."
    assert (
        _plain(notices[1])
        == "lens='bogus' نادیده گرفته شد: یکی از all, independent, group, seeds, iran_state انتظار می‌رفت."
    )
    assert _plain(notices[2]) == "step='99' نادیده گرفته شد: روایت 'camps' گام‌های ۱ تا ۱۰ دارد؛ گام ۱ نشان داده می‌شود."
    with pytest.raises(ParamError, match=r"^lens='bogus': expected one of all, independent"):
        View.parse_strict("lang=fa&lens=bogus", default_choices())
