"""The data folder checked against its Data Package (data/package.py, data/datapackage.json) with the frictionless
library: types, required cells, enums, patterns, ranges, primary and foreign keys. Each error becomes a Problem
naming file, CSV line and column in our words; the rules across files stay in data.validate."""

from __future__ import annotations

from pathlib import Path

import frictionless

from data.package import descriptor
from data.validate import Problem

DEGREES = {"lat": ("degree value", 90), "lon": ("degree value", 180),
           "map_dlon": ("degree offset", 10), "map_dlat": ("degree offset", 10)}  # fmt: skip
PATTERN_WORDS = {
    "read_at": "is not a site name like 'example.org'",
    "site": "is not a site name like 'example.org'",
    "url": "is not an http(s) URL",
    "coord_source_url": "is not an http(s) URL",
    "seed_lines": "is not a list of line numbers like '12' or '12-14;20'",
    "state": "is not a lower-case ISO 3166 alpha-3 code",
}
DATE_WORDS = "is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
REFERENCE_WORDS = {"places": "place", "sources": "source", "claimants": "claimant (see claimants.csv)"}
COUNT_WORDS = "(counts are whole numbers ≥ 0)"


def _cell_problem(file: str, error: frictionless.errors.CellError, field: dict) -> Problem:
    """A type or constraint error of one cell, in our words."""
    name, cell, note = error.field_name, error.cell, error.note
    line = error.row_number
    if name in DEGREES:
        what, limit = DEGREES[name]
        return Problem(file, line, name, f"'{cell}' is not a {what} within ±{limit:g}")
    constraint = note.split('"')[1] if note.count('"') >= 2 else ""
    if error.type == "type-error":
        words = f"is not a whole number {COUNT_WORDS}" if field.get("type") == "integer" else "is not a number"
        return Problem(file, line, name, f"'{cell}' {words}")
    if constraint == "required":
        return Problem(file, line, name, "value is required but empty")
    if constraint == "enum":
        allowed = ", ".join(field["constraints"]["enum"])
        return Problem(file, line, name, f"'{cell}' is not one of: {allowed}")
    if constraint == "minimum":
        words = f"is negative {COUNT_WORDS}" if field.get("type") == "integer" else "is not a positive number"
        return Problem(file, line, name, f"'{cell}' {words}")
    if constraint == "pattern":
        return Problem(file, line, name, f"'{cell}' {PATTERN_WORDS.get(name, DATE_WORDS)}")
    return Problem(file, line, name, f"'{cell}': {note}")


def _row_problem(file: str, error: frictionless.errors.RowError, schema: dict) -> Problem:
    """A key error of one row, in our words."""
    names = [f["name"] for f in schema["fields"]]
    if isinstance(error, frictionless.errors.ForeignKeyError):
        field, value = error.field_names[0], error.field_cells[0]
        what = REFERENCE_WORDS.get(error.reference_name, error.reference_name)
        return Problem(file, error.row_number, field, f"unknown {what} '{value}'")
    if isinstance(error, frictionless.errors.PrimaryKeyError):
        key = schema["primaryKey"]
        values = [error.cells[names.index(k)] if names.index(k) < len(error.cells) else "" for k in key]
        if len(key) == 1:
            return Problem(file, error.row_number, key[0], f"duplicate id '{values[0]}'")
        message = f"a second row for '{values[0]}' from '{values[1]}' (one row per item and source)"
        return Problem(file, error.row_number, key[-1], message)
    return Problem(file, error.row_number, None, f"{error.title}: {error.note}")


def package_problems(folder: Path) -> list[Problem]:
    """Every error frictionless finds in the folder's files against the package's Table Schemas."""
    package = descriptor()
    schemas = {r["name"]: (r["path"], r["schema"]) for r in package["resources"]}
    report = frictionless.Package(package, basepath=str(folder)).validate()
    problems = []
    for task in report.tasks:
        file, schema = schemas[task.name]
        fields = {f["name"]: f for f in schema["fields"]}
        for error in task.errors:
            if isinstance(error, frictionless.errors.CellError):
                problems.append(_cell_problem(file, error, fields.get(error.field_name, {})))
            elif isinstance(error, frictionless.errors.RowError):
                problems.append(_row_problem(file, error, schema))
            else:
                problems.append(Problem(file, None, None, f"{error.title}: {error.note}"))
    return problems
