"""The shared figure cache, for real: a local redis-server and gunicorn processes pointed at it share their figures.

Starts redis-server (Debian package; `make test` installs it when root) on a free loopback port in a temp dir, then
gunicorn A (2 workers) and gunicorn B (1 worker), both with CAMPS_ATLAS_CACHE_URL set. A view drawn by A is a cache
hit in B, a separate process that never built it; and every worker of A answers the view as a hit too.
"""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest
import redis

from benchmarks import dash_protocol as dp
from benchmarks.procs import REDIS_MISSING, gunicorn, redis_server

VIEW = {"from": "2012-02", "to": "2013-11", "place": "liberty", "lens": "all"}


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def _post(base: str, payload: dict) -> tuple[int, str | None, dict]:
    req = urllib.request.Request(
        base + dp.UPDATE_PATH,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Connection": "close"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers.get("X-Cache"), json.load(r)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if not shutil.which("redis-server"):
        pytest.fail(REDIS_MISSING, pytrace=False)
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def test_two_gunicorn_processes_share_cached_figures(redis_url, tmp_path):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    with (
        gunicorn(tmp_path / "a", workers=2, cache_url=redis_url) as a,
        gunicorn(tmp_path / "b", workers=1, cache_url=redis_url) as b,
    ):
        cbs = dp.callbacks(_get_json(a + "/_dash-dependencies"))
        panels = next(cb for cb in cbs if ("casualty-chart", "figure") in cb.outputs)
        map_cb = next(cb for cb in cbs if ("map", "figure") in cb.outputs)
        for cb in (panels, map_cb):
            payload = dp.body(cb, {("view-store", "data"): VIEW}, [("view-store", "data")])
            status, cache_a, figure_a = _post(a, payload)
            assert (status, cache_a) == (200, "MISS"), f"{cb.name}: first request should build the figures"
            # B is another process that has never drawn this view: its answer comes from Redis.
            status, cache_b, figure_b = _post(b, payload)
            assert (status, cache_b) == (200, "HIT"), f"{cb.name}: gunicorn B did not find A's figures in Redis"
            assert figure_b == figure_a
            # Every worker of A (new connection each time, so both workers serve some of these) hits as well.
            assert {_post(a, payload)[1] for _ in range(12)} == {"HIT"}

    keys = [k.decode() for k in client.keys("camps-atlas:*")]
    assert any(k.startswith("camps-atlas:render_panels:") and ":2012-02:2013-11:liberty:all" in k for k in keys), keys
    assert any(k.startswith("camps-atlas:render_map:") for k in keys), keys
    assert all(0 < client.ttl(k) <= 24 * 3600 for k in keys)


def test_redis_down_still_serves(tmp_path):
    """A cache URL whose Redis is not running: figures are built and served anyway (the cache is optional)."""
    from benchmarks.procs import free_port

    dead = f"redis://127.0.0.1:{free_port()}/0"
    with gunicorn(tmp_path / "c", workers=1, cache_url=dead) as c:
        cbs = dp.callbacks(_get_json(c + "/_dash-dependencies"))
        map_cb = next(cb for cb in cbs if ("map", "figure") in cb.outputs)
        status, cache_c, figure = _post(c, dp.body(map_cb, {("view-store", "data"): VIEW}, [("view-store", "data")]))
        assert status == 200 and cache_c == "MISS"
        assert figure["response"]["map"]["figure"]["data"]
