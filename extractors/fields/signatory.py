"""Who signs the letter: the name and title in the closing block."""

from __future__ import annotations

import re
from functools import cache

from extractors.fields.closing_lines import Kind, Script, is_date, is_title, language_script, line_kind
from extractors.fields.labels import match_label, vocabulary
from extractors.fields.normalize import clean_line, fold
from extractors.model import Signatory
from extractors.signature.closing import is_closing

_SENTENCE_END = re.compile(r"[.,!:;。！，،]$")
_SPLIT_LINE = re.compile(r"\s{3,}|\s+[-–—]\s+")
_LATIN_DEBRIS = re.compile(r"^[A-Za-z|]{1,3}\s*(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s*[A-Za-z|]{1,3}$")
"""A few Latin letters glued to a Chinese line: the strokes of a signature or a seal beside it ('所长ey')."""
_INITIALS_NAME = re.compile(r"((?:[A-ZА-ЯЁ]\.\s?){1,2}\s?[A-ZА-ЯЁ][\w'-]{1,40}|[A-ZА-ЯЁ][\w'-]{1,40}\s(?:[A-ZА-ЯЁ]\.\s?){1,2})\s*$")


@cache
def _words(section: str, key: str = "words") -> tuple[str, ...]:
    return tuple(fold(w) for w in vocabulary()[section][key])


def find_signatory(text: str, language: str | None = None) -> Signatory:
    """Name and title of the signatory from the lines after the last courtesy formula.

    Handles 'name / title' (most letters), 'title / name', and the Russian one-line
    'Заместитель Министра [signature] А.В. Ковальчук'. OCR debris of the signature,
    dates and the letterhead footer are passed over; a name whose first letters the
    scan cut off is kept only when no whole name is there. A letter without a known
    courtesy formula (a mail body, an unusual closing) is read from its last lines,
    and then only a name standing with a title counts.
    """
    lines = [clean_line(line) for line in text.splitlines()]
    script = language_script(language, text)
    start = _closing_index(lines)
    if start is None:
        block = _block(lines[_after_details(lines):], script)
        return _signatory(block) if any(kind in ("title", "pair") for kind, _ in block) else Signatory()
    return _signatory(_block(lines[start + 1:], script))


def _after_details(lines: list[str]) -> int:
    """Where the closing lines begin: after the last sentence, e-mail or label line, at most 12 from the end."""
    last = max((i for i, line in enumerate(lines) if "@" in line or _SENTENCE_END.search(line) or match_label(line)),
               default=-1)
    return max(last + 1, len(lines) - 12)


def _block(lines: list[str], script: Script) -> list[tuple[Kind | str, str]]:
    """The classified lines of the signature block, up to the footer."""
    block: list[tuple[Kind | str, str]] = []
    for line in lines:
        line = _LATIN_DEBRIS.sub("", line) if script == "han" else line
        if not line or is_date(line) or match_label(line) or line.startswith("#"):
            continue
        kind = _one_line_pair(line, script) or line_kind(line, script)
        if kind == "footer":
            if any(k in ("name", "title", "pair") for k, _ in block):
                break
            continue
        if kind != "junk":
            block.append((kind, line))
        if len(block) == 5:
            break
    return block


def _one_line_pair(line: str, script: Script) -> str | None:
    """'pair' when one line holds a title then a name ('Статс-секретарь Б.К. Абдыкеримов')."""
    title, name = _split_one_line(line)
    if title and name and is_title(title) and line_kind(name, script) == "name":
        return "pair"
    return None


def _signatory(block: list[tuple[Kind | str, str]]) -> Signatory:
    """Pick the name (a whole one before a cut one) and the title lines next to it."""
    kinds = [kind for kind, _ in block]
    if "pair" in kinds and ("name" not in kinds or kinds.index("pair") < kinds.index("name")):
        pair = kinds.index("pair")
        title, name = _split_one_line(block[pair][1])
        extra = _title_after(block, pair)
        return Signatory(name=name, title=" ".join(filter(None, [title, extra])) or None)
    index = next((i for kind in ("name", "cut_name") for i, k in enumerate(kinds) if k == kind), None)
    if index is None:
        titles = [line for kind, line in block if kind == "title"]
        return Signatory(title=titles[0]) if titles else Signatory()
    name = block[index][1]
    title = _title_after(block, index) or (block[index - 1][1] if index and kinds[index - 1] == "title" else None)
    return Signatory(name=name, title=title)


_CONNECTOR = re.compile(r"(?:\s|^)(?:and|of|for|to|the|et|de|des|du|la|le|y|e|del|и|по|в|و)$", re.IGNORECASE)


def _title_after(block: list[tuple[Kind | str, str]], index: int) -> str | None:
    """The title lines under a name, with their wrapped continuations."""
    parts: list[str] = []
    for kind, line in block[index + 1:]:
        wraps = bool(parts) and (_CONNECTOR.search(parts[-1]) or line[:1].islower() or len(line.split()) == 1)
        if kind in ("title", "pair") and not parts or wraps and kind in ("title", "other", "name", "cut_name"):
            parts.append(line)
        else:
            break
    return " ".join(parts) or None


def _closing_index(lines: list[str]) -> int | None:
    found = None
    for index, line in enumerate(lines):
        if is_closing(line):
            found = index
            while found + 1 < len(lines) and lines[found + 1] and not lines[found].rstrip().endswith((",", ".", "!", "。", "！", "،")) and not _is_office(lines[found + 1]) and len(lines[found + 1]) > 40:
                found += 1
    return found


def _is_office(line: str) -> bool:
    key = fold(line)
    return any(word in key for word in _words("office_words"))


def _split_one_line(line: str) -> tuple[str | None, str | None]:
    """'Title   Name', 'Title - signature - Name' or 'Title A.B. Name' on one line."""
    parts = [part for part in _SPLIT_LINE.split(line) if part.strip()]
    if len(parts) >= 2:
        return parts[0].strip(), parts[-1].strip()
    match = _INITIALS_NAME.search(line)
    if match and match.start() > 0:
        return line[: match.start()].strip() or None, match.group(1).strip()
    return None, line
