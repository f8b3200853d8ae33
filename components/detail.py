"""The detail panel: one attack, movement or place with every source side by side and the seed claims."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from dash import html

from components.ids import Detail
from data import languages, schema
from data.calendars import PRECISION_WORDS, number
from data.grades import GRADE_LABELS
from data.translation import N_, t
from present import ItemDetail

PLACEHOLDER = N_(
    "Click an attack, a movement or a place (on the map or in a chart) to see every source's figures here."
)
KINDS = {"attack": N_("Attack"), "movement": N_("Movement"), "place": N_("Place")}
WHEN_LABELS = (N_("Date"), N_("Active"))  # ItemDetail.when_label
SOURCE_COLUMNS = (
    N_("Who says it"),
    N_("Claimant kind"),
    N_("Published"),
    N_("Date given"),
    N_("Figures"),
    N_("Link"),
    N_("Note"),
)


def detail_section(lang: str = languages.DEFAULT) -> html.Section:
    """The panel, empty until something is clicked."""
    return html.Section(
        id=Detail.PANEL,
        className="panel detail",
        tabIndex=-1,
        **{"aria-live": "polite", "aria-label": t(lang, "Details")},
        children=[html.P(t(lang, PLACEHOLDER), className="hint")],
    )


def _link(line, lang: str) -> html.Span | html.A:
    """The source's link, shown as its site ('hrw.org') and named for screen readers by who says it."""
    if line.url:
        host = (urlsplit(line.url).hostname or "source").removeprefix("www.")
        name = t(lang, "{who}: source on {site} (opens in a new tab)", who=line.publisher, site=host)
        return html.A(host, href=line.url, target="_blank", rel="noopener noreferrer", **{"aria-label": name})
    return html.Span(t(lang, "seed document {reference}", reference=line.seed_ref), className="seed-ref")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _marks(line) -> list:
    """Badges after who says it: the figure reached us only through a party's site; the actor's own account."""
    return [
        part
        for text, cls in ((line.relay, "relay"), (line.own_account, "own-account"))
        if text
        for part in (" ", html.Span(text, className=f"badge {cls}"))
    ]


def _along(listed: Sequence[tuple[str, str]], lang: str) -> list:
    """The other movements in view that the map draws along the clicked line, each a button that opens it."""
    return [
        html.H3(t(lang, "Drawn along the same map line: {n} other movement(s) in view", n=number(lang, len(listed)))),
        html.P(
            t(lang, "A click on a line opens the movement drawn on top; choose any of the others here."),
            className="hint",
        ),
        html.Ul(
            [
                html.Li(html.Button(label, id={"type": Detail.ALONG, "id": mid}, n_clicks=0, className="link-button"))
                for mid, label in listed
            ],
            className="along",
        ),
    ]


def detail_view(
    detail: ItemDetail | None, along: Sequence[tuple[str, str]] = (), lang: str = languages.DEFAULT
) -> list:
    """Children of the detail panel for one item (or the placeholder); along: (id, label) of the other movements
    drawn along a clicked map line."""
    if detail is None:
        return [html.P(t(lang, PLACEHOLDER), className="hint")]
    head = [html.H2(t(lang, detail.title))]
    if detail.disputed:
        head.append(
            html.Span(
                t(lang, "disputed"),
                className="badge disputed",
                title=t(lang, "Sources give different figures for the same quantity and the same date or period"),
            )
        )
    facts = [t(lang, KINDS[detail.kind])]
    if detail.when:
        precision = (
            t(
                lang,
                " (precision: {precision})",
                precision=t(lang, PRECISION_WORDS.get(detail.precision, detail.precision)),
            )
            if detail.precision
            else ""
        )
        facts.append(f"{t(lang, detail.when_label)}: {detail.when}{precision}")
    if detail.spread_text:
        facts.append(detail.spread_text)
    rows = [
        html.Tr(
            [
                html.Td([line.publisher, *_marks(line)]),
                html.Td(t(lang, schema.SOURCE_KIND_LABELS[line.kind])),
                html.Td(line.published or "–"),
                html.Td(line.when),
                html.Td(line.figures),
                html.Td(_link(line, lang)),
                html.Td(line.note, className="note-cell"),
            ]
        )
        for line in detail.sources
    ]
    body = [
        html.Div(head, className="detail-head"),
        html.P(" · ".join(facts), className="detail-facts"),
        html.P(t(lang, detail.summary), className="detail-summary"),
    ]
    if along:
        body += _along(along, lang)
    if detail.figures_text:
        body.append(html.P(detail.figures_text, className="detail-figures"))
    if detail.grade:
        body.append(
            html.P(
                [
                    html.Span(
                        t(lang, "Grade: {grade}", grade=t(lang, GRADE_LABELS[detail.grade])),
                        className=f"badge grade grade-{detail.grade}",
                    ),
                    " ",
                    _capitalised(detail.grade_text.split(": ", 1)[1]),
                ],
                className="detail-grade",
            )
        )
    if rows:
        body.append(
            html.Table(
                className="sources",
                children=[
                    html.Caption(t(lang, "{n} source row(s)", n=number(lang, len(rows)))),
                    html.Thead(html.Tr([html.Th(t(lang, h), scope="col") for h in SOURCE_COLUMNS])),
                    html.Tbody(rows),
                ],
            )
        )
    if detail.conflicts:
        body += [
            html.H3(t(lang, "Conflicts with other items")),
            html.Ul(
                [
                    html.Li([html.Strong(t(lang, "With {others}:", others=others)), " ", text])
                    for others, text in detail.conflicts
                ],
                className="conflicts",
            ),
        ]
    if detail.seed_claims:
        body += [
            html.H3(t(lang, "What the seed documents state")),
            html.Ul(
                [html.Li(f"{where}: {text}") for where, text in detail.seed_claims],
                className="seed-claims",
            ),
        ]
    return body
