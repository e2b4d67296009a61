"""Digital PDF signatures, judged with pyHanko as a careful PKI expert would.

pyHanko's verdict is kept in full: intact (the signed bytes are unchanged),
valid (the CMS signature verifies), trusted (the certificate chains to a root
the secretariat configured), coverage, the modification level after signing,
the signer's subject, the signing time and the chain. Trust is not what the
contract asks: a ministry's self-signed certificate still proves the letter
unchanged since signing, so without a trust root an intact signature counts
and the evidence says "untrusted signer".

After signing, anything beyond what pyHanko allows (form filling,
annotations, timestamps) makes the signature invalid. Allowed changes that
alter what a page shows (a shadow attack: a form field or an annotation that
hides or replaces signed content) make it uncertain, for a person to look at:
the signed revision and the final file are rendered and compared. A field
that holds no usable signature (an unsupported type, a broken CMS) is no
signature at all.
"""

from __future__ import annotations

import io
import logging
from functools import cache, lru_cache
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import DocumentTimestampStatus, PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from extractors.model import SignatureEvidence, SignatureFacts, SignedFile
from extractors.signature.signed_bytes import shows_signature_dictionary

ALLOWED = frozenset({ModificationLevel.NONE, ModificationLevel.LTA_UPDATES,
                     ModificationLevel.FORM_FILLING, ModificationLevel.ANNOTATIONS})
"""Changes pyHanko accepts after signing; the last two may still change what is shown."""
VISIBLE_CHANGE = 20
"""Pixels that may differ between the renderings of the signed and the final file (the
renderer is deterministic; a word of added text changes hundreds)."""
_RENDER_SCALE = 60 / 72

log = logging.getLogger(__name__)
for _noisy in ("pyhanko.sign.validation.generic_cms", "pyhanko.sign.diff_analysis.policies"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)  # their warnings are our verdicts

_TRUST_ROOTS: tuple[x509.Certificate, ...] = ()


@cache
def load_trust_roots(paths: tuple[Path, ...]) -> tuple[x509.Certificate, ...]:
    """Certificates from PEM or DER files, or from every file of the folders given."""
    roots: list[x509.Certificate] = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            data = file.read_bytes()
            blobs = ([der for _, _, der in pem.unarmor(data, multiple=True)]
                     if pem.detect(data) else [data])
            for blob in blobs:
                try:
                    certificate = x509.Certificate.load(blob)
                    certificate.native  # parse now: a broken file fails here, not mid-poll
                except (ValueError, TypeError) as error:
                    raise ValueError(f"{file} holds no certificate ({error})") from error
                roots.append(certificate)
    return tuple(roots)


def use_trust_roots(roots: tuple[x509.Certificate, ...]) -> None:
    """The roots every later validation in this process (and its reader forks) trusts."""
    global _TRUST_ROOTS
    if roots != _TRUST_ROOTS:
        _TRUST_ROOTS = roots
        _verdicts.cache_clear()


TIME_STAMP = "document time stamp"
"""The kind of a PAdES-LTA time stamp: it dates the file, it signs nothing."""


@dataclass(frozen=True)
class Verdict:
    """pyHanko's judgement of one embedded signature, in full."""

    field: str
    facts: SignatureFacts | None = None
    """None when the field holds no signature pyHanko can validate (broken CMS ...)."""
    docmdp_ok: bool | None = None
    common_name: str | None = None
    chain: tuple[str, ...] = ()
    """The validated path, root last; empty when no configured root was reached."""
    carried: tuple[str, ...] = ()
    """The other certificates the signature carries (unvalidated: anyone can embed any)."""
    visible_change: bool = False
    error: str = ""

    @property
    def timestamp(self) -> bool:
        return self.facts is not None and self.facts.kind == TIME_STAMP

    @property
    def problems(self) -> list[str]:
        facts = self.facts
        if facts is None:
            return [f"no usable signature ({self.error})"]
        problems = []
        if not facts.intact:
            problems.append("the signed bytes were changed")
        if not facts.valid:
            problems.append("the cryptographic signature does not verify")
        if facts.modification not in {level.name for level in ALLOWED} | {"unknown"}:
            problems.append(f"the document was modified after signing ({facts.modification})")
        if self.docmdp_ok is False:
            problems.append("changes after signing exceed what the signer permitted")
        return problems

    def describe(self) -> str:
        facts = self.facts
        if facts is None:
            return f"{self.field}: not a usable signature ({self.error})"
        trust = ("trusted signer" if facts.trusted else "untrusted signer (no configured root)"
                 if not _TRUST_ROOTS else "untrusted signer (no configured root or trusted list "
                 "issued its certificate)")
        act = "document time stamp by" if self.timestamp else "signed by"
        said = (f"{self.field}: {act} {facts.signer} at {facts.signing_time or 'unknown time'}; "
                f"intact={facts.intact}, valid={facts.valid}, {trust}; coverage {facts.coverage}, "
                f"changes after signing {facts.modification}; {self._path()}")
        if self.problems:
            return f"{said}; invalid: {', '.join(self.problems)}"
        if self.visible_change:
            return (f"{said}; form fields or annotations added after signing change what the "
                    "page shows")
        return f"{said}; intact and valid"

    def _path(self) -> str:
        if self.chain:
            return f"chain: {' <- '.join(self.chain)}"
        if self.carried:
            return f"no validated chain; the signature carries {'; '.join(self.carried)}"
        return "chain: the certificate alone"

    @property
    def verdict(self) -> str:
        if self.facts is None:
            return "not a signature"
        if self.problems:
            return "invalid"
        if self.visible_change:
            return "valid, but the page shows something else since signing"
        return "valid"

    def signed_file(self, file: str) -> SignedFile:
        """The verdict as the case evidence carries it, naming the file."""
        return SignedFile(file, self.field, self.verdict, self.facts, detail=self.describe())


def _chain(status: PdfSignatureStatus | DocumentTimestampStatus) -> tuple[str, ...]:
    path = getattr(status, "validation_path", None)
    if path is None:
        return ()
    try:
        return tuple(cert.subject.human_friendly for cert in reversed(list(path.iter_certs(True))))
    except Exception:  # noqa: BLE001 - the chain is evidence only
        return ()


def _verdict(field: str, status: PdfSignatureStatus | DocumentTimestampStatus) -> Verdict:
    subject = status.signing_cert.subject
    level = status.modification_level
    timestamp = isinstance(status, DocumentTimestampStatus)
    when = status.timestamp if isinstance(status, DocumentTimestampStatus) else status.signer_reported_dt
    facts = SignatureFacts(
        kind=TIME_STAMP if timestamp else "signature", intact=bool(status.intact),
        valid=bool(status.valid), trusted=bool(status.trusted),
        coverage=status.coverage.name if status.coverage else "unknown",
        modification=level.name if level is not None else "unknown",
        signer=subject.human_friendly, signing_time=when.isoformat() if when else None)
    return Verdict(field=field, facts=facts, docmdp_ok=getattr(status, "docmdp_ok", None),
                   common_name=subject.native.get("common_name"), chain=_chain(status))


def _may_show_otherwise(verdict: Verdict) -> bool:
    """Changes pyHanko allows after signing that may still alter what a page shows."""
    return verdict.facts is not None and verdict.facts.modification in ("FORM_FILLING",
                                                                        "ANNOTATIONS")


def _renderings(data: bytes) -> list[np.ndarray]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        document.init_forms()
        return [np.asarray(page.render(scale=_RENDER_SCALE, may_draw_forms=True)
                           .to_pil().convert("L"), dtype=np.int16) for page in document]
    finally:
        document.close()


def shows_differently(signed: bytes, final: bytes) -> bool:
    """Whether a reader sees a different page in the final file than in the signed revision."""
    try:
        before, after = _renderings(signed), _renderings(final)
    except Exception:  # noqa: BLE001 - what cannot be rendered cannot be shown to be the same
        return True
    if len(before) != len(after):
        return True
    for old, new in zip(before, after):
        if old.shape != new.shape:
            return True
        if np.count_nonzero(np.abs(old - new) > 48) > VISIBLE_CHANGE:
            return True
    return False


def _signed_revision(data: bytes, signature: object) -> bytes:
    """The file as it was when signed: the bytes up to the end of the signed byte range."""
    byte_range = list(signature.sig_object["/ByteRange"])  # type: ignore[attr-defined]
    return data[:int(byte_range[2]) + int(byte_range[3])]


def signature_verdicts(data: bytes) -> list[Verdict] | None:
    """pyHanko's verdict on each filled signature field; None when the PDF has none.
    Kept for the last few files: the letter is judged for its signature and reported with
    the other attachments, and pyHanko's validation is not cheap."""
    verdicts = _verdicts(data)
    return None if verdicts is None else list(verdicts)


def signed_files(file: str, data: bytes) -> list[SignedFile]:
    """Every signature of one attached PDF (letter or not), for the evidence."""
    return [verdict.signed_file(file) for verdict in signature_verdicts(data) or []]


@lru_cache(maxsize=4)
def _verdicts(data: bytes) -> tuple[Verdict, ...] | None:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            reader.decrypt("")  # opens without a password, like every PDF viewer
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - an unreadable PDF or signature dictionary
        log.debug("no signature readable: %s", error)
        if shows_signature_dictionary(data):  # a signature was made, but cannot be read
            return (Verdict("signature",
                            error=f"{type(error).__name__}: {str(error)[:200]}"),)
        return None
    if not embedded:
        return None
    context = ValidationContext(trust_roots=list(_TRUST_ROOTS), allow_fetching=False)
    verdicts: list[Verdict] = []
    for signature in embedded:
        try:
            validate = (validate_pdf_timestamp if signature.sig_object_type == "/DocTimeStamp"
                        else validate_pdf_signature)
            verdict = _verdict(signature.field_name, validate(signature, context))
            verdict = replace(verdict, carried=tuple(
                cert.subject.human_friendly for cert in signature.other_embedded_certs))
        except Exception as error:  # noqa: BLE001 - an unsupported type or a broken CMS
            verdicts.append(Verdict(signature.field_name,
                                    error=f"{type(error).__name__}: {str(error)[:200]}"))
            continue
        if not verdict.problems and _may_show_otherwise(verdict):
            changed = shows_differently(_signed_revision(data, signature), data)
            verdict = replace(verdict, visible_change=changed)
        verdicts.append(verdict)
    return tuple(verdicts)


def digital_signature(data: bytes) -> SignatureEvidence | None:
    """Evidence of the PDF's embedded signatures; None when it carries none.

    Every usable signature must hold: one altered or broken makes the letter's
    signature invalid. Fields without a usable signature come back as kind
    'none' and uncertain, so that ink on the page may still sign the letter.
    """
    verdicts = signature_verdicts(data)
    if verdicts is None:
        return None
    detail = "; ".join(v.describe() for v in verdicts)
    usable = [v for v in verdicts if v.facts is not None]
    signatures = [v for v in usable if not v.timestamp]
    if not signatures:  # a time stamp alone dates the file; nobody signed it
        return SignatureEvidence(kind="none", certain=False, detail=detail)
    signer = next((v.common_name or v.facts.signer for v in signatures if v.facts), None)
    valid = all(not v.problems for v in usable)
    shadowed = any(v.visible_change for v in usable)
    return SignatureEvidence(kind="digital", valid=valid, signer=signer,
                             certain=not (valid and shadowed), detail=detail)
