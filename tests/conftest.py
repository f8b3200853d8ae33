"""Shared fixtures: the real data bundle (read-only) and a writable copy of the data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.load import DATA_DIR, Bundle, load_bundle

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (CSV files only)."""
    target = tmp_path / "data"
    target.mkdir()
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, target / csv.name)
    return target
