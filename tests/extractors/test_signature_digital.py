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
