"""data/datapackage.json: a Frictionless Data Package of the data files, kept equal to what data/package.py builds
from data/schema.py, valid under the frictionless tool, and the loader's check of types, enums and keys."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from data.load import DATA_DIR, DataError, load_bundle
from data.package import PACKAGE_FILE, descriptor

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def test_the_committed_package_is_what_the_schema_builds():
    assert json.loads(PACKAGE_FILE.read_text(encoding="utf-8")) == descriptor(), "run: python -m data.package"


def test_frictionless_validate_passes_on_the_data():
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(PACKAGE_FILE)], capture_output=True, text=True, timeout=120
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], done.stdout[-2000:]
    assert len(report["tasks"]) == len(descriptor()["resources"]) == 11


def test_every_file_has_keys_types_and_references():
    resources = {r["name"]: r["schema"] for r in descriptor()["resources"]}
    assert resources["events"]["primaryKey"] == ["event_id", "source_id"]
    refs = {(fk["fields"], fk["reference"]["resource"]) for fk in resources["events"]["foreignKeys"]}
    assert refs == {("place_id", "places"), ("source_id", "sources"), ("claimant_id", "claimants")}
    killed = next(f for f in resources["events"]["fields"] if f["name"] == "killed")
    assert killed["type"] == "integer" and killed["constraints"]["minimum"] == 0
    kinds = next(f for f in resources["claimants"]["fields"] if f["name"] == "kind")
    assert "iran_state" in kinds["constraints"]["enum"]
    assert descriptor()["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_broken_file_stops_loading_naming_file_line_and_column(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__", "geo", "*.md", "*.json"))
    path = folder / "movements.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",ashraf,liberty,", ",ashraf,atlantis,", 1)
    lines.append(lines[1])  # the same movement from the same source twice
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_bundle(folder)
    text = str(err.value)
    assert "movements.csv, line 4, column 'destination_place_id': unknown place 'atlantis'" in text
    assert f"movements.csv, line {len(lines)}, column 'source_id': a second row for" in text
