"""Letters sent inside containers (ZIP, Outlook .msg, winmail.dat, nested in each other), in
the formats phones and old offices write (HEIC, .doc, .odt, .rtf), or mislabelled: each is
read as if attached directly; what cannot be read is named with the reason, one file each."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.judge import judge
from bot.intake import parse_mail
from bot.settings import LimitsSettings, Settings
from extractors.letter import read_nomination
from extractors.model import Attachment
from extractors.readers import read_attachment, unpack
from extractors.readers.containers import UnpackLimits
from tests.extractors.containers_build import outlook_message, tnef, zip_of
from tests.letters import Letter, letter_pdf, mail, person

Wrap = Callable[[list[tuple[str, bytes]]], tuple[str, bytes]]
WRAPPERS: dict[str, Wrap] = {
    "zip": lambda files: ("letter.zip", zip_of(files)),
    "msg": lambda files: ("Nomination.msg", outlook_message(files)),
    "forwarded-msg": lambda files: ("Fwd Nomination.msg", outlook_message([], forwarded=files)),
    "tnef": lambda files: ("winmail.dat", tnef(files)),
}
CHAINS = [["zip"], ["msg"], ["tnef"], ["forwarded-msg"], ["zip", "msg"], ["msg", "zip"],
          ["tnef", "msg"], ["zip", "tnef"], ["msg", "forwarded-msg", "zip"]]
"""Outermost container first: ["msg", "zip"] is a ZIP attached to an Outlook message."""


def wrapped(chain: list[str], files: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    for kind in reversed(chain):
        files = [WRAPPERS[kind](files)]
    return files[0]


def letter_variant(n: int) -> Letter:
    nominees = [person(1, "primary")] + [person(k, "alternate") for k in range(2, 2 + n % 3)]
    return Letter(nominees=nominees, signatory=["John Kariuki", "Grace Wambui", "Peter Otieno"][n % 3])


@pytest.mark.parametrize("index", range(len(CHAINS)), ids=["-in-".join(c) for c in CHAINS])
def test_a_letter_inside_containers_is_read_as_if_attached(index: int) -> None:
    chain, letter = CHAINS[index], letter_variant(index)
    inner_name = ["Nomination GCC.pdf", "Lettre_désignation.pdf", "提名函.pdf"][index % 3]
    files = [(inner_name, letter_pdf(letter)), ("logo.txt", b"not a letter")]
    name, data = wrapped(chain, files)
    raw = mail(attachments=[(name, "application/octet-stream", data)])
    nomination = read_nomination(parse_mail(raw))
    assert nomination.is_letter and not nomination.unreadable
    assert [n.email for n in nomination.nominees] == [n.email for n in letter.nominees]
    assert nomination.letter and nomination.letter.startswith(name) and inner_name in nomination.letter
    assert nomination.signature.kind == "handwritten"


def encrypted_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A ZIP whose members are flagged encrypted (what a password-protected archive says)."""
    data = bytearray(zip_of(files))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + flag_at] |= 0x1
            start += 4
    return bytes(data)


def test_every_container_that_cannot_be_opened_is_named_with_the_reason() -> None:
    pdf = letter_pdf(Letter())
    broken = {
        "secret.zip": (encrypted_zip([("letter.pdf", pdf)]), "password-protected"),
        "cut.zip": (zip_of([("letter.pdf", pdf)])[:-30], "damaged"),
        "cut.msg": (outlook_message([("letter.pdf", pdf)])[:1500], "damaged"),
        "winmail.dat": (b"\x78\x9f\x3e\x22\x01\x00\x01" + b"\xff" * 40, "damaged"),
    }
    for name, (data, why) in broken.items():
        raw = mail(attachments=[(name, "application/octet-stream", data)])
        nomination = read_nomination(parse_mail(raw))
        assert not nomination.is_letter, name
        [reason] = nomination.unreadable
        assert reason.startswith(f"{name}: ") and why in reason, reason


@pytest.mark.parametrize(("files", "limits", "limit"), [
    ([(f"page-{n}.pdf", b"%PDF-1.4 x") for n in range(12)], UnpackLimits(max_files=10),
     "max_attachments = 10"),
    ([("big.pdf", b"%PDF-1.4 " + b"0" * 200_000)], UnpackLimits(max_unpacked_bytes=100_000),
     "max_unpacked_bytes = 100000"),
])
def test_a_container_beyond_a_limit_is_not_opened_and_names_the_limit(
        files: list[tuple[str, bytes]], limits: UnpackLimits, limit: str) -> None:
    for chain in (["zip"], ["msg"], ["tnef"], ["zip", "msg"]):
        name, data = wrapped(chain, files)
        unpacked = unpack([Attachment(name, "application/zip", data)], limits)
        assert unpacked.over_limit and limit in unpacked.over_limit, chain
        assert unpacked.files == [], chain


def test_containers_nest_three_deep_at_most() -> None:
    pdf = b"%PDF-1.4 letter"
    name, data = wrapped(["zip", "msg", "tnef"], [("l.pdf", pdf)])
    assert [a.filename for a in unpack([Attachment(name, "", data)]).files] == [
        "letter.zip/Nomination.msg/winmail.dat/l.pdf"]
    name, data = wrapped(["zip", "zip", "msg", "tnef"], [("l.pdf", pdf)])
    unpacked = unpack([Attachment(name, "", data)])
    assert unpacked.files == [] and "nested in more than 3" in str(unpacked.over_limit)


def test_a_zip_bomb_inside_a_container_sends_the_mail_to_review_naming_the_limit() -> None:
    bomb = zip_of([("letter.pdf", b"%PDF-1.4 " + b"\0" * 30_000_000)])
    raw = mail(attachments=[("fwd.msg", "application/vnd.ms-outlook",
                             outlook_message([("letters.zip", bomb)]))])
    judgement = judge(raw, Settings(limits=LimitsSettings(max_unpacked_bytes=10_000_000)))
    assert judgement.decision.kind == "needs_review"
    assert "limit max_unpacked_bytes = 10000000" in judgement.decision.issues[0].message


def test_two_unreadable_files_are_two_issues_each_naming_its_file() -> None:
    pdf = letter_pdf(Letter())
    raw = mail(attachments=[("secret.zip", "application/zip", encrypted_zip([("l.pdf", pdf)])),
                            ("scan.pdf", "application/pdf", pdf[:900]),
                            ("letter.pages", "application/octet-stream", b"\0" * 100)])
    judgement = judge(raw, Settings())
    issues = [i for i in judgement.decision.issues if i.code == "unreadable_attachment"]
    assert judgement.decision.kind == "corrections_requested"
    assert sorted(i.field for i in issues) == ["letter.pages", "scan.pdf", "secret.zip"]
    by_file = {i.field: i.message for i in issues}
    assert "password-protected" in by_file["secret.zip"]
    assert "damaged" in by_file["scan.pdf"]
    assert "not supported" in by_file["letter.pages"]


@pytest.mark.parametrize("declared", [("scan.bin", "application/octet-stream"),
                                      ("noname", "application/x-download"),
                                      ("letter.txt", "text/plain")])
def test_a_pdf_declared_as_something_else_is_read_by_its_bytes(declared: tuple[str, str]) -> None:
    raw = mail(attachments=[(declared[0], declared[1], letter_pdf(Letter()))])
    nomination = read_nomination(parse_mail(raw))
    assert nomination.is_letter and nomination.nominees[0].email == "a.otieno@ict.go.ke"


def encrypted_pdf(user_password: str) -> bytes:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(letter_pdf(Letter()))))
    writer.encrypt("owner-only-secret", user_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_encrypted_with_an_empty_user_password_is_read_and_a_real_password_is_named() -> None:
    raw = mail(attachments=[("letter.pdf", "application/pdf", encrypted_pdf(""))])
    nomination = read_nomination(parse_mail(raw))
    assert nomination.is_letter and nomination.nominees[0].last_name == "Otieno"
    raw = mail(attachments=[("letter.pdf", "application/pdf", encrypted_pdf("s3cret"))])
    [reason] = read_nomination(parse_mail(raw)).unreadable
    assert reason.startswith("letter.pdf: ") and "password" in reason


def page_image(letter: Letter) -> "Image.Image":  # type: ignore[name-defined]  # noqa: F821
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(letter_pdf(letter))
    return document[0].render(scale=200 / 72).to_pil().convert("RGB")


def test_a_heic_photo_of_a_letter_is_read() -> None:
    import pillow_heif

    image = page_image(Letter())
    heif = pillow_heif.from_pillow(image)
    buffer = io.BytesIO()
    heif.save(buffer, quality=90)
    document = read_attachment(Attachment("IMG_0042.HEIC", "image/heic", buffer.getvalue()))
    assert document is not None and document.kind == "image"
    assert "a.otieno@ict.go.ke" in document.text.replace(" ", "")


def docx_letter(letter: Letter) -> bytes:
    import docx

    from tests.extractors.signature_letters import signature_png

    document = docx.Document()
    document.add_paragraph(letter.country_line)
    document.add_paragraph(letter.ministry)
    document.add_paragraph("Subject: Nomination of representatives to the GCC (Circular 006)")
    document.add_paragraph(letter.intro)
    for nominee in letter.nominees:
        for label, value in (("Title or rank", nominee.title), ("First name", nominee.first_name),
                             ("Last name", nominee.last_name), ("Job title", nominee.job_title),
                             ("Role in GCC", "Primary contact" if nominee.role == "primary"
                              else "Designated alternate"),
                             ("Organization name", nominee.organization),
                             ("E-mail", nominee.email)):
            document.add_paragraph(f"{label}: {value}")
    document.add_paragraph("Please accept, Sir, the assurances of my highest consideration.")
    document.add_picture(io.BytesIO(signature_png()))
    document.add_paragraph(letter.signatory)
    document.add_paragraph(letter.signatory_title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def converted(docx_bytes: bytes, suffix: str, folder: Path) -> bytes:
    """The letter saved by LibreOffice as .doc, .odt or .rtf (how such files are made)."""
    source = folder / "letter.docx"
    source.write_bytes(docx_bytes)
    target = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf"}[suffix]
    subprocess.run([shutil.which("soffice") or "soffice",
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (folder / f"letter.{suffix}").read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["doc", "odt", "rtf"])
def test_legacy_office_letters_are_read_through_libreoffice(suffix: str, tmp_path: Path) -> None:
    letter = Letter(nominees=[person(1, "primary"), person(2, "alternate")])
    data = converted(docx_letter(letter), suffix, tmp_path)
    raw = mail(attachments=[(f"Nomination.{suffix}", "application/octet-stream", data)])
    nomination = read_nomination(parse_mail(raw))
    assert nomination.is_letter, nomination.unreadable
    assert [n.email for n in nomination.nominees] == ["a.otieno@ict.go.ke", "b.kamau@ict.go.ke"]


def test_the_reply_names_each_unreadable_file_on_its_own_line_with_the_formats_we_read(
        tmp_path: Path, database_url: str) -> None:
    import email
    from email import policy

    from bot.runtime import open_flow
    from bot.settings import DatabaseSettings, LocalSettings, ReviewSettings

    settings = Settings(local=LocalSettings(folder=tmp_path / "mail"),
                        database=DatabaseSettings(url=database_url),
                        review=ReviewSettings(folder=tmp_path / "review"))
    pdf = letter_pdf(Letter())
    (tmp_path / "mail" / "inbox").mkdir(parents=True)
    (tmp_path / "mail" / "inbox" / "kenya.eml").write_bytes(mail(attachments=[
        ("secret.zip", "application/zip", encrypted_zip([("l.pdf", pdf)])),
        ("scan.pdf", "application/pdf", pdf[:900])]))
    with open_flow(settings) as flow:
        assert flow.poll().decided == {"corrections_requested": 1}
    [sent] = (tmp_path / "mail" / "outbox").glob("*.eml")
    reply = email.message_from_bytes(sent.read_bytes(), policy=policy.default)
    body = reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    items = [" ".join(item.split()) for item in re.split(r"\n(?=- )", body)]
    lines = [item for item in items if "secret.zip" in item or "scan.pdf" in item]
    assert len(lines) == 2 and "password-protected" in lines[0] and "damaged" in lines[1]
    assert all("one of the formats we read: PDF, DOCX, DOC, ODT, RTF, JPEG, PNG, TIFF, HEIC, "
               "ZIP, MSG, winmail.dat" in line for line in lines)
