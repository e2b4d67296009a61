"""Whatever the internet sends, a poll finishes, every message is kept and decided, and
nothing beyond a limit is read: bombs, floods of attachments, deep nesting, hostile names
and headers go to the review queue with the limit named, and get no meeting link."""

from __future__ import annotations

import email
import io
import struct
import zipfile
import zlib
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.judge import judge
from bot.limits import over_limit
from bot.intake import parse_mail
from bot.models import CaseRow, MessageRow
from bot.runtime import open_flow
from bot.settings import (DatabaseSettings, LimitsSettings, LocalSettings, MeetingSettings,
                          ReviewSettings, Settings)
from tests.letters import Letter, letter_mail, letter_pdf, mail

LINK = "https://meet.example.org/gcc-1"
LIMITS = LimitsSettings(max_message_bytes=3_000_000, max_attachments=40, max_pages=20,
                        max_image_pixels=50_000_000, max_unpacked_bytes=20_000_000,
                        letter_seconds=120)


def zip_bomb_docx() -> bytes:
    """A DOCX whose document.xml unpacks to 60 MB from a few tens of kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            for _ in range(60):
                member.write(b" " * 1_000_000)
    return buffer.getvalue()


def flate_bomb_pdf() -> bytes:
    """A one-page PDF whose content stream inflates to 60 MB."""
    return flate_pdf(b"0 0 m " * 10_000_000)


def flate_pdf(content: bytes) -> bytes:
    """A one-page PDF with `content` as its Flate-compressed content stream."""
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    return _pdf(objects)


def many_pages_pdf(pages: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + n) for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG that claims 20000 x 20000 pixels (400 million) in a few hundred bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * 16)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def nested(depth: int) -> bytes:
    """A mail forwarding a mail forwarding a mail ... `depth` times (message/rfc822)."""
    raw = b"From: someone@example.org\r\nSubject: innermost\r\n\r\nNomination\r\n"
    for level in range(depth):
        raw = (b"From: registry@ict.go.ke\r\nSubject: Fwd %d\r\nMessage-ID: <fwd-%d@x>\r\n"
               b"MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" % (level, level)) + raw
    return raw


def with_attachments(count: int) -> bytes:
    return mail(attachments=[(f"part-{n}.txt", "text/plain", b"x") for n in range(count)])


BOMBS = {
    "zip-bomb.eml": (mail(attachments=[("letter.docx", "application/vnd.openxmlformats-"
                                        "officedocument.wordprocessingml.document",
                                        zip_bomb_docx())]), "max_unpacked_bytes"),
    "flate-bomb.eml": (mail(attachments=[("letter.pdf", "application/pdf", flate_bomb_pdf())]),
                       "max_unpacked_bytes"),
    "huge-png.eml": (mail(attachments=[("scan.png", "image/png", huge_png())]),
                     "max_image_pixels"),
    "long-pdf.eml": (mail(attachments=[("letter.pdf", "application/pdf", many_pages_pdf(200))]),
                     "max_pages"),
    "huge.eml": (mail(attachments=[("letter.pdf", "application/pdf",
                                    letter_pdf(Letter()) + b"\0" * 3_500_000)]),
                 "max_message_bytes"),
    "flood.eml": (with_attachments(2000), "max_attachments"),
}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        local=LocalSettings(folder=tmp_path / "mail"),
        database=DatabaseSettings(url=database_url),
        review=ReviewSettings(folder=tmp_path / "review"),
        limits=LIMITS,
        meeting=MeetingSettings(start="2999-12-06T13:00:00+01:00",
                                end="2999-12-06T14:30:00+01:00", link=LINK),
    )


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_each_bomb_breaks_the_limit_it_is_built_against(name: str) -> None:
    raw, limit = BOMBS[name]
    reason = over_limit(raw, parse_mail(raw), LIMITS)
    assert reason is not None and f"limit {limit} =" in reason


def test_the_densest_flate_stream_is_measured_to_the_byte() -> None:
    """Zeros pack tighter than anything a bomb can hold (about a thousand to one): a PDF is
    passed unopened only when its streams cannot unpack past the limit, so even these are
    caught one byte over it."""
    size = 30_000_000
    raw = mail(attachments=[("letter.pdf", "application/pdf", flate_pdf(bytes(size)))])
    for limit, over in ((size - 1, True), (size, False)):
        limits = LimitsSettings(max_unpacked_bytes=limit, max_message_bytes=3_000_000)
        reason = over_limit(raw, parse_mail(raw), limits)
        assert (reason is not None and "max_unpacked_bytes" in reason) is over


def test_an_ordinary_letter_is_within_the_default_limits() -> None:
    raw = letter_mail()
    assert over_limit(raw, parse_mail(raw), LimitsSettings()) is None


def hostile_mails() -> dict[str, bytes]:
    traversal = b"../../../../etc/" + b"x" * 3000 + b"\x00\x1b[31m\xff.pdf"
    return {
        **{name: raw for name, (raw, _) in BOMBS.items()},
        "nested.eml": nested(500),
        "names.eml": letter_mail().replace(b'filename="nomination.pdf"',
                                           b'filename="' + traversal + b'"'),
        "script.eml": mail(body="<script>alert(1)</script> nominate", headers={
            "Content-Type": "text/html"}),
        "headers.eml": (b"From: =?utf-8?b?" + b"\xff" * 8 + b"?= <evil\x00@ict.go.ke>\r\n"
                        b"Subject: " + b"A\x00\xed\xa0\x80" * 500 + b"\r\n"
                        b"Message-ID: <" + b"m" * 1500 + b"@x>\r\n\r\nNomination \x00 body\r\n"),
        "good.eml": letter_mail(),
    }


@pytest.mark.slow
def test_one_poll_over_hostile_mail_keeps_and_decides_everything(settings: Settings) -> None:
    inbox = settings.local.folder / "inbox"
    inbox.mkdir(parents=True)
    mails = hostile_mails()
    for name, raw in mails.items():
        (inbox / name).write_bytes(raw)
    with open_flow(settings) as flow:
        report = flow.poll()
        with flow.sessions() as session:
            statuses = session.scalars(select(MessageRow.status)).all()
            cases = {c.message_id: c for c in session.scalars(select(CaseRow))}
    assert report.fetched == len(mails) and set(statuses) <= {"decided", "duplicate"}
    assert report.decided.get("confirmed", 0) >= 1  # the good letter (and the one with a hostile name)
    for name, (raw, limit) in BOMBS.items():
        case = cases[parse_mail(raw).message_id]
        assert case.decision == "needs_review", name
        assert any(f"limit {limit} =" in issue["message"] for issue in case.issues), name
    outbox = [email.message_from_bytes(p.read_bytes(), policy=policy.default)
              for p in (settings.local.folder / "outbox").glob("*.eml")]
    with_link = [m for m in outbox if LINK in m.as_string()]
    assert {m["X-GCC-Decision"] for m in with_link} == {"confirmed"}
    assert all("<script" not in m.as_string() for m in outbox)
    review = settings.review.folder.resolve()
    assert all(review in p.resolve().parents for p in review.rglob("*"))
    assert all(len(p.name) <= 120 and p.name.isprintable() for p in review.rglob("*"))


def test_a_reader_that_takes_too_long_sends_the_letter_to_review() -> None:
    slow = LimitsSettings(letter_seconds=0.01)
    judgement = judge(letter_mail(), Settings(limits=slow), isolate=True)
    assert judgement.decision.kind == "needs_review"
    [issue] = judgement.decision.issues
    assert issue.code == "low_confidence" and "limit letter_seconds = 0.01" in issue.message


def test_limits_are_settings_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    from bot.settings import SettingsError, load_settings

    config = tmp_path / "gcc-bot.toml"
    config.write_text("[limits]\nmax_pages = 5\nletter_seconds = 30\n")
    loaded = load_settings(config).limits
    assert (loaded.max_pages, loaded.letter_seconds) == (5, 30)
    assert loaded.max_attachments == LimitsSettings().max_attachments
    config.write_text("[limits]\nmax_attachments = 0\n")
    with pytest.raises(SettingsError, match="limits.max_attachments"):
        load_settings(config)
