"""Issue 14 (Hardening II): each defect the probe of `make serve` found, reproduced through the app's own routes."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from benchmarks import dash_protocol as dp
from data import timeline
from data.view import View, default_choices


@pytest.fixture(scope="module")
def client():
    from app import server

    c = server.test_client()
    c.get("/")  # Dash's first-request setup
    return c


@pytest.fixture(scope="module")
def protocol(client):
    cbs = dp.callbacks(client.get("/_dash-dependencies").get_json())
    values = dp.initial_values(client.get("/_dash-layout").get_json())
    values[("view-store", "data")] = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all"}
    return cbs, values


def send_to_readers(client, protocol, prop, value) -> list[int]:
    """The value to every callback that reads prop (input or state); the statuses."""
    cbs, values = protocol
    readers = dp.with_input(cbs, prop) + [cb for cb in cbs if prop in cb.state]
    assert readers, f"no callback reads {prop}"
    statuses = []
    for cb in readers:
        r = client.post(dp.UPDATE_PATH, json=dp.body(cb, {**values, prop: value}, [prop]))
        assert b"Traceback" not in r.data
        statuses.append(r.status_code)
    return statuses


# ---- 1. year 0000 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["data.csv", "data.geojson", "map.png", "casualties.svg", "population.pdf"])
@pytest.mark.parametrize("param", ["from", "to"])
def test_year_zero_in_an_export_is_a_400_naming_it(client, name, param):
    r = client.get(f"/export/{name}?{param}=0000-01")
    assert r.status_code == 400, r.data
    assert f"{param}='0000-01'" in r.get_data(as_text=True)


@pytest.mark.parametrize("search", ["?from=0000-01", "?to=0000-12", "?from=0000-01&to=0000-02"])
def test_year_zero_in_the_page_url_is_ignored_with_a_notice(client, protocol, bundle, search):
    assert set(send_to_readers(client, protocol, ("url", "search"), search)) <= {200, 204}
    axis = timeline.months(bundle)
    view, notices = View.parse(search, default_choices())
    assert any("0000-" in n for n in notices), notices
    assert axis[0] <= view.start <= view.end <= axis[-1]


# ---- 10c. non-ASCII digits: accepted and normalised -----------------------------------------------------------


@pytest.mark.parametrize("digits", ["٢٠١٣-٠٩", "۲۰۱۳-۰۹", "２０１３-０９", "٢٠١٣-09"])  # Arabic, Persian, full-width
def test_non_ascii_digits_in_months_mean_the_same_month(client, bundle, digits):
    """A Persian/Arabic UI will come: its digits are read as the month they spell, and the URL is normalised."""
    view, notices = View.parse(f"?from={digits}&to={digits}", default_choices())
    assert notices == []
    assert (view.start, view.end) == (pd.Period("2013-09", "M"), pd.Period("2013-09", "M"))
    r = client.get(f"/export/data.csv?from={digits}&to={digits}")
    assert r.status_code == 200
    assert 'filename="camps-atlas-data-2013-09_2013-09.csv"' in r.headers["Content-Disposition"]
    ascii_rows = client.get("/export/data.csv?from=2013-09&to=2013-09").data
    assert r.data == ascii_rows


def test_the_view_store_takes_ascii_months_only(client, protocol):
    """The store is written by the app (always ASCII); other digits there are not from the page: 400."""
    statuses = send_to_readers(
        client, protocol, ("view-store", "data"), {"from": "2013-01", "to": "20١٣-09", "place": None, "lens": "all"}
    )
    assert set(statuses) == {400}


# ---- 2. odd clickData --------------------------------------------------------------------------------------------

ODD_CUSTOMDATA = [
    ["place", "x", ["ashraf"]],
    ["place", "x", {"a": 1}],
    [["place"], "x", "ashraf"],
    [{"k": "event"}, ["ev"], "ashraf"],
    ["event", {"id": 1}, "ashraf"],
    [["ev-1"]],
    ["event", ["x"], ["y"], {"z": 1}],
]


@pytest.mark.parametrize("graph", ["map", "casualty-chart", "relocation-chart"])
@pytest.mark.parametrize("custom", ODD_CUSTOMDATA)
def test_odd_click_data_never_answers_500(client, protocol, graph, custom):
    statuses = send_to_readers(client, protocol, (graph, "clickData"), {"points": [{"customdata": custom}]})
    assert all(s < 500 for s in statuses), statuses


# ---- 9. CSV formula cells ----------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.org","x")', "+1+1", "-2+3", "@SUM(A1)"]


def test_formula_notes_are_neutralised_in_the_csv(data_copy):
    """A note starting with =, +, - or @ opens as text in a spreadsheet (OWASP CSV injection); counts stay numbers."""
    from data.load import load_bundle
    from data.select import View
    from exports import data as export_data

    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    events.loc[: len(FORMULAS) - 1, "note"] = FORMULAS
    events.to_csv(data_copy / "events.csv", index=False)
    bundle = load_bundle(data_copy)
    view = View(pd.Period("2005-01", "M"), pd.Period("2018-12", "M"))
    rows = pd.read_csv(io.BytesIO(export_data.to_csv(bundle, view)), dtype=str, keep_default_na=False)
    notes = set(rows["note"])
    for formula in FORMULAS:
        assert formula not in notes
        assert "'" + formula in notes, formula
    assert not any(cell[:1] in export_data.FORMULA_START for cell in rows.stack())
    assert rows["killed"].str.fullmatch(r"\d*").all()  # numbers stay numbers


@pytest.mark.parametrize("cell", ["\tleading tab", "\rleading CR", "=1+1"])
def test_tab_and_cr_cells_are_neutralised_too(bundle, monkeypatch, cell):
    """The data files strip cells, so a leading tab or CR can only come from code: neutralised all the same."""
    from data.select import View
    from exports import data as export_data

    view = View(pd.Period("2013-01", "M"), pd.Period("2013-12", "M"))
    real = export_data.table(bundle, view)
    monkeypatch.setattr(export_data, "table", lambda b, v: real.assign(reference=cell))
    rows = pd.read_csv(io.BytesIO(export_data.to_csv(bundle, view)), dtype=str, keep_default_na=False)
    assert set(rows["reference"]) == {"'" + cell.replace("\r", "\n")}  # one cell, opened as text
    assert len(rows) == len(real)


# ---- 8. pixel budget ---------------------------------------------------------------------------------------------


def test_images_beyond_the_pixel_budget_are_refused_with_the_budget(client, monkeypatch):
    from exports import images, params

    def never(*args, **kwargs):
        raise AssertionError("rendered an image beyond the budget")

    monkeypatch.setattr(images, "render", never)
    r = client.get("/export/map.png?from=2013-01&to=2013-12&width=3000&height=3000&scale=4")
    assert r.status_code == 400, r.data
    text = r.get_data(as_text=True)
    assert f"{params.PIXEL_BUDGET:,}" in text and "144,000,000" in text


def test_images_within_the_budget_are_accepted(bundle):
    from exports.params import PIXEL_BUDGET, parse_query

    _, size, _ = parse_query("width=2000&height=1500&scale=2", allow_size=True)
    assert size.width * size.height * size.scale**2 <= PIXEL_BUDGET


# ---- 10. catch-all, chunked bodies -------------------------------------------------------------------------------


def test_an_export_bug_is_a_short_500_and_the_detail_is_logged(client, monkeypatch, caplog):
    from exports import images

    def bug(*args, **kwargs):
        raise KeyError("internal-detail-xyz")

    monkeypatch.setattr(images, "build_figure", bug)
    images.cache_clear()
    with caplog.at_level("ERROR"):
        r = client.get("/export/relocations.svg?from=2013-01&to=2013-12&width=779")
    assert r.status_code == 500
    text = r.get_data(as_text=True)
    assert "internal-detail-xyz" not in text and "KeyError" not in text
    assert "export failed" in text and len(text) < 400
    assert "internal-detail-xyz" in caplog.text


def _chunked(client, body: bytes):
    """POST body as a server hands on a chunked request: no Content-Length, the stream ends at the body's end."""
    from werkzeug.test import EnvironBuilder, run_wsgi_app
    from werkzeug.wrappers import Response

    environ = EnvironBuilder(
        path=dp.UPDATE_PATH,
        method="POST",
        input_stream=io.BytesIO(body),
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
    ).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input_terminated"] = True  # as gunicorn sets it
    body, status, headers = run_wsgi_app(client.application.wsgi_app, environ)  # the test client drops the stream
    return Response(b"".join(body), status=status, headers=headers)


def test_a_chunked_body_over_the_limit_is_413(client):
    from serving.security import MAX_CONTENT_LENGTH

    r = _chunked(client, b'{"output": "' + b"x" * MAX_CONTENT_LENGTH + b'"}')
    assert r.status_code == 413, r.data
    assert f"{MAX_CONTENT_LENGTH:,}" in r.get_data(as_text=True)


def test_a_small_chunked_body_is_read_whole(client, protocol):
    cbs, values = protocol
    cb = dp.with_input(cbs, ("url", "search"))[0]
    r = _chunked(
        client, dp.dumps(dp.body(cb, {**values, ("url", "search"): "?from=2013-01"}, [("url", "search")])).encode()
    )
    assert r.status_code == 200, r.data


# ---- 4. a broken data file ---------------------------------------------------------------------------------------


def _problems(folder) -> str:
    from data.load import DataError, load_bundle

    with pytest.raises(DataError) as caught:
        load_bundle(folder)
    return str(caught.value)


def test_an_empty_csv_is_a_message_not_a_traceback(data_copy):
    (data_copy / "events.csv").write_bytes(b"")
    assert "events.csv: the file is empty (expected at least the header line)" in _problems(data_copy)


def test_a_nul_byte_in_a_cell_is_named(data_copy):
    raw = (data_copy / "events.csv").read_bytes().split(b"\n")
    raw[2] = raw[2].replace(b"raid", b"ra\x00id", 1)
    (data_copy / "events.csv").write_bytes(b"\n".join(raw))
    assert "events.csv, line 3, column 'kind': contains a NUL byte" in _problems(data_copy)


def test_a_duplicate_item_and_source_row_is_named(data_copy):
    lines = (data_copy / "movements.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    (data_copy / "movements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    movement, source = lines[1].split(",")[:2]
    text = _problems(data_copy)
    assert f"movements.csv, line {len(lines)}, column 'source_id': a second row for '{movement}' from '{source}'" in (
        text
    )


def test_a_huge_cell_is_refused_with_its_place(data_copy):
    from data.validate import MAX_CELL_CHARS

    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    events.loc[4, "note"] = "x" * (50 * 1024 * 1024)
    events.to_csv(data_copy / "events.csv", index=False)
    assert f"events.csv, line 6, column 'note': {50 * 1024 * 1024:,} characters (at most {MAX_CELL_CHARS:,})" in (
        _problems(data_copy)
    )


def test_serving_a_broken_data_file_exits_at_once_with_the_message(data_copy):
    """gunicorn with the config of `make serve` on a broken copy of the data: exits non-zero, no port kept open."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    (data_copy / "events.csv").write_bytes(b"")
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "CAMPS_ATLAS_DATA_DIR": str(data_copy), "CAMPS_ATLAS_PORT": "8169", "CAMPS_ATLAS_WORKERS": "1"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    done = subprocess.run(
        [str(gunicorn), "-c", "serving/gunicorn_conf.py", "app:server"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "events.csv: the file is empty (expected at least the header line)" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Listening at" not in done.stderr and "Booting worker" not in done.stderr  # validated before binding


# ---- 3. a crashed renderer, 6. the render queue ------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    not __import__("shutil").which("chromium"), reason="image export needs Chromium (make system-deps)"
)


def _descendants(pid: int) -> set[int]:
    """Every living process below pid (from /proc)."""
    from pathlib import Path

    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _chromium_pids(root: int) -> set[int]:
    from pathlib import Path

    out = set()
    for pid in _descendants(root):
        try:
            if b"chromium" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                out.add(pid)
        except OSError:
            pass
    return out


def _wait_for(predicate, seconds: float = 20.0) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _kill_browser(renderer_pid: int) -> None:
    import os
    import signal

    browsers = _chromium_pids(renderer_pid)
    assert browsers, "no chromium below the renderer"
    for pid in browsers:
        os.kill(pid, signal.SIGKILL)


@needs_chromium
def test_a_browser_killed_while_idle_is_reported_and_replaced(client):
    from exports import images
    from exports.renderer import RENDERER

    images.cache_clear()
    assert client.get("/export/casualties.svg?from=2013-01&to=2013-12&width=811").status_code == 200
    pid, restarts = RENDERER.pid(), RENDERER.status()["restarts"]
    _kill_browser(pid)
    assert _wait_for(lambda: client.get("/healthz").get_json()["renderer"]["state"] == "failed")
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["status"] == "degraded"
    again = client.get("/export/casualties.svg?from=2013-01&to=2013-12&width=812")
    assert again.status_code == 200 and b"<svg" in again.data[:300]
    after = client.get("/healthz").get_json()
    assert after["status"] == "ok" and after["renderer"]["state"] == "ready"
    assert after["renderer"]["restarts"] == restarts + 1 and RENDERER.pid() != pid


@needs_chromium
def test_a_browser_killed_mid_export_still_gives_that_image(client):
    import threading

    from exports import images
    from exports.renderer import RENDERER

    images.cache_clear()
    assert client.get("/export/map.png?from=2013-01&to=2013-12&width=801").status_code == 200  # started
    pid = RENDERER.pid()
    box = {}
    worker = threading.Thread(
        target=lambda: box.update(r=client.application.test_client().get("/export/map.png?width=2000&height=1500"))
    )
    worker.start()
    assert _wait_for(lambda: RENDERER.status()["state"] == "rendering", 10)
    _kill_browser(pid)
    worker.join(120)
    assert box["r"].status_code == 200 and box["r"].data.startswith(b"\x89PNG")
    assert RENDERER.pid() != pid and RENDERER.status()["restarts"] >= 1


@needs_chromium
def test_a_page_process_killed_mid_export_is_caught_and_the_export_retried(client):
    """Issue 26 §2: killing Chromium's `--type=renderer` processes during a large export made it wait the full 45 s
    (RENDER_TIMEOUT_S) and fail with 503, holding the render slot; only the browser's own death was caught. The
    renderer process now watches its page processes and exits when one dies; the export is retried once, fresh."""
    import os
    import signal
    import threading
    import time
    from pathlib import Path

    from exports import images
    from exports.renderer import RENDER_TIMEOUT_S, RENDERER

    images.cache_clear()
    assert client.get("/export/map.png?from=2013-01&to=2013-12&width=802").status_code == 200  # started, settled
    pid, restarts = RENDERER.pid(), RENDERER.status()["restarts"]
    time.sleep(1.5)  # every page process has lived past RENDERER_SETTLED_S
    pages = {p for p in _descendants(pid) if b"--type=renderer" in Path(f"/proc/{p}/cmdline").read_bytes()}
    assert pages, "no chromium page process below the renderer"
    box = {}
    big = "/export/map.png?from=2010-01&to=2014-12&width=3000&height=2600&scale=1.7"
    worker = threading.Thread(target=lambda: box.update(r=client.application.test_client().get(big)))
    worker.start()
    assert _wait_for(lambda: RENDERER.status()["state"] == "rendering", 10)
    for page in pages:
        os.kill(page, signal.SIGKILL)
    worker.join(RENDER_TIMEOUT_S + 60)
    assert box["r"].status_code == 200 and box["r"].data.startswith(b"\x89PNG"), box["r"].data[:200]
    assert RENDERER.pid() != pid and RENDERER.status()["restarts"] == restarts + 1
    assert "a page process of its Chromium died" in RENDERER.status()["last_error"]


@needs_chromium
def test_no_chromium_outlives_its_renderer_or_worker():
    """images.stop() ends the renderer's chromium; a worker killed with SIGKILL takes its chromium with it."""
    import os
    import signal
    import subprocess
    import sys

    code = (
        "from data.load import default_bundle; from exports import images; from data.select import View; "
        "import pandas as pd, os; b = default_bundle(); "
        "images.export_image(b, 'casualties', 'svg', View(pd.Period('2013-01', 'M'), pd.Period('2013-02', 'M'))); "
        "print('rendered', flush=True); import time; time.sleep(60)"
    )
    worker = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "rendered"
        browsers = _chromium_pids(worker.pid)
        assert browsers
        os.kill(worker.pid, signal.SIGKILL)  # no atexit, no cleanup in the worker
        worker.wait(10)
        assert _wait_for(lambda: not (browsers & _descendants(1)), 20), "chromium outlived its worker"
    finally:
        worker.kill()

    from exports import images
    from exports.renderer import RENDERER

    images.cache_clear()
    images.export_image(
        __import__("data.load").load.default_bundle(),
        "relocations",
        "svg",
        __import__("data.select").select.View(pd.Period("2013-01", "M"), pd.Period("2013-03", "M")),
    )
    browsers = _chromium_pids(RENDERER.pid())
    images.stop()
    assert browsers
    assert _wait_for(lambda: not (browsers & _descendants(1)), 20), "chromium outlived images.stop()"


def test_a_full_render_queue_is_a_503_with_retry_after(client, monkeypatch):
    from exports import images
    from exports.renderer import RENDERER

    monkeypatch.setattr(RENDERER, "limit", 0)  # as if rendering + waiting slots were all taken
    images.cache_clear()
    r = client.get("/export/casualties.png?from=2013-01&to=2013-12&width=813")
    assert r.status_code == 503
    assert r.headers["Retry-After"].isdigit()
    assert "busy rendering images" in r.get_data(as_text=True)
    assert client.get("/healthz").get_json()["renderer"]["refused_busy"] >= 1


# ---- 7. a frozen Redis: circuit breaker --------------------------------------------------------------------------


def test_a_cache_that_timed_out_is_not_asked_again_for_a_while(monkeypatch):
    from present import memo as cache

    class Frozen:
        def __init__(self):
            self.calls = 0

        def get(self, key):
            self.calls += 1
            raise TimeoutError("Timeout reading from socket")

        def set(self, key, value):
            self.calls += 1
            raise TimeoutError("Timeout writing to socket")

    frozen = Frozen()
    now = [1000.0]
    monkeypatch.setattr(cache, "_backend", frozen)
    monkeypatch.setattr(cache, "_last_error_log", 0.0)
    monkeypatch.setattr(cache, "BREAKER", cache.Breaker(clock=lambda: now[0]))

    @cache.cached_render("test", lambda x: str(x))
    def build(x):
        return x * 2

    assert build(1) == 2
    assert frozen.calls == 1  # the read timed out: no write to a cache that just timed out
    for x in range(2, 12):
        assert build(x) == 2 * x
    assert frozen.calls == 1  # open: ten figures built without waiting on the cache
    now[0] += cache.Breaker.OPEN_S + 0.1
    assert build(20) == 40
    assert frozen.calls == 2  # after the pause one request tries the cache again (and it is still frozen)
    assert build(21) == 42 and frozen.calls == 2


def test_the_breaker_closes_when_the_cache_answers_again(monkeypatch):
    from present import memo as cache

    store, now, state = {}, [0.0], {"down": True}

    class Flaky:
        def get(self, key):
            if state["down"]:
                raise ConnectionError("down")
            return store.get(key)

        def set(self, key, value):
            store[key] = value

    monkeypatch.setattr(cache, "_backend", Flaky())
    monkeypatch.setattr(cache, "_last_error_log", 0.0)
    monkeypatch.setattr(cache, "BREAKER", cache.Breaker(clock=lambda: now[0]))

    @cache.cached_render("test", lambda x: str(x))
    def build(x):
        return x * 2

    build(1)
    state["down"] = False
    build(2)
    assert store == {}  # still open
    now[0] += cache.Breaker.OPEN_S + 0.1
    build(3)
    build(4)
    assert len(store) == 2  # closed again: both written


# ---- 5. slow clients, and a graceful reload under load -----------------------------------------------------------

needs_nginx = pytest.mark.skipif(
    not __import__("serving.front").front.nginx_binary(), reason="the buffering front needs nginx (make serve)"
)


@needs_nginx
def test_slow_clients_do_not_hold_the_workers(tmp_path):
    """12 clients trickle POST bodies at `make serve` (nginx + gunicorn, 2 workers × 4 threads): /healthz answers."""
    from urllib.parse import urlsplit

    from benchmarks import faults, procs

    with procs.gunicorn(tmp_path, workers=2) as base:
        url = urlsplit(base)
        with faults.slow_clients(url.hostname, url.port, count=12, seconds=8) as opened:
            answered = faults.latencies(base + "/healthz", count=8, interval=0.3, timeout=5)
        assert opened[0] == 12
        assert None not in answered, answered  # every check got its 200 within 5 s


def _master_pid(workdir) -> int:
    import re

    log = next(workdir.glob("gunicorn-*.log")).read_text(errors="replace")
    return int(re.search(r"Listening at: \S+ \((\d+)\)", log).group(1))


def test_a_graceful_reload_under_load_drops_no_request(tmp_path):
    """`kill -HUP` of the gunicorn master while 4 clients keep asking: every request is answered 200."""
    import os
    import signal
    import threading
    import time

    import requests

    from benchmarks import procs

    with procs.gunicorn(tmp_path, workers=2) as base:
        master = _master_pid(tmp_path)
        statuses: list[int | str] = []
        stop = threading.Event()

        def load() -> None:
            with requests.Session() as s:
                for _ in range(400):  # bounded; stopped after the reload has settled
                    if stop.is_set():
                        return
                    try:
                        statuses.append(s.get(base + "/healthz", timeout=10).status_code)
                    except requests.RequestException as err:
                        statuses.append(type(err).__name__)

        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        os.kill(master, signal.SIGHUP)
        log = next(tmp_path.glob("gunicorn-*.log"))
        end = time.monotonic() + 40
        while time.monotonic() < end and log.read_text(errors="replace").count("Booting worker") < 4:
            time.sleep(0.2)  # the new workers have booted
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join(30)
    assert log.read_text(errors="replace").count("Booting worker") >= 4, "the reload did not boot new workers"
    assert len(statuses) > 20
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}


# ---- Issue 26, 1: a malformed story in the view store ----------------------------------------------------------


@pytest.mark.parametrize("story", [{"a": 1}, ["camps"], 3, "no-such-story"])
def test_a_view_store_with_an_odd_story_never_answers_500(client, protocol, story):
    """`"story": {"a": 1}` raised `TypeError: unhashable type` in update_story (plain-text 500); the store is now
    read by View.from_store, key by key, for every callback that reads it: a 400 naming the key."""
    store = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all", "story": story, "step": 1}
    assert set(send_to_readers(client, protocol, ("view-store", "data"), store)) == {400}
    cb = dp.with_input(protocol[0], ("view-store", "data"))[0]
    r = client.post(
        dp.UPDATE_PATH, json=dp.body(cb, {**protocol[1], ("view-store", "data"): store}, [("view-store", "data")])
    )
    assert "view-store.data: the view's story is not a known story" in r.get_data(as_text=True)


# ---- Issue 26, 5: too large reads as busy ------------------------------------------------------------------------


def test_an_image_over_the_budget_is_a_400_even_when_the_render_queue_is_full(client, monkeypatch):
    """With the queue full, a 3000×2600 image at scale 2 (6,000 × 5,200 = 31.2 M pixels, over the 24 M budget) got
    503 + Retry-After: a client retries what can never succeed. The budget is checked before a slot is taken."""
    import contextlib

    from exports import images

    @contextlib.contextmanager
    def full():
        raise images.RendererBusy("2 image export(s) already rendering or waiting on this server process")
        yield

    monkeypatch.setattr(images.RENDERER, "slot", full)
    images.cache_clear()
    r = client.get("/export/map.png?from=2010-01&to=2014-12&width=3000&height=2600&scale=2")
    assert r.status_code == 400, r.data
    assert "image too large" in r.get_data(as_text=True) and "Retry-After" not in r.headers
    busy = client.get("/export/map.png?from=2010-01&to=2014-12&width=800&height=600")
    assert busy.status_code == 503 and busy.headers["Retry-After"]


# ---- Issue 26, 3: the report takes its place before any work; finished reports are kept ---------------------------


@pytest.fixture
def report_calls(monkeypatch):
    """Counts the report's first step of work (the headline figures) and its whole builds."""
    from exports import report

    calls = {"headlines": 0, "builds": 0}
    kpis, build = report._kpis, report.build_report

    def counted_kpis(*args):
        calls["headlines"] += 1
        return kpis(*args)

    def counted_build(*args, **kwargs):
        calls["builds"] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(report, "_kpis", counted_kpis)
    monkeypatch.setattr(report, "build_report", counted_build)
    clear = getattr(report, "cache_clear", lambda: None)  # (there was no report cache before issue 26)
    clear()
    yield calls
    clear()


def test_a_report_is_refused_at_once_while_another_is_being_built(client, report_calls):
    """A report took no place before it started: with 8 clients looping, reports were refused only after 0.8-8 s of
    work. One report is built at a time per process; the next gets 503 + Retry-After before any work."""
    from exports import report

    assert report._building.acquire(blocking=False)  # another request is building one
    try:
        r = client.get(f"/export/report.pdf?{SEPT_2013}")
    finally:
        report._building.release()
    assert r.status_code == 503 and r.headers["Retry-After"] == str(report.RETRY_AFTER_S), r.data
    assert "busy building a report" in r.get_data(as_text=True)
    assert report_calls["headlines"] == 0


def test_a_report_is_refused_before_any_work_when_the_renderer_is_full(client, report_calls, monkeypatch):
    """Before, the headlines were built and the first chart then met the full render queue: 503 after the work."""
    import contextlib

    from exports import images

    @contextlib.contextmanager
    def full():
        raise images.RendererBusy("2 image export(s) already rendering or waiting on this server process")
        yield

    monkeypatch.setattr(images.RENDERER, "slot", full)
    r = client.get(f"/export/report.pdf?{SEPT_2013}")
    assert r.status_code == 503 and r.headers["Retry-After"], r.data
    assert report_calls["headlines"] == 0


def test_a_finished_report_is_kept_for_its_view(client, report_calls):
    first = client.get(f"/export/report.pdf?{SEPT_2013}")
    again = client.get(f"/export/report.pdf?{SEPT_2013}")
    assert first.status_code == again.status_code == 200 and first.data == again.data
    assert report_calls["builds"] == 1  # the second came from the cache
    other = client.get(f"/export/report.pdf?{SEPT_2013}&paper=letter")
    assert other.status_code == 200 and other.data != first.data and report_calls["builds"] == 2


# ---- Issue 26, 4: links that trust no Host header ----------------------------------------------------------------

FOREIGN = {"Host": "evil.example"}
SEPT_2013 = "from=2013-09&to=2013-09"


def _links(client, headers=None) -> dict[str, str]:
    """The text of an embed page, an SVG export's caption and the report, asked for with these headers."""
    import pdfplumber

    from exports import images, report

    images.cache_clear()
    report.cache_clear()
    pdf = client.get(f"/export/report.pdf?{SEPT_2013}", headers=headers)
    assert pdf.status_code == 200, pdf.data
    return {
        "embed": client.get(f"/embed/casualties?{SEPT_2013}", headers=headers).get_data(as_text=True),
        "image caption": client.get(f"/export/casualties.svg?{SEPT_2013}", headers=headers).get_data(as_text=True),
        "report": "\n".join(p.extract_text() for p in pdfplumber.open(io.BytesIO(pdf.data)).pages[:2]),
    }


def test_a_foreign_host_header_never_reaches_a_link(client):
    """`curl -H 'Host: evil.example' …/embed/casualties` gave <a href="http://evil.example/?from=…"> and a caption
    "View: http://evil.example/…"; image captions and the report's link used the same base. Links are now written
    under the public URL (CAMPS_ATLAS_PUBLIC_URL, by default the bound address), whatever Host the client sends."""
    for what, text in _links(client, FOREIGN).items():
        assert "evil.example" not in text, what
        assert f"http://127.0.0.1:8050/?{SEPT_2013}".replace("&", "&amp;" if what != "report" else "&") in text, what


def test_links_follow_the_configured_public_url(client, monkeypatch):
    from app import server
    from exports.public import PUBLIC_URL_CONFIG

    monkeypatch.setitem(server.config, PUBLIC_URL_CONFIG, "https://atlas.example.org/camps/")
    for what, text in _links(client, FOREIGN).items():
        assert "evil.example" not in text and "127.0.0.1" not in text, what
        link = f"https://atlas.example.org/camps/?{SEPT_2013}"
        assert link.replace("&", "&amp;" if what != "report" else "&") in text, what


# ---- Issue 26, 6: memory after reports and large images ----------------------------------------------------------


def test_finished_images_kept_in_memory_are_bounded_in_bytes(bundle, monkeypatch):
    """The image cache kept its last 64 images whatever their size: 64 large PNGs (up to 24 M pixels each) could hold
    hundreds of MB in every worker. It is now bounded in bytes too (memory.BytesCache)."""
    import tracemalloc

    from data.select import View as Selected
    from exports import images
    from exports.params import Size

    monkeypatch.setattr(images, "render", lambda fig, fmt, scale=None: bytes(5 << 20))  # a 5 MB image each
    images.cache_clear()
    view = Selected(pd.Period("2013-01", "M"), pd.Period("2013-12", "M"))
    tracemalloc.start()
    try:
        for width in range(800, 830):  # 30 distinct exports, 150 MB in all
            images.export_image(bundle, "casualties", "png", view, Size(width=width))
        kept, _ = tracemalloc.get_traced_memory()
        hits = images.cache_info().hits
        images.export_image(bundle, "casualties", "png", view, Size(width=829))
        assert images.cache_info().hits == hits + 1  # the latest image is still kept
    finally:
        tracemalloc.stop()
        images.cache_clear()
    assert kept < 80 << 20, f"{kept / 2**20:.0f} MB kept after 30 images of 5 MB"
