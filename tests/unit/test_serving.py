"""serving/: settings, security headers, error pages, /healthz, request validation, figure cache, static compression.

In-process, through Flask's test client on the real app (app.server); no browser, no Redis (see test_serving_redis).
"""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
from dash import Dash, Input, Output, dcc, html

from app import app, server
from benchmarks import dash_protocol as dp
from data.load import default_bundle
from present import memo
from serving import cache, security, validation
from serving.settings import Settings, SettingsError, from_env, redacted

VIEW = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all"}


@pytest.fixture(scope="module")
def client():
    c = server.test_client()
    assert c.get("/").status_code == 200  # Dash's first-request setup (callbacks registered with dash.callback)
    return c


@pytest.fixture(scope="module")
def protocol(client):
    cbs = dp.callbacks(client.get("/_dash-dependencies").get_json())
    values = dp.initial_values(client.get("/_dash-layout").get_json())
    return cbs, values


def post(client, payload):
    return client.post(dp.UPDATE_PATH, data=json.dumps(payload), content_type="application/json")


def view_callback(cbs, output_prop):
    return next(cb for cb in cbs if output_prop in cb.outputs)


# ---- settings ----------------------------------------------------------------------------------------------------


def test_settings_defaults():
    s = from_env({})
    assert (s.host, s.port, s.workers, s.cache_url, s.bench) == ("127.0.0.1", 8050, 2, None, False)
    assert s.bind == "127.0.0.1:8050"


def test_settings_from_environment():
    s = from_env(
        {
            "CAMPS_ATLAS_HOST": "0.0.0.0",
            "CAMPS_ATLAS_PORT": "9000",
            "CAMPS_ATLAS_WORKERS": "4",
            "CAMPS_ATLAS_CACHE_URL": "redis://:secret@127.0.0.1:6380/2",
            "CAMPS_ATLAS_BENCH": "1",
        }
    )
    assert (s.bind, s.workers, s.bench) == ("0.0.0.0:9000", 4, True)
    assert s.cache_url == "redis://:secret@127.0.0.1:6380/2"
    assert "secret" not in redacted(s.cache_url)
    assert from_env({"CAMPS_ATLAS_HOST": "::1"}).bind == "[::1]:8050"


def test_public_url_defaults_to_the_bound_address_and_takes_a_configured_one():
    assert from_env({}).public_url == "http://127.0.0.1:8050/"
    assert from_env({"CAMPS_ATLAS_HOST": "::1", "CAMPS_ATLAS_PORT": "9000"}).public_url == "http://[::1]:9000/"
    anywhere = from_env({"CAMPS_ATLAS_HOST": "0.0.0.0"}).public_url  # no address a reader can open: the machine's
    assert anywhere.startswith("http://") and "0.0.0.0" not in anywhere and anywhere.endswith(":8050/")
    configured = {"CAMPS_ATLAS_PUBLIC_URL": "https://atlas.example.org/camps", "CAMPS_ATLAS_PORT": "9000"}
    assert from_env(configured).public_url == "https://atlas.example.org/camps/"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "http", "CAMPS_ATLAS_PORT='http' is not a whole number"),
        ("PORT", "70000", "CAMPS_ATLAS_PORT=70000 is out of range"),
        ("WORKERS", "0", "CAMPS_ATLAS_WORKERS=0 is out of range"),
        ("WORKERS", "2.5", "CAMPS_ATLAS_WORKERS='2.5' is not a whole number"),
        ("HOST", "not a host!", "CAMPS_ATLAS_HOST='not a host!' is neither an IP address nor a host name"),
        ("CACHE_URL", "memcached://x:1", "the scheme must be redis:// or rediss://"),
        ("CACHE_URL", "redis://:6379/0", "no host"),
        ("CACHE_URL", "redis://h:port/0", "the port is not a number"),
        ("CACHE_URL", "redis://h:6379/x", "the database must be a number 0-15"),
        ("BENCH", "maybe", "CAMPS_ATLAS_BENCH='maybe' is not a flag"),
        ("PUBLIC_URL", "atlas.example.org", "CAMPS_ATLAS_PUBLIC_URL='atlas.example.org': the scheme must be http"),
        ("PUBLIC_URL", "https://", "CAMPS_ATLAS_PUBLIC_URL='https://': expected scheme://host"),
        ("PUBLIC_URL", "https://u:p@a.org/", "expected scheme://host"),
        ("PUBLIC_URL", "https://a.org:x/", "the port is not a number"),
        ("PUBLIC_URL", "https://a.org/?next=1", "no query, fragment"),
    ],
)
def test_settings_errors_name_the_variable(name, value, message):
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace("?", r"\?")):
        from_env({f"CAMPS_ATLAS_{name}": value})


# ---- headers, limits, errors -------------------------------------------------------------------------------------


def test_security_headers_on_page_and_callbacks(client, protocol):
    cbs, _ = protocol
    panels = view_callback(cbs, ("casualty-chart", "figure"))
    page = client.get("/")
    update = post(client, dp.body(panels, {("view-store", "data"): VIEW}, [("view-store", "data")]))
    bad = post(client, {"output": "nope"})
    for response in (page, update, bad, client.get("/healthz")):
        h = response.headers
        csp = h["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "base-uri 'self'" in csp and "form-action 'self'" in csp
        assert "object-src 'none'" in csp and "connect-src 'self'" in csp
        assert "img-src 'self' data: blob:" in csp
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"] == "no-referrer"
        assert "camera=()" in h["Permissions-Policy"]
    assert update.status_code == 200


def test_csp_scripts_are_self_plus_dash_hashes_only(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["script-src"] == ["'self'", *app.csp_hashes()]
    assert "'unsafe-eval'" not in csp
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]  # see serving/security.py for why


def test_csp_hash_matches_the_inline_script_on_the_page(client):
    import base64
    import hashlib
    import re

    page = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)  # comments never run
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page, re.S)
    executable = [body for attrs, body in inline if "application/json" not in attrs and body.strip()]
    assert executable, "Dash writes its renderer bootstrap inline"
    hashes = set(app.csp_hashes())
    for script in executable:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in hashes


def test_request_size_limit(client):
    r = client.post(
        dp.UPDATE_PATH, data=b"[" + b" " * (security.MAX_CONTENT_LENGTH + 10) + b"]", content_type="application/json"
    )
    assert r.status_code == 413
    assert b"Traceback" not in r.data


def _failing_app() -> Dash:
    """A tiny Dash app with the production hardening and a callback that raises."""
    small = Dash(__name__)
    small.layout = html.Div([dcc.Store(id="src", data=1), html.Div(id="dst")])

    @small.callback(Output("dst", "children"), Input("src", "data"))
    def boom(value):
        raise RuntimeError("secret internal detail")

    @small.server.route("/explode")
    def explode():
        raise KeyError("another internal detail")

    security.install(small)
    validation.install(small, "view-store")
    return small


def test_callback_exception_is_a_plain_500_without_traceback(caplog):
    small = _failing_app()
    c = small.server.test_client()
    c.get("/")
    payload = {
        "output": "dst.children",
        "outputs": {"id": "dst", "property": "children"},
        "inputs": [{"id": "src", "property": "data", "value": 1}],
        "changedPropIds": ["src.data"],
    }
    with caplog.at_level("ERROR", logger="camps_atlas"):
        r = c.post(dp.UPDATE_PATH, json=payload)
        r2 = c.get("/explode")
    for response in (r, r2):
        assert response.status_code == 500
        assert response.mimetype == "text/plain"
        text = response.get_data(as_text=True)
        assert "Traceback" not in text and "internal detail" not in text and 'File "' not in text
        assert response.headers["Content-Security-Policy"]
    assert "secret internal detail" in caplog.text  # logged for the operators, not sent


def test_not_found_and_method_not_allowed_are_short(client):
    r = client.get("/_dash-component-suites/nope/nope.js")
    assert r.status_code in (400, 404) and b"Traceback" not in r.data
    r = client.put(dp.UPDATE_PATH, data="{}")
    assert r.status_code == 405 and b"Traceback" not in r.data


# ---- /healthz ----------------------------------------------------------------------------------------------------


def test_healthz(client):
    from data.load import default_bundle

    r = client.get("/healthz")
    assert r.status_code == 200
    data = r.get_json()
    assert data["status"] == "ok"
    assert data["data_version"] == default_bundle().version
    assert data["events"] == default_bundle().events["event_id"].nunique() > 0
    assert r.headers["Cache-Control"] == "no-store"


# ---- request validation ------------------------------------------------------------------------------------------


def test_the_browsers_requests_pass(client, protocol):
    """The whole first-load chain as the browser runs it succeeds (the validator lets real requests through)."""
    cbs, values = protocol
    values = dict(values)
    chain = dp.Chain(cbs, values, lambda b: _post_json(client, b))
    try:
        result = chain.run(("url", "search"), "?from=2013-09&to=2013-12&place=ashraf&lens=seeds")
    finally:
        chain.close()
    assert result.ok, [(s.callback.name, s.status) for s in result.steps]
    assert len(result.steps) >= 3
    assert values[("view-store", "data")] == {"from": "2013-09", "to": "2013-12", "place": "ashraf", "lens": "seeds"}


@pytest.mark.parametrize("story", [{"a": 1}, ["camps"], "nope", None])
@pytest.mark.parametrize("output", [("story-panel", "hidden"), ("story-step-item", "data")])
def test_a_story_the_app_did_not_write_is_a_400_not_a_500(client, protocol, story, output):
    """Issue 26 §1: a view store whose story is an object, a list or unknown (or a step without a story) made
    update_story and show_detail raise TypeError (a 500); the store is checked key by key before any callback (the
    story step's item is now read where the view is made, from the store held as State)."""
    cbs, _ = protocol
    view = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all", "story": story, "step": 2}
    r = post(client, dp.body(view_callback(cbs, output), {("view-store", "data"): view}, [("view-store", "data")]))
    assert r.status_code == 400, r.data
    assert b"story" in r.data and b"Traceback" not in r.data


def _post_json(client, payload):
    r = post(client, payload)
    return r.status_code, (r.get_json(silent=True) if r.status_code == 200 else None), dict(r.headers)


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b: b.update(output="..nope.figure.."), "no such callback"),
        (lambda b: b.update(inputs=b["inputs"][:-1]), "inputs do not match"),
        (lambda b: b["inputs"][0].update(id="other"), "inputs do not match"),
        (lambda b: b["inputs"][0].update(value={"from": "2013-13", "to": "2013-09"}), "YYYY-MM"),
        (lambda b: b["inputs"][0].update(value={"from": "2013-10", "to": "2013-09"}), "after"),
        (lambda b: b["inputs"][0].update(value={"from": "2013-09", "to": "2013-09", "place": "atlantis"}), "place"),
        (lambda b: b["inputs"][0].update(value={"from": "2013-09", "to": "2013-09", "lens": "mine"}), "lens"),
        (lambda b: b["inputs"][0].pop("value"), "missing"),
        (lambda b: b.update(changedPropIds=["url.search"]), "not an input"),
        (lambda b: b.update(outputs=b["outputs"][:1]), "outputs do not match"),
    ],
)
def test_malformed_figure_requests_are_400(client, protocol, mutate, reason):
    cbs, _ = protocol
    panels = view_callback(cbs, ("casualty-chart", "figure"))
    payload = dp.body(panels, {("view-store", "data"): dict(VIEW)}, [("view-store", "data")])
    mutate(payload)
    r = post(client, payload)
    assert r.status_code == 400, r.data
    assert reason in r.get_data(as_text=True)


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        (("date-range", "value"), [0, 10**9]),
        (("date-range", "value"), ["a", 3]),
        (("date-range", "value"), [1, 2, 3]),
        (("date-range", "value"), 1.0),  # one number where the range slider sends two (was a 500)
        (("map", "clickData"), {"points": "x"}),
        (("map", "clickData"), {"points": [1]}),
        (("map", "clickData"), {"points": [{"customdata": []}]}),
        (("reset-button", "n_clicks"), -1),
        (("url", "search"), "?" + "x" * 5000),
    ],
)
def test_bad_control_values_are_400(client, protocol, prop, value):
    cbs, values = protocol
    cb = dp.with_input(cbs, prop)[0]
    r = post(client, dp.body(cb, {**values, prop: value}, [prop]))
    assert r.status_code == 400, r.data


@pytest.mark.parametrize("raw", [b"", b"null", b"[]", b"{", b'"x"', b"[" * 100000, b'{"output": 1}'])
def test_garbage_bodies_are_400(client, raw):
    r = client.post(dp.UPDATE_PATH, data=raw, content_type="application/json")
    assert r.status_code == 400
    assert b"Traceback" not in r.data


# ---- figure cache ------------------------------------------------------------------------------------------------


def test_figure_cache_hit_and_miss_in_process(client, protocol):
    cbs, _ = protocol
    map_cb = view_callback(cbs, ("map", "figure"))
    view = {"from": "2010-01", "to": "2011-06", "place": None, "lens": "independent"}
    payload = dp.body(map_cb, {("view-store", "data"): view}, [("view-store", "data")])
    memo.clear()
    first, second = post(client, payload), post(client, payload)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert first.get_json() == second.get_json()
    # A selected attack rings it on the map: another figure, so another cache entry.
    attack = default_bundle().events["event_id"].iloc[0]
    selected = {("view-store", "data"): view, ("selected-item", "data"): {"kind": "event", "id": attack}}
    assert post(client, dp.body(map_cb, selected, [("selected-item", "data")])).headers["X-Cache"] == "MISS"


def test_cached_figures_equal_fresh_ones():
    import pandas as pd
    from dash._utils import to_json

    import present
    from data.load import default_bundle
    from data.select import View

    cached = present  # present's builders are memoised (present.memo); __wrapped__ is the builder itself

    bundle, view = default_bundle(), View(pd.Period("2012-01", "M"), pd.Period("2013-12", "M"), "liberty", "all")
    fresh = present.render_map.__wrapped__(bundle, view, None)
    memo.clear()
    for _ in range(2):  # miss, then hit
        figure = cached.render_map(bundle, view, None)
        assert to_json(figure) == to_json(fresh)
    assert figure["layout"]["title"]["text"].startswith("Camps, attacks and relocations")
    panels, fresh_panels = cached.render_panels(bundle, view), present.render_panels.__wrapped__(bundle, view)
    assert to_json(panels.casualties) == to_json(fresh_panels.casualties)
    assert panels.killed == fresh_panels.killed


def test_cache_key_has_data_version_and_code_fingerprint():
    from types import SimpleNamespace

    import pandas as pd

    from data.view import View

    view = View(pd.Period("2013-09", "M"), pd.Period("2013-10", "M"))
    key = memo.view_key(SimpleNamespace(version="abc123"), view, "ev1")
    assert key == "abc123:2013-09:2013-10:-:all:ev1"
    assert memo.view_key(object(), view) is None  # not a bundle: not cached
    assert len(memo.FINGERPRINT) == 10


def test_cache_outage_falls_back_to_building(monkeypatch):
    class Down:
        def get(self, key):
            raise ConnectionError("redis is down")

        def set(self, key, value):
            raise ConnectionError("redis is down")

    calls = []
    monkeypatch.setattr(memo, "_backend", Down())
    monkeypatch.setattr(memo, "_last_error_log", 0.0)
    monkeypatch.setattr(memo, "BREAKER", memo.Breaker())  # the open breaker must not outlive this test

    @memo.cached_render("test", lambda x: str(x))
    def build(x):
        calls.append(x)
        return x * 2

    assert build(21) == 42 and build(21) == 42
    assert calls == [21, 21]


def test_cache_config_per_settings():
    assert cache.cache_config(Settings())["CACHE_TYPE"] == "SimpleCache"
    redis_config = cache.cache_config(Settings(cache_url="redis://127.0.0.1:6379/0"))
    assert redis_config["CACHE_TYPE"] == "RedisCache"
    assert redis_config["CACHE_REDIS_URL"] == "redis://127.0.0.1:6379/0"
    assert redis_config["CACHE_OPTIONS"]["socket_timeout"] <= 1


# ---- static compression ------------------------------------------------------------------------------------------

PLOTLY_JS = "/_dash-component-suites/plotly/package_data/plotly.min.js"


@pytest.mark.parametrize(("accept", "encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("identity", None)])
def test_static_files_compressed_once(client, accept, encoding):
    raw = client.get(PLOTLY_JS, headers={"Accept-Encoding": "identity"}).data
    r = client.get(PLOTLY_JS, headers={"Accept-Encoding": accept})
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == encoding
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[encoding](r.data)
    assert decoded == raw
    if encoding:
        assert len(r.data) < len(raw) / 3
        again = client.get(PLOTLY_JS, headers={"Accept-Encoding": accept, "If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304
