"""Layout 1: the Annex 2 label/value lines, one block per representative."""

from __future__ import annotations

import re
from itertools import product

from extractors.fields.enumerators import item_lines, peel
from extractors.fields.labels import LabelHit, is_heading, label_field, match_label, resembles_label, split_pairs
from extractors.fields.normalize import clean_line, find_email, value
from extractors.fields.nominee import nominee_from_labels
from extractors.model import ANNEX2_FIELDS, Nominee

_FOOTER = re.compile(r"@|www\.|https?:|\||\btel\b|\bфакс\b|\bfax\b|هاتف|电话|^\d+\s*/\s*\d+$|^page\b", re.I)
_LEAD_NOISE = re.compile(r"^(?:[:：]+\s*|[|•·©*\-–—.]+\s+)+")
"""A colon or OCR specks ('| ', '- ', '© ') before a label or value, which no field begins with."""
_MAX_WRAP = 3
_NEIGHBOURHOOD = 4
"""Lines around a label within which another label must stand for it to belong to a form."""


def parse_template(text: str) -> tuple[list[Nominee], float]:
    """Nominees from label/value lines, and how well the text fitted (0..1).

    A new nominee starts at a heading ('Representative 2') or when a field that is
    already filled appears again. A value stands after its label on the same line or,
    in a stacked form, on the lines below it; a line without a label continues the
    previous value only when another label line follows within a few lines, so that
    page footers and the closing paragraph never leak into a field. A label line
    alone among other text (the addressee's 'E-mail: gcc-secretariat@itu.int' in the
    letterhead) belongs to no nominee and must not shift the others.
    """
    cleaned = [_label_first(_LEAD_NOISE.sub("", clean_line(line))) for line in text.splitlines()]
    lines = [pair for numbered in _unnumbered([line for line in cleaned if line]) for pair in split_pairs(numbered)]
    lines = [line for line in lines if line]
    hits = _without_strays(_between_labels(lines, _infer_garbled(lines, [match_label(line) for line in lines])))
    blocks: list[dict[str, str | None]] = []
    current: dict[str, str | None] | None = None
    last_field: str | None = None
    for index, (line, hit) in enumerate(zip(lines, hits)):
        if is_heading(line):
            current, last_field = None, None
            continue
        if hit is None:
            if current is not None and last_field and _continues(lines, hits, index, last_field, current):
                current[last_field] = value(" ".join(part for part in (current.get(last_field), line) if part))
            else:
                last_field = None
            continue
        if not _plausible(hit, current):
            last_field = None
            continue
        if current is None or hit.field in current:
            current = {}
            blocks.append(current)
        current[hit.field] = value(hit.value)
        last_field = hit.field
    blocks = [block for block in blocks if _is_nominee(block)]
    return [nominee_from_labels(block) for block in blocks], _fit(blocks)


_ADDRESS_THEN_WORDS = re.compile(r"^(\S+@\S+)\s+(\S.*)$")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufefc]")
_SPECKS = " \"'“”‘’|•·"
"""What OCR reads into the space after a paragraph's number ('2. ”称谓或职衔'): no label begins with it."""
_OPENS_NOMINEE = "(1)"
"""A heading line (is_heading) standing for a paragraph's number, whichever way it was written."""


_LABEL_WORDS = 4
"""Words an e-mail label has at most ('عنوان البريد الإلكتروني الرسمي')."""


def _label_first(line: str) -> str:
    """An Arabic or Hebrew e-mail line whose words OCR put in left-to-right order
    ('n.alsabah@moc.gov.kw الإلكتروني: البريد'), a word's letters too now and then
    ('... ينورتكلإلا البريد'), as its label and then its address."""
    found = _ADDRESS_THEN_WORDS.match(line)
    if found is None or not _RTL.search(found.group(2)) or len(found.group(2).split()) > _LABEL_WORDS:
        return line
    words = found.group(2).split()
    for order in (words[::-1], words):
        for turned in product((False, True), repeat=len(order)):
            label = " ".join(word[::-1] if turn else word for word, turn in zip(order, turned))
            hit = match_label(label.strip(":： ") + ":")
            if hit is not None and hit.field == "email" and not hit.value:
                return f"{label.strip(':： ')}: {found.group(1)}"
    return line


def _unnumbered(lines: list[str]) -> list[str]:
    """A numbered paragraph's first line ('1. Title or rank: Dr', '2. a) Title: Ms') as its number,
    which opens a nominee like a heading, and its label line; a field's item marker in a list of
    labels ('b) First name: ...') dropped, opening nothing; any other line as it is."""
    items = item_lines(lines, _is_label)
    out: list[str] = []
    for line, item in zip(lines, items):
        marked = peel(line)
        rest = marked.rest.lstrip(_SPECKS)
        if not marked.markers or not rest or not _is_label(rest):
            out.append(line)
        elif len(marked.markers) > 1 or not item:
            out += [_OPENS_NOMINEE, rest]
        else:
            out.append(rest)
    return out


def _is_label(line: str) -> bool:
    return match_label(line.lstrip(_SPECKS), weak=True) is not None



def _between_labels(lines: list[str], hits: list[LabelHit | None]) -> list[LabelHit | None]:
    """A short label without a colon ('Nom Ndikumana', '名 建国') counts between two label lines (the
    one below may be such a label too, the one above a nominee's heading), and at a form's end when it is the e-mail's label before an
    address ('E-mail k.diop@gouv.sn', the anchor of a nominee)."""
    kept = list(hits)
    for index in range(1, len(lines)):
        if hits[index] is not None or kept[index - 1] is None and not is_heading(lines[index - 1]):
            continue
        weak = match_label(lines[index], weak=True)
        below = index + 1 < len(lines) and (hits[index + 1] or match_label(lines[index + 1], weak=True))
        if weak is not None and (below or weak.field == "email" and find_email(weak.value)):
            kept[index] = weak
    return kept


def _without_strays(hits: list[LabelHit | None]) -> list[LabelHit | None]:
    """Drop label lines that stand alone (no other label within a few lines) and e-mail
    labels carrying only the addressee's address: neither belongs to a nominee."""
    kept = list(hits)
    for index, hit in enumerate(hits):
        if hit is None:
            continue
        ours = hit.field == "email" and "@" in hit.value and find_email(hit.value) is None
        near = hits[max(0, index - _NEIGHBOURHOOD):index] + hits[index + 1:index + 1 + _NEIGHBOURHOOD]
        if ours or not any(near):
            kept[index] = None
    return kept


def _infer_garbled(lines: list[str], hits: list[LabelHit | None]) -> list[LabelHit | None]:
    """OCR tolerance: an unreadable short label (or a column heading like 'Administration:', or a
    label with letters misread, 'اسم اامنظحة:') between two fields that skip exactly one Annex 2
    field ('名: 伟明' / 'YE: 陈' / '职务: ...') is that skipped field; so is a misread label that opens
    a nominee's fields ('اللقك: السيد' before 'الاسم الأول:'), where it reads like the field before the next."""
    order = list(ANNEX2_FIELDS)
    for index in range(len(lines) - 1):
        before, after = hits[index - 1] if index else None, hits[index + 1]
        head, colon, rest = lines[index].partition(":")
        if hits[index] or not colon or not after:
            continue
        if before and _position(after.field) - _position(before.field) == 2:
            missing = order[_position(before.field) + 1]
            if len(head) <= 8 or label_field(head) == missing or resembles_label(head, missing):
                hits[index] = LabelHit(missing, rest.strip(), True, True)
        elif (before is None or before.field == order[-1]) and _position(after.field) > 0:
            missing = order[_position(after.field) - 1]  # the field that opens the nominee's lines
            if resembles_label(head, missing):
                hits[index] = LabelHit(missing, rest.strip(), True, True)
    return _infer_stacked_garbled(lines, hits)


_GARBLED_STACKED = re.compile(r"^[^\s:@]{2,12}\s?[:;]$")
"""A lone word with a colon on its own line: the shape of a stacked label OCR misread ('Lemait:')."""
_STACKED_LABEL = re.compile(r"^([^:@]{2,40}?)\s?[:;]$")
"""A label line of a stacked form: words and a colon, the value on the next line."""


def _infer_stacked_garbled(lines: list[str], hits: list[LabelHit | None]) -> list[LabelHit | None]:
    """OCR tolerance in stacked forms: an unreadable lone 'Word:' line (or a column heading such as
    'Administration:', which names its field only in this place), whose value stands on the
    next line, is the one Annex 2 field skipped between the labels around it (a nominee's
    heading counts as the place before the first field, the next heading as the place after the
    last), when that field is labelled in another nominee's block of the same form (a column
    heading names its field itself)."""
    order = list(ANNEX2_FIELDS)
    inferred = list(hits)
    for index, line in enumerate(lines):
        stacked = _STACKED_LABEL.match(line)
        if hits[index] or not stacked or is_heading(line):
            continue
        before = _neighbour_position(lines, hits, range(index - 1, max(-1, index - 3), -1), -1)
        after = _neighbour_position(lines, hits, range(index + 2, min(len(lines), index + 4)), len(order))
        if before is None or after is None or after - before != 2:
            continue
        missing = order[before + 1]
        named = label_field(stacked.group(1)) == missing
        if named or (_GARBLED_STACKED.match(line) and _labelled_elsewhere(missing, hits)):
            inferred[index] = LabelHit(missing, "", False, True)
    return inferred


def _neighbour_position(lines: list[str], hits: list[LabelHit | None], indexes: range, heading: int) -> int | None:
    """The Annex 2 position of the nearest label among `indexes` (`heading` for a nominee heading),
    over at most one value line; None when neither stands there."""
    values = 0
    for index in indexes:
        hit = hits[index]
        if hit is not None:
            return _position(hit.field)
        if is_heading(lines[index]):
            return heading
        values += 1
        if values > 1:
            return None
    return None


def _labelled_elsewhere(field: str, hits: list[LabelHit | None]) -> bool:
    """The form labels this field readably for another nominee (the structure repeats)."""
    return any(hit and hit.field == field for hit in hits)


def _plausible(hit: LabelHit, current: dict[str, str | None] | None) -> bool:
    """A weak label with a colon is only trusted when its value is short, like a field."""
    if hit.strong or current is not None:
        return len(hit.value) <= 160
    return len(hit.value) <= 60


def _continues(lines: list[str], hits: list[LabelHit | None], index: int, field: str,
               current: dict[str, str | None]) -> bool:
    """Whether a line without a label carries on the value of `field` (or is the value
    of a label standing alone above it): an e-mail takes one line, other values wrap."""
    line = lines[index]
    if field == "email":
        return not current.get("email") and len(line.split()) == 1 and "." in line
    longest = 160 if not current.get(field) else 90  # the value under a stacked label may be a long name
    if is_heading(line) or len(line) > longest or _FOOTER.search(line):
        return False
    for ahead in range(index + 1, min(index + 1 + _MAX_WRAP, len(lines))):
        if hits[ahead] is not None:
            return True
        if _FOOTER.search(lines[ahead]) or is_heading(lines[ahead]):
            return False
    return False


def _is_nominee(block: dict[str, str | None]) -> bool:
    """At least three Annex 2 fields, one of them a name or an e-mail."""
    named = any(block.get(key) for key in ("first_name", "last_name", "full_name", "email"))
    return named and len(block) >= 3


def _fit(blocks: list[dict[str, str | None]]) -> float:
    """Share of the seven fields that carried a label, over all blocks (a whole name stands for the
    given and family names, and for the title when none has its own label)."""
    if not blocks:
        return 0.0
    covered = sum(len(block) + ("full_name" in block) + ("full_name" in block and "title" not in block)
                  for block in blocks)
    return min(1.0, covered / (len(ANNEX2_FIELDS) * len(blocks)))


def _position(field: str) -> int:
    """A field's place in Annex 2's order; a whole name stands where the family name does."""
    return ANNEX2_FIELDS.index("last_name" if field == "full_name" else field)
