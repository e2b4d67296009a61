"""No function in bot, rules or extractors is over 50 lines, unless a comment says why.

A long function is allowed only with a comment on the line above it (above its decorators)
that starts with `# Longer than 50 lines:` and gives the reason, so that every exception is
a decision someone wrote down rather than growth nobody noticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "rules", "extractors")
MAX_LINES = 50
WHY = "# longer than 50 lines:"
HISTORY = "migrations"
"""Alembic revisions are history, applied as written and never edited: a long upgrade() stays."""


def long_functions(source: str) -> list[tuple[str, int, int]]:
    """(name, first line, length) of each function over MAX_LINES without a why-comment above it."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        top = min([node.lineno] + [d.lineno for d in node.decorator_list])
        above = lines[top - 2].strip().lower() if top >= 2 else ""
        explained = above.startswith(WHY) and len(above) > len(WHY) + 3
        if length > MAX_LINES and not explained:
            found.append((node.name, node.lineno, length))
    return found


def function(lines: int, above: str = "") -> str:
    """Source of a function `lines` long, with `above` on the lines before it."""
    body = "\n".join(f"    x = {i}" for i in range(lines - 1))
    return f"{above}def f():\n{body}\n"


def test_a_long_function_needs_a_comment_saying_why() -> None:
    assert long_functions(function(MAX_LINES)) == []
    assert long_functions(function(MAX_LINES + 1)) == [("f", 1, MAX_LINES + 1)]
    assert long_functions(function(80, "# Longer than 50 lines: one table, read in one pass.\n")) == []
    assert long_functions(function(80, "# Longer than 50 lines: a state machine.\n@cache\n")) == []
    assert long_functions(function(80, "# Longer than 50 lines:\n")) != []  # no reason given
    assert long_functions(function(80, "# it is long\n")) != []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_over_50_lines_without_a_reason(package: str) -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line} {name} ({length} lines)"
                 for path in sorted((ROOT / package).rglob("*.py")) if HISTORY not in path.parts
                 for name, line, length in long_functions(path.read_text(encoding="utf-8"))]
    assert not offenders, "\n".join(offenders)
