"""Fuzzing the app through Flask's test client: at least 500 generated inputs, no 5xx and no traceback in any answer.

- query strings to the export routes (/export/…) when the app has them, otherwise to the page (/);
- URL `search` values, slider values, source-lens values, map/chart clickData shapes and view-store contents to the
  callbacks, as POST /_dash-update-component bodies built from the app's own /_dash-dependencies;
- garbage: random bytes and random JSON as bodies, and real bodies with parts replaced by random JSON.

Each property runs a fixed number of examples (EXAMPLES); the last test checks the total. Hypothesis' example
database is off (nothing written to the work tree); a failure prints the falsifying example to reproduce it.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import server
from benchmarks import dash_protocol as dp

EXAMPLES = {
    "query": 100,
    "search": 90,
    "slider": 60,
    "lens": 30,
    "click": 120,
    "view": 60,
    "garbage_body": 50,
    "mutated_body": 50,
}
FUZZ = settings(
    max_examples=1,  # replaced per test
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
SENT: dict[str, int] = {}  # generated inputs per property (one example may make several requests)

CLIENT = server.test_client()
CLIENT.get("/")  # Dash's first-request setup
CALLBACKS = dp.callbacks(CLIENT.get("/_dash-dependencies").get_json())
VALUES = dp.initial_values(CLIENT.get("/_dash-layout").get_json())
VALUES[("view-store", "data")] = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all"}
EXPORT_RULES = sorted(
    {r.rule for r in server.url_map.iter_rules() if r.rule.startswith("/export") and "GET" in (r.methods or ())}
)


def fuzz(name: str):
    return settings(FUZZ, max_examples=EXAMPLES[name])


def check(response, what: str) -> None:
    body = response.get_data()
    assert response.status_code < 500, f"{what}: {response.status_code} {body[:300]!r}"
    assert b"Traceback" not in body, f"{what}: traceback in the response"


def count(name: str) -> None:
    SENT[name] = SENT.get(name, 0) + 1


def send(name: str, payload: dict | bytes) -> None:
    data = payload if isinstance(payload, bytes) else json.dumps(payload, allow_nan=True)
    r = CLIENT.post(dp.UPDATE_PATH, data=data, content_type="application/json")
    check(r, f"{name}: {data[:300]!r}")


def send_value(name: str, prop: dp.Prop, value) -> None:
    """The value to every callback that reads the property (as input or state)."""
    cbs = dp.with_input(CALLBACKS, prop) + [cb for cb in CALLBACKS if prop in cb.state]
    assert cbs, f"no callback reads {prop}"
    for cb in cbs:
        send(name, dp.body(cb, {**VALUES, prop: value}, [prop]))


# ---- strategies --------------------------------------------------------------------------------------------------

json_scalar = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)
# Other scripts' digits (Arabic-Indic, Persian, full-width, Devanagari): str.translate from ASCII.
DIGITS = ["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "０１２３４５６７８９", "०१२३४५६७८९"]
edge_year = st.sampled_from([0, 1, 9999]) | st.sampled_from([999, 1000, 1999, 2099])  # 0: no such year (once a 500)
plain_month = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2005, 2018), st.integers(1, 12)) | st.builds(
    lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999) | edge_year, st.integers(0, 99)
)
edge_month = st.builds(lambda y, m: f"{y:04d}-{m:02d}", edge_year, st.integers(0, 13))
month = (
    plain_month
    | edge_month
    | st.builds(
        lambda text, digits, mask: "".join(
            c.translate(str.maketrans("0123456789", digits)) if keep else c
            for c, keep in zip(text, mask + [True] * 7, strict=False)
        ),
        plain_month,
        st.sampled_from(DIGITS),
        st.lists(st.booleans(), min_size=7, max_size=7),
    )
)
param_value = (
    month | st.sampled_from(["ashraf", "liberty", "alb", "seeds", "all", "independent", ""]) | st.text(max_size=30)
)
param_name = st.sampled_from(["from", "to", "place", "lens", "format", "width", "scale", "view"]) | st.text(max_size=8)
month_query = st.lists(st.tuples(st.sampled_from(["from", "to"]), edge_month | month), min_size=1, max_size=2).map(
    urlencode
)
query = (
    st.lists(st.tuples(param_name, param_value), max_size=6).map(lambda pairs: urlencode(pairs))
    | month_query
    | st.text(max_size=80)
)
search = month_query.map(lambda q: "?" + q) | query.map(lambda q: "?" + q) | st.text(max_size=60) | st.none()
slider = (
    st.lists(st.integers(-2, 95), min_size=2, max_size=2)
    | st.lists(st.integers(-1000, 1000), min_size=0, max_size=3)
    | st.lists(st.floats(allow_nan=True), min_size=2, max_size=2)
    | json_value
)
customdata_slot = st.sampled_from(["attack", "event", "movement", "place", "ashraf", "liberty", "alb", "ev-x"])
odd_shape = st.lists(json_scalar, min_size=1, max_size=2) | st.dictionaries(
    st.text(max_size=3), json_scalar, min_size=1
)
well_formed = st.sampled_from(
    [["place", "ashraf", "ashraf"], ["event", "ev-x", "liberty"], ["movement", "mv-x", "alb"]]
)
one_slot_odd = st.builds(lambda c, i, odd: [*c[:i], odd, *c[i + 1 :]], well_formed, st.integers(0, 2), odd_shape)
customdata = (
    one_slot_odd  # a real click with one slot replaced by a list or an object
    | st.lists(customdata_slot | json_scalar, max_size=4)
    | st.lists(customdata_slot | json_value, max_size=4)  # odd JSON shapes (lists, objects) in any slot
    | json_value
)
point = st.fixed_dictionaries(
    {},
    optional={
        "curveNumber": st.integers(-5, 50),
        "pointNumber": st.integers(-5, 500),
        "customdata": customdata,
        "lon": st.floats(),
        "lat": st.floats(),
        "x": json_scalar,
        "y": json_scalar,
        "location": st.text(max_size=5),
    },
)
real_click = st.builds(  # the shape Plotly sends, with odd values where the ids go
    lambda custom, rest: {"points": [{"curveNumber": 0, "pointNumber": 0, "customdata": custom}, *rest]},
    one_slot_odd | customdata,
    st.lists(point, max_size=2),
)
click = real_click | st.none() | st.fixed_dictionaries({"points": st.lists(point, max_size=3)}) | json_value
view = (
    st.fixed_dictionaries(
        {"from": month, "to": month},
        optional={
            "place": st.none() | st.sampled_from(["ashraf", "liberty", "alb", "atlantis"]),
            "lens": st.sampled_from(["all", "seeds", "independent", "x"]),
        },
    )
    | json_value
)


# ---- properties --------------------------------------------------------------------------------------------------


EXPORT_NAMES = [f"{f}.{x}" for f in ("map", "casualties", "relocations", "population") for x in ("png", "svg", "pdf")]
EXPORT_NAMES += ["data.csv", "data.geojson"] * 6
# Valid months from a small set (an image export of a new view takes ~1 s, a repeated one is cached) or garbage.
# Edge years are outside the data (a 400 before any rendering); other scripts' digits spell the cached 2013-09.
export_value = (
    st.sampled_from(["2013-09", "2012-01", "ashraf", "seeds", "800", "1.5", ""])
    | edge_month
    | st.sampled_from(DIGITS).map(lambda d: "2013-09".translate(str.maketrans("0123456789", d)))
    | st.text(max_size=20)
)
export_query = (
    st.lists(st.tuples(param_name, export_value), max_size=5).map(urlencode)
    | st.lists(st.tuples(st.sampled_from(["from", "to"]), edge_month), min_size=1, max_size=2).map(urlencode)
    | st.text(max_size=60)
)
export_name = st.sampled_from(EXPORT_NAMES) | st.text(max_size=20)


@fuzz("query")
@given(export_name, export_query, query)
@example("data.csv", "from=0000-01", "")  # once a 500 (issue 14)
@example("data.geojson", "to=0000-12", "")
def test_query_strings(name, export_qs, page_qs):
    """Query strings (and names) to the export routes if the app has them, else query strings to the page."""
    count("query")
    url = f"/export/{name}?{export_qs}" if EXPORT_RULES else f"/?{page_qs}"
    check(CLIENT.get(url), f"GET {url}")


@fuzz("search")
@given(search)
@example("?from=0000-01")  # once a 500 (issue 14)
@example("?from=٢٠١٣-09&to=２０１３-１２")
def test_url_search(value):
    count("search")
    send_value("search", ("url", "search"), value)


@fuzz("slider")
@given(slider)
@example(1.0)  # a single number where the range slider sends two: once a 500 (found by this test)
@example(5)
@example([3])
def test_slider_values(value):
    count("slider")
    send_value("slider", ("date-range", "value"), value)


@fuzz("lens")
@given(st.sampled_from(["all", "seeds", "independent"]) | json_value)
def test_lens_values(value):
    count("lens")
    prop = ("source-lens", "value")
    if not dp.with_input(CALLBACKS, prop):
        pytest.skip("no source-lens control on this page")
    send_value("lens", prop, value)


@fuzz("click")
@given(st.sampled_from(["map", "casualty-chart", "relocation-chart"]), click)
@example("map", {"points": [{"customdata": ["place", "x", ["ashraf"]]}]})  # once a 500 (issue 14)
@example("map", {"points": [{"customdata": ["place", "x", {"a": 1}]}]})
def test_click_data(graph, value):
    count("click")
    prop = (graph, "clickData")
    if not dp.with_input(CALLBACKS, prop):
        return
    send_value("click", prop, value)


@fuzz("view")
@given(view)
def test_view_store(value):
    count("view")
    send_value("view", ("view-store", "data"), value)


@fuzz("garbage_body")
@given(st.binary(max_size=200) | json_value.map(lambda v: json.dumps(v).encode()))
def test_garbage_bodies(raw):
    count("garbage_body")
    send("garbage_body", raw)


@fuzz("mutated_body")
@given(
    st.integers(0, 10**6),
    st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds", "extra"]),
    json_value,
)
def test_mutated_bodies(pick, field, value):
    count("mutated_body")
    cb = CALLBACKS[pick % len(CALLBACKS)]
    payload = dp.body(cb, VALUES, [cb.inputs[0]])
    payload[field] = value
    send("mutated_body", payload)


def test_at_least_500_inputs_were_sent():
    ran = set(SENT)
    if ran != set(EXAMPLES) - ({"lens"} if not dp.with_input(CALLBACKS, ("source-lens", "value")) else set()):
        pytest.skip("only part of the fuzz suite ran")
    assert sum(SENT.values()) >= 500, SENT
