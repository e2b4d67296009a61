"""Digital PDF signatures: intact ones are valid even when self-signed; altered ones are not."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from extractors.signature.digital import digital_signature
from tests.letters import Letter, letter_pdf


@pytest.fixture(scope="module")
def signer() -> signers.SimpleSigner:
    """A ministry's self-signed certificate, made here (no public CA involved)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "John Kariuki"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ministry of ICT")])
    now = dt.datetime(2024, 11, 1, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=None,  # type: ignore[arg-type]
    )


def sign(data: bytes, signer: signers.SimpleSigner) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    append_signature_field(writer, SigFieldSpec("Signature1"))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Signature1"), signer=signer)
    return out.getvalue()


def update(signed: bytes, change: str) -> bytes:
    """An incremental update after signing: new page content, or only new metadata."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    if change == "content":
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (Nominee replaced) Tj ET")
        page["/Contents"] = writer.add_object(stream)
        writer.update_container(page)
    else:
        writer.set_info(None)  # pyHanko refreshes the document information (producer, dates)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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


def with_text_field(data: bytes, rect: tuple[float, float, float, float]) -> bytes:
    """The letter with an empty form field drawn over part of the page (before signing)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    field = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/FT"): generic.NameObject("/Tx"),
        generic.NameObject("/T"): generic.TextStringObject("Remarks"),
        generic.NameObject("/F"): generic.NumberObject(4),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
        generic.NameObject("/P"): page_ref,
    }))
    page = page_ref.get_object()
    page["/Annots"] = generic.ArrayObject([field])
    writer.update_container(page)
    writer.root["/AcroForm"] = generic.DictionaryObject({
        generic.NameObject("/Fields"): generic.ArrayObject([field])})
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_field(signed: bytes, text: str, cover: bool) -> bytes:
    """Form filling after signing: the field gets a value and an appearance; with `cover`
    the appearance paints over the signed text beneath it (a shadow attack)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    field = writer.root["/AcroForm"]["/Fields"][0]
    widget = field.get_object()
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    paint = f"1 1 1 rg 0 0 {x1 - x0} {y1 - y0} re f " if cover else ""
    appearance = generic.StreamObject({
        generic.NameObject("/Type"): generic.NameObject("/XObject"),
        generic.NameObject("/Subtype"): generic.NameObject("/Form"),
        generic.NameObject("/BBox"): generic.ArrayObject(
            [generic.FloatObject(v) for v in (0, 0, x1 - x0, y1 - y0)]),
    }, stream_data=(paint + f"0 0 0 rg BT /Helv 11 Tf 2 4 Td ({text}) Tj ET").encode())
    widget["/V"] = generic.TextStringObject(text)
    widget["/AP"] = generic.DictionaryObject({generic.NameObject("/N"): writer.add_object(appearance)})
    writer.update_container(widget)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
