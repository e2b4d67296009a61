"""The command line: where the settings file may be named."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app


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
