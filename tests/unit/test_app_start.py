"""A malformed data file stops the app at start with a message naming file, line and column (no traceback)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

from tests.conftest import REPO


def test_bad_row_stops_start_up_with_a_clear_message(data_copy):
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[4]["killed"] = "-3"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    env = os.environ | {"CAMPS_ATLAS_DATA_DIR": str(data_copy)}
    done = subprocess.run([sys.executable, "-c", "import app"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "Camps Atlas cannot start" in done.stderr
    assert "events.csv, line 6, column 'killed': '-3' is negative" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_story_naming_a_missing_item_stops_start_up(data_copy):
    path = data_copy / "stories.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",event,E2011_ASHRAF,", ",event,E2011_GONE,", 1))
    env = os.environ | {"CAMPS_ATLAS_DATA_DIR": str(data_copy)}
    done = subprocess.run([sys.executable, "-c", "import app"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "stories.csv, line 4, column 'item_id': no event 'E2011_GONE' in the data" in done.stderr
    assert "Traceback" not in done.stderr


def test_make_run_serves_on_the_port_and_host_it_is_given():
    """Issue 26 §7: `make run PORT=… HOST=…` had no effect (app.py hard-coded 127.0.0.1:8050). The Makefile passes
    them on as CAMPS_ATLAS_HOST/PORT; app.py serves there, and refuses a bad port naming it."""
    import socket
    import time
    import urllib.request

    dry = subprocess.run(["make", "-n", "run", "PORT=8123", "HOST=0.0.0.0"], cwd=REPO, capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert "CAMPS_ATLAS_HOST=0.0.0.0 CAMPS_ATLAS_PORT=8123" in dry.stdout, dry.stdout
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = os.environ | {"CAMPS_ATLAS_HOST": "127.0.0.1", "CAMPS_ATLAS_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and status is None:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status
            except OSError:
                time.sleep(0.5)
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    bad = subprocess.run([sys.executable, "app.py"], cwd=REPO, env=os.environ | {"CAMPS_ATLAS_PORT": "80800"},
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad.returncode == 1 and "CAMPS_ATLAS_PORT=80800 is out of range" in bad.stderr
    assert "Traceback" not in bad.stderr
