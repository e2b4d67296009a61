"""Signatures on fresh image letters, read as the bot reads a mail (real Tesseract).

Whole letters of fresh_letters.py (letterhead, nominees in four layouts,
closing, signatory, CC line, footer), scanned at 150-300 dpi in grey or
1-bit, faxed, or photographed page by page (the camera numbers the shots,
one may be in shadow): ink above, over or beside the name, with a round,
square or red stamp, at the top of the next page, in a faint ballpoint, is
found; a letter with no ink is unsigned when its block is clearly read; a
stamp alone never signs.
"""

from __future__ import annotations

import pytest

from bot.intake import parse_mail
from extractors.letter import read_nomination
from extractors.model import SignatureEvidence
from tests.extractors.fresh_letters import Form, FreshLetter, Signature, image_forms, letter_pdf
from tests.letters import mail

pytestmark = pytest.mark.slow


def _signature(language: str, kind: Signature, form: Form, layout: str = "kv", nominees: int = 2) -> SignatureEvidence:
    letter = FreshLetter(language, nominees=nominees, layout=layout, signature=kind)  # type: ignore[arg-type]
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form, seed=3))
    return read_nomination(parse_mail(raw)).signature


SIGNED = [
    ("en", "over", "photo"), ("es", "over", "photo-exif"), ("ru", "over", "scan300-grey"),
    ("fr", "beside", "scan150-grey"), ("ar", "beside", "tiff200-1bit"),
    ("ru", "square", "scan200-1bit"), ("zh", "square", "photo"),
    ("fr", "seal", "photo-shadow"), ("es", "seal", "scan300-grey"),
    ("ar", "nextpage", "photo"), ("zh", "nextpage", "photo-shadow"), ("en", "nextpage", "tiff200-1bit"),
    ("fr", "stamp", "photo-exif"),
]


@pytest.mark.parametrize(("language", "kind", "form"), SIGNED, ids=str)
def test_ink_above_over_or_beside_the_name_with_or_without_a_stamp_is_found(
        language: str, kind: Signature, form: Form) -> None:
    evidence = _signature(language, kind, form)
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.parametrize(("language", "form"), [("en", "photo"), ("fr", "scan200-1bit")], ids=str)
def test_a_faint_ballpoint_is_never_read_as_unsigned(language: str, form: Form) -> None:
    evidence = _signature(language, "faint", form)
    assert evidence.kind == "handwritten", evidence.detail


UNSIGNED = [("ru", "photo"), ("en", "photo-exif"), ("ar", "photo-shadow"), ("es", "scan150-grey"),
            ("fr", "tiff200-1bit"), ("ru", "scan300-grey")]


@pytest.mark.parametrize(("language", "form"), UNSIGNED, ids=str)
def test_a_letter_with_no_ink_clearly_read_is_unsigned(language: str, form: Form) -> None:
    """Photos too: the signatory's lines read for sure, dark on the paper, and not even a faint stroke."""
    evidence = _signature(language, "none", form, layout="numbered", nominees=1)
    assert (evidence.kind, evidence.certain) == ("none", True), evidence.detail


@pytest.mark.parametrize(("language", "kind", "form"), [
    ("en", "stamped", "photo"), ("ar", "stamped", "scan200-1bit"), ("zh", "stamped", "tiff200-1bit"),
    ("fr", "sealed", "scan300-grey"), ("es", "sealed", "photo-exif"), ("zh", "sealed", "photo"),
], ids=str)
def test_a_stamp_or_a_seal_alone_never_signs(language: str, kind: Signature, form: Form) -> None:
    evidence = _signature(language, kind, form)
    assert evidence.kind == "none" or not evidence.certain, evidence.detail
