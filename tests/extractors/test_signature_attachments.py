"""Every signed attachment is reported, letter or not: a signed annex beside the letter, a
signed PDF inside a ZIP or an Outlook message, a tampered one, a mail whose only PDF is a
signed annex. The secretariat sees each verdict in `check --json` and in the review folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from pyhanko.pdf_utils import generic
from pyhanko.sign import signers

from bot.judge import evidence_of
from bot.judge import judge
from bot.runtime import open_flow
from bot.settings import DatabaseSettings, LocalSettings, ReviewSettings, Settings
from tests.extractors.containers_build import outlook_message, zip_of
from tests.extractors.signing import person_signer, sign, update
from tests.letters import Letter, letter_pdf, mail


@pytest.fixture(scope="module")
def signer() -> signers.SimpleSigner:
    return person_signer("Grace Wambui", organization="Ministry of Foreign Affairs")


def annex(signer: signers.SimpleSigner) -> bytes:
    """A signed annex that is no letter: the ministry's mandate, a page of prose."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Annex 1: mandate of the Ministry of Foreign Affairs",
                 "The Ministry conducts the foreign relations of the Republic.",
                 "It is organised in departments for each region of the world."):
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return sign(bytes(pdf.output()), signer)


def tampered(signed: bytes) -> bytes:
    return update(signed, "content")


Pack = Callable[[bytes], tuple[str, bytes]]
PACKS: dict[str, tuple[Pack, str]] = {
    "attached": (lambda pdf: ("Annex 1.pdf", pdf), "Annex 1.pdf"),
    "in a zip": (lambda pdf: ("annexes.zip", zip_of([("Annex 1.pdf", pdf)])),
                 "annexes.zip/Annex 1.pdf"),
    "in an outlook message": (lambda pdf: ("Fwd.msg", outlook_message([("Annex 1.pdf", pdf)])),
                              "Fwd.msg/Annex 1.pdf"),
}


@pytest.mark.parametrize("pack", list(PACKS))
@pytest.mark.parametrize("altered", [False, True], ids=["intact", "altered after signing"])
def test_a_signed_annex_beside_the_letter_is_reported_with_its_verdict(
        signer: signers.SimpleSigner, pack: str, altered: bool) -> None:
    wrap, shown_as = PACKS[pack]
    pdf = annex(signer)
    name, data = wrap(tampered(pdf) if altered else pdf)
    raw = mail(attachments=[("Nomination.pdf", "application/pdf", letter_pdf(Letter())),
                            (name, "application/octet-stream", data)])
    judgement = judge(raw, Settings())
    assert judgement.nomination.letter and judgement.nomination.letter.startswith("Nomination.pdf")
    assert judgement.result.stored()["signature"]["kind"] == "handwritten"  # the letter's own
    assert judgement.decision.kind == ("needs_review" if altered else "confirmed")
    [signed] = judgement.result.stored()["digital_signatures"]
    assert signed["file"] == shown_as and signed["field"] == "Signature1"
    assert signed["verdict"] == ("invalid" if altered else "valid")
    assert signed["intact"] is True and signed["valid"] is True and signed["trusted"] is False
    assert signed["modification"] == ("OTHER" if altered else "NONE")
    assert "Common Name: Grace Wambui" in signed["signer"] and signed["signing_time"]
    assert "untrusted signer" in signed["detail"]
    [line] = evidence_of(judgement.nomination)["digital_signatures"]
    assert line.startswith(f"{shown_as}: {signed['verdict']}: Signature1: signed by")


def escaped_byte_range(monkeypatch: pytest.MonkeyPatch, signer: signers.SimpleSigner) -> bytes:
    """A signed annex whose signature dictionary writes its byte range's name '/Byte#52ange', as
    PDF allows: the same name to a reader, but no '/ByteRange' anywhere in the file's bytes."""
    write = generic.NameObject.write_to_stream

    def escaping(name: generic.NameObject, stream: Any, handler: Any = None, container_ref: Any = None) -> None:
        if name == "/ByteRange":
            stream.write(b"/Byte#52ange")
        else:
            write(name, stream, handler, container_ref)

    with monkeypatch.context() as patch:
        patch.setattr(generic.NameObject, "write_to_stream", escaping)
        return annex(signer)


def test_a_signature_whose_names_are_escaped_is_reported(
        monkeypatch: pytest.MonkeyPatch, signer: signers.SimpleSigner) -> None:
    """Whether a PDF is worth asking pyHanko about is one test for the letter and every annex."""
    pdf = escaped_byte_range(monkeypatch, signer)
    assert b"/ByteRange" not in pdf and b"/Byte#52ange" in pdf
    raw = mail(attachments=[("Nomination.pdf", "application/pdf", letter_pdf(Letter())),
                            ("Annex 1.pdf", "application/pdf", pdf)])
    [signed] = judge(raw, Settings()).result.stored()["digital_signatures"]
    assert (signed["file"], signed["verdict"], signed["letter"]) == ("Annex 1.pdf", "valid", False)


def test_a_mail_whose_only_pdf_is_a_signed_annex_still_reports_it(signer: signers.SimpleSigner) -> None:
    raw = mail(body="Please find our annex attached.",
               attachments=[("annex.pdf", "application/pdf", annex(signer))])
    judgement = judge(raw, Settings())
    assert not judgement.nomination.is_letter
    assert [s["file"] for s in judgement.result.stored()["digital_signatures"]] == ["annex.pdf"]


def test_the_signed_letter_and_a_signed_annex_are_both_reported(signer: signers.SimpleSigner) -> None:
    letter = sign(letter_pdf(Letter(signed=False)), person_signer("John Kariuki"))
    raw = mail(attachments=[("letter.pdf", "application/pdf", letter),
                            ("annex.pdf", "application/pdf", annex(signer))])
    result = judge(raw, Settings()).result.stored()
    assert result["signature"] == {"present": True, "kind": "digital", "valid": True}
    assert [(s["file"], s["verdict"], s["letter"]) for s in result["digital_signatures"]] == [
        ("letter.pdf", "valid", True), ("annex.pdf", "valid", False)]


def test_an_unsigned_mail_reports_no_signature_and_the_key_is_an_empty_list() -> None:
    raw = mail(attachments=[("letter.pdf", "application/pdf", letter_pdf(Letter()))])
    assert judge(raw, Settings()).result.stored()["digital_signatures"] == []


def test_the_review_folder_shows_the_signed_annex_to_the_secretariat(
        signer: signers.SimpleSigner, tmp_path: Path, database_url: str) -> None:
    settings = Settings(local=LocalSettings(folder=tmp_path / "mail"),
                        database=DatabaseSettings(url=database_url),
                        review=ReviewSettings(folder=tmp_path / "review"))
    inbox = settings.local.folder / "inbox"
    inbox.mkdir(parents=True)
    raw = mail(authenticated=False,  # our MX did not stamp it: a person looks at the case
               attachments=[("letter.pdf", "application/pdf", letter_pdf(Letter())),
                            ("annex.pdf", "application/pdf", tampered(annex(signer)))])
    (inbox / "kenya.eml").write_bytes(raw)
    with open_flow(settings) as flow:
        assert flow.poll().decided == {"needs_review": 1}
    [issues] = (tmp_path / "review").glob("GCC-*/issues.txt")
    text = issues.read_text(encoding="utf-8")
    assert "Signed file annex.pdf: invalid: Signature1: signed by" in text
    assert "modified after signing (OTHER)" in text
