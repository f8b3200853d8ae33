"""Export menu, copy-link and cite-this-view: what a user needs to put a view into a report."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlsplit

from dash import html

from components.ids import Share
from data import calendars, languages
from data.translation import N_, t

FIGURES = (("map", N_("Map")), ("casualties", N_("Casualty chart")), ("relocations", N_("Relocation chart")),
           ("population", N_("Population chart")), ("context", N_("Context chart")))  # fmt: skip
IMAGE_FORMATS = ("png", "svg", "pdf")
COPY_MESSAGES = {  # what the copy buttons' status says (assets/access.js, from the share bar's data-copied)
    "link": N_("Link copied"),
    "citation": N_("Citation copied"),
    "link_failed": N_(
        "Could not copy: this browser did not allow access to the clipboard. The link is selected: press Ctrl+C "
        "(⌘C on a Mac) to copy it."
    ),
    "citation_failed": N_(
        "Could not copy: this browser did not allow access to the clipboard. The citation is selected: press Ctrl+C "
        "(⌘C on a Mac) to copy it."
    ),
}
DATA_FORMATS = (("csv", N_("Data (CSV)")), ("geojson", N_("Data (GeoJSON)")))


def share_bar(lang: str = languages.DEFAULT) -> html.Section:
    """Export menu (filled with the current view's links by a callback), link and citation with copy buttons."""
    return html.Section(
        className="share",
        **{
            "aria-label": t(lang, "Export and share this view"),
            "data-copied": json.dumps({k: t(lang, v) for k, v in COPY_MESSAGES.items()}, ensure_ascii=False),
        },
        children=[
            html.Details(className="export-menu", children=[
                html.Summary(t(lang, "Export this view")),
                html.Div(id=Share.EXPORT_MENU, className="export-links"),
            ]),
            html.Div(className="cite", children=[
                html.Span(t(lang, "Link:"), className="control-title"),
                html.Code(id=Share.LINK_TEXT, className="view-link"),
                _copy_button(Share.COPY_LINK, Share.COPY_LINK_STATUS, t(lang, "Copy link")),
            ]),
            html.Div(className="cite", children=[
                html.Span(t(lang, "Cite:"), className="control-title"),
                html.Span(id=Share.CITATION, className="citation"),
                _copy_button(Share.COPY_CITATION, Share.COPY_CITATION_STATUS, t(lang, "Copy citation")),
            ]),
            html.Details(className="embed-menu", children=[
                html.Summary(t(lang, "Embed a chart")),
                html.P(t(lang, "Paste one of these into a web page: the chart stays interactive, with its caption "
                       "and a link back to this view."), className="hint"),
                html.Pre(id=Share.EMBED_CODE, className="embed-code", tabIndex=0),
            ]),
        ],
    )  # fmt: skip


def _copy_button(button_id: str, status_id: str, label: str) -> html.Span:
    """A real (keyboard-reachable) button and, beside it, a polite live region that says whether the copy worked
    (a clientside callback copies: assets/access.js)."""
    return html.Span(className="copy", children=[
        html.Button(label, id=button_id, className="copy-button", n_clicks=0, title=label),
        html.Span(id=status_id, className="copy-status", role="status", **{"aria-live": "polite"}),
    ])  # fmt: skip


def export_links(search: str, prefix: str = "/", lang: str = languages.DEFAULT) -> list:
    """One link per figure and format, and the data downloads, all for the view in `search`."""
    base = prefix.rstrip("/") + "/export/"
    rows = [
        html.Li([html.Span(t(lang, "{label}: ", label=t(lang, label))), *[
            html.A(fmt.upper(), href=f"{base}{figure}.{fmt}{search}", download="", className="export-link",
                   **{"aria-label": t(lang, "{label} as {format}", label=t(lang, label), format=fmt.upper())})
            for fmt in IMAGE_FORMATS
        ]])
        for figure, label in FIGURES
    ]  # fmt: skip
    rows.append(html.Li([html.A(t(lang, label), href=f"{base}data.{fmt}{search}", download="", className="export-link")
                         for fmt, label in DATA_FORMATS]))  # fmt: skip
    report = t(lang, "Report (PDF)")
    rows.append(html.Li(html.A(report, href=f"{base}report.pdf{search}", download="", className="export-link")))
    return [html.Ul(rows)]


def citation(href: str, data_version: str, view_label: str, accessed: date, lang: str = languages.DEFAULT) -> str:
    """'Camps Atlas (data version …), view: …. Accessed 23 Nov 2026. <URL>' (in the view's language: the access
    date in its calendar)."""
    parts = urlsplit(href or "")
    url = (
        f"{parts.scheme}://{parts.netloc}{parts.path}{'?' + parts.query if parts.query else ''}"
        if parts.netloc
        else href
    )
    day = f"{accessed.day} {accessed:%b %Y}" if lang == languages.DEFAULT else calendars.day_label(lang, accessed)
    return t(
        lang,
        "Camps Atlas (data version {version}), view: {view}. Accessed {day}. {url}",
        version=data_version,
        view=view_label,
        day=day,
        url=url,
    )
