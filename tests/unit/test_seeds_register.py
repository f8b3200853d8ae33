"""The seeds register matches the seed documents, and every seed-sourced data row is backed by a register claim."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# ../shared/seeds beside the repository, or one folder further up (a checkout inside a folder of checkouts)
SEEDS_TEXTS = next(
    (p for p in (REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds") if p.is_dir()),
    REPO.parent / "shared" / "seeds",
)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _lines(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(";"):
        low, _, high = part.partition("-")
        out |= set(range(int(low), int(high or low) + 1))
    return out


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    return {r["seed_file"]: r for r in _rows(REPO / "seeds" / "documents.csv")}


@pytest.fixture(scope="module")
def claims() -> list[dict]:
    return _rows(REPO / "seeds" / "claims.csv")


def test_register_holds_no_copies_of_the_texts():
    assert not list((REPO / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SEEDS_TEXTS.is_dir(), reason="../shared/seeds not beside the repo")
def test_hashes_and_line_counts_match_the_documents(documents, claims):
    assert set(documents) == {p.name for p in SEEDS_TEXTS.glob("*.txt")}
    for name, doc in documents.items():
        raw = (SEEDS_TEXTS / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == doc["sha256"], name
        n_lines = len(raw.decode("utf-8").splitlines())  # as `cat -n` numbers them: a last line without \n counts
        assert int(doc["line_count"]) == n_lines, name
        for claim in (c for c in claims if c["seed_file"] == name):
            assert max(_lines(claim["lines"])) <= n_lines, claim["claim_id"]


def test_every_seed_row_is_backed_by_a_claim(bundle, documents, claims):
    seed_of = dict(zip(bundle.sources["source_id"], bundle.sources["seed_file"], strict=True))
    frames = {
        "event_id": bundle.events,
        "movement_id": bundle.movements,
        "population_id": bundle.populations,
        "claim_id": bundle.distances,
    }
    checked = 0
    for key, frame in frames.items():
        for _, row in frame.loc[frame["seed_lines"] != ""].iterrows():
            seed_file = seed_of[row["source_id"]]
            assert seed_file in documents
            covering = set().union(
                *[
                    _lines(c["lines"])
                    for c in claims
                    if c["seed_file"] == seed_file and row[key] in c["feeds"].split(";")
                ]
            )
            missing = _lines(row["seed_lines"]) - covering
            assert not missing, f"{row[key]} ({seed_file}) cites lines {sorted(missing)} with no register claim"
            checked += 1
    assert checked >= 20


def test_every_id_a_claim_feeds_exists(bundle, claims):
    """A claim's `feeds` names data items (events, movements, populations, distances, context) or places."""
    known = (
        set(bundle.events["event_id"])
        | set(bundle.movements["movement_id"])
        | set(bundle.populations["population_id"])
        | set(bundle.distances["claim_id"])
        | set(bundle.context["context_id"])
        | set(bundle.places["place_id"])
    )
    unknown = {(c["claim_id"], i) for c in claims for i in c["feeds"].split(";") if i and i not in known}
    assert not unknown, sorted(unknown)
