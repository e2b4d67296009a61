"""`gcc-bot poll` against a real Dovecot and a real SMTP server: answered once, nothing lost.

Every poll here is the real command in its own process, so that a SIGKILL
hits it exactly as it would hit the daemon in production.
"""

from __future__ import annotations

import email
import random
import subprocess
import sys
import time
from collections import Counter
from email import policy
from pathlib import Path

import pytest

from tests.letters import Letter, letter_mail, mail, person
from tests.servers import DovecotServer, SmtpServer, dovecot, smtp_server, tls_files  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DONE = ("GCC/Confirmed", "GCC/Corrections", "GCC/Review", "GCC/NotEligible", "GCC/Ignored", "GCC/Duplicates")


@pytest.fixture
def config(tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer) -> Path:
    """Settings pointing the bot at the two test servers, as the README shows for a real mailbox."""
    path = tmp_path / "gcc-bot.toml"
    path.write_text(f"""\
[mailbox]
host = "{dovecot.host}"
port = {dovecot.port}
security = "none"
username = "{dovecot.username}"
password = "{dovecot.password}"
folder = "INBOX"

[smtp]
host = "{smtp_server.host}"
port = {smtp_server.port}
security = "none"
from = "gcc-secretariat@itu.int"

[database]
url = "sqlite:///{tmp_path / 'state.db'}"

[review]
folder = "{tmp_path / 'review'}"

[meeting]
title = "GCC first meeting"
start = "2999-12-06T13:00:00+01:00"
end = "2999-12-06T14:30:00+01:00"
link = "https://meet.example.org/gcc-1"
""")
    return path


def start_poll(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import app; app()", "poll", "--config", str(config)],
        cwd=config.parent,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def poll(config: Path) -> str:
    """Run one complete poll; its summary line."""
    process = start_poll(config)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    return out.strip()


def sent(server: SmtpServer) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(e.content, policy=policy.default) for e in server.messages]  # type: ignore[misc]


def folder_sizes(server: DovecotServer) -> dict[str, int]:
    with server.client() as client:
        names = [name for flags, _, name in client.list_folders() if b"\\Noselect" not in flags]
        return {name: client.folder_status(name, [b"MESSAGES"])[b"MESSAGES"] for name in names}


def kenya_letter(message_id: str = "<kenya-1@ict.go.ke>") -> bytes:
    return letter_mail(Letter(nominees=[person(1, "primary"), person(2, "alternate")]), message_id=message_id)


def test_a_new_letter_is_answered_moved_and_kept_in_sent_and_a_second_poll_sends_nothing(config, dovecot, smtp_server):
    dovecot.deliver(kenya_letter())

    poll(config)
    replies = sent(smtp_server)
    assert replies and all(r["In-Reply-To"] == "<kenya-1@ict.go.ke>" or r["X-GCC-Decision"] for r in replies)
    assert {r["X-GCC-Decision"] for r in replies} == {"confirmed"}
    recipients = {address for e in smtp_server.messages for address in e.rcpt_tos}
    assert {"registry@ict.go.ke", "a.otieno@ict.go.ke", "b.kamau@ict.go.ke"} <= recipients
    sizes = folder_sizes(dovecot)
    assert sizes["INBOX"] == 0 and sizes["GCC/Confirmed"] == 1
    assert sizes["Sent"] == len(replies)

    assert "fetched 0" in poll(config)
    assert len(sent(smtp_server)) == len(replies)


def test_a_rebuilt_folder_with_a_new_uidvalidity_loses_no_new_mail_and_answers_no_old_one_twice(
    config, dovecot, smtp_server
):
    config.write_text(config.read_text().replace('folder = "INBOX"', 'folder = "Nominations"'))
    dovecot.deliver(kenya_letter(), folder="Nominations")
    poll(config)
    answered = len(smtp_server.messages)
    with dovecot.client() as client:  # the folder is rebuilt: UIDs start again at 1 under a new UIDVALIDITY
        client.delete_folder("Nominations")
    newcomer = mail(sender="office@ministry.gov.example", body="Our letter follows.\n", message_id="<new-1@x.example>")
    dovecot.deliver(newcomer, kenya_letter(), folder="Nominations")

    poll(config)
    later = sent(smtp_server)[answered:]
    assert {r["In-Reply-To"] for r in later} == {"<new-1@x.example>"}
    assert folder_sizes(dovecot)["GCC/Duplicates"] == 1


def test_replies_wait_while_smtp_is_down_and_leave_once_it_is_back(config, dovecot, smtp_server):
    dovecot.deliver(kenya_letter())
    smtp_server.stop()
    assert "send failures" in poll(config)
    assert folder_sizes(dovecot)["GCC/Confirmed"] == 1, "the decision is stored, so the mail is settled"

    smtp_server.start()
    with sqlite(config) as db:  # the retry is due now rather than after the backoff
        db.execute("UPDATE outgoing SET next_attempt_at = '2000-01-01 00:00:00'")
    poll(config)
    poll(config)
    ids = Counter(r["Message-ID"] for r in sent(smtp_server))
    assert ids and set(ids.values()) == {1}


def sqlite(config: Path):  # type: ignore[no-untyped-def]
    import sqlite3
    from contextlib import closing

    connection = sqlite3.connect(config.parent / "state.db")
    connection.isolation_level = None
    return closing(connection)


def thirty_letters() -> list[bytes]:
    """Thirty different mails from thirty senders: a few real PDF letters, the rest plain mail."""
    letters = [
        letter_mail(
            Letter(nominees=[person(n % 5 + 1, "primary")], signatory=f"Signatory {n}"),
            sender=f"registry{n}@ict.go.ke",
            message_id=f"<letter-{n}@ict.go.ke>",
        )
        for n in range(5)
    ]
    letters += [
        mail(
            sender=f"office{n}@ministry{n}.gov.example",
            subject=f"GCC nomination {n}",
            body=f"Dear Secretariat,\n\nWe nominate person number {n}; the letter follows.\n",
            message_id=f"<mail-{n}@ministry{n}.gov.example>",
        )
        for n in range(5, 30)
    ]
    return letters


@pytest.mark.parametrize("seed", [1])
def test_sigkill_at_random_moments_of_a_poll_then_a_clean_poll_answers_every_letter_exactly_once(
    config, dovecot, smtp_server, seed
):
    letters = thirty_letters()
    dovecot.deliver(*letters)
    incoming = {email.message_from_bytes(raw)["Message-ID"] for raw in letters}
    rng = random.Random(seed)
    running: list[subprocess.Popen[str]] = []

    def kill_during_send(envelope) -> str | None:  # noqa: ANN001 - aiosmtpd's Envelope
        """Once, kill the poll while its message is in the SMTP DATA phase (not yet accepted)."""
        smtp_server.handler.before_accept = None
        running[-1].kill()
        return "421 4.3.0 Connection dropped"

    for round_number in range(6):
        if round_number == 3:
            smtp_server.handler.before_accept = kill_during_send
        process = start_poll(config)
        running.append(process)
        try:
            process.wait(timeout=rng.uniform(2.0, 15.0))
        except subprocess.TimeoutExpired:
            process.kill()
        process.communicate()

    summary = poll(config)
    assert "send failures 0" in summary

    replies = sent(smtp_server)
    ids = Counter(r["Message-ID"] for r in replies)
    assert [i for i, count in ids.items() if count > 1] == [], "a reply went out twice"
    answered = {r["In-Reply-To"] for r in replies}
    assert incoming <= answered, f"never answered: {sorted(incoming - answered)}"
    sizes = folder_sizes(dovecot)
    assert sizes["INBOX"] == 0
    assert sum(sizes.get(name, 0) for name in DONE) == 30
    assert "fetched 0" in poll(config) and len(smtp_server.messages) == len(replies)
