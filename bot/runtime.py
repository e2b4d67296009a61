"""Building the flow's parts from the settings: database, mailbox, outbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.flow import Flow
from bot.review import ReviewQueue
from bot.settings import Settings
from bot.store import DatabaseCursor, open_database
from bot.transports.base import Mailbox, Outbox
from bot.transports.local import LocalMailbox, LocalOutbox


def make_mailbox(settings: Settings) -> Mailbox:
    if settings.mailbox is None:
        return LocalMailbox(settings.local.folder)
    from bot.transports.imap import ImapMailbox

    box = settings.mailbox
    return ImapMailbox(host=box.host, port=box.port, security=box.security,
                       username=box.username, password=box.password or "",
                       folder=box.folder, done_folders=box.done_folders or None,
                       batch_size=box.batch_size)


def make_outbox(settings: Settings, mailbox: Mailbox) -> Outbox:
    if settings.smtp is None:
        return LocalOutbox(settings.local.folder)
    from bot.transports.smtp import SmtpOutbox

    smtp = settings.smtp
    sent_folder = settings.mailbox.sent_folder if settings.mailbox else None

    def sent_copy(raw: bytes) -> None:  # handed over only when there is a Sent folder
        mailbox.append_sent(raw, str(sent_folder))

    return SmtpOutbox(host=smtp.host, port=smtp.port, security=smtp.security,
                      username=smtp.username, password=smtp.password,
                      sent_copy=sent_copy if sent_folder else None)


@contextmanager
def open_flow(settings: Settings) -> Iterator[Flow]:
    sessions = open_database(settings.database.url)
    mailbox = make_mailbox(settings)
    outbox = make_outbox(settings, mailbox)
    try:
        flow = Flow(settings, sessions, mailbox, outbox, DatabaseCursor(sessions))
        flow.review = ReviewQueue(settings, sessions, flow.apply_decision)
        yield flow
    finally:
        outbox.close()
        mailbox.close()
