"""`gcc-bot doctor` says what is wrong with an installation, and exits 1 when anything is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import app
from tests.servers import DovecotServer, SmtpServer, free_port


def doctor(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        app(["doctor", "--config", str(config)])
    return int(exit_info.value.code or 0), capsys.readouterr().out


def test_a_working_local_installation_is_healthy(tmp_path: Path, database_url: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "gcc-bot.toml"
    config.write_text(f'[database]\nurl = "{database_url}"\n[local]\nfolder = "{tmp_path}/mail"\n'
                      f'[review]\nfolder = "{tmp_path}/review"\n'
                      '[meeting]\nstart = "2999-12-06T13:00:00+01:00"\n'
                      'end = "2999-12-06T14:30:00+01:00"\nlink = "https://meet.example.org/1"\n')
    code, out = doctor(config, capsys)
    assert code == 0, out
    assert [line.split()[1].rstrip(":") for line in out.splitlines()] == [
        "settings", "database", "mailbox", "smtp", "review", "tesseract", "meeting", "trust",
        "authentication"]
    assert all(line.startswith("OK") for line in out.splitlines()[:-1])
    assert out.splitlines()[-1].startswith("WARNING  authentication: no message in the mailbox")
    assert "ara chi_sim eng fra rus spa" in out


def test_every_unreachable_service_is_named_and_no_secret_is_printed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = free_port()
    config = tmp_path / "gcc-bot.toml"
    config.write_text(f"""
[database]
url = "postgresql+psycopg://gcc:db-secret-pw@127.0.0.1:{closed}/gcc"
[mailbox]
host = "127.0.0.1"
port = {closed}
security = "none"
username = "secretariat"
password = "imap-secret-pw"
[smtp]
host = "127.0.0.1"
port = {closed}
security = "none"
username = "secretariat"
password = "smtp-secret-pw"
[review]
folder = "{tmp_path}/review"
""")
    code, out = doctor(config, capsys)
    assert code == 1
    problems = [line.split()[1].rstrip(":") for line in out.splitlines()
                if line.startswith("PROBLEM")]
    assert problems == ["database", "mailbox", "smtp"]
    assert "secret-pw" not in out


def test_a_wrong_setting_is_a_problem_too(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "gcc-bot.toml"
    config.write_text("[schedule]\npoll_seconds = 0\n")
    code, out = doctor(config, capsys)
    assert code == 1 and "PROBLEM  settings:" in out and "poll_seconds" in out


@pytest.mark.slow
def test_a_real_imap_login_and_smtp_connection_pass(
        tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    config = imap_config(tmp_path, dovecot, f"""
[smtp]
host = "{smtp_server.host}"
port = {smtp_server.port}
security = "none"
""")
    code, out = doctor(config, capsys)
    lines = {line.split()[1].rstrip(":"): line for line in out.splitlines()}
    assert lines["mailbox"].startswith("OK") and "logged in" in lines["mailbox"]
    assert lines["smtp"].startswith("OK")
    assert lines["meeting"].startswith("WARNING") and code == 0
    config.write_text(config.read_text().replace('password = "', 'password = "x'))
    code, out = doctor(config, capsys)
    assert code == 1 and any(line.startswith("PROBLEM  mailbox") for line in out.splitlines())


def imap_config(tmp_path: Path, dovecot: DovecotServer,
                extra: str = '[security]\nauthserv_id = "mx.itu.int"\n') -> Path:
    """Settings for the test Dovecot, with `extra` sections appended."""
    config = tmp_path / "gcc-bot.toml"
    config.write_text(f"""
[database]
url = "sqlite:///{tmp_path}/state.db"
[mailbox]
host = "{dovecot.host}"
port = {dovecot.port}
security = "none"
username = "{dovecot.username}"
password = "{dovecot.password}"
[review]
folder = "{tmp_path}/review"
""" + extra)
    return config


@pytest.mark.slow
def test_doctor_says_when_our_mx_does_not_stamp_the_mail_in_the_mailbox(
        tmp_path: Path, dovecot: DovecotServer, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.letters import letter_mail

    config = imap_config(tmp_path, dovecot)
    dovecot.deliver(*(letter_mail(authenticated=False) for _ in range(3)))
    code, out = doctor(config, capsys)
    [line] = [line for line in out.splitlines() if " authentication:" in line]
    assert code == 1 and line.startswith("PROBLEM")
    assert "0 of the latest 3 messages" in line and "mx.itu.int" in line and "review" in line
    dovecot.deliver(letter_mail(authenticated=True))
    _, out = doctor(config, capsys)
    [line] = [line for line in out.splitlines() if " authentication:" in line]
    assert line.startswith("WARNING") and "1 of the latest 4 messages" in line
