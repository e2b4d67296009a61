"""Letters written apart from the corpora, scanned and photographed: decided as what they say.

Each case is a letter of tests/extractors/fresh_letters.py (a letterhead
with emblem and address block, a reference and date, the nominees in one
of four layouts, a signature above or over the name, a stamp, a CC line
and a footer with the registry's own telephone and e-mail) turned into
what a scanner or a phone sends, read and judged by the whole bot (real
Tesseract). A signed letter is confirmed with every nominee's fields as
printed, or goes to review; it is never confirmed with a field wrong, and
the footer's address is never a nominee's.
"""

from __future__ import annotations

import unicodedata

import pytest

from bot.judge import judge
from bot.settings import Settings
from extractors.fields.labels import match_label
from extractors.fields.template import parse_template
from extractors.model import Attachment, Nominee
from extractors.readers import read_attachment
from tests.extractors.fresh_letters import MINISTRIES, Form, FreshLetter, image_forms, letter_pdf
from tests.letters import mail


def _fold(text: str | None) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c)).casefold()


def _same_person(read: Nominee, printed: Nominee) -> bool:
    keys = ("title", "first_name", "last_name", "role", "email")
    return all(_fold(getattr(read, key)).replace(".", "") == _fold(getattr(printed, key)).replace(".", "")
               for key in keys)


def _judged(letter: FreshLetter, form: Form, seed: int = 1) -> tuple[str, list[Nominee]]:
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form, seed))
    judgement = judge(raw, Settings())
    return judgement.decision.kind, judgement.nomination.nominees


@pytest.mark.parametrize("layout", ["numbered", "kv"])
@pytest.mark.parametrize("language", list(MINISTRIES))
def test_labels_without_colons_are_read_in_numbered_paragraphs_and_label_columns(language: str, layout: str) -> None:
    """'1. Title or rank Dr' (a paragraph's number before the first label), '名 建国', 'E-mail a@b.na' last:
    short labels with no colon, in any script, each nominee whole."""
    letter = FreshLetter(language, nominees=3, layout=layout, style="plain")  # type: ignore[arg-type]
    document = read_attachment(Attachment("letter.pdf", "application/pdf", letter_pdf(letter)))
    assert document is not None
    nominees, _ = parse_template(document.text)
    assert [(n.title, n.first_name, n.email) for n in nominees] == \
        [(n.title, n.first_name, n.email) for n in letter.expected_nominees()]


@pytest.mark.parametrize(("line", "field", "value"), [
    ("Job title Position Deputy Director", "job_title", "Deputy Director"),
    ("Job title Position: Deputy Director", "job_title", "Deputy Director"),
    ("Title rank: Dr", "title", "Dr"),
    ("Titre Grade : M.", "title", "M."),
    ("Título Rango Lic.", "title", "Lic."),
    ("Обращение Звание г-н", "title", "г-н"),
    ("E-mail address (official): t.shikongo@mict.gov.na", "email", "t.shikongo@mict.gov.na"),
])
def test_a_label_whose_slash_ocr_lost_is_still_one_label(line: str, field: str, value: str) -> None:
    """'Job title / Position' comes out of a 150 dpi scan as 'Job title Position': the second wording is no value."""
    hit = match_label(line)
    assert hit is not None and (hit.field, hit.value) == (field, value)


def test_two_fields_side_by_side_are_not_one_label() -> None:
    """Only a second wording of the same field joins a label: 'Prénom Nom:' names two fields."""
    hit = match_label("Prénom Nom: Jean Dupont")
    assert hit is None or hit.value != "Jean Dupont" or hit.field != "first_name"


CASES = [
    ("en", "rows", "caps", "scan150-grey"),
    ("fr", "cols", "plain", "scan200-1bit"),
    ("es", "numbered", "bold", "photo"),
    ("ru", "kv", "colon", "photo-exif"),
    ("ar", "kv", "plain", "scan300-grey"),
    ("zh", "numbered", "colon", "tiff200-1bit"),
]
"""Each language, layout, label style and form at least once."""


@pytest.mark.slow
@pytest.mark.parametrize(("language", "layout", "style", "form"), CASES)
def test_a_fresh_signed_letter_is_confirmed_as_printed(language: str, layout: str, style: str, form: Form) -> None:
    letter = FreshLetter(language, nominees=2, layout=layout, style=style, signature="above")  # type: ignore[arg-type]
    decision, nominees = _judged(letter, form)
    printed = letter.expected_nominees()
    assert decision == "confirmed", f"{decision}: {nominees}"
    assert len(nominees) == len(printed)
    for read, wanted in zip(nominees, printed):
        assert _same_person(read, wanted), f"read {read}, printed {wanted}"


@pytest.mark.slow
def test_a_name_and_an_address_both_misread_are_never_confirmed() -> None:
    """A 1-bit scan reads 'Castillo' as 'Castilio' and 'mjcastillo@' as 'micastillo@': each would pass
    a name check alone; together they differ only by glyphs OCR confuses, so a person checks."""
    letter = FreshLetter("es", nominees=3, layout="numbered", style="bold", signature="over")
    decision, nominees = _judged(letter, "scan200-1bit", seed=29)
    printed = letter.expected_nominees()
    right = len(nominees) == len(printed) and all(_same_person(r, p) for r, p in zip(nominees, printed))
    assert decision != "confirmed" or right, f"confirmed with {nominees}"
