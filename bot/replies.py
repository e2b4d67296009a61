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
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.invitation import Attendee, build_invitation, invitation_uid
from bot.settings import MeetingSettings
from extractors.model import ANNEX2_FIELDS, Submission
from rules.base import Decision

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
FALLBACK_LANGUAGE = "en"
TEMPLATES = Path(__file__).resolve().parent / "templates"
SECRETARIAT_NAME = "OpenWallet Forum GCC Secretariat"
INVITATION_FILENAME = "invitation.ics"

_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|antw|wg|ответ|回复|回覆|答复|رد)\s*(?:\[\d+\])?\s*[:：]\s*)+",
    re.IGNORECASE,
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MAX_REFERENCES = 20


# ------------------------------------------------------------ rendering


@cache
def _environment(html: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.tests["cjk"] = _is_cjk
    return environment


def _is_cjk(text: object) -> bool:
    """Chinese names are written family name first, without spaces."""
    return isinstance(text, str) and any("\u2e80" <= ch <= "\u9fff" for ch in text)


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _render(language: str, kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """The same template as plain text and as escaped HTML."""
    name = f"{language}/{kind}.j2"
    text = _environment(False).get_template(name).render(context, html=False)
    html = _environment(True).get_template(name).render(context, html=True)
    return _tidy_text(text), html


# --------------------------------------------------------------- values


def _language(result: dict[str, Any]) -> str:
    language = (result.get("language") or "").lower()[:2]
    return language if language in LANGUAGES else FALLBACK_LANGUAGE


def _country_name(result: dict[str, Any], language: str) -> str | None:
    """The Member State's name in the letter's language, when ISO knows it."""
    country = result.get("country") or {}
    english = country.get("name")
    record = pycountry.countries.get(alpha_3=country.get("code") or "")
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


def _nominees(result: dict[str, Any]) -> list[dict[str, str | None]]:
    """Every nominee with all seven Annex 2 keys, whitespace-normalised."""
    cleaned = []
    for nominee in result.get("nominees") or []:
        entry = {key: _one_line(nominee.get(key)) for key in ANNEX2_FIELDS}
        entry["email"] = entry["email"].lower() if entry["email"] else None
        cleaned.append(entry)
    return cleaned


def _one_line(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


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


def reply_subject(subject: str) -> str:
    """'Re: ' once, whatever reply prefixes (in any language) the original carried."""
    rest = _REPLY_PREFIX.sub("", " ".join(subject.split()))
    return f"Re: {rest or 'GCC nomination'}"


def _references(submission: Submission) -> str:
    """The original's thread plus the original itself (RFC 5322 section 3.6.4)."""
    ids = _MESSAGE_ID.findall(submission.header("References") or "")
    if not ids:
        ids = _MESSAGE_ID.findall(submission.header("In-Reply-To") or "")[:1]
    if submission.message_id not in ids:
        ids.append(submission.message_id)
    if len(ids) > _MAX_REFERENCES:
        ids = ids[:1] + ids[-(_MAX_REFERENCES - 1):]
    return " ".join(ids)


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def reply_message_id(case_id: str, kind: str, sender_address: str) -> str:
    """Deterministic, so a reply composed twice is recognisably the same message."""
    return f"<{case_id}.{kind}@gcc-bot.{_domain(sender_address)}>"


def _mailbox(address: str | None, name: str | None = None) -> Address | None:
    """The address as a header value, or None when no mail server would take it."""
    if not address:
        return None
    try:
        return Address(_one_line(name) or "", addr_spec=address)
    except (ValueError, HeaderParseError):
        return None


def _invitees(nominees: list[dict[str, str | None]]) -> list[Attendee]:
    """Each deliverable nominee address once (already lower-cased), with the name to show."""
    attendees: dict[str, Attendee] = {}
    for nominee in nominees:
        email = nominee.get("email")
        if email and email not in attendees and _mailbox(email):
            attendees[email] = Attendee(email, _display_name(nominee))
    return list(attendees.values())


def _cc(attendees: list[Attendee], exclude: set[str]) -> list[Address]:
    """The nominees' addresses, never ours nor the sender's (who is already in To)."""
    return [Address(a.name or "", addr_spec=a.email) for a in attendees if a.email not in exclude]


def _envelope(
    submission: Submission,
    to: Address,
    kind: str,
    case_id: str,
    sender_address: str,
    now: dt.datetime,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(SECRETARIAT_NAME, addr_spec=sender_address)
    message["To"] = to
    message["Subject"] = reply_subject(submission.subject)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = reply_message_id(case_id, kind, sender_address)
    message["In-Reply-To"] = submission.message_id
    message["References"] = _references(submission)
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-GCC-Decision"] = kind
    message["X-GCC-Case"] = case_id
    return message


# ------------------------------------------------------------------ API


def compose_replies(
    submission: Submission,
    result: dict[str, Any],
    decision: Decision,
    case_id: str,
    meeting: MeetingSettings | None,
    sender_address: str,
    *,
    now: dt.datetime | None = None,
) -> list[EmailMessage]:
    """The messages `decision` calls for; [] for ignored mail or when there is no one to answer.

    `result` is the `check --json` object of CONTRACT.md section 5. Only a
    confirmation carries the meeting link and invitation, and only a
    confirmation copies the nominees.
    """
    ours = sender_address.lower()
    sender = (submission.sender or "").lower()
    to = _mailbox(submission.sender, submission.sender_name)
    if decision.kind == "ignored" or to is None or sender == ours:
        return []
    now = now or dt.datetime.now(dt.timezone.utc)
    language = _language(result)
    nominees = _nominees(result)
    confirmed = decision.kind == "confirmed"
    link_meeting = meeting if confirmed and nominees else None  # a withdrawal puts no one in force

    context = {
        "lang": language,
        "direction": "rtl" if language == "ar" else "ltr",
        "subject": reply_subject(submission.subject),
        "case_id": case_id,
        "country": _country_name(result, language),
        "observer": result.get("participant_type") == "observer",
        "nominees": nominees,
        "intent": result.get("intent") or "nominate",
        "withdrawn": _nominees({"nominees": result.get("withdrawn") or []}),
        "issues": _issues(decision, nominees),
        "meeting": _meeting_context(link_meeting) if link_meeting else None,
    }
    text, html = _render(language, decision.kind, context)

    message = _envelope(submission, to, decision.kind, case_id, sender_address, now)
    attendees = _invitees(nominees)
    if confirmed:
        cc = _cc(attendees, exclude={ours, sender})
        if cc:
            message["Cc"] = cc
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    if link_meeting is not None:
        invitation = build_invitation(
            link_meeting,
            uid=invitation_uid(case_id, link_meeting, _domain(sender_address)),
            organizer=sender_address,
            organizer_name=SECRETARIAT_NAME,
            attendees=attendees,
            description=f"{link_meeting.title}\n{link_meeting.link}",
            stamp=now,
        )
        message.add_attachment(
            invitation.decode("utf-8"), subtype="calendar", charset="utf-8",
            params={"method": "REQUEST"}, filename=INVITATION_FILENAME,
        )
    # last: set_content and add_alternative move Content-* headers into the parts
    message["Content-Language"] = language
    return [message]


def invitation_message_id(meeting: MeetingSettings, email: str, sender_address: str) -> str:
    """One per meeting and nominee: a second sweep composes the very same message."""
    digest = hashlib.sha256(f"{meeting.start.isoformat()}|{meeting.link}|{email.lower()}"
                            .encode()).hexdigest()[:20]
    return f"<invite.{digest}@gcc-bot.{_domain(sender_address)}>"


def compose_invitation(
    nominee: dict[str, Any],
    language: str | None,
    case_id: str,
    meeting: MeetingSettings,
    sender_address: str,
    *,
    now: dt.datetime | None = None,
) -> EmailMessage | None:
    """The link and calendar invitation of `meeting` for one nominee in force, in the
    language of the letter that nominated them; None for an undeliverable address."""
    [person] = _nominees({"nominees": [nominee]})
    to = _mailbox(person["email"], _display_name(person))
    if to is None:
        return None
    now = now or dt.datetime.now(dt.timezone.utc)
    language = _language({"language": language})
    subject = f"OpenWallet Forum GCC: {_one_line(meeting.title)}"
    context = {"lang": language, "direction": "rtl" if language == "ar" else "ltr",
               "subject": subject, "case_id": case_id, "person": person,
               "meeting": _meeting_context(meeting)}
    text, html = _render(language, "invitation", context)
    message = EmailMessage()
    message["From"] = Address(SECRETARIAT_NAME, addr_spec=sender_address)
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = invitation_message_id(meeting, str(person["email"]), sender_address)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-GCC-Decision"] = "confirmed"
    message["X-GCC-Case"] = case_id
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    invitation = build_invitation(
        meeting, uid=invitation_uid(case_id, meeting, _domain(sender_address)),
        organizer=sender_address, organizer_name=SECRETARIAT_NAME,
        attendees=[Attendee(str(person["email"]), _display_name(person))],
        description=f"{meeting.title}\n{meeting.link}", stamp=now,
    )
    message.add_attachment(invitation.decode("utf-8"), subtype="calendar", charset="utf-8",
                           params={"method": "REQUEST"}, filename=INVITATION_FILENAME)
    message["Content-Language"] = language
    return message
