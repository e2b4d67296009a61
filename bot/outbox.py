"""The outbox: every message the bot sends is first a row written in the same transaction
as what it announces (a decision, an invitation, the day's digest), then sent.

A crash between the two neither loses nor doubles a message: a row is sent until it is
marked sent, and a row a dead worker left mid-send is first looked for in the Sent folder.
Message-IDs are deterministic, so the same message queued twice is refused by the table.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from typing import Any, Literal

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bot.models import OutgoingRow, utcnow
from bot.outgoing import POLICY
from bot.store import claim_outgoing, sendable, transaction
from bot.transports.base import Outbox, PermanentFailure, TemporaryFailure

log = logging.getLogger(__name__)

RETRY_BACKOFF = (60, 300, 900, 3600, 4 * 3600)
"""Seconds to wait before the n-th retry of a temporarily failed send."""

Kind = Literal["reply", "invitation", "digest"]


def enqueue(session: Session, message: EmailMessage, kind: Kind, case_id: str | None,
            recipients: Sequence[str] | None = None) -> None:
    """Queue `message` in the caller's transaction; `recipients` as the digest lists them
    when a message fails for good (by default its To and Cc headers)."""
    if recipients is None:
        recipients = [str(a) for h in ("To", "Cc") for a in message.get_all(h, [])]
    session.add(OutgoingRow(message_id=str(message["Message-ID"]), case_id=case_id, kind=kind,
                            recipients=list(recipients), raw=message.as_bytes()))


@dataclass
class SendCounts:
    """What one pass over the outbox did."""

    sent: int = 0
    failures: int = 0


def send_pending(sessions: sessionmaker[Session], outbox: Outbox,
                 already_sent: Callable[[str], bool]) -> SendCounts:
    """Send every message due now, one claim at a time, batch after batch while they get
    through (a backlog's replies all leave in one poll; a server that is down is tried
    again at the next one). `already_sent(message_id)` says whether a send cut short by a
    crash left it in the Sent folder."""
    counts = SendCounts()
    while True:
        with sessions() as session:
            ids = sendable(session)
        before = counts.sent
        for row_id in ids:
            _send_one(sessions, outbox, already_sent, row_id, counts)
        if counts.sent == before:  # none left, or none got through, or others hold them
            return counts


def _send_one(sessions: sessionmaker[Session], outbox: Outbox,
              already_sent: Callable[[str], bool], row_id: int, counts: SendCounts) -> None:
    """Claim one outgoing row and send it, recording the outcome in the row and `counts`."""
    with transaction(sessions) as session:
        claimed = claim_outgoing(session, row_id)
    if claimed is None:
        return
    message = message_from_bytes(claimed.raw, policy=POLICY)
    assert isinstance(message, EmailMessage)
    values: dict[str, Any]
    try:
        if claimed.resumed and already_sent(claimed.message_id):
            log.info("%s was sent before a crash (found in Sent): not sent again",
                     claimed.message_id)
        else:
            outbox.send(message)
        values = {"status": "sent", "sent_at": utcnow(), "last_error": None}
        counts.sent += 1
    except TemporaryFailure as exc:
        delay = RETRY_BACKOFF[min(claimed.attempts, len(RETRY_BACKOFF)) - 1]
        values = {"status": "pending", "last_error": str(exc),
                  "next_attempt_at": utcnow() + dt.timedelta(seconds=delay)}
        counts.failures += 1
        log.warning("sending %s failed, retry in %ss: %s", message["Message-ID"], delay, exc)
    except PermanentFailure as exc:
        values = {"status": "failed", "last_error": str(exc)}
        counts.failures += 1
        log.error("sending %s failed for good: %s", message["Message-ID"], exc)
    with transaction(sessions) as session:
        session.execute(update(OutgoingRow).where(OutgoingRow.id == row_id)
                        .values(worker=None, **values))
