"""Digital PDF signatures, judged with pyHanko.

Trust in the signer's certificate is not what the contract asks: a ministry's
self-signed certificate still proves the letter is unchanged since signing.
What matters is that the signed bytes are intact, the CMS signature verifies,
and nothing but harmless updates (timestamps, metadata, annotations, form
filling) came after it.
"""

from __future__ import annotations

import io
import logging

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko_certvalidator import ValidationContext

from extractors.model import SignatureEvidence

HARMLESS = frozenset(
    {
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
        ModificationLevel.FORM_FILLING,
        ModificationLevel.ANNOTATIONS,
    }
)

log = logging.getLogger(__name__)


def digital_signature(
    data: bytes, trust_roots: tuple[x509.Certificate, ...] = ()
) -> SignatureEvidence | None:
    """Evidence of the PDF's embedded signatures; None when it carries none.

    Every signature must hold: one altered or broken signature makes the
    letter's signature invalid.
    """
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 - any unreadable PDF simply has no signature to judge
        log.debug("no signature readable: %s", error)
        return None
    if not embedded:
        return None
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
    verdicts: list[tuple[bool, str, str | None]] = []
    for signature in embedded:
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as error:  # noqa: BLE001 - a malformed signature is an invalid one
            verdicts.append((False, f"{signature.field_name}: cannot be validated ({error})", None))
            continue
        verdicts.append(_judge(signature.field_name, status))
    valid = all(ok for ok, _, _ in verdicts)
    signer = next((name for _, _, name in verdicts if name), None)
    return SignatureEvidence(
        kind="digital",
        valid=valid,
        signer=signer,
        detail="; ".join(why for _, why, _ in verdicts),
    )


def _judge(field: str, status: PdfSignatureStatus) -> tuple[bool, str, str | None]:
    """(valid, why in words, signer's common name) for one signature."""
    subject = status.signing_cert.subject
    common_name = subject.native.get("common_name")
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else "unknown time"
    level = status.modification_level
    problems = []
    if not status.intact:
        problems.append("the signed bytes were changed")
    if not status.valid:
        problems.append("the cryptographic signature does not verify")
    if level is not None and level not in HARMLESS:
        problems.append(f"the document was modified after signing ({level.name})")
    if status.docmdp_ok is False:
        problems.append("changes after signing exceed what the signer permitted")
    trust = "trusted" if status.trusted else "untrusted (no configured root)"
    facts = (
        f"{field}: signed by {subject.human_friendly} at {when}, "
        f"coverage {status.coverage.name if status.coverage else 'unknown'}, certificate {trust}"
    )
    if problems:
        return False, f"{facts}; invalid: {', '.join(problems)}", common_name
    return True, f"{facts}; intact and valid", common_name
