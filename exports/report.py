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
from data.grades import GRADE_LABELS, GRADE_RULES, TOLERANCE_TEXT
from data.load import Bundle
from data.rules import COUNTING_RULES
from data.select import LENS_LABELS, View, select
from exports import FIGURES, images, memory
from exports.caption import APP_NAME, DEFAULT_BASE_URL, app_version
from exports.params import Size
from present.labels import grades_label

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


def _pdf(paper: str) -> FPDF:
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
    pdf.set_text_shaping(True)  # Arabic and Persian (source URLs) joined and in reading order (uharfbuzz)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    pdf.alias_nb_pages()
    return pdf


class _Report:
    def __init__(self, paper: str, footer: str) -> None:
        self.pdf = _pdf(paper)
        self.footer = footer
        self.pdf.footer = self._footer  # fpdf2 calls footer() at each page end

    def _footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-12)
        pdf.set_font("DejaVu", size=7.5)
        pdf.set_text_color(110)
        pdf.cell(0, 5, f"{self.footer} · page {pdf.page_no()} of {{nb}}", align="C")
        pdf.set_text_color(0)

    def heading(self, text: str, size: float = 14) -> None:
        self.pdf.set_font("DejaVu", "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", size=10)

    def para(self, text: str, size: float = 10, style: str = "", link: str = "") -> None:
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", link=link, align="L")
        self.pdf.set_font("DejaVu", size=10)

    def bullet(self, text: str, size: float = 9, link: str = "") -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", size=size)
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


def build_report(
    bundle: Bundle, view: View, paper: str = "a4", base_url: str = "", today: dt.date | None = None
) -> bytes:
    """The report PDF for a view. `base_url` (e.g. http://127.0.0.1:8050) makes the view's link absolute."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    today = today or dt.date.today()
    place = bundle.places.at[view.place, "name"] if view.place else "All places"
    link = f"{base_url.rstrip('/')}/{view.query()}"
    version = f"data version {bundle.version} · app version {app_version()}"
    doc = _Report(paper, f"{APP_NAME} · {view.range_label} · {version}")
    pdf = doc.pdf

    pdf.add_page()
    pdf.ln(30)
    doc.para(f"{APP_NAME} — report", size=24, style="B")
    pdf.ln(4)
    doc.para(
        "Camp Ashraf and Camp Liberty, Iraq: attacks on the residents (members of the Iranian opposition group "
        "PMOI/MEK), their transfer from Ashraf to Liberty (2012–2013) and their resettlement abroad (2013–2016). "
        "Every figure is shown with who reports it; where sources disagree, each figure is listed.",
        size=11,
    )
    pdf.ln(6)
    for label, value in (
        ("Date range", view.range_label),
        ("Place", place),
        ("Claimants (lens)", LENS_LABELS[view.lens]),
        ("Grades shown", grades_label(view.grades)),
        ("Data version", str(bundle.version)),
        ("App version", app_version()),
        ("Made on", today.isoformat()),
    ):
        doc.para(f"{label}: {value}", size=11)
    doc.para(f"The same view online: {link}", size=10, link=link if base_url else "")
    pdf.ln(6)
    doc.para(
        "Contents: headline figures and who reports them; " + ", ".join(FIGURES) + " charts with their captions; "
        "the sources of the view's rows; how the figures are counted.",
        size=9,
    )

    pdf.add_page()
    doc.heading("Headline figures and who reports what")
    for name, kpi in _kpis(bundle, view):
        what, _, per_source = kpi.attribution.partition("\n")
        doc.para(f"{name.replace('_', ' ').capitalize()}: {kpi.text}", size=12, style="B")
        doc.para(kpi.how, size=9)
        doc.para(kpi.context, size=9)
        doc.para(what, size=9, style="B")
        for line in filter(None, per_source.split("\n")):
            doc.bullet(line, size=8)
        pdf.ln(3)

    pdf.add_page()
    doc.heading("How well each item is supported")
    doc.para(TOLERANCE_TEXT, size=9)
    for label, grade in item_grades(bundle, view):
        doc.bullet(f"{label}: {GRADE_LABELS[grade]} ({GRADE_RULES[grade]})", size=8.5)

    for figure in FIGURES:
        pdf.add_page()
        title = (images.build_figure(bundle, figure, view).layout.title.text or figure).split("<br>")[0]
        doc.heading(title)
        try:
            png = images.export_image(bundle, figure, "png", view, CHART_SIZE, base_url or DEFAULT_BASE_URL)
        except images.RendererUnavailable as err:
            raise ReportUnavailable(f"the chart images cannot be drawn: {err}") from err
        doc.image(png, continued=f"{title} (continued)")

    pdf.add_page()
    sources = view_sources(bundle, view)
    doc.heading(f"Sources of this view's rows ({len(sources)})")
    doc.para("Each source as published; the link is where the text was read.", size=9)
    pdf.ln(2)
    same = ["publisher", "title", "published", "url", "read_at", "seed_file"]
    for _, group in sources.groupby(same, sort=False):  # one entry per text: two sources can share a page
        src, sid = group.iloc[0], "; ".join(group.index)
        when = f" ({src['published']})" if src["published"] else ""
        title = f" — {src['title']}" if src["title"] else ""
        seed = f" — seed document {src['seed_file']}" if src["seed_file"] else ""
        read = f" — copy read on {src['read_at']}" if src["read_at"] else ""
        doc.bullet(f"{src['publisher']}{title}{when}{seed}{read}. [{sid}]", size=8.5)
        if src["url"]:
            pdf.set_x(pdf.l_margin + 5)
            pdf.set_text_color(20, 60, 160)
            pdf.set_font("DejaVu", size=7.5)
            pdf.multi_cell(0, 3.6, src["url"], new_x="LMARGIN", new_y="NEXT", link=src["url"], align="L")
            pdf.set_text_color(0)
            pdf.ln(0.8)

    pdf.add_page()
    doc.heading("How the figures are counted")
    for rule in COUNTING_RULES:
        doc.bullet(rule, size=9.5)
    return bytes(pdf.output())
