"""The layout is the architecture: etl/ stays pure, and data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def _imports(folder: str) -> dict[str, set[str]]:
    found = {}
    for path in sorted((PROJECT / folder).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(PROJECT))] = names
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("etl", {"dagster", "streamlit", "assets", "dashboard", "warehouse", "wirewatch"}),
        ("warehouse", {"dagster", "streamlit", "assets", "dashboard"}),
        ("dashboard", {"dagster", "assets", "etl"}),
    ],
)
def test_layers_do_not_import_what_comes_after_them(folder: str, forbidden: set[str]) -> None:
    offenders = {
        path: names & forbidden for path, names in _imports(folder).items() if names & forbidden
    }
    assert offenders == {}
