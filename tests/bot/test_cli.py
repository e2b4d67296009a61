"""The command line: where the settings file may be named; how `check` keeps its readers busy."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.judge
import bot.reader
from bot.cli import app
from extractors.model import Nomination
from tests.letters import mail


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """Settings that put the database and the mail folder in a folder of their own."""
    path = tmp_path / "gcc-bot.toml"
    path.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "state.db"}"\n'
                    f'[local]\nfolder = "{tmp_path / "mail"}"\n'
                    f'[review]\nfolder = "{tmp_path / "review"}"\n')
    return path


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", [["poll"], ["roster", "--format", "json"], ["review", "list"]])
def test_the_settings_file_may_be_named_before_or_after_the_command(
        settings_file: Path, tmp_path: Path, command: list[str], where: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path.parent)  # no gcc-bot.toml in the working folder
    option = ["--config", str(settings_file)]
    args = option + command if where == "before" else command + option
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    assert (tmp_path / "state.db").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_wrong_setting_is_named_wherever_the_file_is_given(tmp_path: Path, where: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[schedule]\npoll_seconds = "soon"\n')
    option = ["--config", str(bad)]
    run = CliRunner().invoke(app, option + ["poll"] if where == "before" else ["poll"] + option)
    assert run.exit_code == 2
    assert "schedule.poll_seconds" in run.output


def _read_at_once(request: bot.reader.Request) -> Nomination:
    return Nomination()


def test_check_gives_a_reader_its_next_file_before_the_last_ones_rules_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One reader, three files: the first file's rules wait until the reader has been handed
    the second, which happens only if the second waits parsed on a thread of its own."""
    files = []
    for number in range(3):
        files.append(tmp_path / f"{number}.eml")
        files[-1].write_bytes(mail(subject=f"Letter {number}", message_id=f"<{number}@example.gov>"))
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(bot.reader, "read_request", _read_at_once)  # inherited by the reader
    handed, read, rule = threading.Event(), bot.reader.Reader.read, bot.judge.rule
    waited: list[bool] = []

    def reading(reader: bot.reader.Reader, request: bot.reader.Request) -> Nomination:
        if request.submission.message_id == "<1@example.gov>":
            handed.set()
        return read(reader, request)

    def ruling(submission: Any, *args: Any, **kwargs: Any) -> bot.judge.Judgement:
        if submission.message_id == "<0@example.gov>":
            waited.append(handed.wait(30))
        return rule(submission, *args, **kwargs)

    monkeypatch.setattr(bot.reader.Reader, "read", reading)
    monkeypatch.setattr(bot.judge, "rule", ruling)
    run = CliRunner().invoke(app, ["check", *map(str, files)])
    assert run.exit_code == 0, run.output
    assert waited == [True]
    assert [line.split(":")[0] for line in run.output.splitlines()] == list(map(str, files))
