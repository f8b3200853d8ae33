"""A Babel extraction method for our data files (babel.cfg): the texts the page shows from a CSV column (items'
labels, key events' labels, story steps' titles) become catalogue entries whose msgid is the English text, so
`t(lang, label)` translates them like any other string, and a changed text in the data is a new entry to
translate (the catalogue test finds it untranslated).

babel.cfg names it `csv` in its [extractors] section: `[csv: data/items.csv]` with `columns = label` (comma-separated),
and optionally `<column>_skip = <key column>:<prefix>` for rows whose text in that column the page never shows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, str]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """(line number, no function, text, comments) of each non-empty cell of the `columns` option's columns."""
    columns = [c.strip() for c in options.get("columns", "").split(",") if c.strip()]
    skips = {c: options[f"{c}_skip"].partition(":")[::2] for c in columns if options.get(f"{c}_skip")}
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    missing = [c for c in [*columns, *(key for key, _ in skips.values())] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"columns {missing} are not in the file (it has {reader.fieldnames})")
    for row in reader:
        for column in columns:
            key, prefix = skips.get(column, ("", ""))
            text = (row[column] or "").strip()
            if text and not (key and row[key].startswith(prefix)):
                yield reader.line_num, None, text, [f"data: {column}"]
