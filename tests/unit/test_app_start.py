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
