"""What assistive technology reads from the page's own markup: the table's link names, the page language, the
chart toolbar's colours, the slider's month labels and the copy buttons' live regions."""

from __future__ import annotations

import json
import re
from html import unescape

import present
from components.controls import control_bar
from components.ids import Controls, Share
from components.index_page import INDEX_STRING
from components.share import share_bar
from components.table import sort_state, table_html
from data import dates, timeline
from data.select import full_view
from figures.style import base_layout

LINK = re.compile(r'<a href="([^"]*)"[^>]*aria-label="([^"]*)"[^>]*>([^<]*)</a>')


def test_every_table_link_is_named_by_publisher_and_title(bundle):
    rows = present.table(bundle, full_view(bundle))
    markup = table_html(rows, sort_state("date", "asc"))
    links = LINK.findall(markup)
    urls = rows.loc[rows["reference"].str.startswith("http"), ["source", "source_title", "reference"]]
    assert len(links) == len(urls) == markup.count("<a ")  # every link has an aria-label
    expected = {(r.reference, r.source, r.source_title) for r in urls.itertuples()}
    for href, name, text in links:
        href, name, text = unescape(href), unescape(name), unescape(text)
        assert text != "link" and text in name, (text, name)  # the visible text (the site) is part of the name
        assert any(
            href == url and name.startswith(f"{source}: {title}" if isinstance(title, str) and title else source)
            for url, source, title in expected
        ), (href, name)


def test_page_is_declared_english():
    assert '<html lang="en">' in INDEX_STRING
    for key in ("{%app_entry%}", "{%config%}", "{%scripts%}", "{%renderer%}"):
        assert key in INDEX_STRING  # Dash refuses a template without them


def test_toolbar_icons_are_drawn_opaque():
    modebar = base_layout("t")["modebar"]
    for key in ("color", "activecolor"):
        assert re.fullmatch(r"#[0-9a-f]{6}", modebar[key]), modebar  # no alpha: full opacity


def _find(node, wanted):
    if wanted(node):
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            hit = _find(child, wanted)
            if hit is not None:  # (a component without children is falsy)
                return hit
    return None


def test_slider_box_lists_every_month(bundle):
    box = _find(control_bar(bundle), lambda n: hasattr(n, "_prop_names") and "data-months" in vars(n))
    months = json.loads(vars(box)["data-months"])
    assert months == [{"first": dates.month_label(m), "last": dates.month_label(m)} for m in timeline.months(bundle)]
    assert box.children.id == Controls.DATE_RANGE


def test_the_persian_slider_writes_each_month_in_solar_hijri_with_the_gregorian_month_beside(bundle):
    box = _find(control_bar(bundle, "fa"), lambda n: hasattr(n, "_prop_names") and "data-months" in vars(n))
    months = dict(zip(map(str, timeline.months(bundle)), json.loads(vars(box)["data-months"]), strict=True))
    assert months["2013-09"] == {"first": "۱۰ شهریور ۱۳۹۲", "last": "۸ مهر ۱۳۹۲", "beside": "سپتامبر ۲۰۱۳"}
    assert list(box.children.marks.values())[:2] == ["۲۰۰۹", "۲۰۱۰"]  # the years in Persian digits


def test_copy_buttons_each_have_a_polite_status():
    bar = share_bar()
    for status in (Share.COPY_LINK_STATUS, Share.COPY_CITATION_STATUS):
        node = _find(bar, lambda n, s=status: getattr(n, "id", None) == s)
        assert node is not None and vars(node)["aria-live"] == "polite" and node.role == "status"
