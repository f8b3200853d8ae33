"""The one-file report: its pages and its text match the view's headline figures and sources."""

from __future__ import annotations

import io
import re
import shutil

import pandas as pd
import pytest
from pypdf import PdfReader

import present
from data.load import default_bundle
from data.rules import COUNTING_RULES
from data.select import View
from exports import FIGURES
from exports.report import build_report, view_sources

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
    assert f"Killed: {panels.killed.text}" in text
    assert f"Wounded: {panels.wounded.text}" in text
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
    assert images == len(FIGURES)


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
