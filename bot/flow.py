"""The whole way from a raw message to a stored decision and its replies.

    fetch  -> every new message is stored (raw bytes) before any slow work
    decide -> claim, read, judge; case + roster + outbox in one transaction
    settle -> only then the mailbox may flag/move the message
    send   -> the outbox is drained; a crash at any point neither loses nor doubles

`check` runs the same reading and judging with no state and no sending.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.intake import parse_mail
from bot.judge import Judgement, case_id_for, judge, party_of, rule
from bot.models import (CaseRow, InvitationRow, MessageRow, NomineeRow, OutgoingRow,
                        RosterEventRow, utcnow)
from bot.outgoing import POLICY as OUTGOING_POLICY
from bot.replies import compose_invitation, compose_replies
from bot.report import nomination_from_result
from bot.settings import MeetingSettings, Settings
from bot.store import (claim_message, claim_outgoing, in_force, lock_party, sendable,
                       transaction)
from bot.transports.base import Cursor, IncomingMail, Mailbox, Outbox, PermanentFailure, TemporaryFailure
from extractors.model import ANNEX2_FIELDS, Nomination, Nominee
from rules.base import Decision
from rules.roster_after import roster_change

if TYPE_CHECKING:
    from bot.review import ReviewQueue

log = logging.getLogger(__name__)

RETRY_BACKOFF = (60, 300, 900, 3600, 4 * 3600)
"""Seconds to wait before the n-th retry of a temporarily failed send."""


def evidence_of(nomination: Nomination) -> dict[str, Any]:
    """What a person reviewing the case should see of the reading, kept with the case so
    that nobody needs to read the letter again."""
    return {"signature": nomination.signature.detail, "confidence": nomination.confidence,
            "letter": nomination.letter, "conflicts": nomination.conflicts,
            "unreadable": nomination.unreadable, "notes": nomination.notes,
            "intent_doubts": nomination.intent_doubts,
            "digital_signatures": [f"{s.file}: {s.verdict}: {s.detail}"
                                   for s in nomination.signed_files]}


def meeting_key(meeting: MeetingSettings) -> str:
    return hashlib.sha256(f"{meeting.start.isoformat()}|{meeting.link}".encode()).hexdigest()[:32]


def next_meeting(settings: Settings, now: dt.datetime | None = None) -> MeetingSettings | None:
    now = now or utcnow()
    return next((m for m in settings.all_meetings if m.end > now), None)


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
        self.stop_requested = threading.Event()
        """Set by bot.runtime: the folder where people decide the cases the bot cannot."""

    # ----------------------------------------------------------------- fetch

    def fetch(self, report: PollReport) -> None:
        """Store every new message before deciding anything, so none is lost."""
        for mail in self.mailbox.fetch_new(self.cursor):
            submission_id, content_hash = _identity(mail.raw)
            try:
                with transaction(self.sessions) as session:
                    if session.scalar(select(MessageRow.id).where(MessageRow.key == mail.key)):
                        continue
                    session.add(MessageRow(key=mail.key, message_id=submission_id,
                                           content_hash=content_hash, raw=mail.raw))
                report.fetched += 1
            except IntegrityError:
                continue  # another worker stored it first

    # ---------------------------------------------------------------- decide

    def decide_pending(self, report: PollReport) -> None:
        with self.sessions() as session:
            ids = list(session.scalars(select(MessageRow.id).where(
                MessageRow.status.in_(("new", "processing"))).order_by(MessageRow.id)))
        for row_id in ids:
            if self.stop_requested.is_set():
                return  # SIGTERM: the message in hand is done, the rest waits for next time
            with transaction(self.sessions) as session:
                if not claim_message(session, row_id):
                    continue
            self._decide_one(row_id, report)

    def _decide_one(self, row_id: int, report: PollReport) -> None:
        with self.sessions() as session:
            row = session.get(MessageRow, row_id)
            assert row is not None
            raw, key = row.raw, row.key
        judgement = judge(raw, self.settings, self._in_force, isolate=True)
        try:
            self._record(row_id, key, judgement, report)
        except IntegrityError:  # a twin of this message was decided at the same moment
            with transaction(self.sessions) as session:
                session.execute(update(MessageRow).where(MessageRow.id == row_id)
                                .values(status="duplicate"))
            report.duplicates += 1

    def _record(self, row_id: int, key: str, judgement: Judgement, report: PollReport) -> None:
        with transaction(self.sessions) as session:
            row = session.get(MessageRow, row_id)
            assert row is not None
            party = party_of(judgement.nomination)
            if party and judgement.submission.parse_error is None:
                lock_party(session, party)  # held until commit: one roster change at a time
                roster = tuple(in_force(session, party))
                if roster != judgement.in_force:
                    log.info("message %s: the roster of %s changed while it was read; "
                             "judged again", key, party)
                    judgement = rule(judgement.submission, judgement.nomination, self.settings,
                                     roster)
            duplicate_of = self._earlier_case(session, judgement)
            if duplicate_of is not None:
                row.status, row.case_id = "duplicate", duplicate_of
                report.duplicates += 1
                log.info("message %s repeats case %s: no new decision", key, duplicate_of)
                return
            case_id = case_id_for(judgement.submission.message_id)
            self._store_case(session, case_id, judgement)
            row.status, row.case_id, row.error = "decided", case_id, None
        kind = judgement.decision.kind
        report.decided[kind] = report.decided.get(kind, 0) + 1
        log.info("case %s decided %s (%s)", case_id, kind,
                 ", ".join(i.code for i in judgement.decision.issues) or "no issues")

    def _in_force(self, party: str) -> list[Nominee]:
        with self.sessions() as session:
            return in_force(session, party)

    @staticmethod
    def _earlier_case(session: Session, judgement: Judgement) -> str | None:
        """The case this message repeats: same Message-ID, or the same letter resent."""
        submission = judgement.submission
        same_message = session.scalar(select(CaseRow.id).where(
            CaseRow.message_id == submission.message_id))
        if same_message:
            return same_message
        letter_hash = judgement.nomination.letter_hash
        if letter_hash is None or judgement.decision.kind == "ignored":
            return None
        return session.scalar(select(CaseRow.id).where(
            CaseRow.letter_hash == letter_hash, CaseRow.decision != "ignored"))

    def _store_case(self, session: Session, case_id: str, judgement: Judgement) -> None:
        submission, nomination = judgement.submission, judgement.nomination
        deadline = self.settings.rules.deadline
        case = CaseRow(
            id=case_id, message_id=submission.message_id, sender=submission.sender,
            subject=submission.subject, party=party_of(nomination), language=nomination.language,
            decision=judgement.decision.kind,
            issues=[i.as_dict() for i in judgement.decision.issues], result=judgement.result,
            letter_hash=nomination.letter_hash or submission.content_hash,
            evidence=evidence_of(nomination), signature_png=nomination.signature.crop_png,
            late=bool(deadline and utcnow().date() > deadline),
        )
        session.add(case)
        session.flush()
        self._carry_out(session, case, judgement)

    def apply_decision(self, case_id: str, decision: Decision, result: dict[str, Any],
                       decided_by: str) -> None:
        """A decision taken outside the bot (the review queue) replaces the case's own:
        the roster follows it and the replies it calls for are queued, once."""
        with transaction(self.sessions) as session:
            case = session.get(CaseRow, case_id, with_for_update=True)
            if case is None:
                raise KeyError(case_id)
            raw = session.scalar(select(MessageRow.raw).where(MessageRow.case_id == case_id)
                                 .order_by(MessageRow.id))
            submission = parse_mail(raw or b"")
            nomination = nomination_from_result(result)
            result = {**result, "decision": decision.kind,
                      "issues": [i.as_dict() for i in decision.issues]}
            case.decision, case.issues, case.result = decision.kind, result["issues"], result
            case.party, case.decided_by, case.decided_at = party_of(nomination), decided_by, utcnow()
            case.revision += 1
            self._carry_out(session, case, Judgement(submission, nomination, decision, result))

    def _carry_out(self, session: Session, case: CaseRow, judgement: Judgement) -> None:
        """What a stored decision entails: roster changes and the outgoing replies."""
        if case.revision:  # a case decided again: its own earlier nominees give way
            self._revoke(session, case.id)
        if judgement.decision.kind == "confirmed" and case.party:
            self._update_roster(session, case.id, case.party, judgement.nomination)
            meeting = next_meeting(self.settings)
            if meeting is not None:  # the confirmation carries this meeting's link
                for email in {n.email.lower() for n in judgement.nomination.nominees if n.email}:
                    self._mark_invited(session, meeting, email, case.id)
        for message in self._replies(session, case, judgement):
            recipients = [a for h in ("To", "Cc") for a in message.get_all(h, [])]
            session.add(OutgoingRow(message_id=str(message["Message-ID"]), case_id=case.id,
                                    kind="reply", recipients=recipients, raw=message.as_bytes()))

    def _replies(self, session: Session, case: CaseRow, judgement: Judgement) -> list[EmailMessage]:
        sender, case_id = judgement.submission.sender, case.id
        if sender is None:
            return []
        since = utcnow() - dt.timedelta(days=1)
        recent = session.scalar(select(func.count(CaseRow.id)).where(
            CaseRow.sender == sender, CaseRow.decided_at >= since, CaseRow.id != case_id,
            CaseRow.decision != "ignored"))
        if (recent or 0) >= self.settings.security.replies_per_sender_per_day:
            log.warning("case %s: %s already had %s replies today; no reply sent",
                        case_id, sender, recent)
            return []
        messages = compose_replies(judgement.submission, judgement.result, judgement.decision,
                                   case_id, next_meeting(self.settings),
                                   self.settings.sender_address)
        if case.revision:  # a later decision on the same case needs Message-IDs of its own
            for message in messages:
                local, _, domain = str(message["Message-ID"]).strip("<>").partition("@")
                message.replace_header("Message-ID", f"<{local}.r{case.revision}@{domain}>")
        return messages

    @staticmethod
    def _revoke(session: Session, case_id: str) -> None:
        for row in session.scalars(select(NomineeRow).where(
                NomineeRow.case_id == case_id, NomineeRow.in_force.is_(True))):
            row.in_force, row.removed_at, row.removed_by = False, utcnow(), case_id
            session.add(RosterEventRow(case_id=case_id, party=row.party, action="revoked",
                                       email=row.email))

    @staticmethod
    def _update_roster(session: Session, case_id: str, party: str,
                       nomination: Nomination) -> None:
        """Apply a confirmed letter to the roster exactly as the rules judged it (the same
        roster_change), recording each change: who leaves and why, who comes."""
        now = utcnow()
        rows = list(session.scalars(select(NomineeRow).where(
            NomineeRow.party == party, NomineeRow.in_force.is_(True)).order_by(NomineeRow.id)))
        people = in_force(session, party)  # the same rows, in the same order
        assert len(people) == len(rows)
        change = roster_change(nomination, people)
        for person, why in change.leaving:
            row = rows[next(i for i, p in enumerate(people) if p is person)]
            row.in_force, row.removed_at, row.removed_by = False, now, case_id
            session.add(RosterEventRow(case_id=case_id, party=party, action=why, email=row.email))
        for nominee in change.added:
            session.add(NomineeRow(case_id=case_id, party=party,
                                   participant_type=nomination.participant_type or "member_state",
                                   **nominee.as_dict()))
            session.add(RosterEventRow(case_id=case_id, party=party, action="added",
                                       email=nominee.email))
        session.execute(update(CaseRow).where(
            CaseRow.party == party, CaseRow.decision == "corrections_requested",
            CaseRow.closed_by.is_(None), CaseRow.id != case_id).values(closed_by=case_id))

    # --------------------------------------------------------------- meetings

    @staticmethod
    def _mark_invited(session: Session, meeting: MeetingSettings, email: str,
                      case_id: str) -> None:
        key = meeting_key(meeting)
        if session.scalar(select(InvitationRow.id).where(InvitationRow.meeting_key == key,
                                                         InvitationRow.email == email)) is None:
            session.add(InvitationRow(meeting_key=key, email=email, case_id=case_id))

    def invite(self) -> None:
        """Every nominee in force gets the next meeting's link once; nobody else does."""
        meeting = next_meeting(self.settings)
        if meeting is None:
            return
        try:
            with transaction(self.sessions) as session:
                invited = set(session.scalars(select(InvitationRow.email).where(
                    InvitationRow.meeting_key == meeting_key(meeting))))
                nominees = session.scalars(select(NomineeRow).where(
                    NomineeRow.in_force.is_(True)).order_by(NomineeRow.id))
                for row in nominees:
                    email = (row.email or "").lower()
                    if not email or email in invited:
                        continue
                    invited.add(email)
                    self._mark_invited(session, meeting, email, row.case_id)
                    case = session.get(CaseRow, row.case_id)
                    message = compose_invitation(
                        {key: getattr(row, key) for key in ANNEX2_FIELDS},
                        case.language if case else None, row.case_id, meeting,
                        self.settings.sender_address)
                    if message is not None:
                        session.add(OutgoingRow(message_id=str(message["Message-ID"]),
                                                case_id=row.case_id, kind="invitation",
                                                recipients=[email], raw=message.as_bytes()))
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
        for row_id, key, status, case_id in pending:
            outcome = "duplicate" if status == "duplicate" else outcomes.get(case_id, "unknown")
            self.mailbox.settle(IncomingMail(key=key, raw=b""), outcome)
            with transaction(self.sessions) as session:
                session.execute(update(MessageRow).where(MessageRow.id == row_id)
                                .values(settled=True))

    # ------------------------------------------------------------------ send

    def send_pending(self, report: PollReport) -> None:
        with self.sessions() as session:
            ids = sendable(session)
        for row_id in ids:
            with transaction(self.sessions) as session:
                claimed = claim_outgoing(session, row_id)
            if claimed is None:
                continue
            attempts = claimed.attempts
            message = message_from_bytes(claimed.raw, policy=OUTGOING_POLICY)
            assert isinstance(message, EmailMessage)
            values: dict[str, Any]
            try:
                if claimed.resumed and self._already_sent(claimed.message_id):
                    log.info("%s was sent before a crash (found in Sent): not sent again",
                             claimed.message_id)
                else:
                    self.outbox.send(message)
                values = {"status": "sent", "sent_at": utcnow(), "last_error": None}
                report.sent += 1
            except TemporaryFailure as exc:
                delay = RETRY_BACKOFF[min(attempts, len(RETRY_BACKOFF)) - 1]
                values = {"status": "pending", "last_error": str(exc),
                          "next_attempt_at": utcnow() + dt.timedelta(seconds=delay)}
                report.send_failures += 1
                log.warning("sending %s failed, retry in %ss: %s", message["Message-ID"], delay, exc)
            except PermanentFailure as exc:
                values = {"status": "failed", "last_error": str(exc)}
                report.send_failures += 1
                log.error("sending %s failed for good: %s", message["Message-ID"], exc)
            with transaction(self.sessions) as session:
                session.execute(update(OutgoingRow).where(OutgoingRow.id == row_id)
                                .values(worker=None, **values))

    def _already_sent(self, message_id: str) -> bool:
        """Whether the mailbox's Sent folder holds the message (a send cut short by a crash)."""
        look = getattr(self.mailbox, "sent_contains", None)
        if look is None:
            return False
        folder = self.settings.mailbox.sent_folder if self.settings.mailbox else None
        return bool(folder) and look(message_id, folder)

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
        self.send_pending(report)
        return report


def _identity(raw: bytes) -> tuple[str, str]:
    """Message-ID and content hash, cheaply, for storing before the slow work."""
    submission = parse_mail(raw)
    return submission.message_id, submission.content_hash
