"""`gcc-bot poll` against a real Dovecot and a real SMTP server: answered once, nothing lost.

Every poll here is the real command in its own process, so that a SIGKILL
hits it exactly as it would hit the daemon in production. The kills land at
random points of each stage (fetch, decide, between two sends, inside a send)
but never in the one window no SMTP client can close: after the server has
accepted a message and before the bot has recorded that it did.
"""

from __future__ import annotations

import email
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from email import policy
from pathlib import Path

import pytest

from tests.letters import Letter, letter_mail, mail, person
from tests.servers import DovecotServer, SmtpServer

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DONE = ("GCC/Confirmed", "GCC/Corrections", "GCC/Review", "GCC/NotEligible", "GCC/Ignored", "GCC/Duplicates")


@pytest.fixture
def config(tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer) -> Path:
    """Settings pointing the bot at the two test servers, as the README shows for a real mailbox."""
    path = tmp_path / "gcc-bot.toml"
    path.write_text(dovecot.mailbox_settings() + f"""\
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
    (answer,) = [r for r in replies if r["Auto-Submitted"] == "auto-replied"]
    assert answer["In-Reply-To"] == "<kenya-1@ict.go.ke>"
    assert answer["References"].split()[-1] == "<kenya-1@ict.go.ke>"
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


def count(config: Path, query: str) -> int:
    """A number read from the bot's state database while it works (0 before it exists)."""
    import sqlite3

    try:
        with sqlite(config) as db:
            return db.execute(query).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


STORED = "SELECT count(*) FROM messages"
DECIDED = "SELECT count(*) FROM messages WHERE status IN ('decided', 'duplicate')"


def kill_when(process: subprocess.Popen[str], reached: Callable[[], bool], timeout: float = 120) -> bool:
    """SIGKILL the poll the moment `reached()` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if reached():
            process.kill()
            break
        time.sleep(0.01)
    process.communicate()
    return process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_at_random_moments_of_a_poll_then_a_clean_poll_answers_every_letter_exactly_once(
    config, dovecot, smtp_server, seed
):
    letters = thirty_letters()
    dovecot.deliver(*letters)
    incoming = {email.message_from_bytes(raw)["Message-ID"] for raw in letters}
    rng = random.Random(seed)

    def further(stage: str) -> Callable[[], bool]:
        """A random point a few steps further along a stage, short of its end (30 of each)."""
        now = count(config, stage)
        target = now + rng.randint(1, min(8, 29 - now))
        return lambda: count(config, stage) >= target

    def killed_at_smtp(phase: str) -> bool:
        """Kill a poll when the SMTP server gets the phase's command of a random message of this poll.

        At MAIL the previous reply is recorded and this one not yet accepted;
        at DATA the server has the message but has not accepted it.
        """
        process = start_poll(config)
        remaining = [rng.randint(1, 4)]

        def interrupt(command: str) -> str | None:
            if command != phase:
                return None
            remaining[0] -= 1
            if remaining[0]:
                return None
            smtp_server.handler.interrupt = None
            process.kill()
            return "421 4.3.0 Connection dropped"

        smtp_server.handler.interrupt = interrupt
        try:
            return kill_when(process, lambda: False)
        finally:
            smtp_server.handler.interrupt = None

    # Stored but not decided; decided but not sent; between two sends; in the middle of one.
    killed = [kill_when(start_poll(config), further(stage)) for stage in (STORED, DECIDED, DECIDED)]
    killed += [killed_at_smtp(phase) for phase in ("MAIL", "DATA", "MAIL", "DATA")]

    summary = poll(config)
    assert all(killed), "every planned kill must land inside a poll that still had work"
    assert "send failures 0" in summary

    replies = sent(smtp_server)
    ids = Counter(r["Message-ID"] for r in replies)
    assert [i for i, n in ids.items() if n > 1] == [], "a reply went out twice"
    answered = {r["In-Reply-To"] for r in replies}
    assert incoming <= answered, f"never answered: {sorted(incoming - answered)}"
    sizes = folder_sizes(dovecot)
    assert sizes["INBOX"] == 0
    assert sum(sizes.get(name, 0) for name in DONE) == 30
    assert "fetched 0" in poll(config) and len(smtp_server.messages) == len(replies)


def test_two_polls_at_once_on_the_same_database_double_nothing(config, dovecot, smtp_server):
    poll(config)  # the database exists (two first starts at once race on its migration)
    letters = thirty_letters()[5:15]
    dovecot.deliver(*letters)
    first, second = start_poll(config), start_poll(config)
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-1500:]
    poll(config)

    replies = sent(smtp_server)
    assert len(replies) == len({r["Message-ID"] for r in replies}), "a reply went out twice"
    assert {r["In-Reply-To"] for r in replies} == {email.message_from_bytes(raw)["Message-ID"] for raw in letters}
    assert folder_sizes(dovecot)["INBOX"] == 0
