"""The glyphs Tesseract doubted in a Chinese job title or organization cell, settled by the second engine.

On a phone photo Tesseract's small Chinese model takes the one stroke of
'一' for a dash ('-级调研员'), reads '常驻' as '三' or '党三', and says
so: it is unsure of exactly those glyphs. PP-OCR (han_witness) reads the
same cell ('一级调研员', '常驻日内瓦代表团参赞'). Where the two engines read
every other glyph alike, and the witness is sure even of its weakest glyph,
the glyphs in question are the witness's, and the cell is as sure as two
engines agreeing (AGREED). Anything else keeps the cell doubted (review):
- a difference on a glyph Tesseract was sure of: one engine against the
  other, whichever is right;
- a glyph only the witness reads, where Tesseract read nothing, or one
  Tesseract read (a sign too) that the witness drops: PP-OCR loses a glyph
  at a cell's edge, and on a 1-bit scan the stroke of '一' Tesseract read
  as a dash ('-级调量员' read '级调研员');
- a change to fewer glyphs (the witness may have dropped one beside a
  doubted glyph: '-莘' read '等' for '一等'), or wider by more than a glyph
  ('三' read '常驻' is one glyph Tesseract made of two), or more changed
  than agreed.
Only job titles and organizations, named so by the label at the head of
the cell's column or row (labels.label_field): a name is settled by the
pinyin of the nominee's address (han_witness.spelled_by_address), and an
honorific, a role or a label by Annex 2's closed list.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from extractors.fields.labels import label_field
from extractors.readers.han_cells import SURE

SETTLED_FIELDS = frozenset({"job_title", "organization"})
"""The fields whose cells the witness may settle: free Chinese text no other witness checks."""
GLYPH_SURE = 0.95
"""The least PP-OCR's weakest glyph of the cell may score (0..1) for its reading to be taken."""
_AGREED_SHARE = 2
"""Glyphs both engines read alike, per glyph changed, at the least."""


def _han(char: str) -> bool:
    name = unicodedata.name(char, "")
    return "CJK" in name and "IDEOGRAPH" in name


def _sign(char: str) -> bool:
    """Neither letter nor digit: a dash, a stroke, a speck (what Tesseract makes of '一' or of a blot)."""
    return unicodedata.category(char)[0] not in "LN"


def _glyphs(words: list[tuple[str, float]]) -> list[tuple[str, bool]]:
    """Tesseract's glyphs of a cell, each with whether it is in doubt: a sign, or its word unsure."""
    return [(char, _sign(char) or conf < SURE) for text, conf in words for char in text if not char.isspace()]


def weakest_glyph(text: str, score: float) -> float:
    """The least PP-OCR can have scored any glyph of a reading whose score (the mean of its glyphs'
    scores, the least sure line's) is `score`: the rest scored 1 at the most."""
    glyphs = len("".join(text.split()))
    return 1.0 - glyphs * (1.0 - score) if glyphs else 0.0


def settled(words: list[tuple[str, float]], witness: tuple[str, float]) -> str | None:
    """The witness's reading of a cell Tesseract read as `words` (text, confidence 0..100), when it
    differs from Tesseract's only where Tesseract doubted (see the module); None otherwise."""
    text, score = witness
    seen = "".join(text.split())
    glyphs = _glyphs(words)
    kept = "".join(char for char, _ in glyphs)
    if not seen or seen == kept or weakest_glyph(seen, score) < GLYPH_SURE:
        return None
    agreed = changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, kept, seen, autojunk=False).get_opcodes():
        if tag == "equal":
            agreed += i2 - i1
            continue
        doubted = all(doubt for _, doubt in glyphs[i1:i2])
        if tag != "replace" or not doubted or not all(map(_han, seen[j1:j2])) or not 0 <= (j2 - j1) - (i2 - i1) <= 1:
            return None
        changed += max(i2 - i1, j2 - j1)
    return seen if agreed >= _AGREED_SHARE * changed else None


def settled_field(labels: list[str]) -> bool:
    """Whether the labels at the head of a cell's column and row name one field the witness may settle
    and no other."""
    fields = {field for field in map(label_field, labels) if field}
    return len(fields) == 1 and fields <= SETTLED_FIELDS
