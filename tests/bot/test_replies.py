"""Replies: what each decision sends, to whom, in which language (CONTRACT.md sections 3 and 7)."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

import pytest
from icalendar import Calendar

from bot.outgoing import reply_subject
from bot.judge import CheckResult
from bot.replies import LANGUAGES, compose_replies
from bot.settings import MeetingSettings
from extractors.model import Nominee, Submission
from rules.base import Decision, Issue

OURS = "gcc-secretariat@itu.int"
CASE = "GCC-3F9A1C2B7D"
HOSTILE = "<script>alert(1)</script>"
LINK = "https://meet.example.org/gcc-1?pwd=s3cret"
MEETING = MeetingSettings(
    title="OpenWallet Forum GCC - first meeting",
    start=dt.datetime.fromisoformat("2024-12-06T13:00:00+01:00"),
    end=dt.datetime.fromisoformat("2024-12-06T14:30:00+01:00"),
    link=LINK,
)
NOW = dt.datetime(2024, 11, 27, 10, 15, tzinfo=dt.timezone.utc)
ANSWERED = ("confirmed", "corrections_requested", "needs_review", "not_eligible")
ISSUES = (
    Issue("unsigned", "The letter is not signed."),
    Issue("missing_field", "Nominee 1 has no job title.", field="job_title", nominee=1),
    Issue("invalid_email", "The e-mail address of nominee 3 is not valid.", field="email", nominee=3),
    Issue("too_many_nominees", "Too many representatives."),
    Issue("multiple_primary_contacts", "2 representatives are marked as primary contact."),
)


def _submission(subject: str = "Nomination of Kenya's representatives to the GCC",
                references: str | None = "<earlier@ict.go.ke>",
                sender: str | None = "P.S.Office@ICT.go.ke") -> Submission:
    headers = (("References", references),) if references else ()
    return Submission(
        message_id="<letter-1@ict.go.ke>", sender=sender, sender_name=f"Principal Secretary {HOSTILE}",
        subject=subject, date=None, text_body="", html_body="", attachments=(),
        headers=headers, content_hash="0" * 64,
    )


def _nominee(title: str, first: str, last: str, role: str, email_: str) -> dict[str, Any]:
    return {"title": title, "first_name": first, "last_name": last, "job_title": "Director",
            "role": role, "organization": "Ministry of ICT & Digital Economy", "email": email_}


def _result(language: str | None = "en", *, observer: bool = False) -> CheckResult:
    return CheckResult.model_validate({
        "decision": "confirmed",
        "language": language,
        "country": None if observer else {"code": "KEN", "name": "Kenya"},
        "participant_type": "observer" if observer else "member_state",
        "nominees": [
            _nominee("Ms", f"Amina {HOSTILE}", "Otieno", "primary", "A.Otieno@ict.go.ke"),
            _nominee("Mr", "Brian", "Kamau", "alternate", "b.kamau@ict.go.ke"),
            # the sender nominates themself; and a typo gives a second copy of a nominee
            _nominee("Dr", "Grace", "Wanjiru", "advisor", "p.s.office@ict.go.ke"),
            _nominee("Mr", "Brian", "Kamau", "alternate", "B.KAMAU@ict.go.ke"),
        ],
        "issues": [],
    })


def _compose(kind: str, language: str | None = "en", meeting: MeetingSettings | None = MEETING,
             **submission: Any) -> list[EmailMessage]:
    decision = Decision(kind, ISSUES if kind in ("corrections_requested", "needs_review") else ())
    return compose_replies(_submission(**submission), _result(language), decision, CASE, meeting,
                           OURS, now=NOW)


def _reply(kind: str, language: str | None = "en", **kwargs: Any) -> EmailMessage:
    (message,) = _compose(kind, language, **kwargs)
    # what the outbox will send is bytes: judge what a mail client would parse back
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


def _everything(message: EmailMessage) -> str:
    """Every header and every decoded part: where a leaked link would show."""
    headers = "\n".join(f"{k}: {v}" for k, v in message.items())
    parts = [part.get_content() for part in message.walk() if not part.is_multipart()]
    return headers + "\n" + "\n".join(p if isinstance(p, str) else p.decode() for p in parts)


def _recipients(message: EmailMessage) -> set[str]:
    fields = [message.get_all(name, []) for name in ("To", "Cc", "Bcc")]
    return {address.lower() for _, address in getaddresses([v for f in fields for v in f])}


def _invitation(message: EmailMessage) -> Calendar | None:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if not parts:
        return None
    (part,) = parts
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invitation.ics"
    return Calendar.from_ical(part.get_content())


# ------------------------------------------------------------- every reply


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ANSWERED)
def test_every_reply_is_a_threaded_auto_reply_naming_its_decision_and_case(
        kind: str, language: str) -> None:
    message = _reply(kind, language)
    assert message["Subject"] == "Re: Nomination of Kenya's representatives to the GCC"
    assert message["In-Reply-To"] == "<letter-1@ict.go.ke>"
    assert message["References"].split() == ["<earlier@ict.go.ke>", "<letter-1@ict.go.ke>"]
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["X-GCC-Decision"] == kind
    assert message["X-GCC-Case"] == CASE
    assert message["Message-ID"] == f"<{CASE}.{kind}@gcc-bot.itu.int>"
    assert message["Date"].datetime == NOW
    assert message["From"].addresses[0].addr_spec == OURS
    assert message["Content-Language"] == language
    assert message["To"].addresses[0].addr_spec == "P.S.Office@ICT.go.ke"
    for part in (message.get_body(("plain",)), message.get_body(("html",))):
        assert part.get_content_charset() == "utf-8"
    assert CASE in _text(message) and CASE in _html(message)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ANSWERED)
def test_untrusted_names_are_escaped_in_html(kind: str, language: str) -> None:
    html = _html(_reply(kind, language))
    assert "<script" not in html
    if kind in ("confirmed", "corrections_requested"):  # the replies that name people
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert HOSTILE in _text(_reply(kind, language))  # plain text shows it as written


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_frame_every_reply_extends_is_escaped_in_html_too(language: str) -> None:
    """Text and HTML come from one template environment: what a reply extends (the shared
    layout, which shows the sender's subject) is HTML when the reply is."""
    message = _reply("needs_review", language, subject=f"Nomination {HOSTILE}")
    assert "<title>Re: Nomination &lt;script&gt;" in _html(message)
    assert "<script" not in _html(message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_declares_language_and_direction(language: str) -> None:
    html = _html(_reply("needs_review", language))
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_ignored_mail_gets_nothing_ever() -> None:
    assert _compose("ignored") == []


@pytest.mark.parametrize("sender", [None, "", OURS, OURS.upper(), "not an address", "a@b@c"])
def test_no_reply_without_a_sender_or_to_ourselves(sender: str | None) -> None:
    for kind in ANSWERED:
        assert _compose(kind, sender=sender) == []


def test_the_message_id_is_stable_per_case_and_decision() -> None:
    first, second = _reply("confirmed"), _reply("confirmed")
    assert first["Message-ID"] == second["Message-ID"]
    assert len({_reply(kind)["Message-ID"] for kind in ANSWERED}) == len(ANSWERED)


@pytest.mark.parametrize("original", [
    "GCC nomination",
    "Re: GCC nomination",
    "RE: Re: GCC nomination",
    "re : GCC nomination",
    "Re[2]: GCC nomination",
    "AW: GCC nomination",
    "回复：GCC nomination",
    "Ответ: GCC nomination",
    "  Re:   GCC   nomination ",
])
def test_the_subject_says_re_once(original: str) -> None:
    assert reply_subject(original) == "Re: GCC nomination"


def test_forwarded_subjects_keep_their_forward_marker() -> None:
    assert reply_subject("FW: GCC nomination") == "Re: FW: GCC nomination"


def test_a_reply_without_references_threads_on_the_original_alone() -> None:
    message = _reply("needs_review", references=None)
    assert message["References"] == "<letter-1@ict.go.ke>"


@pytest.mark.parametrize("language", [None, "de", "pt"])
def test_letters_in_other_languages_are_answered_in_english(language: str | None) -> None:
    message = _reply("needs_review", language)
    assert message["Content-Language"] == "en"
    assert _text(message).startswith("Dear Sir or Madam,")


# ----------------------------------------------------------- confirmation


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_confirmation_copies_each_nominee_once_and_carries_the_meeting(language: str) -> None:
    message = _reply("confirmed", language)
    assert message["To"].addresses[0].addr_spec == "P.S.Office@ICT.go.ke"
    cc = [a.addr_spec for a in message["Cc"].addresses]
    assert cc == ["a.otieno@ict.go.ke", "b.kamau@ict.go.ke"]  # sender and duplicate left out
    for body in (_text(message), _html(message)):
        assert "Otieno" in body and "Kamau" in body and "Wanjiru" in body
        assert MEETING.title in body
        assert "2024-12-06" in body and "13:00" in body and "UTC+01:00" in body
    assert LINK in _text(message)
    assert f'<a href="{LINK}">' in _html(message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invitation_reaches_every_nominee_at_the_meeting_time(language: str) -> None:
    calendar = _invitation(_reply("confirmed", language))
    assert calendar is not None
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert {str(a) for a in event["ATTENDEE"]} == {
        "mailto:a.otieno@ict.go.ke", "mailto:b.kamau@ict.go.ke", "mailto:p.s.office@ict.go.ke"}
    assert str(event["ORGANIZER"]) == f"mailto:{OURS}"
    assert event.decoded("DTSTART") == MEETING.start
    assert event.decoded("DTEND") == MEETING.end
    assert event["URL"] == LINK and event["LOCATION"] == LINK
    assert event["UID"] == f"{CASE}-20241206T120000Z@gcc-bot.itu.int"


def test_the_invitation_uid_survives_a_resend() -> None:
    first = _invitation(_reply("confirmed"))
    again = compose_replies(_submission(), _result(), Decision("confirmed"), CASE, MEETING, OURS,
                            now=NOW + dt.timedelta(hours=5))[0]
    second = _invitation(again)
    assert first is not None and second is not None
    assert first.walk("VEVENT")[0]["UID"] == second.walk("VEVENT")[0]["UID"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_meeting_the_confirmation_promises_the_link_later(language: str) -> None:
    message = _reply("confirmed", language, meeting=None)
    assert _invitation(message) is None
    assert "http" not in _text(message)
    assert "href" not in _html(message)


def test_undeliverable_nominee_addresses_get_neither_copy_nor_invitation() -> None:
    result = _result()
    result.letter.nominees[1].email = "brian kamau@ict.go.ke"
    result.letter.nominees[3].email = "b.kamau@ict.go.ke\r\nBcc: victim@example.org"
    message = compose_replies(_submission(), result, Decision("confirmed"), CASE, MEETING, OURS,
                              now=NOW)[0]
    assert _recipients(message) == {"p.s.office@ict.go.ke", "a.otieno@ict.go.ke"}
    calendar = _invitation(message)
    assert calendar is not None
    assert {str(a) for a in calendar.walk("VEVENT")[0]["ATTENDEE"]} == {
        "mailto:a.otieno@ict.go.ke", "mailto:p.s.office@ict.go.ke"}


def test_an_observer_confirmation_speaks_of_the_organization() -> None:
    message = compose_replies(_submission(), _result(observer=True), Decision("confirmed"),
                              CASE, MEETING, OURS, now=NOW)[0]
    assert "observer" in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("language", "name"), [
    ("en", "Kenya"), ("fr", "Kenya"), ("es", "Kenia"), ("ru", "Кения"), ("ar", "كينيا"), ("zh", "肯尼亚"),
])
def test_the_country_is_named_in_the_letters_language(language: str, name: str) -> None:
    assert name in _text(_reply("confirmed", language))


def test_chinese_names_are_written_family_name_first() -> None:
    result = _result("zh")
    result.letter.nominees = [Nominee(title="先生", first_name="家豪", last_name="吴",
                                      job_title="高级经理", role="primary",
                                      organization="马来西亚数码经济机构",
                                      email="ng.kahhow@mdec.com.my")]
    message = compose_replies(_submission(), result, Decision("confirmed"), CASE, MEETING, OURS,
                              now=NOW)[0]
    assert "吴家豪先生，高级经理" in message.get_body(("plain",)).get_content()


# ------------------------------------------------ the replies with no link


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["corrections_requested", "needs_review", "not_eligible"])
def test_only_a_confirmation_carries_the_link_and_only_the_sender_gets_it(
        kind: str, language: str) -> None:
    message = _reply(kind, language)
    assert _recipients(message) == {"p.s.office@ict.go.ke"}
    assert "meet.example.org" not in _everything(message)
    assert _invitation(message) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_correction_request_lists_every_issue_in_the_letters_language(language: str) -> None:
    message = _reply("corrections_requested", language)
    text, html = _text(message), _html(message)
    assert sum(line.startswith("- ") for line in text.splitlines()) == len(ISSUES)
    assert html.count("<li>") == len(ISSUES)
    assert "Otieno" in text and "Wanjiru" in text  # the nominees the field issues concern
    if language != "en":
        assert not any(issue.message in text for issue in ISSUES)


def test_the_same_defect_reported_twice_is_listed_once() -> None:
    issues = (Issue("unsigned", "No signature."), Issue("unsigned", "Placeholder still there."))
    message = compose_replies(_submission(), _result(), Decision("corrections_requested", issues),
                              CASE, MEETING, OURS, now=NOW)[0]
    assert message.get_body(("html",)).get_content().count("<li>") == 1


def test_an_issue_without_a_phrase_falls_back_to_its_english_message() -> None:
    issue = Issue("some_new_code", "Something new & unexpected happened.")
    message = compose_replies(_submission(), _result("fr"), Decision("corrections_requested", (issue,)),
                              CASE, MEETING, OURS, now=NOW)[0]
    assert issue.message in message.get_body(("plain",)).get_content()
    assert "Something new &amp; unexpected happened." in message.get_body(("html",)).get_content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_acknowledgement_reveals_no_issue(language: str) -> None:
    text = _text(_reply("needs_review", language))
    assert not any(issue.message in text or issue.code in text for issue in ISSUES)
    assert "Otieno" not in text
