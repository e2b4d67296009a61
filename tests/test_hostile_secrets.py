"""Passwords never reach the logs or the review folder, even at DEBUG level and when a
login fails; the bot's own log lines are one event each, naming the case."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.runtime import open_flow
from bot.settings import (DatabaseSettings, MailboxSettings, MeetingSettings, ReviewSettings,
                          Settings, SmtpSettings)
from tests.letters import Letter, letter_mail
from tests.servers import DovecotServer, SmtpServer

pytestmark = pytest.mark.slow


def settings_for(tmp_path: Path, url: str, dovecot: DovecotServer, smtp: SmtpServer,
                 password: str) -> Settings:
    return Settings(
        mailbox=MailboxSettings(host=dovecot.host, port=dovecot.port, security="none",
                                username=dovecot.username, password=password),
        smtp=SmtpSettings(host=smtp.host, port=smtp.port, security="none"),
        database=DatabaseSettings(url=url),
        review=ReviewSettings(folder=tmp_path / "review"),
        meeting=MeetingSettings(start="2999-12-06T13:00:00+01:00",
                                end="2999-12-06T14:30:00+01:00", link="https://meet.example.org/1"),
    )


def test_a_poll_logs_no_password_and_one_line_per_event(
        tmp_path: Path, database_url: str, dovecot: DovecotServer, smtp_server: SmtpServer,
        caplog: pytest.LogCaptureFixture) -> None:
    dovecot.deliver(letter_mail(), letter_mail(Letter(signed=False)))
    caplog.set_level(logging.DEBUG)
    good = settings_for(tmp_path, database_url, dovecot, smtp_server, dovecot.password)
    assert dovecot.password not in repr(good) and dovecot.password not in str(good)
    with open_flow(good) as flow:
        report = flow.poll()
    assert sum(report.decided.values()) == 2
    wrong = settings_for(tmp_path, database_url, dovecot, smtp_server, "wrong-" + dovecot.password)
    with open_flow(wrong) as flow:
        with pytest.raises(Exception):
            flow.poll()
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert dovecot.password not in logged
    written = [p.read_bytes() for p in (tmp_path / "review").rglob("*") if p.is_file()]
    assert not any(dovecot.password.encode() in data for data in written)
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert ours and all("\n" not in message for message in ours)
    decided = [m for m in ours if " decided " in m]
    assert len(decided) == 2 and all(m.startswith("case GCC-") for m in decided)
