"""Who signs the letter (from the closing block) and which ministry sends it (from the letterhead)."""

from __future__ import annotations

import re
from functools import cache

from extractors.fields.labels import match_label, vocabulary
from extractors.fields.normalize import clean_line, fold, is_arabic, is_cjk
from extractors.model import Signatory

_NOT_NAME = re.compile(r"@|www\.|https?:|\||\d{3,}|^\d+\s*/\s*\d+$|\[|\]|^#", re.I)
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_SPLIT_LINE = re.compile(r"\s{3,}|\s+[-–—]\s+")
_INITIALS_NAME = re.compile(r"((?:[A-ZА-ЯЁ]\.\s?){1,2}\s?[A-ZА-ЯЁ][\w'-]+|[A-ZА-ЯЁ][\w'-]+\s(?:[A-ZА-ЯЁ]\.\s?){1,2})\s*$")


@cache
def _words(section: str, key: str = "words") -> tuple[str, ...]:
    return tuple(fold(w) for w in vocabulary()[section][key])


def find_signatory(text: str) -> Signatory:
    """Name and title of the signatory from the lines after the last courtesy formula.

    Handles 'name / title' (most letters), 'title / name', and the Russian one-line
    'Заместитель Министра [signature] А.В. Ковальчук'. Dates and footers are skipped.
    """
    lines = [clean_line(line) for line in text.splitlines()]
    start = _closing_index(lines)
    if start is None:
        return Signatory()
    block: list[str] = []
    for line in lines[start + 1:]:
        if not line or _NOT_NAME.search(line) or _DATE.search(line) or match_label(line):
            if block and (not line or _NOT_NAME.search(line)):
                break
            continue
        block.append(line)
        if len(block) == 4:
            break
    if not block:
        return Signatory()
    if len(block) == 1 or _SPLIT_LINE.search(block[0]) or _INITIALS_NAME.search(block[0]) and _is_office(block[0]):
        title, name = _split_one_line(block[0])
        if name:
            return Signatory(name=name, title=title or (" ".join(block[1:2]) or None))
    if _is_office(block[0]) and not _is_office(block[1]):
        return Signatory(name=block[1], title=block[0])
    title_lines = [block[1]] + [line for line in block[2:] if line[:1].islower()]
    return Signatory(name=block[0], title=" ".join(title_lines))


def _closing_index(lines: list[str]) -> int | None:
    phrases = _words("closing", "phrases")
    found = None
    for index, line in enumerate(lines):
        key = fold(line)
        if any(phrase in key for phrase in phrases):
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


def find_ministry(text: str, language: str | None = None) -> str | None:
    """The letterhead line naming a ministry (else a department, office or agency).

    Only the top of the letter is searched; a line that wraps ('Ministry of Transport,
    Communications' + 'and Information Technology') is joined. In a bilingual letterhead
    the line in the letter's own script is preferred.
    """
    lines = [clean_line(line) for line in text.splitlines()][:15]
    lines = [line for line in lines if line and not line.startswith("#") and not match_label(line)]
    for words in (_words("ministry_words", "strong"), _words("ministry_words", "weak")):
        candidates = [i for i, line in enumerate(lines) if _names_ministry(line, words)]
        if candidates:
            best = max(candidates, key=lambda i: _script_match(lines[i], language))
            return _joined(lines, best)
    return None


def _names_ministry(line: str, words: tuple[str, ...]) -> bool:
    key = fold(line)
    if len(key) > 120 or _NOT_NAME.search(line):
        return False
    if is_cjk(line):
        return any(word in key and not key.endswith(("部长", "局长")) for word in words if is_cjk(word)) and len(key) <= 30
    return any(re.search(rf"(?<!\w){re.escape(word)}", key) for word in words if not is_cjk(word))


def _script_match(line: str, language: str | None) -> int:
    if language == "ar":
        return int(is_arabic(line))
    if language == "zh":
        return int(is_cjk(line))
    return int(not is_arabic(line) and not is_cjk(line))


def _joined(lines: list[str], index: int) -> str:
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if following and (line.endswith((",", " and", " et", " y", " и", " de", " of")) or following[:1].islower()):
        return f"{line} {following}"
    return line
