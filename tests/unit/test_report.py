"""The one-file report: its pages and its text match the view's headline figures and sources."""

from __future__ import annotations

import collections
import io
import itertools
import re
import shutil

import pandas as pd
import pdfplumber
import pytest
from pypdf import PdfReader

import present
from data.load import default_bundle
from data.rules import COUNTING_RULES
from data.select import View
from exports import FIGURES
from exports.report import CHART_SIZE, build_report, view_sources

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="image export needs Debian chromium")


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def sept_2013():
    bundle = default_bundle()
    view = View(pd.Period("2013-09", "M"), pd.Period("2013-09", "M"), None, "independent")
    pdf = build_report(bundle, view, "letter", base_url="http://127.0.0.1:8050/")
    return bundle, view, pdf


def test_report_names_the_view_versions_and_link(sept_2013):
    bundle, _, pdf = sept_2013
    reader, _ = _text(pdf)
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Camps Atlas — report" in first
    assert "Date range: Sep 2013" in first and "Place: All places" in first
    assert f"Data version: {bundle.version}" in first and "App version:" in first
    assert "http://127.0.0.1:8050/?from=2013-09&to=2013-09&lens=independent" in first
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # Letter, in points


def test_report_headlines_equal_the_pages_figures_and_every_source_is_listed(sept_2013):
    bundle, view, pdf = sept_2013
    reader, text = _text(pdf)
    panels = present.render_panels(bundle, view)
    assert f"Killed in attacks: {panels.killed.text}" in text  # the card's title and figure, as on the page
    assert f"Wounded in attacks: {panels.wounded.text}" in text
    sources = view_sources(bundle, view)
    assert len(sources) > 3
    assert f"Sources of this view's rows ({len(sources)})" in text
    compact = text.replace(" ", "")
    listed = {sid for ids in re.findall(r"\[([^\]]+)\]", compact) for sid in ids.split(";")}
    missing = [sid for sid in sources.index if sid not in listed]
    assert not missing, f"sources of the view not listed in the report: {missing}"
    # independent lens: no seed document among the sources
    assert not (sources["seed_file"] != "").any()
    for rule in COUNTING_RULES:
        assert rule.split(".")[0].replace(" ", "") in compact
    # every attack of the view with its grade (Sep 2013 under the independent lens: the Ashraf attack)
    assert "Howwelleachitemissupported" in compact
    assert "AttackonCampAshraf(Sep2013):Corroborated" in compact
    # title page, headlines, one page per chart at least, sources, rules
    assert len(reader.pages) >= 2 + len(FIGURES) + 2
    images = sum(len(page.images) for page in reader.pages)
    assert images >= len(FIGURES)  # a chart taller than the rest of its page goes on over the next


def test_report_route_answers_a_pdf_and_refuses_a_bad_paper():
    from app import server

    client = server.test_client()
    bad = client.get("/export/report.pdf?paper=a3")
    assert bad.status_code == 400 and "paper" in bad.get_data(as_text=True)
    assert client.get("/export/report.png").status_code == 400
    ok = client.get("/export/report.pdf?from=2011-04&to=2011-04&place=ashraf")
    assert ok.status_code == 200 and ok.data.startswith(b"%PDF")
    assert "camps-atlas-report-2011-04_2011-04-ashraf.pdf" in ok.headers["Content-Disposition"]
    _, text = _text(ok.data)
    assert "Camp Ashraf" in text and "A4" not in text
    assert PdfReader(io.BytesIO(ok.data)).pages[0].mediabox[3] == pytest.approx(841.89, abs=0.5)  # A4 height


@pytest.fixture(scope="module")
def whole_period():
    """The report a reader prints most: every claimant, Jul 2009 – Dec 2016, A4."""
    view = View(pd.Period("2009-07", "M"), pd.Period("2016-12", "M"), None, "all")
    return pdfplumber.open(io.BytesIO(build_report(default_bundle(), view, "a4")))


def test_report_text_is_set_flush_left_with_even_word_gaps(whole_period):
    """Issue 25 §3: justified text left gaps of up to 1.6 em between words (1,285 gaps over half an em); set flush
    left, every gap between two words on a line is about a space (a third of an em)."""
    wide = []
    for number, page in enumerate(whole_period.pages, 1):
        lines: dict[int, list[dict]] = collections.defaultdict(list)
        for word in page.extract_words(x_tolerance=1.5, extra_attrs=["size"]):
            lines[round(word["top"])].append(word)
        for words in lines.values():
            words.sort(key=lambda w: w["x0"])
            for a, b in itertools.pairwise(words):
                if a["text"] != "•" and (b["x0"] - a["x1"]) > 0.5 * a["size"]:
                    wide.append((number, a["text"], b["text"], round((b["x0"] - a["x1"]) / a["size"], 2)))
    assert not wide, wide[:5]


def test_report_charts_print_their_labels_at_7_pt_and_continue_over_pages(whole_period):
    """Charts were set 1,100 px across 174 mm, their 10-px labels at 4.5 pt; drawn 680 px wide, a CSS pixel prints
    at 0.7 pt or more. A chart taller than the rest of its page goes on over the next (the relocations' 31 stated
    totals), each part inside the page's margins, under a '(continued)' heading."""
    placed = [(number, image) for number, page in enumerate(whole_period.pages, 1) for image in page.images]
    assert len(placed) > len(FIGURES)
    for number, image in placed:
        css_px = image["srcsize"][0] / CHART_SIZE.scale
        assert (image["x1"] - image["x0"]) / css_px >= 0.7, (number, image["srcsize"])
        page = whole_period.pages[number - 1]
        assert image["top"] >= 0 and image["bottom"] <= page.height - 15 * 72 / 25.4 + 0.5, number
    text = " ".join(page.extract_text() for page in whole_period.pages)
    assert "Relocations: people per transfer, and stated totals (continued)" in text


def test_report_prints_an_arabic_url_in_reading_order(whole_period):
    """The Al-Alam source's URL ends in Arabic words: printed letter by letter from the left they read backwards
    and unjoined; shaped (fpdf2 with uharfbuzz), the Arabic run is laid out right to left as a browser shows it:
    its last word (خلق) is its leftmost."""
    for page in whole_period.pages:
        for line in page.extract_text_lines():
            if "alalam.ir" in line["text"]:
                arabic = [c for c in line["chars"] if "\u0600" <= c["text"][0] <= "\u06ff"]
                seen = "".join(c["text"] for c in sorted(arabic, key=lambda c: c["x0"]))
                assert seen.startswith("قلخ") and not seen.startswith("الامم"), seen
                return
    pytest.fail("the Al-Alam source's URL is not in the report")


def test_a_persian_report_is_persian_set_right_to_left(monkeypatch):
    """A Persian view's report (issue 13): its headings, labels, figures and dates in Persian (a day in Solar Hijri),
    each line set from the right edge, no English of ours left (tests/english.py; names kept as published, URLs
    and source ids are not ours to translate)."""
    from data import languages
    from tests.english import english_left

    monkeypatch.setattr(languages, "AVAILABLE", languages.LANGUAGES)
    view = View(pd.Period("2013-09", "M"), pd.Period("2013-09", "M"), "ashraf", lang="fa")
    pdf = build_report(default_bundle(), view, "a4", base_url="http://127.0.0.1:8050/")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = doc.pages[0]
        lines = first.extract_text_lines()
        labels = [line for line in lines if "کمپ اشرف" in line["text"][::-1] or "کمپ اشرف" in line["text"]]
        assert labels, [line["text"] for line in lines]
        for line in labels:  # set flush right: each line ends at the right margin (18 mm)
            assert first.width - line["x1"] == pytest.approx(18 * 72 / 25.4, abs=4), line["text"]  # and the cell margin
        pages = [page.extract_text() for page in doc.pages]
    # Up to the list of sources (its titles are as published, in their own language): ours, all in Persian.
    listed = next(i for i, text in enumerate(pages) if re.search(r"[\[\]][a-z][a-z0-9-]+-\d{4}", text))  # a source id
    ours = " ".join(pages[:listed])
    assert listed > 3 and not english_left(ours, "fa", visual=True), english_left(ours, "fa", visual=True)
    assert "Sources of this view" not in pages[listed] and "How the figures are counted" not in pages[-1]
