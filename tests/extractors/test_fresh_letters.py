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


def _judged(letter: FreshLetter, form: Form) -> tuple[str, list[Nominee]]:
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form))
    judgement = judge(raw, Settings())
    return judgement.decision.kind, judgement.nomination.nominees


@pytest.mark.parametrize("language", list(MINISTRIES))
def test_a_numbered_paragraph_opens_a_nominee_and_its_first_label_is_read(language: str) -> None:
    """'1. Title or rank: Dr' (the paragraph's number before the first label, in any script)."""
    letter = FreshLetter(language, nominees=3, layout="numbered", style="plain")
    document = read_attachment(Attachment("letter.pdf", "application/pdf", letter_pdf(letter)))
    assert document is not None
    nominees, _ = parse_template(document.text)
    assert [(n.title, n.first_name, n.email) for n in nominees] == \
        [(n.title, n.first_name, n.email) for n in letter.expected_nominees()]


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
