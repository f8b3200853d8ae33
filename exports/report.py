"""One PDF for a view (`/export/report.pdf`, `python -m exports report`): a title page naming the view and the
versions, the headline figures with who reports what, every chart with its caption, the sources of the view's rows
with links, and the counting rules. Built with fpdf2 in DejaVu Sans (Debian fonts-dejavu-core)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF

import present
from data.grades import GRADE_LABELS, GRADE_RULES, TOLERANCE_TEXT
from data.load import Bundle
from data.rules import COUNTING_RULES
from data.select import LENS_LABELS, View, select
from exports import FIGURES, images
from exports.caption import APP_NAME, DEFAULT_BASE_URL, app_version
from exports.params import Size
from present.labels import grades_label

PAPERS = {"a4": "A4", "letter": "Letter"}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CHART_SIZE = Size(width=1100, scale=2)  # drawn at 2× for print; the caption is part of the image
CONTENT_TYPE = "application/pdf"


class ReportUnavailable(RuntimeError):
    """The report cannot be built here (fonts or the image renderer missing); the message says what to install."""


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
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", size=10)

    def para(self, text: str, size: float = 10, style: str = "", link: str = "") -> None:
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", link=link)
        self.pdf.set_font("DejaVu", size=10)

    def bullet(self, text: str, size: float = 9, link: str = "") -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", size=size)
        pdf.cell(5, size * 0.48, "•")
        pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", link=link)
        pdf.ln(0.8)

    def image(self, png: bytes) -> None:
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width)


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
            doc.image(images.export_image(bundle, figure, "png", view, CHART_SIZE, base_url or DEFAULT_BASE_URL))
        except images.RendererUnavailable as err:
            raise ReportUnavailable(f"the chart images cannot be drawn: {err}") from err

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
            pdf.multi_cell(0, 3.6, src["url"], new_x="LMARGIN", new_y="NEXT", link=src["url"])
            pdf.set_text_color(0)
            pdf.ln(0.8)

    pdf.add_page()
    doc.heading("How the figures are counted")
    for rule in COUNTING_RULES:
        doc.bullet(rule, size=9.5)
    return bytes(pdf.output())
