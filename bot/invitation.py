"""The iCalendar invitation (RFC 5545 / iTIP RFC 5546) sent with a confirmation.

Calendar clients add the meeting with one click and update it in place when
the same UID arrives again, so the UID depends only on the case and the
meeting: a resent confirmation never creates a second calendar entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vCalAddress, vText

from bot.settings import MeetingSettings

PRODID = "-//ITU//GCC nomination bot//EN"


@dataclass(frozen=True)
class Attendee:
    """A confirmed nominee as the calendar shows them."""

    email: str
    name: str | None = None


def _utc(moment: dt.datetime) -> dt.datetime:
    """UTC needs no VTIMEZONE block, and every client reads it the same way."""
    return moment.astimezone(dt.timezone.utc)


def invitation_uid(case_id: str, meeting: MeetingSettings, domain: str) -> str:
    """Stable per case and meeting, so a resend updates rather than duplicates."""
    return f"{case_id}-{_utc(meeting.start):%Y%m%dT%H%M%SZ}@gcc-bot.{domain}"


def _address(email: str, name: str | None, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    if role:
        address.params["ROLE"] = role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        # Answers would land in the bot's mailbox, which reads nominations, not RSVPs.
        address.params["RSVP"] = "FALSE"
    return address


def build_invitation(
    meeting: MeetingSettings,
    *,
    uid: str,
    organizer: str,
    organizer_name: str,
    attendees: list[Attendee],
    description: str,
    stamp: dt.datetime,
) -> bytes:
    """A METHOD:REQUEST calendar with one event: the meeting, its link and its attendees."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(meeting.start))
    event.add("dtend", _utc(meeting.end))
    event.add("summary", meeting.title)
    event.add("description", description)
    event.add("location", meeting.link)
    event.add("url", meeting.link)
    event.add("sequence", 0)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(organizer, organizer_name))
    for attendee in attendees:
        event.add("attendee", _address(attendee.email, attendee.name, "REQ-PARTICIPANT"))
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
