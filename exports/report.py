"""One PDF for a view (`/export/report.pdf`, `python -m exports export --report`): a title page naming the view and the
versions, the headline figures with who reports what, every chart with its caption, the sources of the view's rows
with links, and the counting rules. Built with fpdf2 in DejaVu Sans (Debian fonts-dejavu-core)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import PIL.Image
from fpdf import FPDF

import present
from data import calendars, languages
from data.calendars import number
from data.grades import GRADE_LABELS, GRADE_RULES, tolerance_text
from data.load import Bundle
from data.rules import COUNTING_RULES
from data.select import LENS_LABELS, View, select
from data.translation import N_, closed, t
from exports import FIGURES, images, memory
from exports.caption import APP_NAME, DEFAULT_BASE_URL, app_version
from exports.params import Size
from figures.style import PDF, RLE
from present.labels import grades_label, place_name
from present.panels import HEADLINES

logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2 subsets the fonts: ~30 INFO lines per report
PAPERS = {"a4": "A4", "letter": "Letter"}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# A chart is drawn 680 px wide (its labels laid out for that width) at 3× and set 174 mm wide on A4: its 10-px
# labels print at about 7 pt, its 12-px text at 9 pt, at about 300 dpi. The caption is part of the image.
CHART_SIZE = Size(width=680, scale=3)
INK_BELOW = 232  # a pixel row of a chart image with nothing darker (grid lines are lighter) may end a page
CONTENT_TYPE = "application/pdf"
MAX_BUILDING = 1  # reports built at once per server process; any more are refused at once (report_pdf)
CACHED_REPORTS = 8  # finished reports kept per process, 32 MB at most (the whole period's is ~3 MB)
RETRY_AFTER_S = 10  # a report takes about 7 s


class ReportUnavailable(RuntimeError):
    """The report cannot be built here (fonts or the image renderer missing); the message says what to install."""


class ReportBusy(ReportUnavailable):
    """This process is already building a report, or its image renderer is full; try again after RETRY_AFTER_S."""


_building = threading.BoundedSemaphore(MAX_BUILDING)


CACHE = memory.BytesCache(max_items=CACHED_REPORTS, max_bytes=32 << 20)  # finished reports per process


def report_pdf(bundle: Bundle, view: View, paper: str, base_url: str, today: dt.date | None = None) -> bytes:
    """The report of a view as the server gives it: a finished one from the cache (per view, paper, link base, day
    and data version), else built in this process's one report slot, with one image-renderer place held for all its
    charts. Both are taken before any work, so a refusal (ReportBusy) costs nothing."""
    today = today or dt.date.today()
    key = (bundle, view, paper, base_url, today, bundle.version)
    return CACHE.get(key, lambda: _build_in_slot(bundle, view, paper, base_url, today))


def _build_in_slot(bundle: Bundle, view: View, paper: str, base_url: str, today: dt.date) -> bytes:
    if not _building.acquire(blocking=False):
        raise ReportBusy(f"{MAX_BUILDING} report(s) already being built on this server process")
    try:
        with images.RENDERER.slot():
            return build_report(bundle, view, paper, base_url, today)
    except images.RendererBusy as err:
        raise ReportBusy(f"the chart renderer is busy: {err}") from None
    finally:
        _building.release()
        memory.hand_back_heap()  # the tens of MB a report frees (pages, chart images, fonts)


cache_clear = CACHE.clear


def _pdf(paper: str, rtl: bool = False) -> FPDF:
    missing = [name for name in FONTS.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise ReportUnavailable(
            f"fonts {', '.join(missing)} not found in {FONT_DIR}: run `make run` (as root) or "
            "`sudo apt-get install fonts-dejavu-core`"
        )
    pdf = FPDF(format=PAPERS[paper], unit="mm")
    for style, name in FONTS.items():
        pdf.add_font("DejaVu", style, str(FONT_DIR / name))
    pdf.set_font("DejaVu", size=10)
    # Arabic and Persian joined and in reading order (uharfbuzz and fpdf2's bidi); a Persian or Arabic report's
    # paragraphs run right to left, its Latin runs (names, URLs) left to right inside them.
    pdf.set_text_shaping(True, direction="rtl" if rtl else None)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    pdf.alias_nb_pages()
    return pdf


class _Report:
    """The PDF being written, in a language: text set flush with the side a line starts on (right for Persian and
    Arabic), the footer on every page."""

    def __init__(self, paper: str, footer: str, lang: str = languages.DEFAULT) -> None:
        self.lang = lang
        self.rtl = lang in languages.RIGHT_TO_LEFT
        self.align = "R" if self.rtl else "L"
        self.pdf = _pdf(paper, self.rtl)
        self.footer = footer
        self.pdf.footer = self._footer  # fpdf2 calls footer() at each page end

    def _footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-12)
        pdf.set_font("DejaVu", size=7.5)
        pdf.set_text_color(110)
        page = number(self.lang, pdf.page_no())
        # fpdf2 writes the page count ({nb}) in Latin digits: a right-to-left report names the page only
        page = (
            t(self.lang, "page {page}", page=page)
            if self.rtl
            else t(self.lang, "page {page} of {pages}", page=page, pages="{nb}")
        )
        pdf.cell(0, 5, f"{self.footer} · {page}", align="C")
        pdf.set_text_color(0)

    def heading(self, text: str, size: float = 14) -> None:
        self.pdf.set_font("DejaVu", "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align=self.align)
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", size=10)

    def para(self, text: str, size: float = 10, style: str = "", link: str = "") -> None:
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", link=link, align=self.align)
        self.pdf.set_font("DejaVu", size=10)

    def bullet(self, text: str, size: float = 9, link: str = "") -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", size=size)
        if self.rtl:  # the bullet where the line starts, on the right
            pdf.multi_cell(0, size * 0.48, f"• {text}", new_x="LMARGIN", new_y="NEXT", link=link, align="R")
        else:
            pdf.cell(5, size * 0.48, "•")
            pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", link=link, align="L")
        pdf.ln(0.8)

    def image(self, png: bytes, continued: str) -> None:
        """A chart across the text width; one taller than the rest of the page goes on over the next pages, each
        part ending at a row of the image with no ink (between rows of marks or lines of the caption), each next
        page headed `continued`."""
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        picture = PIL.Image.open(io.BytesIO(png)).convert("RGB")
        mm_per_px = width / picture.width
        blank = np.asarray(picture.convert("L")).min(axis=1) >= INK_BELOW
        top = 0
        while top < picture.height:
            room = int((pdf.h - pdf.b_margin - pdf.get_y()) / mm_per_px)
            bottom = picture.height if picture.height - top <= room else _cut(blank, top, top + room)
            pdf.image(picture.crop((0, top, picture.width, bottom)), x=pdf.l_margin, w=width)
            top = bottom
            if top < picture.height:
                pdf.add_page()
                self.heading(continued, size=10)


def _cut(blank: np.ndarray, top: int, limit: int) -> int:
    """Where a part of an image from row `top` ends: the lowest blank row above `limit` in its lower half, else
    `limit` (an image with no such row is cut at the page's end)."""
    rows = np.flatnonzero(blank[top + (limit - top) // 2 : limit])
    return top + (limit - top) // 2 + int(rows[-1]) if rows.size else limit


def _kpis(bundle: Bundle, view: View) -> list[tuple[str, present.Kpi]]:
    """The headline figures the page shows for the view, in its order."""
    panels = present.render_panels(bundle, view)
    return [
        (f.name, getattr(panels, f.name))
        for f in dataclasses.fields(panels)
        if isinstance(getattr(panels, f.name), present.Kpi)
    ]


def view_sources(bundle: Bundle, view: View) -> pd.DataFrame:
    """The sources behind the view's rows (attacks, movements, stated populations), by publisher."""
    sel = select(bundle, view)
    ids = pd.concat([sel.events["source_id"], sel.movements["source_id"], sel.populations["source_id"]]).unique()
    return bundle.sources.loc[list(ids)].sort_values(["publisher", "published"])


def item_grades(bundle: Bundle, view: View) -> list[tuple[str, str]]:
    """(label, grade) of each attack and movement in the view, in date order."""
    sel = select(bundle, view)
    items = pd.concat([
        sel.events.drop_duplicates("event_id").rename(columns={"event_id": "item_id"}),
        sel.movements.drop_duplicates("movement_id").rename(columns={"movement_id": "item_id"}),
    ]).sort_values("period_start", kind="stable")  # fmt: skip
    return list(zip(items["item_id"].map(bundle.items["label"]), items["grade"], strict=True))


INTRO = N_(
    "Camp Ashraf and Camp Liberty, Iraq: attacks on the residents (members of the Iranian opposition group "
    "PMOI/MEK), their transfer from Ashraf to Liberty (2012–2013) and their resettlement abroad (2013–2016). "
    "Every figure is shown with who reports it; where sources disagree, each figure is listed."
)


def build_report(
    bundle: Bundle, view: View, paper: str = "a4", base_url: str = "", today: dt.date | None = None
) -> bytes:
    """The report PDF for a view, in the view's language. `base_url` (e.g. http://127.0.0.1:8050) makes the view's
    link absolute."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    today, lang = today or dt.date.today(), view.lang
    version = t(lang, "data version {data} · app version {app}", data=bundle.version, app=app_version())
    doc = _Report(
        paper, t(lang, "{app} · {range} · {version}", app=APP_NAME, range=view.range_label, version=version), lang
    )
    pdf = doc.pdf
    titles = {figure: _chart_title(bundle, figure, view) for figure in FIGURES}

    _title_page(doc, bundle, view, base_url, today, titles)

    pdf.add_page()
    doc.heading(t(lang, "Headline figures and who reports what"))
    cards = {h.name: h.title for h in HEADLINES}
    for name, kpi in _kpis(bundle, view):
        what, _, per_source = kpi.attribution.partition("\n")
        doc.para(t(lang, "{label}: {value}", label=t(lang, cards[name]), value=kpi.text), size=12, style="B")
        doc.para(kpi.how, size=9)
        doc.para(kpi.context, size=9)
        doc.para(what, size=9, style="B")
        for line in filter(None, per_source.split("\n")):
            doc.bullet(line, size=8)
        pdf.ln(3)

    pdf.add_page()
    doc.heading(t(lang, "How well each item is supported"))
    doc.para(tolerance_text(lang), size=9)
    for label, grade in item_grades(bundle, view):
        doc.bullet(
            t(
                lang,
                "{item}: {grade} ({rule})",
                item=t(lang, label),
                grade=t(lang, GRADE_LABELS[grade]),
                rule=t(lang, GRADE_RULES[grade]),
            ),
            size=8.5,
        )

    for figure, title in titles.items():
        pdf.add_page()
        doc.heading(title)
        try:
            png = images.export_image(bundle, figure, "png", view, CHART_SIZE, base_url or DEFAULT_BASE_URL)
        except images.RendererUnavailable as err:
            raise ReportUnavailable(f"the chart images cannot be drawn: {err}") from err
        doc.image(png, continued=t(lang, "{title} (continued)", title=title))

    _sources_pages(doc, bundle, view)

    pdf.add_page()
    doc.heading(t(lang, "How the figures are counted"))
    for rule in COUNTING_RULES:
        doc.bullet(t(lang, rule), size=9.5)
    return bytes(pdf.output())


def _title_page(
    doc: _Report, bundle: Bundle, view: View, base_url: str, today: dt.date, titles: dict[str, str]
) -> None:
    """The view named: range, place, lens, grades, versions, the day, its link; what the report holds."""
    pdf, lang = doc.pdf, doc.lang
    place = place_name(bundle, view.place, lang) if view.place else t(lang, "All places")
    link = f"{base_url.rstrip('/')}/{view.query()}"
    pdf.add_page()
    pdf.ln(30)
    doc.para(t(lang, "{app} — report", app=APP_NAME), size=24, style="B")
    pdf.ln(4)
    doc.para(t(lang, INTRO), size=11)
    pdf.ln(6)
    for label, value in (
        (N_("Date range"), view.range_label),
        (N_("Place"), place),
        (N_("Claimants (lens)"), t(lang, LENS_LABELS[view.lens])),
        (N_("Grades shown"), grades_label(view.grades, lang)),
        (N_("Data version"), str(bundle.version)),
        (N_("App version"), app_version()),
        (N_("Made on"), calendars.day_label(lang, today)),
    ):
        doc.para(t(lang, "{label}: {value}", label=t(lang, label), value=value), size=11)
    doc.para(t(lang, "The same view online: {link}", link=link), size=10, link=link if base_url else "")
    pdf.ln(6)
    doc.para(
        t(
            lang,
            "Contents: headline figures and who reports them; the charts ({charts}) with their captions; the "
            "sources of the view's rows; how the figures are counted.",
            charts=t(lang, calendars.SEPARATOR).join(titles.values()),
        ),
        size=9,
    )


def _sources_pages(doc: _Report, bundle: Bundle, view: View) -> None:
    """Every source of the view's rows, once per text: publisher, title, date, seed document or copy, link."""
    pdf, lang = doc.pdf, doc.lang
    pdf.add_page()
    sources = view_sources(bundle, view)
    doc.heading(t(lang, "Sources of this view's rows ({count})", count=number(lang, len(sources))))
    doc.para(t(lang, "Each source as published; the link is where the text was read."), size=9)
    pdf.ln(2)
    same = ["publisher", "title", "published", "url", "read_at", "seed_file"]
    for _, group in sources.groupby(same, sort=False):  # one entry per text: two sources can share a page
        src, sid = group.iloc[0], "; ".join(group.index)
        parts = [t(lang, src["publisher"]), src["title"]]
        parts += [t(lang, "seed document {reference}", reference=src["seed_file"])] if src["seed_file"] else []
        parts += [t(lang, "copy read on {site}", site=src["read_at"])] if src["read_at"] else []
        when = f" ({calendars.label(lang, src['published'])})" if src["published"] else ""
        doc.bullet(f"{' — '.join(closed(lang, p) for p in parts if p)}{when}. [{sid}]", size=8.5)
        if src["url"]:
            pdf.set_x(pdf.l_margin + (0 if doc.rtl else 5))
            pdf.set_text_color(20, 60, 160)
            pdf.set_font("DejaVu", size=7.5)
            pdf.multi_cell(0, 3.6, src["url"], new_x="LMARGIN", new_y="NEXT", link=src["url"], align=doc.align)
            pdf.set_text_color(0)
            pdf.ln(0.8)


def _chart_title(bundle: Bundle, figure: str, view: View) -> str:
    """A chart's title as its image shows it (without its subtitle and the marks that embed it right to left)."""
    title = images.plain_title(images.build_figure(bundle, figure, view)) or figure
    return title.replace(RLE, "").replace(PDF, "")
