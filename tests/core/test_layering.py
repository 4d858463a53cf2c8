"""STYLE.md rule 2: layers import downward only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> modules it must never import (top-level names)
FORBIDDEN = {
    "ingest": {"duckdb", "streamlit", "plotly", "dashboard", "workspace", "analysis"},
    "analysis": {"duckdb", "streamlit", "dashboard", "workspace"},
    "workspace": {"streamlit", "dashboard"},
}
# analysis may use ingest's contract (and its message catalogue), not its readers
ALLOWED_INGEST_FROM_ANALYSIS = {
    "ingest.schema",
    "ingest.errors",
    "ingest.settings",
    "ingest.messages",
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_downward_only(package):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files(package)
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert not wrong, "\n".join(wrong)


def test_analysis_uses_only_the_ingest_contract():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("analysis")
        for name in imported_modules(path)
        if name.startswith("ingest") and name not in ALLOWED_INGEST_FROM_ANALYSIS
    ]
    assert not wrong, "\n".join(wrong)


def test_figures_module_never_imports_streamlit():
    assert "streamlit" not in {
        n.split(".")[0] for n in imported_modules(ROOT / "dashboard" / "figures.py")
    }


def test_checker_sees_a_wrong_arrow(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import duckdb\nfrom streamlit import session_state\n", encoding="utf-8")
    assert imported_modules(bad) == ["duckdb", "streamlit"]


def test_views_read_queries_through_typed_functions_not_by_name():
    # Issue 11, build item 9: `state.query("theme_table")` returned Any and hid a typo until
    # the page ran; every query is a typed function in dashboard/data.py.
    by_name = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in python_files("dashboard")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr in {"query", "query_all"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "state"
    ]
    assert not by_name, "\n".join(by_name)
