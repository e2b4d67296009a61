"""The whole way from a raw message to a stored decision and its replies.

    fetch  -> every new message is stored (raw bytes) before any slow work
    decide -> claim, read, judge; case + roster + outbox in one transaction
    settle -> only then the mailbox may flag/move the message
    send   -> the outbox is drained; a crash at any point neither loses nor doubles

Reading and judging are bot.judge's (`check` runs them with no state and no sending);
what a decision changes in the database is bot.ledger's; sending is bot.outbox's.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from bot import ledger
from bot.digest import compose as compose_digest, queue_digest
from bot.judge import CheckResult, Judgement, case_id_for, judge, parse_submission, rule
from bot.models import CaseRow, MessageRow, utcnow
from bot.outbox import SendCounts, send_pending
from bot.party import party_of
from bot.settings import Settings
from bot.store import (ClaimedMessage, claim_message, in_force, lock_party, store_message,
                       transaction)
from bot.transports.base import Cursor, IncomingMail, Mailbox, Outbox
from extractors.model import Nominee
from rules.base import Decision

if TYPE_CHECKING:
    from bot.review import ReviewQueue

__all__ = ["Flow", "PollReport", "judge"]  # judge: what tests and benchmarks read letters with

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    fetched: int = 0
    decided: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    sent: int = 0
    send_failures: int = 0


class Flow:
    """One mailbox, one outbox, one database: the bot's work, step by step."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session],
                 mailbox: Mailbox, outbox: Outbox, cursor: Cursor) -> None:
        self.settings = settings
        self.sessions = sessions
        self.mailbox = mailbox
        self.outbox = outbox
        self.cursor = cursor
        self.review: ReviewQueue | None = None
        """Set by bot.runtime: the folder where people decide the cases the bot cannot."""
        self.stop_requested = threading.Event()

    # ----------------------------------------------------------------- fetch

    def fetch(self, report: PollReport) -> None:
        """Store every new message before deciding anything, so none is lost."""
        for mail in self.mailbox.fetch_new(self.cursor):
            with transaction(self.sessions) as session:  # stored unread: its one parse is
                if store_message(session, mail.key, mail.raw):  # the decision's (_record's)
                    report.fetched += 1

    # ---------------------------------------------------------------- decide

    def decide_pending(self, report: PollReport) -> None:
        with self.sessions() as session:
            ids = list(session.scalars(select(MessageRow.id).where(
                MessageRow.status.in_(("new", "processing"))).order_by(MessageRow.id)))
        for row_id in ids:
            if self.stop_requested.is_set():
                return  # SIGTERM: the message in hand is done, the rest waits for next time
            with transaction(self.sessions) as session:
                claimed = claim_message(session, row_id)
            if claimed is not None:
                self._decide_one(row_id, claimed, report)

    def _decide_one(self, row_id: int, claimed: ClaimedMessage, report: PollReport) -> None:
        key = claimed.key
        judgement = judge(claimed.raw, self.settings, self._in_force, isolate=True)
        try:
            case_id = self._record(row_id, key, judgement, report)
        except IntegrityError:  # a twin of this message was decided at the same moment
            with transaction(self.sessions) as session:
                session.execute(update(MessageRow).where(MessageRow.id == row_id).values(
                    status="duplicate", message_id=judgement.submission.message_id,
                    content_hash=judgement.submission.content_hash))
            report.duplicates += 1
            return
        if case_id and judgement.decision.kind == "needs_review" and self.review is not None:
            self.review.export_read(case_id, judgement.submission)  # the mail parsed once

    def _record(self, row_id: int, key: str, judgement: Judgement,
                report: PollReport) -> str | None:
        """Store the decision (judged again if the party's roster changed meanwhile); the
        new case's id, None when the message repeats an earlier case."""
        with transaction(self.sessions) as session:
            row = session.get(MessageRow, row_id, options=[defer(MessageRow.raw)])  # read once
            assert row is not None
            row.message_id = judgement.submission.message_id
            row.content_hash = judgement.submission.content_hash
            party = party_of(judgement.nomination)
            if party and judgement.submission.parse_error is None:
                lock_party(session, party)  # held until commit: one roster change at a time
                roster = tuple(in_force(session, party))
                if roster != judgement.in_force:
                    log.info("message %s: the roster of %s changed while it was read; "
                             "judged again", key, party)
                    judgement = rule(judgement.submission, judgement.nomination, self.settings,
                                     roster)
            duplicate_of = ledger.earlier_case(session, judgement)
            if duplicate_of is not None:
                row.status, row.case_id = "duplicate", duplicate_of
                report.duplicates += 1
                log.info("message %s repeats case %s: no new decision", key, duplicate_of)
                return None
            case_id = case_id_for(judgement.submission.message_id)
            ledger.store_case(session, case_id, judgement, self.settings)
            row.status, row.case_id, row.error = "decided", case_id, None
        kind = judgement.decision.kind
        report.decided[kind] = report.decided.get(kind, 0) + 1
        log.info("case %s decided %s (%s)", case_id, kind,
                 ", ".join(i.code for i in judgement.decision.issues) or "no issues")
        return case_id

    def _in_force(self, party: str) -> list[Nominee]:
        with self.sessions() as session:
            return in_force(session, party)

    def apply_decision(self, case_id: str, decision: Decision, result: CheckResult,
                       decided_by: str) -> None:
        """A decision taken outside the bot (the review queue) replaces the case's own:
        the roster follows it and the replies it calls for are queued, once."""
        with transaction(self.sessions) as session:
            case = session.get(CaseRow, case_id, with_for_update=True)
            if case is None:
                raise KeyError(case_id)
            raw = session.scalar(select(MessageRow.raw).where(MessageRow.case_id == case_id)
                                 .order_by(MessageRow.id))
            judgement = Judgement(parse_submission(raw or b"", self.settings),
                                  result.letter, decision, result.decided(decision))
            ledger.decide_again(session, case, judgement, decided_by)
            ledger.carry_out(session, case, judgement, self.settings)

    # --------------------------------------------------------------- meetings

    def invite(self) -> None:
        """Every nominee in force gets the next meeting's link once; nobody else does."""
        meeting = self.settings.next_meeting()
        if meeting is None:
            return
        try:
            with transaction(self.sessions) as session:
                ledger.queue_invitations(session, meeting, self.settings)
        except IntegrityError:  # another worker invited them at the same moment
            log.info("meeting invitations were queued by another worker")

    # ---------------------------------------------------------------- settle

    def settle(self) -> None:
        """Let the mailbox flag/move what is durably decided."""
        with self.sessions() as session:
            rows = session.execute(select(MessageRow.id, MessageRow.key, MessageRow.case_id,
                                          MessageRow.status).where(
                MessageRow.status.in_(("decided", "duplicate")), MessageRow.settled.is_(False)))
            pending = [(r.id, r.key, r.status, r.case_id) for r in rows]
            outcomes = dict(session.execute(select(CaseRow.id, CaseRow.decision)).all())
        settled: list[int] = []
        try:  # marked together at the end (a mailbox settles a message twice harmlessly)
            for row_id, key, status, case_id in pending:
                outcome = "duplicate" if status == "duplicate" else outcomes.get(case_id, "unknown")
                self.mailbox.settle(IncomingMail(key=key, raw=b""), outcome)
                settled.append(row_id)
        finally:
            self._mark_settled(settled)

    def _mark_settled(self, ids: list[int]) -> None:
        if not ids:
            return
        with transaction(self.sessions) as session:
            for start in range(0, len(ids), 500):  # bound the statement's parameters
                session.execute(update(MessageRow).where(
                    MessageRow.id.in_(ids[start:start + 500])).values(settled=True))

    # ------------------------------------------------------------------ send

    def send_pending(self) -> SendCounts:
        return send_pending(self.sessions, self.outbox, self._already_sent)

    def _already_sent(self, message_id: str) -> bool:
        """Whether the mailbox's Sent folder holds the message (a send cut short by a crash)."""
        folder = self.settings.mailbox.sent_folder if self.settings.mailbox else None
        return bool(folder) and self.mailbox.sent_contains(message_id, str(folder))

    def send_digest(self, now: dt.datetime | None = None) -> bool:
        """Queue today's digest (unless already queued) and send what the outbox holds;
        True when this call queued it."""
        now = now or utcnow()
        queued = self.review.items() if self.review is not None else []
        fresh = queue_digest(self.sessions, compose_digest(self.settings, self.sessions, now,
                                                           queued))
        self.send_pending()
        return fresh

    # ------------------------------------------------------------------ poll

    def poll(self) -> PollReport:
        """One full cycle: fetch, decide, review queue, settle, send."""
        report = PollReport()
        self.fetch(report)
        self.decide_pending(report)
        if self.review is not None:
            self.review.sync()
        self.settle()
        self.invite()
        counts = self.send_pending()
        report.sent, report.send_failures = counts.sent, counts.failures
        return report
