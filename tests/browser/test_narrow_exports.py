"""Exported images at narrow widths, read back in the browser: every written label lies whole inside the image and
no two labels written in the plot lie on each other (issue 25 §3: "an export never changes a number")."""

from __future__ import annotations

import base64

import pytest

from exports import FIGURES

# Every <text> of the SVG: its box, and whether it is a label written in the plot (an annotation or a mark's text).
_TEXTS = """() => {
  const svg = document.documentElement;
  const W = svg.width.baseVal.value, H = svg.height.baseVal.value;
  const texts = [];
  for (const t of document.querySelectorAll('text')) {
    const s = (t.textContent || '').trim();
    const r = t.getBoundingClientRect();
    if (!s || r.width === 0) continue;
    const label = !!t.closest('g.annotation-text-g, g.textpoint');
    texts.push({s: s.slice(0, 70), label, l: r.left, r: r.right, t: r.top, b: r.bottom});
  }
  return {W, H, texts};
}"""


def _overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack


@pytest.mark.parametrize("width", [600, 480])
@pytest.mark.parametrize("chart", FIGURES)
def test_narrow_export_keeps_every_label_whole(page, base_url, chart, width):
    """The SVG export at a narrow width, opened in chromium: each text's box is inside the image, and the labels
    written in the plot (stated totals, context items, notes) do not overlap."""
    answer = page.request.get(f"{base_url}/export/{chart}.svg?from=2013-01&to=2016-12&width={width}")
    assert answer.ok, answer.text()
    page.goto("data:image/svg+xml;base64," + base64.b64encode(answer.body()).decode())
    found = page.evaluate(_TEXTS)
    assert found["W"] == width and len(found["texts"]) > 10
    outside = [
        t["s"] for t in found["texts"]
        if t["l"] < -0.5 or t["r"] > found["W"] + 0.5 or t["t"] < -0.5 or t["b"] > found["H"] + 0.5
    ]  # fmt: skip
    assert not outside, f"{chart} at {width} px cuts: {outside}"
    labels = [t for t in found["texts"] if t["label"]]
    clashes = [(a["s"], b["s"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a, b)]
    assert not clashes, f"{chart} at {width} px: labels on each other: {clashes[:5]}"


@pytest.mark.parametrize("width", ["", "&width=600", "&width=1400"])
def test_casualty_export_tick_labels_do_not_overlap(page, base_url, width):
    """The attacks' date labels under the casualty chart (several lines each) never lie on each other: where they
    cannot stand side by side they are turned upright, at the default width too."""
    answer = page.request.get(f"{base_url}/export/casualties.svg?from=2009-07&to=2016-12{width}")
    assert answer.ok, answer.text()
    page.goto("data:image/svg+xml;base64," + base64.b64encode(answer.body()).decode())
    ticks = [
        t
        for t in page.evaluate(_TEXTS.replace("g.annotation-text-g, g.textpoint", "g.xtick, g.x2tick, g.x3tick"))[
            "texts"
        ]
        if t["label"]
    ]
    assert len(ticks) >= 14
    clashes = [(a["s"], b["s"]) for i, a in enumerate(ticks) for b in ticks[i + 1 :] if _overlap(a, b)]
    assert not clashes, clashes[:5]


@pytest.mark.parametrize("width", ["", "&width=640"])
@pytest.mark.parametrize("place", ["", "&place=liberty"])
def test_population_direct_labels_do_not_collide(page, base_url, width, place):
    """Each place's name written at its last point (and 'Name: listed transfers' at its line's end) stays clear
    of the others over the whole period, where the small destinations' labels crowd near zero."""
    answer = page.request.get(f"{base_url}/export/population.svg?from=2009-07&to=2016-12{width}{place}")
    assert answer.ok, answer.text()
    page.goto("data:image/svg+xml;base64," + base64.b64encode(answer.body()).decode())
    labels = [t for t in page.evaluate(_TEXTS)["texts"] if t["label"]]
    assert len(labels) >= 2
    clashes = [(a["s"], b["s"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a, b)]
    assert not clashes, clashes[:5]
