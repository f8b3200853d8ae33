"""Ids: unique in the layout, every callback id exists, the public ids are present."""

from __future__ import annotations

import pytest

PUBLIC = {
    "date-range",
    "map",
    "casualty-chart",
    "relocation-chart",
    "kpi-killed",
    "kpi-wounded",
    "kpi-transferred",
    "kpi-relocated",
    "reset-button",
}


@pytest.fixture(scope="module")
def app_module():
    import app

    app.app._setup_server()  # Dash fills callback_map on the first request; do it now so the test checks them
    return app


def page(app_module):
    """The page's layout (built per request from the URL's view: components/first_paint.py)."""
    layout = app_module.app.layout
    return layout() if callable(layout) else layout


def _key(cid) -> str:
    """A string id as is; a pattern-matching id (a dict, or its JSON form) by its type."""
    import json

    if isinstance(cid, str) and cid.startswith("{"):
        cid = json.loads(cid)
    return cid["type"] if isinstance(cid, dict) else cid


def _ids(component) -> list[str]:
    found = []
    cid = getattr(component, "id", None)
    if cid is not None:
        found.append(_key(cid))
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found += _ids(child)
    return found


def _full_ids(component) -> list[str]:
    """Every id of the layout in full (a pattern-matching id as its JSON: type and index)."""
    import json

    cid = getattr(component, "id", None)
    found = [json.dumps(cid, sort_keys=True) if isinstance(cid, dict) else cid] if cid is not None else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found += _full_ids(child)
    return found


def test_ids_unique_and_public_ids_present(app_module):
    full = _full_ids(page(app_module))
    assert len(full) == len(set(full))
    ids = _ids(page(app_module))
    assert set(ids) >= PUBLIC


def test_every_callback_id_is_in_the_layout(app_module):
    ids = set(_ids(page(app_module)))
    callback_map = app_module.app.callback_map
    assert len(callback_map) >= 8
    used = set()
    for spec in callback_map.values():
        for item in spec["inputs"] + spec["state"]:
            used.add(_key(item["id"]))
    for key in callback_map:
        for part in key.strip(".").split("..."):
            target = part.rsplit(".", 1)[0].split("@")[0]
            used.add(_key(target))
    # a pattern-matching type whose components a callback draws (the detail panel's list of movements on a line)
    from components.ids import Detail

    assert used - {Detail.ALONG} <= ids, used - ids


def test_no_literal_ids_outside_ids_module():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "components"
    for path in root.rglob("*.py"):
        if path.name == "ids.py":
            continue
        text = path.read_text(encoding="utf-8")
        for public in PUBLIC:
            for pattern in (f'id="{public}"', f'Input("{public}"', f'Output("{public}"', f'State("{public}"'):
                assert pattern not in text, f"{path.name} types the id {public!r}; use components.ids"
