"""Reply composition: the messages a decision calls for (CONTRACT.md sections 3 and 7).

The words live in `bot/templates/<language>/<decision>.j2` so the secretariat
can refine them without touching code; each template is rendered twice, as
plain text and as HTML (autoescaped: every value comes from a letter and is
untrusted). The meeting link is only ever rendered into a confirmation.
"""

from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import re
from email.headerregistry import Address
from email.message import EmailMessage
from functools import cache
from typing import Any

import pycountry

from bot.invitation import Attendee, build_invitation, invitation_uid
from bot.judge import CheckResult
from bot.outgoing import (mailbox, message_id, needs_smtputf8, new_message, one_line, reply_subject,
                          render_template, set_bodies)
from bot.settings import MeetingSettings
from extractors.model import ANNEX2_FIELDS, Country, Nomination, Nominee, Submission
from rules.base import Decision

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
FALLBACK_LANGUAGE = "en"
SECRETARIAT_NAME = "OpenWallet Forum GCC Secretariat"
INVITATION_FILENAME = "invitation.ics"


# ------------------------------------------------------------ rendering


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _render(language: str, kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """The same template as plain text and as escaped HTML."""
    name = f"{language}/{kind}.j2"
    text = render_template(name, context, html=False)
    html = render_template(name, context, html=True)
    return _tidy_text(text), html


# --------------------------------------------------------------- values


def _language(written: str | None) -> str:
    language = (written or "").lower()[:2]
    return language if language in LANGUAGES else FALLBACK_LANGUAGE


def _country_name(country: Country | None, language: str) -> str | None:
    """The Member State's name in the letter's language, when ISO knows it."""
    english = country.name if country else None
    record = pycountry.countries.get(alpha_3=(country.code if country else None) or "")
    if record is None:
        return english
    if language == "en":
        return english or record.name
    catalog = _country_catalog(language)
    return catalog.gettext(record.name) if catalog else english or record.name


@cache
def _country_catalog(language: str) -> gettext.NullTranslations | None:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def _people(people: list[Nominee]) -> list[dict[str, str | None]]:
    """Every person with all seven Annex 2 keys, whitespace-normalised, for the templates."""
    cleaned = []
    for person in people:
        entry = {key: one_line(getattr(person, key)) for key in ANNEX2_FIELDS}
        entry["email"] = entry["email"].lower() if entry["email"] else None
        cleaned.append(entry)
    return cleaned


def _issues(decision: Decision, nominees: list[dict[str, str | None]]) -> list[dict[str, Any]]:
    """Each distinct issue with the nominee it concerns, for the per-language phrases."""
    seen: set[tuple[str, str | None, int | None]] = set()
    issues = []
    for issue in decision.issues:
        key = (issue.code, issue.field, issue.nominee)
        if key in seen:  # the same defect worded twice reads the same once translated
            continue
        seen.add(key)
        number = issue.nominee
        person = nominees[number - 1] if number and 0 < number <= len(nominees) else None
        issues.append({"code": issue.code, "field": issue.field, "nominee": number,
                       "person": person, "message": issue.message})
    return issues


def _meeting_context(meeting: MeetingSettings) -> dict[str, str]:
    """Title, link and the time written with its UTC offset, so no reader guesses the zone."""
    start = meeting.start
    end = meeting.end.astimezone(start.tzinfo)
    offset = start.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    if start.date() == end.date():
        when = f"{start:%Y-%m-%d}, {start:%H:%M}–{end:%H:%M} ({zone})"
    else:
        when = f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} ({zone})"
    return {"title": meeting.title, "link": meeting.link, "when": when}


def _display_name(nominee: dict[str, str | None]) -> str | None:
    parts = [nominee.get("first_name"), nominee.get("last_name")]
    name = " ".join(part for part in parts if part)
    return name or None


# -------------------------------------------------------------- headers


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def reply_message_id(case_id: str, kind: str, sender_address: str) -> str:
    """Deterministic, so a reply composed twice is recognisably the same message."""
    return message_id(f"{case_id}.{kind}", sender_address)


def _invitees(nominees: list[dict[str, str | None]]) -> dict[str, tuple[Address, dict[str, Any]]]:
    """Each deliverable nominee address once, as written to (with the name to show),
    and the nominee it belongs to."""
    attendees: dict[str, tuple[Address, dict[str, Any]]] = {}
    for nominee in nominees:
        address = mailbox(nominee.get("email"), _display_name(nominee))
        if address is not None:
            attendees.setdefault(address.addr_spec, (address, nominee))
    return attendees


# ------------------------------------------------------------------ API


def compose_replies(
    submission: Submission,
    result: CheckResult,
    decision: Decision,
    case_id: str,
    meeting: MeetingSettings | None,
    sender_address: str,
    *,
    now: dt.datetime | None = None,
) -> list[EmailMessage]:
    """The messages `decision` calls for; [] for ignored mail or when there is no one to answer.
    Only a confirmation carries the meeting link and invitation, and copies the nominees."""
    ours = sender_address.lower()
    to = mailbox(submission.sender, submission.sender_name)
    if decision.kind == "ignored" or to is None or to.addr_spec.lower() == ours:
        return []
    now = now or dt.datetime.now(dt.timezone.utc)
    letter = result.letter
    language, confirmed = _language(letter.language), decision.kind == "confirmed"
    # a withdrawal puts no one in force: no link
    link_meeting = meeting if confirmed and letter.nominees else None
    text, html = _render(language, decision.kind, _reply_context(
        submission, letter, decision, case_id, language, link_meeting))
    invitees = _invitees(_people(letter.nominees))
    # the nominees are copied on a confirmation, never ours nor the sender (already in To);
    # a mailbox that needs SMTPUTF8 gets the link in a message of its own instead, so that
    # a server without SMTPUTF8 refuses that one alone
    copied = [address for key, (address, _) in invitees.items()
              if key.lower() not in {ours, to.addr_spec.lower()}]
    cc = [a for a in copied if confirmed and not needs_smtputf8(a.addr_spec)]
    message = new_message(
        sender=Address(SECRETARIAT_NAME, addr_spec=sender_address), to=[to],
        cc=cc, subject=submission.subject,
        msg_id=reply_message_id(case_id, decision.kind, sender_address), date=now,
        auto_submitted="auto-replied", answering=submission,
        labels={"X-GCC-Decision": decision.kind, "X-GCC-Case": case_id},
    )
    set_bodies(message, text, html)
    if link_meeting is not None:
        _attach_invitation(message, link_meeting, case_id, sender_address,
                           [address for address, _ in invitees.values()], now)
    # last: set_content and add_alternative move Content-* headers into the parts
    message["Content-Language"] = language
    if link_meeting is None:
        return [message]
    alone = [invitees[a.addr_spec][1] for a in copied if needs_smtputf8(a.addr_spec)]
    invitations = (_invitation(person, language, case_id, link_meeting, sender_address, now)
                   for person in alone)
    return [message, *(m for m in invitations if m is not None)]


def _reply_context(submission: Submission, letter: Nomination, decision: Decision,
                   case_id: str, language: str,
                   meeting: MeetingSettings | None) -> dict[str, Any]:
    """What the decision's template is given; `meeting` only for a confirmation's link."""
    nominees = _people(letter.nominees)
    return {
        "lang": language,
        "direction": "rtl" if language == "ar" else "ltr",
        "subject": reply_subject(submission.subject),
        "case_id": case_id,
        "country": _country_name(letter.origin.country, language),
        "observer": letter.origin.participant_type == "observer",
        "nominees": nominees,
        "intent": letter.intent,
        "withdrawn": _people(letter.withdrawn),
        "issues": _issues(decision, nominees),
        "meeting": _meeting_context(meeting) if meeting else None,
    }


def _attach_invitation(message: EmailMessage, meeting: MeetingSettings, case_id: str,
                       sender_address: str, invitees: list[Address], now: dt.datetime) -> None:
    invitation = build_invitation(
        meeting,
        uid=invitation_uid(case_id, meeting, _domain(sender_address)),
        organizer=sender_address,
        organizer_name=SECRETARIAT_NAME,
        attendees=[Attendee(a.addr_spec, a.display_name or None) for a in invitees],
        description=f"{meeting.title}\n{meeting.link}",
        stamp=now,
    )
    message.add_attachment(
        invitation.decode("utf-8"), subtype="calendar", charset="utf-8",
        params={"method": "REQUEST"}, filename=INVITATION_FILENAME,
    )


def invitation_message_id(meeting: MeetingSettings, email: str, sender_address: str) -> str:
    """One per meeting and nominee: a second sweep composes the very same message."""
    digest = hashlib.sha256(f"{meeting.start.isoformat()}|{meeting.link}|{email.lower()}"
                            .encode()).hexdigest()[:20]
    return message_id(f"invite.{digest}", sender_address)


def compose_invitation(
    nominee: Nominee,
    language: str | None,
    case_id: str,
    meeting: MeetingSettings,
    sender_address: str,
    *,
    now: dt.datetime | None = None,
) -> EmailMessage | None:
    """The link and calendar invitation of `meeting` for one nominee in force, in the
    language of the letter that nominated them; None for an undeliverable address."""
    [person] = _people([nominee])
    return _invitation(person, _language(language), case_id, meeting, sender_address,
                       now or dt.datetime.now(dt.timezone.utc))


def _invitation(person: dict[str, str | None], language: str, case_id: str,
                meeting: MeetingSettings, sender_address: str,
                now: dt.datetime) -> EmailMessage | None:
    to = mailbox(person["email"], _display_name(person))
    if to is None:
        return None
    subject = f"OpenWallet Forum GCC: {one_line(meeting.title)}"
    context = {"lang": language, "direction": "rtl" if language == "ar" else "ltr",
               "subject": subject, "case_id": case_id, "person": person,
               "meeting": _meeting_context(meeting)}
    text, html = _render(language, "invitation", context)
    message = new_message(
        sender=Address(SECRETARIAT_NAME, addr_spec=sender_address), to=[to], subject=subject,
        msg_id=invitation_message_id(meeting, str(person["email"]), sender_address), date=now,
        auto_submitted="auto-generated",
        labels={"X-GCC-Decision": "confirmed", "X-GCC-Case": case_id},
    )
    set_bodies(message, text, html)
    _attach_invitation(message, meeting, case_id, sender_address, [to], now)
    message["Content-Language"] = language
    return message
