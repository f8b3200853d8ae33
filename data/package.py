"""The data files as a Frictionless Data Package (data/datapackage.json): a Table Schema per file — types,
constraints, enums, primary and foreign keys — its sources and licence, built from data/schema.py (one place to
change the schema). `python -m data.package` writes the file; a test keeps it equal to what this module builds.
"""

from __future__ import annotations

import json
from pathlib import Path

from data import grades, schema

PACKAGE_FILE = Path(__file__).resolve().parent / "datapackage.json"

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # year, month or day precision (the calendar is checked by data.validate)
HOST = r"^[a-z0-9-]+(\.[a-z0-9-]+)+$"
SEED_LINES = r"^\d+(-\d+)?(;\d+(-\d+)?)*$"
URL = r"^https?://\S+$"

COUNT = {"type": "integer", "constraints": {"minimum": 0}}
FIELDS: dict[str, dict] = {
    **{c: COUNT for c in (*schema.COUNT_COLUMNS, "people")},
    "lat": {"type": "number", "constraints": {"minimum": -90, "maximum": 90}},
    "lon": {"type": "number", "constraints": {"minimum": -180, "maximum": 180}},
    "map_dlon": {"type": "number", "constraints": {"minimum": -10, "maximum": 10}},
    "map_dlat": {"type": "number", "constraints": {"minimum": -10, "maximum": 10}},
    "value": {"type": "number", "constraints": {"minimum": 0}},
    **{c: {"type": "string", "constraints": {"pattern": ISO_DATE}}
       for c in ("date", "date_start", "date_end", "published", "active_from", "active_to")},
    "read_at": {"type": "string", "constraints": {"pattern": HOST}},
    "site": {"type": "string", "constraints": {"pattern": HOST}},
    "seed_lines": {"type": "string", "constraints": {"pattern": SEED_LINES}},
    "url": {"type": "string", "format": "uri", "constraints": {"pattern": URL}},
    "coord_source_url": {"type": "string", "format": "uri", "constraints": {"pattern": URL}},
    "state": {"type": "string", "constraints": {"pattern": r"^[a-z]{3}$"}},
}  # fmt: skip
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("claimants.csv", "kind"): schema.KINDS,
    ("sources.csv", "publisher_kind"): schema.KINDS,
    ("places.csv", "kind"): schema.PLACE_KINDS,
    ("places.csv", "map_label_position"): schema.LABEL_POSITIONS,
    ("places.csv", "map_detail_label"): schema.DETAIL_LABEL_SIDES,
    ("events.csv", "kind"): schema.EVENT_KINDS,
    ("movements.csv", "scope"): schema.MOVEMENT_SCOPES,
    ("populations.csv", "status"): schema.POPULATION_STATUSES,
    ("distances.csv", "unit"): tuple(schema.DISTANCE_UNITS),
    ("context.csv", "category"): schema.CONTEXT_CATEGORIES,
    ("items.csv", "actor_role"): schema.ACTOR_ROLES,
    **{(f.name, "date_precision"): schema.PRECISIONS for f in schema.ALL_FILES if "date_precision" in f.columns},
}
# Rows of the files that hold one row per item and source: their key is the item and the source.
KEYS = {
    "events.csv": ["event_id", "source_id"],
    "movements.csv": ["movement_id", "source_id"],
    "context.csv": ["context_id", "source_id"],
}
PLACE, SOURCE, CLAIMANT = ("places.csv", "place_id"), ("sources.csv", "source_id"), ("claimants.csv", "claimant_id")
REFERENCES: dict[str, list[tuple[str, tuple[str, str]]]] = {
    "sites.csv": [("claimant_id", CLAIMANT)],
    "events.csv": [("place_id", PLACE), ("source_id", SOURCE), ("claimant_id", CLAIMANT)],
    "movements.csv": [("origin_place_id", PLACE), ("destination_place_id", PLACE), ("source_id", SOURCE),
                      ("claimant_id", CLAIMANT)],
    "populations.csv": [("place_id", PLACE), ("source_id", SOURCE), ("claimant_id", CLAIMANT)],
    "distances.csv": [("place_id", PLACE), ("source_id", SOURCE), ("claimant_id", CLAIMANT)],
    "context.csv": [("source_id", SOURCE), ("claimant_id", CLAIMANT)],
}  # fmt: skip
DESCRIPTIONS = {
    "places.csv": "Camps and destination countries, with coordinates and how the map draws them.",
    "claimants.csv": "Every body that makes a claim, its kind (the lenses' key) and the state it belongs to.",
    "sources.csv": "Every source document: publisher, title, date, URL and the site its copy was read on.",
    "sites.csv": "Sites pages were read on whose owner we know: a party's site marks a row as relayed by it.",
    "items.csv": "Labels and neutral summaries of attacks, movements and context items; an attack's actor.",
    "conflicts.csv": "Conflicts between items that each item's own range cannot show.",
    "events.csv": "Attacks: one row per attack and source, with each source's figures.",
    "movements.csv": "Transfers and stated totals of residents moved: one row per movement and source.",
    "populations.csv": "Stated (or projected) numbers of residents at a place and date: one row per source.",
    "distances.csv": "Stated distances from a camp.",
    "context.csv": "Political and legal milestones: one row per item and source.",
}
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (our compilation; the source texts remain their publishers')",
}


def _field(spec: schema.FileSchema, column: str) -> dict:
    field = {"name": column, "type": "string", **json.loads(json.dumps(FIELDS.get(column, {})))}
    constraints = field.setdefault("constraints", {})
    if column in spec.required:
        constraints["required"] = True
    if (spec.name, column) in ENUMS:
        constraints["enum"] = list(ENUMS[spec.name, column])
    if not constraints:
        del field["constraints"]
    return field


def _resource(spec: schema.FileSchema) -> dict:
    table: dict = {"fields": [_field(spec, c) for c in spec.columns], "missingValues": [""]}
    table["primaryKey"] = KEYS.get(spec.name, [spec.key]) if spec.name not in ("populations.csv",) else [spec.key]
    refs = REFERENCES.get(spec.name, [])
    if refs:
        table["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target[0].removesuffix(".csv"), "fields": target[1]}}
            for column, target in refs
        ]
    return {
        "name": spec.name.removesuffix(".csv"),
        "path": spec.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": DESCRIPTIONS[spec.name],
        "schema": table,
    }


def descriptor() -> dict:
    """The package descriptor of the data folder."""
    return {
        "profile": "tabular-data-package",
        "name": "camps-atlas",
        "title": "Camps Atlas: Camp Ashraf and Camp Liberty, attacks, transfers and resettlement (1986–2016)",
        "description": "Every figure with the source that gives it and who makes the claim; where sources disagree, "
        "one row per source. Grades (data/grades.py) and relay marks are derived from these rows. "
        + grades.TOLERANCE_TEXT,
        "licenses": [LICENCE],
        "sources": [
            {
                "title": "Independently sourced research rows (UN, governments, NGOs, news), one row per source; "
                "each row's URL is in sources.csv"
            },
            {"title": "The project's register of the seed documents' claims (seeds/)"},
        ],
        "resources": [_resource(spec) for spec in schema.ALL_FILES],
    }


def write(path: Path = PACKAGE_FILE) -> None:
    """Write data/datapackage.json."""
    path.write_text(json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
