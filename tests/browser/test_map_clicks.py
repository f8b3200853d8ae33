"""The map selects what is drawn under the pointer, on both panels, with a mouse and with a finger; places and
attacks can be chosen from the keyboard, and the map, the charts and the URL follow.

Every click goes to the centre of the drawn SVG element (its bounding box), found from plotly's own computed
traces (`_fullData`), never by sending clickData.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import present
from data.load import default_bundle
from tests.browser.pagehelpers import (
    READY_TIMEOUT_MS,
    query,
    settled,
    show_graph,
    tab_until,
    tick_labels,
    wait_ready,
)

# Every drawn marker of the map: its geo panel, trace and point index, customdata and viewport centre. Points are
# matched to their trace through the d3 data plotly binds to each trace group (trace.index is the _fullData index).
MARKERS = """(kind) => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const out = [];
    for (const g of gd.querySelectorAll('.geo .scattergeo.trace')) {
        const cd = g.__data__;
        const trace = cd && cd[0] && cd[0].trace;
        if (!trace) continue;
        const full = gd._fullData[trace.index];
        const points = g.querySelectorAll('.point');
        points.forEach((pt, k) => {
            const i = pt.__data__ ? pt.__data__.i : k;
            const custom = full.customdata ? full.customdata[i] : null;
            if (!custom || custom[0] !== kind) return;
            const r = pt.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) return;
            out.push({geo: full.geo, trace: trace.index, point: i, customdata: custom,
                      lon: full.lon[i], lat: full.lat[i], count: points.length});
        });
    }
    return out;
}"""

# Scroll one marker into view and give its bounding box centre in the viewport (positions move on scroll).
CENTRE = """([geo, custom]) => {
    const gd = document.querySelector('#map .js-plotly-plot');
    for (const g of gd.querySelectorAll('.geo .scattergeo.trace')) {
        const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
        if (!trace || gd._fullData[trace.index].geo !== geo) continue;
        const full = gd._fullData[trace.index];
        for (const pt of g.querySelectorAll('.point')) {
            const i = pt.__data__ ? pt.__data__.i : -1;
            const c = full.customdata ? full.customdata[i] : null;
            if (!c || JSON.stringify(c) !== JSON.stringify(custom)) continue;
            pt.scrollIntoView({block: 'center', inline: 'center'});
            const r = pt.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }
    }
    return null;
}"""

# The rings drawn around the selected place: (geo, lon, lat) of every "Selected place" trace, drawn in the SVG.
# The same, for one point given by its trace index and point index (vertices of a line share one customdata).
POINT_CENTRE = """([index, i]) => {
    const gd = document.querySelector('#map .js-plotly-plot');
    for (const g of gd.querySelectorAll('.geo .scattergeo.trace')) {
        const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
        if (!trace || trace.index !== index) continue;
        for (const pt of g.querySelectorAll('.point')) {
            if (!pt.__data__ || pt.__data__.i !== i) continue;
            pt.scrollIntoView({block: 'center', inline: 'center'});
            const r = pt.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }
    }
    return null;
}"""

SELECTED_RINGS = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const out = [];
    for (const g of gd.querySelectorAll('.geo .scattergeo.trace')) {
        const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
        if (!trace) continue;
        const full = gd._fullData[trace.index];
        if (full.name !== 'Selected place' || g.querySelectorAll('.point').length !== 1) continue;
        out.push([full.geo, full.lon[0], full.lat[0]]);
    }
    return out;
}"""


def markers(page: Page, kind: str) -> list[dict]:
    """Every drawn map point whose customdata is of `kind` (place, event, movement)."""
    return page.evaluate(MARKERS, kind)


def centre(page: Page, geo: str, customdata: list[str]) -> dict:
    found = page.evaluate(CENTRE, [geo, customdata])
    assert found, f"{customdata} not drawn in {geo}"
    return found


def place_name(place: str) -> str:
    return default_bundle().places.at[place, "name"]


def expect_place(page: Page, place: str) -> None:
    """The view is filtered to `place`: URL, filter label, picker; and the map is drawn for it."""
    expect(page).to_have_url(re.compile(rf"[?&]place={place}(&|$)"))
    expect(page.locator("#filter-label")).to_have_text(f"Filtered to {place_name(place)}")
    expect(page.locator("#place-picker-value")).to_have_text(place_name(place))
    settled(page)


def expect_ring_at(page: Page, place_markers: list[dict]) -> None:
    """A ring is drawn at the selected place's marker in every panel that draws the place (and nowhere else)."""
    want = sorted([m["geo"], m["lon"], m["lat"]] for m in place_markers)
    page.wait_for_function(
        f"""(want) => {{
            const have = ({SELECTED_RINGS})().sort();
            return have.length === want.length && have.every((r, k) =>
                r[0] === want[k][0] && Math.abs(r[1] - want[k][1]) < 1e-6 && Math.abs(r[2] - want[k][2]) < 1e-6);
        }}""",
        arg=want,
        timeout=READY_TIMEOUT_MS,
    )


def test_click_centre_of_each_place_marker_selects_it_in_both_panels(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    drawn = markers(page, "place")
    by_place: dict[str, list[dict]] = {}
    for m in drawn:
        by_place.setdefault(m["customdata"][1], []).append(m)
    assert set(by_place) == set(default_bundle().places.index)
    assert {m["geo"] for m in by_place["liberty"]} == {"geo", "geo2"}  # camps in Iraq: in both panels
    assert page.evaluate(SELECTED_RINGS) == []  # nothing ringed before a place is chosen

    camps = set(default_bundle().places.query("kind == 'camp'").index)
    # Camps first (they sat under lines and bigger markers), each panel in turn.
    for m in sorted(drawn, key=lambda m: (m["customdata"][1] not in camps, m["geo"], m["customdata"][1])):
        place = m["customdata"][1]
        previous = query(page).get("place")
        assert previous != [place]
        point = centre(page, m["geo"], m["customdata"])
        page.mouse.click(point["x"], point["y"])
        expect_place(page, place)
        expect(page.locator("#event-detail h2")).to_have_text(place_name(place))
        expect_ring_at(page, by_place[place])


def test_click_on_a_movement_line_opens_that_movement(page: Page) -> None:
    page.goto("/?from=2013-01&to=2016-12")
    wait_ready(page)
    lines = [m for m in markers(page, "movement") if m["geo"] == "geo"]
    assert lines, "no movement line drawn"
    # The line drawn last is on top of every other line; click its middle vertex.
    top = max(m["trace"] for m in lines)
    vertices = sorted((m for m in lines if m["trace"] == top), key=lambda m: m["point"])
    middle = vertices[len(vertices) // 2]
    movement, destination = middle["customdata"][1], middle["customdata"][2]
    point = page.evaluate(POINT_CENTRE, [middle["trace"], middle["point"]])
    page.mouse.click(point["x"], point["y"])

    title = present.item_detail(default_bundle(), "movement", movement).title
    expect(page.locator("#event-detail h2")).to_have_text(title)
    expect(page.locator("#event-detail .detail-facts")).to_contain_text("Movement")
    # The movement is opened, not its destination's place filter.
    settled(page)
    assert "place" not in query(page), f"the click filtered to {destination}"
    expect(page.locator("#filter-label")).to_have_text("All places")


def test_click_centre_of_each_attack_marker_opens_it(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    attacks = markers(page, "event")
    assert len(attacks) == default_bundle().events["event_id"].nunique()
    for m in attacks:
        event = m["customdata"][1]
        point = centre(page, "geo2", m["customdata"])
        page.mouse.click(point["x"], point["y"])
        title = present.item_detail(default_bundle(), "event", event).title
        expect(page.locator("#event-detail h2")).to_have_text(title)
        expect(page.locator("#attack-picker-value")).to_have_text(re.compile(re.escape(title)))
        settled(page)
    assert "place" not in query(page)  # opening an attack does not filter the charts


@pytest.fixture
def phone(browser, base_url: str, page_log):
    """A 390x844 touch screen page, checked for console errors like the desktop page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, base_url=base_url)
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    page.on("console", lambda m: page_log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page_log.page_errors.append(str(e)))
    yield page
    context.close()
    assert not page_log.console_errors + page_log.page_errors


def stacked(page: Page) -> None:
    """Wait until narrow.js has stacked the map's panels and the plot fills its (taller) box again."""
    page.wait_for_function(
        """() => {
            const gd = document.querySelector('#map .js-plotly-plot');
            return gd && gd._fullLayout && gd.layout.geo.domain.y && gd.layout.geo.domain.y[0] > 0
                && Math.abs(gd._fullLayout.height - gd.clientHeight) < 2
                && !document.querySelector('[data-dash-is-loading]');
        }"""
    )


def test_phone_taps_on_the_detail_panels_camps_select_them(phone: Page) -> None:
    page = phone
    page.goto("/")
    wait_ready(page)
    show_graph(page, "map")
    stacked(page)
    camps = [m for m in markers(page, "place") if m["geo"] == "geo2"]
    assert {m["customdata"][1] for m in camps} == {"ashraf", "liberty"}
    for m in camps + [m for m in markers(page, "place") if m["customdata"][1] in ("alb", "ashraf3")]:
        place = m["customdata"][1]
        point = centre(page, m["geo"], m["customdata"])
        page.touchscreen.tap(point["x"], point["y"])
        expect_place(page, place)
        expect_ring_at(page, [r for r in markers(page, "place") if r["customdata"][1] == place])
        stacked(page)


def choose_by_keys(page: Page, typed: str, option: str) -> None:
    """With a picker focused: open it with ArrowDown, type to search, move to the one option left, press Enter."""
    page.keyboard.press("ArrowDown")
    search = page.locator(".dash-dropdown-search")
    expect(search).to_be_focused()
    page.keyboard.type(typed)
    options = page.locator(".dash-dropdown-option[role=option]")  # the open picker's list
    expect(options).to_have_count(1)
    expect(options).to_have_text(option)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def test_keyboard_place_and_attack_pickers_follow_and_drive_the_view(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    expect(page.locator("#place-picker-label")).to_have_text("Place")
    assert any("Ashraf" in t for t in tick_labels(page, "casualty-chart"))

    # Tab to the place picker, open it, type to search and choose with Enter.
    tab_until(page, "#place-picker")
    choose_by_keys(page, "Liberty", place_name("liberty"))
    expect_place(page, "liberty")
    expect(page.locator("#event-detail h2")).to_have_text(place_name("liberty"))
    page.locator("#casualty-chart").scroll_into_view_if_needed()  # the reader looks at the chart
    page.wait_for_function(
        """() => {
            const ticks = Array.from(document.querySelectorAll('#casualty-chart .xaxislayer-above text'));
            return ticks.length > 0 && ticks.every((t) => !t.textContent.includes('Ashraf'));
        }"""
    )
    expect_ring_at(page, [m for m in markers(page, "place") if m["customdata"][1] == "liberty"])

    # The attack picker: choose the Sep 2013 attack on Ashraf by keys; its detail opens and the map rings it.
    label = dict(view_model_attacks())["E2013_ASHRAF"]
    tab_until(page, "#attack-picker")
    choose_by_keys(page, "Sep 2013", label)
    expect(page.locator("#attack-picker-value")).to_have_text(label)
    expect(page.locator("#event-detail h2")).to_have_text("Attack on Camp Ashraf (Sep 2013)")

    # A click on the map moves the place picker.
    page.locator("#reset-button").click()
    expect(page.locator("#place-picker-value")).to_have_text(re.compile("All places"))
    expect(page.locator("#filter-label")).to_have_text("All places")
    # The attack chosen in the picker is ringed on the map (trace 0, in the Iraq detail) now that it is in view.
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot')._fullData[0].lon.length === 1")
    settled(page)
    point = centre(page, "geo", ["place", "alb", "alb"])
    page.mouse.click(point["x"], point["y"])
    expect_place(page, "alb")


def view_model_attacks():
    from components.pickers import attack_options

    return attack_options(default_bundle())


# Every text label of each geo panel (its bounding box) and the panel's frame.
LABELS = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    return Array.from(gd.querySelectorAll('.geo')).map((g) => {
        const frame = (g.querySelector('.layer.frame path') || g.querySelector('.layer.bg rect')).getBoundingClientRect();
        const labels = Array.from(g.querySelectorAll('.scattergeo text'))
            .filter((t) => t.textContent.trim())
            .map((t) => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
            });
        return {frame: {l: frame.left, r: frame.right, t: frame.top, b: frame.bottom}, labels};
    });
}"""


def label_problems(page: Page) -> list[str]:
    problems = []
    for panel in page.evaluate(LABELS):
        f, labels = panel["frame"], panel["labels"]
        for a in labels:
            if a["l"] < f["l"] - 0.5 or a["r"] > f["r"] + 0.5 or a["t"] < f["t"] - 0.5 or a["b"] > f["b"] + 0.5:
                problems.append(f"{a['text']!r} is cut by the frame")
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]:
                    problems.append(f"{a['text']!r} overlaps {b['text']!r}")
    return problems


@pytest.mark.parametrize("search", [""])
def test_phone_map_labels_are_whole_and_apart(phone: Page, search: str) -> None:
    page = phone
    page.goto("/" + search)
    wait_ready(page)
    show_graph(page, "map")
    stacked(page)
    assert len(page.evaluate(LABELS)[0]["labels"]) == len(default_bundle().places)
    assert label_problems(page) == []


def test_desktop_map_labels_are_whole_and_apart(page: Page) -> None:
    page.goto("/")
    wait_ready(page)
    assert label_problems(page) == []


LINE_VERTICES = """() => {
    // Screen positions of every movement line's vertices on the region panel, read at one scroll position.
    const gd = document.querySelector('#map .js-plotly-plot');
    gd.querySelector('.geo').scrollIntoView({block: 'center'});
    const out = {};
    for (const g of gd.querySelectorAll('.geo .scattergeo.trace')) {
        const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
        if (!trace || trace.geo !== 'geo' || !Array.isArray(trace.customdata)) continue;
        if (!trace.customdata.length || trace.customdata[0][0] !== 'movement') continue;
        out[trace.index] = {movement: trace.customdata[0][1], points: Array.from(g.querySelectorAll('.point'))
            .sort((a, b) => a.__data__.i - b.__data__.i)
            .map((pt) => { const r = pt.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })};
    }
    return out;
}"""


def test_click_between_the_vertices_of_the_longest_line_opens_its_movement(page: Page) -> None:
    """A movement line carries its click on its vertices (8 segments per line): the middle of a segment of the
    longest line, as far from a vertex as a point of a line gets, still opens the movement."""
    page.goto("/?from=2013-01&to=2016-12")
    wait_ready(page)
    lines = page.evaluate(LINE_VERTICES)

    def span(points: list[list[float]]) -> float:
        return ((points[0][0] - points[-1][0]) ** 2 + (points[0][1] - points[-1][1]) ** 2) ** 0.5

    longest = max(lines.values(), key=lambda line: span(line["points"]))
    points = longest["points"]
    assert len(points) == 9 and span(points) > 200, (len(points), span(points))
    k = len(points) // 2 - 1
    (ax, ay), (bx, by) = points[k], points[k + 1]
    page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    # Movements on the same route are drawn on the same line: the click opens one of them.
    same_route = [line["movement"] for line in lines.values() if line["points"] == points]
    titles = [present.item_detail(default_bundle(), "movement", m).title for m in same_route]
    expect(page.locator("#event-detail h2")).to_have_text(re.compile("|".join(map(re.escape, titles))))


def test_a_line_several_movements_share_lists_them_and_each_opens_by_keys(page: Page) -> None:
    """Issue 25 §4: Liberty → Albania carries several movements and the Italy line runs under it; a click opened only
    the topmost. Now the detail panel lists the others drawn along the line, and each opens from the keyboard (Tab
    to it, Enter), the list staying; the movement picker opens any movement by keys."""
    from components.pickers import movement_options

    labels = dict(movement_options(default_bundle()))
    page.goto("/?from=2013-01&to=2016-12")
    wait_ready(page)
    tab_until(page, "#movement-picker")
    choose_by_keys(page, "Second convoy", labels["M24_second_convoy"])
    expect(page.locator("#event-detail h2")).to_have_text(
        present.item_detail(default_bundle(), "movement", "M24_second_convoy").title
    )
    expect(page.locator("#event-detail ul.along button")).to_have_count(0)  # chosen by name, not from a line

    lines = [m for m in markers(page, "movement") if m["geo"] == "geo"]
    top = max(m["trace"] for m in lines)
    vertices = sorted((m for m in lines if m["trace"] == top), key=lambda m: m["point"])
    middle = vertices[len(vertices) // 2]
    clicked, along = middle["customdata"][1], middle["customdata"][3]
    assert clicked == "M20_last_280" and "M40_italy_7_2014" in along and "M11_albania_30" in along, along
    point = page.evaluate(POINT_CENTRE, [middle["trace"], middle["point"]])
    page.mouse.click(point["x"], point["y"])

    listed = page.locator("#event-detail ul.along button")
    expect(page.locator("#event-detail h2")).to_have_text(
        present.item_detail(default_bundle(), "movement", clicked).title
    )
    expect(listed).to_have_text([labels[m] for m in along])
    expect(page.locator("#movement-picker-value")).to_have_text(labels[clicked])

    italy = page.locator("#event-detail ul.along button", has_text=labels["M40_italy_7_2014"])
    tab_until(page, "#event-detail ul.along button")
    while not italy.evaluate("(b) => b === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#event-detail h2")).to_have_text(
        present.item_detail(default_bundle(), "movement", "M40_italy_7_2014").title
    )
    expect(listed).to_contain_text([labels[clicked]])  # the list stays, with the movement shown before
    expect(listed).to_have_count(len(along))
    expect(page.locator("#movement-picker-value")).to_have_text(labels["M40_italy_7_2014"])
