"""Intake: raw bytes become a Submission; machine-made mail is recognised (RFC 3834)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bot.intake import parse_mail
from tests.letters import letter_mail, mail

OWN = frozenset({"gcc-secretariat@itu.int"})


def test_a_letter_mail_gives_sender_subject_and_the_pdf() -> None:
    raw = letter_mail(sender="Registry <registry@ict.go.ke>", message_id="<abc@ict.go.ke>")
    submission = parse_mail(raw, authserv_id="mx.itu.int", own_addresses=OWN)
    assert submission.message_id == "<abc@ict.go.ke>"
    assert submission.sender == "registry@ict.go.ke"
    assert submission.sender_domain == "ict.go.ke"
    assert submission.subject.startswith("Nomination")
    [pdf] = submission.attachments
    assert pdf.filename == "nomination.pdf" and pdf.data.startswith(b"%PDF-")
    assert submission.automatic is None and submission.parse_error is None
    assert submission.auth is not None and {r.method for r in submission.auth} >= {"dkim", "spf"}


def test_authentication_results_are_not_judged_without_our_authserv_id() -> None:
    assert parse_mail(letter_mail(), authserv_id=None).auth is None


def test_non_ascii_filenames_rfc2231_survive() -> None:
    raw = mail(attachments=[("Désignation GCC – Belgique.pdf", "application/pdf", b"%PDF-1.4")])
    assert parse_mail(raw).attachments[0].filename == "Désignation GCC – Belgique.pdf"


def test_a_resent_letter_keeps_its_content_hash_under_a_new_cover_note() -> None:
    pdf = [("letter.pdf", "application/pdf", b"%PDF-1.4 same bytes")]
    first = parse_mail(mail(body="Please find our letter.", attachments=pdf))
    second = parse_mail(mail(body="Resending, in case it got lost.", attachments=pdf))
    assert first.message_id != second.message_id
    assert first.content_hash == second.content_hash


def test_a_message_without_message_id_gets_a_stable_one() -> None:
    raw = b"From: a@b.gov\r\nSubject: hi\r\n\r\nbody\r\n"
    assert parse_mail(raw).message_id == parse_mail(raw).message_id
    assert parse_mail(raw).message_id.startswith("<sha256-")


@pytest.mark.parametrize(("headers", "sender", "why"), [
    ({"Auto-Submitted": "auto-replied"}, "k.owusu@moc.gov.gh", "Auto-Submitted"),
    ({"Precedence": "bulk"}, "news@example.com", "Precedence"),
    ({"List-Id": "<digital.lists.example.org>"}, "news@example.com", "list"),
    ({"Return-Path": "<>"}, "someone@example.org", "bounce"),
    ({}, "MAILER-DAEMON@mx.itu.int", "MAILER-DAEMON"),
    ({}, "gcc-secretariat@itu.int", "loop"),
])
def test_machine_made_mail_is_recognised(headers: dict[str, str], sender: str, why: str) -> None:
    submission = parse_mail(mail(sender=sender, headers=headers), own_addresses=OWN)
    assert submission.automatic is not None and why.lower() in submission.automatic.lower()


def test_auto_submitted_no_is_a_human_mail() -> None:
    assert parse_mail(mail(headers={"Auto-Submitted": "no"})).automatic is None


def test_a_delivery_status_report_is_a_bounce() -> None:
    report = EmailMessage()
    report["From"] = "Mail Delivery System <postmaster@mx.example.org>"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report.set_content("This is the mail system.")
    report.make_mixed()
    report.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="b"')
    assert parse_mail(report.as_bytes()).automatic is not None


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\x01\x02 not a mail at all \xff\xfe",
    b"Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: application/pdf\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n",
])
def test_broken_input_never_raises(raw: bytes) -> None:
    submission = parse_mail(raw)
    assert submission.message_id
