"""Signature blocks of scans fed askew (2-3 degrees), judged on the page as OCR read it (real Tesseract).

OCR straightens a tilted scan before reading it, so its word boxes lie in the
straightened frame; the ink is judged on the page drawn again, straightened
the same way. Otherwise read print's boxes sit half a line off their words:
the rest of the glyphs (an Arabic closing, a row of Han characters) and a
table's leaning border pass for marks taller than print, and an unsigned
letter goes to a person. A small, low hand in the same blocks (initials, a
short paraph) is still never taken for no ink.
"""

from __future__ import annotations

import pytest

from bot.intake import parse_mail
from extractors.letter import read_nomination
from extractors.model import SignatureEvidence
from tests.extractors.fresh_letters import Form, FreshLetter, Layout, Signature, image_forms, letter_pdf
from tests.letters import mail

pytestmark = pytest.mark.slow

def _signature(language: str, kind: Signature, form: Form, layout: Layout, seed: int) -> SignatureEvidence:
    letter = FreshLetter(language, nominees=1, layout=layout, signature=kind)
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form, seed=seed))
    return read_nomination(parse_mail(raw)).signature


VARIANTS = [
    ("ar", "scan150-grey", "cols", 5), ("ar", "scan200-1bit", "rows", 2),
    ("zh", "scan200-1bit", "rows", 5), ("zh", "scan300-grey", "cols", 2),
    ("ru", "scan150-grey", "rows", 2), ("ru", "tiff200-1bit", "cols", 4),
    ("en", "scan300-grey", "cols", 5), ("en", "scan200-1bit", "kv", 4),
]
"""Arabic, Chinese, Cyrillic and Latin print at 150, 200 and 300 dpi, grey and 1-bit; image_forms' seed
tilts the scan: 2 by +3 degrees, 5 by -3, 4 by +2."""


@pytest.mark.parametrize(("language", "form", "layout", "seed"), VARIANTS, ids=str)
def test_an_unsigned_block_on_a_tilted_scan_is_unsigned(language: str, form: Form, layout: Layout, seed: int) -> None:
    evidence = _signature(language, "none", form, layout, seed)
    assert (evidence.kind, evidence.certain) == ("none", True), evidence.detail


@pytest.mark.parametrize("kind", ["initials", "paraph"])
@pytest.mark.parametrize(("language", "form", "layout", "seed"), VARIANTS, ids=str)
def test_small_handwriting_on_a_tilted_scan_is_never_no_ink(
        language: str, form: Form, layout: Layout, seed: int, kind: Signature) -> None:
    evidence = _signature(language, kind, form, layout, seed)
    assert evidence.kind == "handwritten", evidence.detail
