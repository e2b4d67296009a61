"""Outgoing headers every mail client threads and every server accepts (issue 17).

Replies are composed to letters whose Message-IDs are written the way
Exchange/Outlook, Gmail, Apple Mail, Lotus Notes, Zimbra and Thunderbird write
them, 20 to 250 characters long, with and without a References chain. What is
judged is the bytes the outbox stores and sends, read back by the standard
library's strict policy and by mail-parser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import random
import re
from email.message import EmailMessage
from pathlib import Path

import mailparser
import pytest

from bot.outgoing import POLICY, mailbox, message_id, wire_bytes
from bot.judge import CheckResult
from bot.replies import compose_invitation, compose_replies
from bot.runtime import open_flow
from bot.settings import DatabaseSettings, LocalSettings, MeetingSettings, ReviewSettings, Settings
from bot.transports.base import PermanentFailure
from bot.transports.smtp import RecipientsRefused, SmtpOutbox
from extractors.model import Submission
from rules.base import Decision, Issue
from tests.bot.msgids import LENGTHS, STYLES, chain, msg_id
from tests.letters import letter_mail
from tests.servers import SmtpServer

OURS = "gcc-secretariat@itu.int"
NOW = dt.datetime(2024, 11, 27, 10, 15, tzinfo=dt.timezone.utc)
MEETING = MeetingSettings(
    title="OpenWallet Forum GCC - first meeting",
    start=dt.datetime.fromisoformat("2024-12-06T13:00:00+01:00"),
    end=dt.datetime.fromisoformat("2024-12-06T14:30:00+01:00"),
    link="https://meet.example.org/gcc-1",
)
KINDS = ("confirmed", "corrections_requested", "needs_review", "not_eligible")
THREADS = ("none", "in-reply-to only", "short chain", "long chain")
THREADING = ("In-Reply-To", "References", "Message-ID")


def letter(message_id: str, thread: str, rng: random.Random, *, sender: str = "ps@ict.go.ke",
           sender_name: str | None = "Principal Secretary") -> tuple[Submission, list[str]]:
    """A letter with that Message-ID and its place in a thread; and the earlier ids."""
    earlier = {"none": [], "in-reply-to only": chain(rng, 1), "short chain": chain(rng, 3),
               "long chain": chain(rng, 25)}[thread]
    headers: tuple[tuple[str, str], ...] = ()
    if thread == "in-reply-to only":
        headers = (("In-Reply-To", earlier[0]),)
    elif earlier:
        # as senders fold it: one msg-id a line
        headers = (("References", "\r\n ".join(earlier)), ("In-Reply-To", earlier[-1]))
    return Submission(
        message_id=message_id, sender=sender, sender_name=sender_name,
        subject="Nomination of representatives to the GCC", date=None, text_body="",
        html_body="", attachments=(), headers=headers, content_hash="0" * 64,
    ), earlier


def result(email_: str = "a.otieno@ict.go.ke", first_name: str = "Amina",
           last_name: str | None = "Otieno") -> CheckResult:
    nominee = {"title": "Ms", "first_name": first_name, "last_name": last_name,
               "job_title": "Director", "role": "primary", "organization": "Ministry of ICT",
               "email": email_}
    return CheckResult.model_validate({
        "decision": "confirmed", "language": "en", "country": {"code": "KEN", "name": "Kenya"},
        "participant_type": "member_state", "nominees": [nominee], "issues": []})


def messages_bytes(submission: Submission, kind: str,
                   outcome: CheckResult | None = None) -> list[bytes]:
    """What the flow stores in the outbox for that decision."""
    issues = (Issue("unsigned", "The letter is not signed."),) if kind != "confirmed" else ()
    messages = compose_replies(submission, outcome or result(), Decision(kind, issues),
                               "GCC-3F9A1C2B7D", MEETING, OURS, now=NOW)
    return [message.as_bytes() for message in messages]


def reply_bytes(submission: Submission, kind: str, outcome: CheckResult | None = None) -> bytes:
    (raw,) = messages_bytes(submission, kind, outcome)
    return raw


def header_block(raw: bytes) -> str:
    return raw.split(b"\n\n", 1)[0].decode("utf-8")


def raw_header(raw: bytes, name: str) -> str:
    """The header's value exactly as written, unfolded (RFC 5322 section 2.2.3)."""
    found = re.search(rf"^{name}:(.*(?:\n[ \t].*)*)", header_block(raw), re.MULTILINE | re.IGNORECASE)
    assert found, f"no {name} header"
    return found.group(1).replace("\n", "").strip()


def strictly_parsed(raw: bytes) -> EmailMessage:
    """Parsed with the strict policy (defects raise), every header free of defects."""
    parsed = email.message_from_bytes(raw, policy=email.policy.strict)
    assert isinstance(parsed, EmailMessage)
    for part in parsed.walk():
        assert part.defects == []
        for name, value in part.items():
            assert value.defects == (), (name, value.defects)
    return parsed


def is_msg_id(value: str) -> bool:
    """RFC 5322 msg-id, as the standard library's Message-ID parser reads one."""
    header = email.policy.strict.header_factory("Message-ID", value)
    return header.defects == () and str(header) == value


CASES = [(style, length, thread) for style in STYLES for length in LENGTHS for thread in THREADS]


@pytest.mark.parametrize(("style", "length", "thread"), CASES)
def test_a_reply_threads_on_the_original_msg_id_byte_for_byte(style: str, length: int, thread: str) -> None:
    rng = random.Random(f"{style}{length}{thread}")
    original = msg_id(style, length, rng)
    submission, earlier = letter(original, thread, rng)
    raw = reply_bytes(submission, KINDS[length % len(KINDS)])

    assert "=?" not in "".join(raw_header(raw, name) for name in THREADING)
    assert raw_header(raw, "In-Reply-To") == original
    references = raw_header(raw, "References").split()
    assert references[-1] == original
    assert all(is_msg_id(i) for i in references)
    if thread == "long chain":  # the root and the latest, 20 in all
        assert references == [earlier[0], *earlier[-18:], original]
    elif thread == "in-reply-to only":
        assert references == [earlier[0], original]
    else:
        assert references == [*earlier, original]

    for line in header_block(raw).split("\n"):
        assert len(line) <= 998
        if len(line) > 78:  # only a msg-id that cannot fit is allowed to make a line long
            assert re.fullmatch(r"(?:[\w-]+:)? ?<[^ ]+>", line), line

    parsed = strictly_parsed(raw)
    assert parsed["In-Reply-To"] == original
    assert str(parsed["References"]).split() == references

    mail = mailparser.parse_from_bytes(raw)
    assert mail.defects == []
    assert mail.headers["In-Reply-To"] == original
    assert mail.headers["References"].split() == references


@pytest.mark.parametrize("style", STYLES)
def test_stored_replies_are_sent_and_kept_as_they_were_built(style: str) -> None:
    """The flow stores bytes and reads them back before sending: nothing may refold them."""
    rng = random.Random(style)
    submission, _ = letter(msg_id(style, 250, rng), "short chain", rng)
    raw = reply_bytes(submission, "confirmed")
    stored = email.message_from_bytes(raw, policy=POLICY)
    assert isinstance(stored, EmailMessage)
    assert stored.as_bytes() == raw
    assert wire_bytes(stored, utf8=False) == raw.replace(b"\n", b"\r\n")


NAMES = ["Amina Otieno", "Dr. O'Brien, Seán", 'Ahmed "the engineer" Hassan', "李伟",
         "Иван Петрович Сидоров-Заде", "أحمد بن محمد العبدالله", "María José (DGTIC) <jefa>",
         "Name with @ and ; and : inside", "Ngũgĩ wa Thiong'o " * 4]


@pytest.mark.parametrize("name", NAMES)
def test_display_names_in_any_script_are_encoded_but_addresses_never(name: str) -> None:
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1), sender="ps@ict.go.ke",
                           sender_name=name)
    raw = reply_bytes(submission, "confirmed", result("a.otieno@ict.go.ke", name, None))
    assert raw_header(raw, "To").endswith("<ps@ict.go.ke>")
    assert raw_header(raw, "Cc").endswith("<a.otieno@ict.go.ke>")
    assert "=?" not in raw_header(raw, "To").rsplit("<", 1)[1]
    parsed = strictly_parsed(raw)
    assert [a.addr_spec for h in ("To", "Cc") for a in parsed[h].addresses] == \
        ["ps@ict.go.ke", "a.otieno@ict.go.ke"]
    # names as mail clients decode them (RFC 2047 6.2: the space between two encoded-words
    # of a long name is no part of it; the standard library's phrase parser keeps it)
    mail = mailparser.parse_from_bytes(raw)
    assert mail.defects == []
    shown = " ".join(name.split())
    assert (mail.to, mail.cc) == ([(shown, "ps@ict.go.ke")], [(shown, "a.otieno@ict.go.ke")])


SUBJECTS = [
    "Nomination of the representatives of the Republic of Kenya to the Government Committee (GCC) of the OpenWallet Forum",
    "Désignation des représentants de la République française au Comité gouvernemental (GCC) de l’OpenWallet Forum",
    "Назначение представителей Российской Федерации в Правительственный комитет (GCC) Форума OpenWallet",
    "ترشيح ممثلي جمهورية مصر العربية في اللجنة الحكومية (GCC) لمنتدى OpenWallet",
    "关于提名中华人民共和国出席OpenWallet论坛政府委员会（GCC）代表的函",
    "RE: AW: Designación de representantes de España ante el Comité Gubernamental (GCC)",
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_long_subject_in_any_script_reads_back_as_written_with_re_once(subject: str) -> None:
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1))
    raw = reply_bytes(dataclasses.replace(submission, subject=subject), "needs_review")
    expected = "Re: " + re.sub(r"^(RE|AW): ", "", re.sub(r"^(RE|AW): ", "", subject))
    assert all(len(line) <= 78 for line in header_block(raw).split("\n") if "<" not in line)
    assert strictly_parsed(raw)["Subject"] == expected
    # mail-parser reads the subject with the legacy decoder, which neither unfolds nor keeps
    # the space after an encoded-word; it must still find nothing wrong
    assert mailparser.parse_from_bytes(raw).defects == []


UTF8_MAILBOX = "李伟@工信部.中国"
IDN = [  # the address as the letter wrote it, and as every server accepts it
    ("ivan.petrov@минцифры.рф", "ivan.petrov@xn--h1aakfqxm7b.xn--p1ai"),
    ("li.wei@工信部.中国", "li.wei@xn--vuq945an13b.xn--fiqs8s"),
    ("ahmed@وزارة.مصر", "ahmed@xn--mgbexc3i.xn--wgbh1c"),
    ("jose@ministerio.gob.es", "jose@ministerio.gob.es"),
    ("m.mueller@bundesämter.de", "m.mueller@xn--bundesmter-v5a.de"),
]


@pytest.mark.parametrize(("written", "sent"), IDN)
def test_an_idn_domain_is_written_in_a_label_form_everywhere(written: str, sent: str) -> None:
    address = mailbox(written, "Nominee")
    assert address is not None and address.addr_spec == sent
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1), sender=written)
    raw = reply_bytes(submission, "confirmed", result(written))
    assert raw_header(raw, "To") == f"Principal Secretary <{sent}>"
    strictly_parsed(raw)
    (invitation,) = [compose_invitation(result(written).letter.nominees[0], "ru", "GCC-1", MEETING, OURS)]
    assert invitation is not None and invitation["To"].addresses[0].addr_spec == sent
    assert f"mailto:{sent}".encode() in invitation.as_bytes()


def test_a_mailbox_with_a_utf8_local_part_gets_the_link_in_an_internationalised_message_of_its_own() -> None:
    """RFC 6532: the address is written in UTF-8, never as an encoded-word; the
    confirmation to the sender stays plain, so a server without SMTPUTF8 still takes it."""
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1))
    reply, invitation = messages_bytes(submission, "confirmed", result(UTF8_MAILBOX, "李伟", None))
    assert raw_header(reply, "To") == "Principal Secretary <ps@ict.go.ke>"
    assert b"\nCc:" not in reply and header_block(reply).isascii()
    assert raw_header(invitation, "To") == "李伟 <李伟@xn--vuq945an13b.xn--fiqs8s>"
    assert raw_header(invitation, "X-GCC-Case") == "GCC-3F9A1C2B7D"
    assert MEETING.link.encode() in invitation


@pytest.mark.parametrize("address", ["not an address", "a@b@c", "x@", "@ict.go.ke", "a@-bad-.рф"])
def test_an_address_no_server_would_take_has_no_mailbox(address: str) -> None:
    assert mailbox(address) is None


def test_our_msg_ids_are_ascii_whatever_our_domain() -> None:
    assert message_id("digest-2024-11-27", "gcc@Секретариат.рф") == \
        "<digest-2024-11-27@gcc-bot.xn--80aanaqj6bcdoe.xn--p1ai>"


# ------------------------------------------------- through a real SMTP server


def _sent(smtp_server: SmtpServer, raw: bytes) -> None:
    """As the flow sends a stored reply: read back from the outbox's bytes, then delivered."""
    stored = email.message_from_bytes(raw, policy=POLICY)
    assert isinstance(stored, EmailMessage)
    outbox = SmtpOutbox(smtp_server.host, smtp_server.port, "none")
    try:
        outbox.send(stored)
    finally:
        outbox.close()


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
def test_the_server_receives_the_reply_exactly_as_built(smtp_server: SmtpServer, style: str) -> None:
    rng = random.Random(f"smtp{style}")
    original = msg_id(style, rng.choice([98, 176, 250]), rng)
    submission, _ = letter(original, "short chain", rng, sender_name="Иван Петрович Сидоров-Заде")
    raw = reply_bytes(submission, "confirmed")
    _sent(smtp_server, raw)

    [received] = smtp_server.messages
    assert received.content == raw.replace(b"\n", b"\r\n")
    assert raw_header(received.content.replace(b"\r\n", b"\n"), "In-Reply-To") == original
    assert received.rcpt_tos == ["ps@ict.go.ke", "a.otieno@ict.go.ke"]


@pytest.mark.slow
@pytest.mark.parametrize(("written", "sent"), IDN[:3])
def test_a_reply_to_an_idn_address_reaches_a_plain_server_in_a_label_form(
        smtp_server: SmtpServer, written: str, sent: str) -> None:
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1), sender=written)
    _sent(smtp_server, reply_bytes(submission, "confirmed"))
    [received] = smtp_server.messages
    assert received.rcpt_tos == [sent, "a.otieno@ict.go.ke"]
    assert "SMTPUTF8" not in received.mail_options
    assert raw_header(received.content.replace(b"\r\n", b"\n"), "To") == f"Principal Secretary <{sent}>"


@pytest.mark.slow
@pytest.mark.parametrize("offered", [True, False])
def test_a_utf8_mailbox_gets_its_link_with_smtputf8_or_is_a_permanent_failure(
        smtp_server: SmtpServer, offered: bool) -> None:
    smtp_server.smtputf8 = offered
    smtp_server.restart()
    submission, _ = letter("<a1@ict.go.ke>", "none", random.Random(1))
    reply, invitation = messages_bytes(submission, "confirmed", result(UTF8_MAILBOX, "李伟", None))
    _sent(smtp_server, reply)
    if offered:
        _sent(smtp_server, invitation)
    else:
        with pytest.raises(RecipientsRefused, match="SMTPUTF8") as refused:
            _sent(smtp_server, invitation)
        assert isinstance(refused.value, PermanentFailure) and not refused.value.delivered
        assert list(refused.value.refused) == ["李伟@xn--vuq945an13b.xn--fiqs8s"]

    received = smtp_server.messages
    assert received[0].rcpt_tos == ["ps@ict.go.ke"] and "SMTPUTF8" not in received[0].mail_options
    assert received[0].content == reply.replace(b"\n", b"\r\n")
    if offered:
        assert received[1].rcpt_tos == ["李伟@xn--vuq945an13b.xn--fiqs8s"]
        assert "SMTPUTF8" in received[1].mail_options
        assert received[1].content == invitation.replace(b"\n", b"\r\n")
    assert len(received) == 1 + offered


# ------------------------------------------------ the whole flow, embedded defaults


@pytest.mark.slow
@pytest.mark.parametrize("style", ["exchange", "lotus-notes"])
def test_a_poll_on_the_embedded_defaults_answers_inside_the_senders_thread(
        tmp_path: Path, style: str) -> None:
    """Issue 17 as found: an Outlook letter answered by `gcc-bot poll` into mail/outbox/."""
    rng = random.Random(f"flow{style}")
    original, earlier = msg_id(style, 131, rng), chain(rng, 2)
    settings = Settings(local=LocalSettings(folder=tmp_path / "mail"),
                        database=DatabaseSettings(url=f"sqlite:///{tmp_path / 'state.db'}"),
                        review=ReviewSettings(folder=tmp_path / "review"))
    inbox = tmp_path / "mail" / "inbox"
    inbox.mkdir(parents=True)
    thread = f"References: {earlier[0]}\n {earlier[1]}\nIn-Reply-To: {earlier[1]}\n".encode()
    (inbox / "letter.eml").write_bytes(thread + letter_mail(message_id=original))
    with open_flow(settings) as flow:
        assert flow.poll().sent == 1

    [reply] = (tmp_path / "mail" / "outbox").glob("*.eml")
    raw = reply.read_bytes()
    assert raw_header(raw, "In-Reply-To") == original
    assert raw_header(raw, "References").split() == [*earlier, original]
    strictly_parsed(raw)
    assert mailparser.parse_from_bytes(raw).defects == []
