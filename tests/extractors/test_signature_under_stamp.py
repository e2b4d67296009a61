"""The signatory's name and title under a stamp, read as the bot reads a mail (real Tesseract).

Whole fresh letters (fresh_letters.py) signed over a red seal, a blue square
stamp or a violet round stamp set over the signatory's lines or beside them,
scanned in grey or 1-bit, photographed, or photographed in colour, in Latin,
Cyrillic, Arabic and Chinese letters. Whatever is read again under a stamp is
the letter's own signatory or title, never a stamp's legend or a stroke; where
the stamp lies over the print of a grey scan or a photo, the signed letter
names its signatory (its name or title), so that it is not sent to a person
for want of one.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from bot.intake import parse_mail
from extractors.fields.normalize import fold
from extractors.letter import read_nomination
from extractors.model import Nomination
from tests.extractors.fresh_letters import Form, FreshLetter, Signature, image_forms, letter_pdf
from tests.letters import mail

pytestmark = pytest.mark.slow

CLOSE = 0.8
"""How alike (difflib's ratio, folded) a title read by OCR must be to the printed one: a letter or two misread."""


def _read(language: str, kind: Signature, form: Form, layout: str = "kv") -> tuple[Nomination, FreshLetter]:
    letter = FreshLetter(language, nominees=1, layout=layout, signature=kind)  # type: ignore[arg-type]
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form, seed=5))
    return read_nomination(parse_mail(raw)), letter


def _alike(read: str, printed: str) -> bool:
    return SequenceMatcher(None, fold(read), fold(printed)).ratio() >= CLOSE


def _own_signatory(nomination: Nomination, letter: FreshLetter) -> bool:
    """Nothing but the letter's own signatory: the name as printed, the title as printed (a letter or two off)."""
    name, title = nomination.signatory.name, nomination.signatory.title
    return ((name is None or fold(name) == fold(letter.ministry.signatory))
            and (title is None or _alike(title, letter.ministry.signatory_title)))


OVER_THE_NAME = [
    ("ru", "seal", "scan300-grey"), ("fr", "square", "scan150-grey"),
    ("en", "seal", "photo-colour"), ("ar", "seal", "photo-colour"), ("es", "square", "photo-colour"),
    ("zh", "seal", "scan300-grey"),
]


@pytest.mark.parametrize(("language", "kind", "form"), OVER_THE_NAME, ids=str)
def test_a_signed_letter_names_its_signatory_under_a_stamp(language: str, kind: Signature, form: Form) -> None:
    nomination, letter = _read(language, kind, form)
    assert nomination.signature.kind == "handwritten", nomination.signature.detail
    assert nomination.signatory.name or nomination.signatory.title, nomination.signatory
    assert _own_signatory(nomination, letter), nomination.signatory


NEVER_WRONG = [
    ("ar", "seal", "tiff200-1bit"), ("zh", "seal", "scan200-1bit"), ("fr", "square", "tiff200-1bit"),
    ("ru", "stamp", "scan150-grey"), ("es", "stamp", "photo-colour"), ("zh", "square", "photo-colour"),
    ("ru", "seal", "photo-exif"),
]


@pytest.mark.parametrize(("language", "kind", "form"), NEVER_WRONG, ids=str)
def test_what_is_read_by_a_stamp_is_the_letters_own_signatory(language: str, kind: Signature, form: Form) -> None:
    """1-bit scans (no tone tells a stamp from print), a grey photo (its soft print as light as the seal)
    and stamps beside the name: a name or title may stay unread, a wrong one is never read."""
    nomination, letter = _read(language, kind, form)
    assert _own_signatory(nomination, letter), nomination.signatory


def test_the_block_is_not_read_again_when_the_page_pass_named_the_signatory(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The extra read costs a Tesseract pass: only a signed letter without a signatory's name pays it."""
    import extractors.signature.under_stamp as under_stamp

    def refuse(*_: object) -> None:
        raise AssertionError("the signature block was read again")

    monkeypatch.setattr(under_stamp, "reread_signatory", refuse)
    nomination, letter = _read("en", "above", "scan300-grey")
    assert nomination.signatory.name == letter.ministry.signatory
