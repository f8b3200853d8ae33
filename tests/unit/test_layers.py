"""The layers run one way: data, geo ← figures ← present ← components, exports; serving imports no component; and
no production module or function grows past what a reader can hold (400 and 100 lines).

Every import statement of every module is read (those inside functions too), so a lazy import cannot hide a
dependency that runs back up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("data", "geo", "figures", "present", "components", "exports", "serving")
# What each package may not import (top-level module names).
FORBIDDEN = {
    "data": {"dash", "plotly", "figures", "present", "components", "exports", "serving"},
    "geo": {"dash", "plotly", "figures", "present", "components", "exports", "serving"},
    "figures": {"dash", "present", "components", "exports", "serving"},
    "present": {"dash", "components", "exports", "serving"},
    "components": {"exports", "serving"},
    "exports": {"components", "serving"},
    "serving": {"components"},
}


def imported_modules(path: Path) -> set[str]:
    """The full names of the modules a file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_nothing_above_it(package):
    offences = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / package).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert not offences, "\n".join(offences)


def test_the_walk_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from components.ids import Page\n    import dash.html\n", encoding="utf-8")
    assert imported_modules(module) == {"components.ids", "dash.html"}


MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 100


def test_no_production_module_over_400_lines_and_no_function_over_100():
    too_long = []
    for path in [REPO / "app.py", *(p for package in PACKAGES for p in sorted((REPO / package).rglob("*.py")))]:
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(REPO)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(REPO)}: {node.name} is {length} lines")
    assert not too_long, "\n".join(too_long)
