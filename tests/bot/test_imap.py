"""The IMAP mailbox against a real Dovecot: fetch once, settle safely, survive the network."""

from __future__ import annotations

import logging
import re
import threading
import time
import email.policy
from email.message import EmailMessage

import pytest

from bot.transports.base import IncomingMail
from bot.transports.imap import DONE_KEYWORD, ImapMailbox, LoginFailed, MailboxUnavailable
from tests.servers import DovecotServer

pytestmark = pytest.mark.slow


class MemoryCursor(dict):
    """The cursor the state store would keep, held in a dict."""

    def get(self, name: str) -> str | None:  # type: ignore[override]
        return super().get(name)

    def set(self, name: str, value: str) -> None:
        self[name] = value


def letter(number: int) -> bytes:
    message = EmailMessage()
    message["From"] = "ministry@ict.go.ke"
    message["To"] = "gcc-secretariat@itu.int"
    message["Subject"] = f"Nomination {number}"
    message["Message-ID"] = f"<letter-{number}@ict.go.ke>"
    message.set_content(f"Letter number {number}.")
    return message.as_bytes(policy=email.policy.SMTP)


def mailbox(server: DovecotServer, **options: object) -> ImapMailbox:
    options.setdefault("backoff", 0.01)
    return ImapMailbox(server.host, server.port, "none", server.username, server.password, **options)  # type: ignore[arg-type]


def subjects(mails) -> list[str]:
    return [re.search(rb"Subject: (.*?)\r?\n", mail.raw).group(1).decode() for mail in mails]


def flags_in(server: DovecotServer, folder: str) -> list[set[bytes]]:
    with server.client() as client:
        client.select_folder(folder, readonly=True)
        uids = client.search()
        return [set(data[b"FLAGS"]) - {b"\\Recent"} for data in client.fetch(uids, ["FLAGS"]).values()] if uids else []


def bodies_downloaded(server: DovecotServer, sessions: int) -> list[int]:
    """Dovecot's own count of message bodies sent, per IMAP session, once `sessions` have logged out."""
    deadline = time.monotonic() + 5
    while True:
        counts = [int(n) for n in re.findall(r"Logged out .*?body_count=(\d+)", server.log_path.read_text())]
        if len(counts) >= sessions or time.monotonic() > deadline:
            return counts


def test_new_mail_is_fetched_oldest_first_with_a_key_naming_account_folder_uidvalidity_and_uid(dovecot):
    dovecot.deliver(letter(1), letter(2), letter(3))
    box = mailbox(dovecot)
    mails = list(box.fetch_new(MemoryCursor()))
    box.close()

    assert subjects(mails) == ["Nomination 1", "Nomination 2", "Nomination 3"]
    assert all(re.fullmatch(r"imap:secretariat@gcc\.test@127\.0\.0\.1/INBOX/\d+/[123]", m.key) for m in mails)
    assert mails[0].raw == letter(1)
    assert flags_in(dovecot, "INBOX") == [set(), set(), set()], "fetching must not mark mail as read"


def test_settled_mail_is_flagged_moved_per_outcome_and_never_fetched_again(dovecot):
    dovecot.deliver(letter(1), letter(2))
    cursor = MemoryCursor()
    box = mailbox(dovecot)
    first, second = box.fetch_new(cursor)
    box.settle(first, "confirmed")
    box.settle(second, "corrections_requested")

    assert list(box.fetch_new(cursor)) == []
    box.close()
    assert flags_in(dovecot, "INBOX") == []
    assert flags_in(dovecot, "GCC/Confirmed") == [{b"\\Seen", DONE_KEYWORD.encode()}]
    assert flags_in(dovecot, "GCC/Corrections") == [{b"\\Seen", DONE_KEYWORD.encode()}]


def test_a_steady_poll_downloads_no_old_body_even_when_settled_mail_stays_in_the_folder(dovecot):
    dovecot.deliver(*(letter(n) for n in range(5)))
    cursor = MemoryCursor()
    box = mailbox(dovecot, done_folders={})  # flag only, keep every message where it is
    for mail in box.fetch_new(cursor):
        box.settle(mail, "confirmed")
    box.close()
    assert sum(bodies_downloaded(dovecot, sessions=2)) == 5  # delivery, then the first poll

    dovecot.deliver(letter(99))
    box = mailbox(dovecot, done_folders={})
    assert subjects(box.fetch_new(cursor)) == ["Nomination 99"]
    box.close()
    assert sum(bodies_downloaded(dovecot, sessions=4)[2:]) == 1  # the new one only
    assert len(flags_in(dovecot, "INBOX")) == 6


def test_mail_fetched_but_not_settled_is_offered_again(dovecot):
    """A crash between fetch and settle loses nothing: the message comes back under the same key."""
    dovecot.deliver(letter(1), letter(2))
    cursor = MemoryCursor()
    box = mailbox(dovecot)
    first_poll = list(box.fetch_new(cursor))
    box.settle(first_poll[0], "ignored")
    second_poll = list(box.fetch_new(cursor))
    box.close()

    assert [m.key for m in second_poll] == [first_poll[1].key]


def test_messages_are_downloaded_in_batches(dovecot):
    dovecot.deliver(*(letter(n) for n in range(7)))
    box = mailbox(dovecot, batch_size=3)
    assert subjects(box.fetch_new(MemoryCursor())) == [f"Nomination {n}" for n in range(7)]
    box.close()


def test_cursor_remembers_uidvalidity_and_the_last_uid_handed_over(dovecot):
    dovecot.deliver(letter(1), letter(2), letter(3))
    cursor = MemoryCursor()
    box = mailbox(dovecot)
    mails = box.fetch_new(cursor)
    next(mails)
    next(mails)  # the first one counts as handed over once the second is asked for
    mails.close()
    box.close()

    assert cursor[f"{box.name}:last_uid"] == "1"
    assert cursor[f"{box.name}:uidvalidity"].isdigit()


def test_a_changed_uidvalidity_starts_over_under_new_keys(dovecot, caplog):
    dovecot.deliver(letter(1), folder="Nominations")
    cursor = MemoryCursor()
    box = mailbox(dovecot, folder="Nominations")
    [old] = box.fetch_new(cursor)
    box.close()
    with dovecot.client() as client:  # the folder is rebuilt: same mail, new UIDVALIDITY
        client.delete_folder("Nominations")
    dovecot.deliver(letter(1), letter(2), folder="Nominations")

    with caplog.at_level(logging.WARNING, logger="bot.transports.imap"):
        fresh = list(box.fetch_new(cursor))
        box.settle(old, "confirmed")  # a key from the old UIDVALIDITY names nothing now
    box.close()

    assert subjects(fresh) == ["Nomination 1", "Nomination 2"]
    assert fresh[0].key != old.key and fresh[0].key.endswith("/1")
    assert "UIDVALIDITY changed" in caplog.text
    assert flags_in(dovecot, "Nominations") == [set(), set()], "the stale key must not touch the new UID 1"


def test_a_server_restart_mid_poll_is_survived_by_reconnecting(dovecot):
    dovecot.deliver(*(letter(n) for n in range(4)))
    cursor = MemoryCursor()
    box = mailbox(dovecot, batch_size=2)
    mails = box.fetch_new(cursor)
    seen = [next(mails)]
    dovecot.restart()
    seen += list(mails)
    for mail in seen:
        box.settle(mail, "confirmed")
    box.close()

    assert subjects(seen) == [f"Nomination {n}" for n in range(4)]
    assert len(flags_in(dovecot, "GCC/Confirmed")) == 4


def test_an_unreachable_server_raises_mailbox_unavailable_then_backs_off_then_recovers(dovecot, caplog):
    box = mailbox(dovecot, retries=2, backoff=0.05)
    dovecot.stop()
    with caplog.at_level(logging.WARNING, logger="bot.transports.imap"):
        with pytest.raises(MailboxUnavailable, match="unreachable"):
            list(box.fetch_new(MemoryCursor()))
        with pytest.raises(MailboxUnavailable, match="backing off"):
            list(box.fetch_new(MemoryCursor()))
    assert "cannot connect" in caplog.text and "unreachable after 2 attempts" in caplog.text

    dovecot.start()
    dovecot.deliver(letter(1))
    time.sleep(0.25)  # the pause after one failed round is 4 x backoff
    assert subjects(box.fetch_new(MemoryCursor())) == ["Nomination 1"]
    box.close()


def test_a_refused_login_raises_login_failed_and_is_not_retried_at_once(dovecot, caplog):
    box = ImapMailbox(dovecot.host, dovecot.port, "none", dovecot.username, "wrong", backoff=10)
    with caplog.at_level(logging.ERROR, logger="bot.transports.imap"):
        with pytest.raises(LoginFailed):
            list(box.fetch_new(MemoryCursor()))
    assert "login refused" in caplog.text
    with pytest.raises(MailboxUnavailable, match="backing off"):
        list(box.fetch_new(MemoryCursor()))
    assert LoginFailed.__mro__[1] is MailboxUnavailable


def capabilities_without(server: DovecotServer, *names: bytes) -> str:
    with server.client() as client:
        return " ".join(c.decode() for c in client.capabilities() if c not in names)


def test_without_move_settle_copies_then_expunges_only_its_own_uid(dovecot):
    dovecot.restart(imap_capability=capabilities_without(dovecot, b"MOVE"))
    dovecot.deliver(letter(1), letter(2))
    with dovecot.client() as client:  # someone else's message marked deleted must survive our expunge
        client.select_folder("INBOX")
        client.add_flags([2], [b"\\Deleted"])
    box = mailbox(dovecot)
    first = next(box.fetch_new(MemoryCursor()))
    box.settle(first, "needs_review")
    box.close()

    assert flags_in(dovecot, "GCC/Review") == [{b"\\Seen", DONE_KEYWORD.encode()}]
    assert flags_in(dovecot, "INBOX") == [{b"\\Deleted"}]


def test_configured_folder_names_are_created_nested(dovecot):
    dovecot.deliver(letter(1))
    box = mailbox(dovecot, done_folders={"not_eligible": "Bot/Done/Not eligible"})
    box.settle(next(box.fetch_new(MemoryCursor())), "not_eligible")
    box.close()
    with dovecot.client() as client:
        assert client.folder_exists("Bot/Done/Not eligible")


def test_sent_replies_are_kept_in_the_sent_folder(dovecot):
    box = mailbox(dovecot)
    box.append_sent(letter(7))
    box.close()
    with dovecot.client() as client:
        client.select_folder("Sent")
        [(uid, data)] = client.fetch(client.search(), ["FLAGS", "BODY.PEEK[]"]).items()
    assert data[b"BODY[]"] == letter(7) and b"\\Seen" in data[b"FLAGS"]


def test_idle_wakes_up_when_mail_arrives_and_times_out_when_none_does(dovecot):
    box = mailbox(dovecot)
    assert box.wait_for_new(0.3) is False

    threading.Timer(0.3, dovecot.deliver, args=(letter(1),)).start()
    started = time.monotonic()
    assert box.wait_for_new(10) is True
    assert time.monotonic() - started < 5
    box.close()


def test_without_idle_waiting_still_notices_new_mail(dovecot):
    dovecot.restart(imap_capability=capabilities_without(dovecot, b"IDLE"))
    box = mailbox(dovecot)
    assert box.wait_for_new(0.1) is False
    dovecot.deliver(letter(1))
    assert box.wait_for_new(0.1) is True
    box.close()


def test_a_dropped_idle_connection_raises_mailbox_unavailable(dovecot):
    box = mailbox(dovecot)
    threading.Timer(0.3, dovecot.stop).start()
    with pytest.raises(MailboxUnavailable):
        box.wait_for_new(10)
    box.close()


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls_connections_verify_the_server_certificate(dovecot, security):
    dovecot.deliver(letter(1))
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    trusted = ImapMailbox(
        dovecot.host, port, security, dovecot.username, dovecot.password, ssl_context=dovecot.tls.client_context()
    )
    assert subjects(trusted.fetch_new(MemoryCursor())) == ["Nomination 1"]
    trusted.close()

    untrusted = ImapMailbox(dovecot.host, port, security, dovecot.username, dovecot.password, retries=1)
    with pytest.raises(MailboxUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
        list(untrusted.fetch_new(MemoryCursor()))


def test_settling_twice_or_a_foreign_key_is_harmless(dovecot):
    """A crash after the move but before the database noted it makes the flow settle again."""
    dovecot.deliver(letter(1))
    box = mailbox(dovecot)
    mail = next(box.fetch_new(MemoryCursor()))
    box.settle(mail, "confirmed")
    box.settle(mail, "confirmed")
    box.settle(IncomingMail(key="local:0001.eml", raw=b""), "confirmed")
    box.close()
    assert len(flags_in(dovecot, "GCC/Confirmed")) == 1


def test_the_sent_folder_tells_whether_a_reply_already_went_out(dovecot):
    dovecot.deliver(letter(1))
    box = mailbox(dovecot)
    assert box.sent_contains("<letter-7@ict.go.ke>") is False
    box.append_sent(letter(7))
    assert box.sent_contains("<letter-7@ict.go.ke>") is True
    assert box.sent_contains("<letter-8@ict.go.ke>") is False
    box.settle(next(box.fetch_new(MemoryCursor())), "confirmed")  # the inbox is selected again
    box.close()
    assert len(flags_in(dovecot, "GCC/Confirmed")) == 1


def test_a_folder_that_does_not_exist_is_reported_by_name(dovecot):
    box = mailbox(dovecot, folder="Nominations", retries=1)
    with pytest.raises(MailboxUnavailable, match="Nominations.*doesn't exist"):
        list(box.fetch_new(MemoryCursor()))
