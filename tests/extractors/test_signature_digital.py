"""Digital PDF signatures: intact ones are valid even when self-signed; altered ones are not."""

from __future__ import annotations

import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers

from extractors.signature.digital import digital_signature
from tests.extractors.signing import (fill_field, person_signer, sign, time_stamped, update,
                                     with_text_field)
from tests.letters import Letter, letter_pdf, mail

__all__ = ["sign", "signer"]  # the hostile-speed tests sign with these too


@pytest.fixture(scope="module")
def signer() -> signers.SimpleSigner:
    """A ministry's self-signed certificate, made here (no public CA involved)."""
    return person_signer("John Kariuki")


def test_an_unsigned_pdf_has_no_digital_signature() -> None:
    assert digital_signature(letter_pdf(Letter(signed=False))) is None


def test_an_intact_self_signed_letter_is_validly_signed(signer) -> None:
    evidence = digital_signature(sign(letter_pdf(Letter(signed=False)), signer))
    assert evidence is not None
    assert (evidence.kind, evidence.valid, evidence.signer) == ("digital", True, "John Kariuki")
    assert "untrusted" in evidence.detail and "intact and valid" in evidence.detail


def test_content_changed_after_signing_makes_it_invalid(signer) -> None:
    signed = sign(letter_pdf(Letter(signed=False)), signer)
    evidence = digital_signature(update(signed, "content"))
    assert evidence is not None and evidence.valid is False
    assert "modified after signing" in evidence.detail


def test_a_harmless_metadata_update_keeps_it_valid(signer) -> None:
    signed = sign(letter_pdf(Letter(signed=False)), signer)
    evidence = digital_signature(update(signed, "metadata"))
    assert evidence is not None and evidence.valid is True


def test_tampered_signed_bytes_are_invalid(signer) -> None:
    signed = bytearray(sign(letter_pdf(Letter(signed=False)), signer))
    index = signed.index(b"stream") + 40  # a byte inside the first page's (signed) content
    signed[index] ^= 0x01
    evidence = digital_signature(bytes(signed))
    assert evidence is not None and evidence.valid is False


FIELD_PLACES = [(60.0, 560.0, 400.0, 600.0), (60.0, 420.0, 300.0, 450.0), (300.0, 700.0, 540.0, 730.0)]


@pytest.mark.parametrize("place", FIELD_PLACES)
def test_a_shadow_attack_pair_the_honest_letter_is_signed_the_manipulated_one_is_not_certain(
        signer, place) -> None:
    signed = sign(with_text_field(letter_pdf(Letter(signed=False)), place), signer)
    honest = digital_signature(signed)
    assert honest is not None and honest.valid is True and honest.certain
    shadowed = digital_signature(fill_field(signed, "a.attacker@example.com", cover=True))
    assert shadowed is not None and shadowed.kind == "digital" and not shadowed.certain
    assert "FORM_FILLING" in shadowed.detail and "change what the page shows" in shadowed.detail


def test_the_verdict_names_subject_time_coverage_and_says_untrusted_without_a_root(signer) -> None:
    evidence = digital_signature(sign(letter_pdf(Letter(signed=False)), signer))
    assert evidence is not None
    for fact in ("Common Name: John Kariuki", "intact=True", "valid=True", "untrusted signer",
                 "coverage ENTIRE_FILE", "changes after signing NONE"):
        assert fact in evidence.detail, fact


def test_a_configured_trust_root_makes_the_signer_trusted(signer, tmp_path) -> None:
    from extractors.signature.digital import load_trust_roots, use_trust_roots

    pem_file = tmp_path / "roots" / "ministry.pem"
    pem_file.parent.mkdir()
    cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
    pem_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    use_trust_roots(load_trust_roots((pem_file.parent,)))
    try:
        evidence = digital_signature(sign(letter_pdf(Letter(signed=False)), signer))
    finally:
        use_trust_roots(())
    assert evidence is not None and "trusted signer" in evidence.detail
    assert "untrusted" not in evidence.detail, evidence.detail
    assert "chain: Organization: Ministry of ICT, Common Name: John Kariuki" in evidence.detail


def test_a_broken_cms_is_no_signature(signer) -> None:
    signed = bytearray(sign(letter_pdf(Letter(signed=False)), signer))
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    signed[start:start + 40] = b"0" * 40  # the CMS blob no longer parses
    evidence = digital_signature(bytes(signed))
    assert evidence is not None and evidence.kind == "none" and not evidence.certain
    assert "not a usable signature" in evidence.detail


def test_a_document_time_stamp_dates_the_letter_but_signs_nothing(signer) -> None:
    from extractors.signature.digital import signed_files

    letter = letter_pdf(Letter(signed=False))
    evidence = digital_signature(time_stamped(sign(letter, signer)))
    assert evidence is not None and (evidence.kind, evidence.valid) == ("digital", True)
    assert evidence.signer == "John Kariuki" and "document time stamp by" in evidence.detail
    assert [(s.facts and s.facts.kind, s.verdict)
            for s in signed_files("l.pdf", time_stamped(sign(letter, signer)))] == [
        ("signature", "valid"), ("document time stamp", "valid")]
    alone = digital_signature(time_stamped(letter))
    assert alone is not None and alone.kind == "none" and not alone.certain


def empty_signature_field(data: bytes) -> bytes:
    """A signature field placed on the letter and never signed."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    append_signature_field(writer, SigFieldSpec("Signature1", box=(300, 80, 500, 130)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_empty_signature_field_is_no_signature_and_the_letter_is_unsigned() -> None:
    from bot.judge import judge
    from bot.settings import Settings

    pdf = empty_signature_field(letter_pdf(Letter(signed=False)))
    assert digital_signature(pdf) is None
    judgement = judge(mail(attachments=[("letter.pdf", "application/pdf", pdf)]), Settings())
    assert judgement.result.stored()["signature"]["kind"] == "none"
    assert judgement.result.stored()["digital_signatures"] == []
    assert "unsigned" in [i.code for i in judgement.decision.issues]
    assert judgement.decision.kind != "confirmed"


@pytest.mark.parametrize("place", FIELD_PLACES[:2])
def test_a_shadow_attack_pair_by_decision_the_honest_letter_is_confirmed_the_other_reviewed(
        signer, place) -> None:
    from bot.judge import judge
    from bot.settings import Settings

    signed = sign(with_text_field(letter_pdf(Letter(signed=False)), place), signer)
    shadowed = fill_field(signed, "a.attacker@example.com", cover=True)
    decisions = [judge(mail(attachments=[("letter.pdf", "application/pdf", pdf)]),
                       Settings()).decision.kind for pdf in (signed, shadowed)]
    assert decisions == ["confirmed", "needs_review"]
