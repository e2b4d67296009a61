"""The iCalendar invitation: what a calendar client reads back from it."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from bot.invitation import Attendee, build_invitation, invitation_uid
from bot.settings import MeetingSettings

MEETING = MeetingSettings(
    title="OpenWallet Forum GCC - first meeting",
    start=dt.datetime.fromisoformat("2024-12-06T13:00:00+01:00"),
    end=dt.datetime.fromisoformat("2024-12-06T14:30:00+01:00"),
    link="https://meet.example.org/gcc-1",
)
STAMP = dt.datetime(2024, 11, 27, 10, 15, tzinfo=dt.timezone.utc)


def _event(attendees: list[Attendee]) -> Calendar:
    data = build_invitation(
        MEETING,
        uid=invitation_uid("GCC-3F9A1C2B7D", MEETING, "itu.int"),
        organizer="gcc-secretariat@itu.int",
        organizer_name="OpenWallet Forum GCC Secretariat",
        attendees=attendees,
        description="OpenWallet Forum GCC - first meeting",
        stamp=STAMP,
    )
    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    return event


def test_the_event_carries_the_meeting_in_utc_with_its_link() -> None:
    event = _event([Attendee("a.otieno@ict.go.ke", "Amina Otieno")])
    assert event.decoded("DTSTART") == MEETING.start
    assert event.decoded("DTEND") == MEETING.end
    assert event["DTSTART"].to_ical() == b"20241206T120000Z"  # UTC: no VTIMEZONE needed
    assert event["SUMMARY"] == MEETING.title
    assert event["URL"] == MEETING.link
    assert event["LOCATION"] == MEETING.link
    assert event["UID"] == "GCC-3F9A1C2B7D-20241206T120000Z@gcc-bot.itu.int"
    assert event.decoded("DTSTAMP") == STAMP


def test_organizer_and_every_attendee_are_named_without_asking_for_answers() -> None:
    hostile = 'Dr "Amina"; <script>alert(1)</script>'
    event = _event([Attendee("a.otieno@ict.go.ke", hostile), Attendee("b.kamau@ict.go.ke")])
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:gcc-secretariat@itu.int"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:a.otieno@ict.go.ke", "mailto:b.kamau@ict.go.ke"]
    assert attendees[0].params["CN"].replace("'", '"') == hostile
    assert "CN" not in attendees[1].params
    assert all(a.params["RSVP"] == "FALSE" for a in attendees)


def test_the_uid_depends_only_on_the_case_and_the_meeting() -> None:
    later = MEETING.model_copy(update={"start": MEETING.start + dt.timedelta(days=30),
                                       "end": MEETING.end + dt.timedelta(days=30)})
    uid = invitation_uid("GCC-1", MEETING, "itu.int")
    assert uid == invitation_uid("GCC-1", MEETING, "itu.int")
    assert uid != invitation_uid("GCC-2", MEETING, "itu.int")
    assert uid != invitation_uid("GCC-1", later, "itu.int")
