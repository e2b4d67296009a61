"""The state changes of one decision, all inside the caller's transaction: the case, the
roster with an audit row for each change, who was sent which meeting's link, and the
replies queued in the outbox. Nothing here reads letters or sends mail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.judge import Judgement, evidence_of
from bot.models import CaseRow, InvitationRow, NomineeRow, RosterEventRow, utcnow
from bot.outbox import enqueue
from bot.party import party_of
from bot.replies import compose_invitation, compose_replies
from bot.settings import MeetingSettings, Settings
from bot.store import nominee_of
from extractors.model import ANNEX2_FIELDS, Nomination, Nominee
from rules.roster_after import roster_change

log = logging.getLogger(__name__)


def earlier_case(session: Session, judgement: Judgement) -> str | None:
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


def store_case(session: Session, case_id: str, judgement: Judgement, settings: Settings) -> None:
    """A new case for the judgement, and everything its decision entails."""
    submission, nomination = judgement.submission, judgement.nomination
    deadline = settings.rules.deadline
    case = CaseRow(
        id=case_id, message_id=submission.message_id, sender=submission.sender,
        subject=submission.subject, party=party_of(nomination), language=nomination.language,
        decision=judgement.decision.kind,
        issues=[i.as_dict() for i in judgement.decision.issues],
        result=judgement.result.stored(),
        letter_hash=nomination.letter_hash or submission.content_hash,
        evidence=evidence_of(nomination), signature_png=nomination.signature.crop_png,
        late=bool(deadline and utcnow().date() > deadline),
    )
    session.add(case)
    session.flush()
    carry_out(session, case, judgement, settings)


def decide_again(session: Session, case: CaseRow, judgement: Judgement, decided_by: str) -> None:
    """Record a decision taken outside the bot (the review queue) on an existing case."""
    case.decision, case.result = judgement.decision.kind, judgement.result.stored()
    case.issues = case.result["issues"]
    case.party, case.decided_by, case.decided_at = (party_of(judgement.nomination), decided_by,
                                                    utcnow())
    case.revision += 1


def carry_out(session: Session, case: CaseRow, judgement: Judgement, settings: Settings) -> None:
    """What a stored decision entails: roster changes and the outgoing replies."""
    if case.revision:  # a case decided again: its own earlier nominees give way
        _revoke(session, case.id)
    meeting = settings.next_meeting()
    if judgement.decision.kind == "confirmed" and case.party:
        _update_roster(session, case.id, case.party, judgement.nomination)
        if meeting is not None:  # the confirmation carries this meeting's link
            for email in {n.email.lower() for n in judgement.nomination.nominees if n.email}:
                _mark_invited(session, meeting, email, case.id)
    if _may_answer(session, case, judgement, settings):
        messages = compose_replies(judgement.submission, judgement.result, judgement.decision,
                                   case.id, meeting, settings.sender_address)
        for message in messages:
            if case.revision:  # a later decision on the same case needs Message-IDs of its own
                local, _, domain = str(message["Message-ID"]).strip("<>").partition("@")
                message.replace_header("Message-ID", f"<{local}.r{case.revision}@{domain}>")
            enqueue(session, message, "reply", case.id)


def _may_answer(session: Session, case: CaseRow, judgement: Judgement,
                settings: Settings) -> bool:
    """A sender to answer, who has not had their day's share of replies (a loop breaker)."""
    sender = judgement.submission.sender
    if sender is None:
        return False
    since = utcnow() - dt.timedelta(days=1)
    recent = session.scalar(select(func.count(CaseRow.id)).where(
        CaseRow.sender == sender, CaseRow.decided_at >= since, CaseRow.id != case.id,
        CaseRow.decision != "ignored"))
    if (recent or 0) >= settings.security.replies_per_sender_per_day:
        log.warning("case %s: %s already had %s replies today; no reply sent",
                    case.id, sender, recent)
        return False
    return True


# ------------------------------------------------------------------ the roster


def _revoke(session: Session, case_id: str) -> None:
    for row in session.scalars(select(NomineeRow).where(
            NomineeRow.case_id == case_id, NomineeRow.in_force.is_(True))):
        row.in_force, row.removed_at, row.removed_by = False, utcnow(), case_id
        session.add(RosterEventRow(case_id=case_id, party=row.party, action="revoked",
                                   email=row.email))


def _update_roster(session: Session, case_id: str, party: str, nomination: Nomination) -> None:
    """Apply a confirmed letter to the roster exactly as the rules judged it (the same
    roster_change), recording each change: who leaves and why, who comes."""
    now = utcnow()
    rows = list(session.scalars(select(NomineeRow).where(
        NomineeRow.party == party, NomineeRow.in_force.is_(True)).order_by(NomineeRow.id)))
    people = [nominee_of(row) for row in rows]  # the roster in force, as the rules saw it
    change = roster_change(nomination, people)
    for person, why in change.leaving:
        row = rows[next(i for i, p in enumerate(people) if p is person)]
        row.in_force, row.removed_at, row.removed_by = False, now, case_id
        session.add(RosterEventRow(case_id=case_id, party=party, action=why, email=row.email))
    for nominee in change.added:
        session.add(NomineeRow(case_id=case_id, party=party,
                               participant_type=nomination.origin.participant_type or "member_state",
                               **nominee.as_dict()))
        session.add(RosterEventRow(case_id=case_id, party=party, action="added",
                                   email=nominee.email))
    session.execute(update(CaseRow).where(
        CaseRow.party == party, CaseRow.decision == "corrections_requested",
        CaseRow.closed_by.is_(None), CaseRow.id != case_id).values(closed_by=case_id))


# ------------------------------------------------------------------ meetings


def meeting_key(meeting: MeetingSettings) -> str:
    return hashlib.sha256(f"{meeting.start.isoformat()}|{meeting.link}".encode()).hexdigest()[:32]


def _mark_invited(session: Session, meeting: MeetingSettings, email: str, case_id: str) -> None:
    key = meeting_key(meeting)
    if session.scalar(select(InvitationRow.id).where(InvitationRow.meeting_key == key,
                                                     InvitationRow.email == email)) is None:
        session.add(InvitationRow(meeting_key=key, email=email, case_id=case_id))


def queue_invitations(session: Session, meeting: MeetingSettings, settings: Settings) -> None:
    """Every nominee in force who has not had `meeting`'s link gets it, once."""
    invited = set(session.scalars(select(InvitationRow.email).where(
        InvitationRow.meeting_key == meeting_key(meeting))))
    nominees = session.scalars(select(NomineeRow).where(
        NomineeRow.in_force.is_(True)).order_by(NomineeRow.id))
    for row in nominees:
        email = (row.email or "").lower()
        if not email or email in invited:
            continue
        invited.add(email)
        _mark_invited(session, meeting, email, row.case_id)
        case = session.get(CaseRow, row.case_id)
        person = Nominee(**{key: getattr(row, key) for key in ANNEX2_FIELDS})
        message = compose_invitation(person, case.language if case else None, row.case_id,
                                     meeting, settings.sender_address)
        if message is not None:
            enqueue(session, message, "invitation", row.case_id, recipients=[email])
