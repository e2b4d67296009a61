"""The prose reader loads spaCy without spaCy's command line, and `spacy.info` still works.

Each check runs in a fresh interpreter: what is imported depends on what was imported before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMAND_LINE = ("spacy.cli", "weasel", "httpx", "requests")


def fresh(script: str) -> str:
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env=environment, timeout=120).stdout


def test_reading_prose_loads_spacy_but_not_its_command_line() -> None:
    loaded = json.loads(fresh(
        "import json, sys; from extractors.fields.prose import parse_prose; "
        "parse_prose('We nominate Ms Jane Doe, Director, jane.doe@example.org, as primary contact.', 'en'); "
        f"print(json.dumps([m for m in {COMMAND_LINE!r} + ('spacy',) if m in sys.modules]))"))
    assert loaded == ["spacy"]


def test_spacy_info_loads_the_real_command_line_when_called() -> None:
    keys, real = json.loads(fresh(
        "import json, sys, extractors.fields.nlp, spacy; data = spacy.info(silent=True); "
        "print(json.dumps([sorted(data), 'spacy.cli' in sys.modules]))"))
    assert {"location", "platform", "pipelines"} <= set(keys)
    assert real


def test_catalogue_finds_every_group_s_entry_points_as_without_the_index() -> None:
    """spaCy's registries see the entry points they would see scanning them all each time."""
    indexed, scanned = json.loads(fresh(
        "import json, importlib.metadata, catalogue, extractors.fields.nlp; "
        "groups = sorted(importlib.metadata.entry_points().groups); "
        "see = lambda found: {g: sorted(e.value for e in found.select(group=g)) for g in groups}; "
        "print(json.dumps([see(catalogue.AVAILABLE_ENTRY_POINTS), see(importlib.metadata.entry_points())]))"))
    assert indexed == scanned
    assert indexed["spacy_loggers"] and indexed["console_scripts"]
