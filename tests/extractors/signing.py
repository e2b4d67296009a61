"""Certificates and signed PDFs made here, for the digital-signature tests and the sweep:
a ministry's self-signed certificate, or a certificate authority (a national or qualified
CA, as a trusted list names it) and the people it certifies; then what happens to a signed
file afterwards (new content, a filled form field painting over the page, new metadata)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from pyhanko_certvalidator.registry import SimpleCertificateStore

NOW = dt.datetime(2024, 11, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Authority:
    """A certificate authority: its certificate and key."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization)])


def authority(common_name: str) -> Authority:
    """A root CA, self-signed, allowed to issue certificates."""
    key, name = _key(), _name(common_name, "Trust Service Provider")
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(NOW - dt.timedelta(days=365))
                   .not_valid_after(NOW + dt.timedelta(days=3650))
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                                False, False), critical=True)
                   .sign(key, hashes.SHA256()))
    return Authority(certificate, key)


def person_signer(common_name: str, issuer: Authority | None = None,
                  organization: str = "Ministry of ICT") -> signers.SimpleSigner:
    """A signer whose certificate names `common_name`: self-signed without an issuer (a
    ministry's own certificate), else issued by that CA and carrying it in the signature."""
    key, name = _key(), _name(common_name, organization)
    builder = (x509.CertificateBuilder().subject_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(NOW)
               .not_valid_after(NOW + dt.timedelta(days=3650)))
    if issuer is None:
        certificate = builder.issuer_name(name).sign(key, hashes.SHA256())
        chain: list[asn1_x509.Certificate] = []
    else:
        certificate = (builder.issuer_name(issuer.certificate.subject)
                       .add_extension(x509.KeyUsage(True, True, False, False, False, False,
                                                    False, False, False), critical=True)
                       .sign(issuer.key, hashes.SHA256()))
        chain = [asn1_x509.Certificate.load(issuer.der)]
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def sign(data: bytes, signer: signers.SimpleSigner, field: str = "Signature1") -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    append_signature_field(writer, SigFieldSpec(field))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=signer)
    return out.getvalue()


def time_stamped(data: bytes) -> bytes:
    """The file with a document time stamp appended (PAdES-LTA), from a TSA made here."""
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key, name = _key(), _name("Time Stamping Authority", "Trust Service Provider")
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(NOW).not_valid_after(NOW + dt.timedelta(days=3650))
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                                  critical=True)
                   .sign(key, hashes.SHA256()))
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())))
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = signers.PdfTimeStamper(stamper).timestamp_pdf(writer, "sha256")
    return bytes(out.getvalue())


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
