"""The code is typed throughout: `mypy --strict` (settings in pyproject.toml) finds no error
in bot, rules and extractors, so a wrong type is caught here rather than in a letter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_strict_finds_no_error_in_the_packages() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "bot", "rules", "extractors"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
