"""Honorifics and name splitting for names written in running text ('Dr. Ramon Dela Cruz', '李俊杰先生')."""

from __future__ import annotations

import re
from functools import cache

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import fold, is_cjk

_COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木", "南宫", "轩辕", "呼延", "独孤", "万俟", "闻人", "澹台", "申屠",
)
_INITIAL = re.compile(r"^(?:\w\.)+-?(?:\w\.)*$")


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(fold(t).rstrip(".") for t in vocabulary()["titles"]["prefix"])


@cache
def suffixes() -> tuple[str, ...]:
    return tuple(vocabulary()["titles"]["suffix"])


def is_title(token: str) -> bool:
    """'Dr', 'Dr.', 'Engr.', 'г-н', 'السيد' ... (case-insensitive, dot optional)."""
    return fold(token).rstrip(".") in _prefixes()


_OCR_CONFUSIONS = (("i", "l"), ("l", "i"), ("I", "l"), ("l", "I"), ("O", "D"), ("0", "O"), ("1", "l"), ("rn", "m"),
                   ("*", "ª"), ("°", "ª"), ("º", "ª"))
"""Glyphs Tesseract takes for one another in a short Latin word ('Mile' for 'Mlle', 'Or' for 'Dr',
'D.*' for the raised a of 'D.ª')."""


_HAN_CONFUSIONS = (("土", "士"), ("上", "士"), ("工", "士"), ("十", "士"), ("干", "士"))
"""Glyphs a pale photo or a 1-bit scan makes of 士 (its strokes lengthened, shortened or lost):
'博土', '女上' are read for '博士', '女士', which no other honorific explains."""


def _is_honorific(text: str) -> bool:
    """A prefix honorific ('Dr', 'السيد') or a Chinese one written after the name ('博士', '女士')."""
    return is_title(text) or (is_cjk(text) and text in suffixes())


def read_title(value: str | None) -> str | None:
    """A title cell as OCR left it, repaired only when exactly one honorific explains it:
    a stray speck letter before it ('E Mlle') or one confused glyph ('Mile', 'Or', 'Mrne', '博土')."""
    if not value or _is_honorific(value):
        return value
    head, _, rest = value.partition(" ")
    if len(head) == 1 and is_title(rest):
        return rest
    confusions = _HAN_CONFUSIONS if is_cjk(value) else _OCR_CONFUSIONS
    repairs = {value[:at] + to + value[at + len(seen):]
               for seen, to in confusions for at in range(len(value)) if value.startswith(seen, at)}
    honorifics = [repair for repair in repairs if _is_honorific(repair)]
    return honorifics[0] if len(honorifics) == 1 else value


def split_person(text: str, email: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(title, first name, last name) of a name as written, title optional.

    Western names: the first word is the first name (with any middle initials), the
    rest is the family name, which keeps Spanish double surnames and particles ('Dela
    Cruz', 'bin Ammar') whole, unless the e-mail's local part spells more given names
    ('luisalbertov' for 'Luis Alberto Vega'). Russian names: a patronymic belongs to
    the first name and a surname ending puts the family name first ('Кузнецов Андрей',
    'Волкова Лилит Араратовна'). Chinese: surname first, honorific last.
    """
    text = text.strip(" ,;:")
    if is_cjk(text):
        return _split_chinese(text)
    words = text.split()
    titles: list[str] = []
    while len(words) > 1 and is_title(words[0]):
        titles.append(words.pop(0))
    title = " ".join(titles) or None
    if not words:
        return title, None, None
    if len(words) == 1:
        return title, None, words[0]
    capitals = _capitalised_surname(words)
    if capitals is not None:
        return title, *capitals
    if _CYRILLIC.search(words[0]):
        first, last = _split_russian(words)
        return title, first, last
    if _ARABIC.search(words[0]) and len(units := _arabic_units(words)) >= 2:
        return title, units[0], " ".join(units[1:])
    cut = _given_names_in(words, email)
    return title, " ".join(words[:cut]), " ".join(words[cut:])


def _capitalised_surname(words: list[str]) -> tuple[str, str] | None:
    """(given names, family name) of a name whose family name alone is in capitals, as French and
    Russian forms write it on either side ('TRAORÉ Boubacar', 'Anne-Marie DUPONT', 'МАМЕДОВ Эльдар')."""
    capitals = [n for n, word in enumerate(words) if len(word) > 1 and word.isupper() and word.upper() != word.lower()]
    if not capitals or len(capitals) == len(words) or capitals != list(range(capitals[0], capitals[-1] + 1)):
        return None
    if capitals[0] != 0 and capitals[-1] != len(words) - 1:
        return None
    given = [word for n, word in enumerate(words) if n not in capitals]
    return " ".join(given), " ".join(words[n] for n in capitals)


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_BINDING = frozenset(fold(word) for word in ("عبد", "أبو", "ابو", "بن", "بنت", "آل"))
"""Arabic name words that make one name with the word after them ('عبد الرحمن', 'أبو زيد', 'آل سعود')."""


def _arabic_units(words: list[str]) -> list[str]:
    """The names of an Arabic full name, each binding word joined to the word it governs."""
    units: list[str] = []
    for word in words:
        if units and fold(units[-1]) in _ARABIC_BINDING:
            units[-1] += f" {word}"
        else:
            units.append(word)
    return units
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$", re.IGNORECASE)
_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ова|ева|ёва|ина|ына|ская|цкая|енко|ян|дзе|швили|ук|юк|ко)$",
                      re.IGNORECASE)


def _split_russian(words: list[str]) -> tuple[str, str]:
    """'Андрей Николаевич Смирнов', 'Волкова Лилит Араратовна', 'Кузнецов Андрей' -> (given names, surname)."""
    patronymic = next((i for i, w in enumerate(words) if _PATRONYMIC.search(w) and i > 0), None)
    if patronymic is not None and patronymic == len(words) - 1 and len(words) >= 3:
        return " ".join(words[1:]), words[0]
    if patronymic is not None:
        return " ".join(words[:patronymic + 1]), " ".join(words[patronymic + 1:]) or words[0]
    if len(words) == 2 and _SURNAME.search(words[0]) and not _SURNAME.search(words[1]):
        return words[1], words[0]
    return words[0], " ".join(words[1:])


def _given_names_in(words: list[str], email: str | None) -> int:
    """How many leading words are given names: one (with middle initials), or as many as
    the e-mail's local part spells out in full ('luisalbertov' -> 'Luis Alberto'), or as many
    as stand before the family name it spells after an initial ('ccastillo' -> 'Carlos Andrés'
    + 'Castillo', 'asolismora' -> 'Ana Lucía' + 'Solís Mora')."""
    cut = 1
    while cut < len(words) - 1 and _INITIAL.match(words[cut]):
        cut += 1
    if email and cut == 1:
        parts = [_letters(part) for part in re.split(r"[._-]+", email.split("@")[0])]
        for given in range(2, len(words)):
            spelled, rest = _letters(" ".join(words[:given])), _letters(" ".join(words[given:]))
            whole = len(parts) > 1 and parts[0] == spelled
            initial = len(parts) == 1 and parts[0].startswith(spelled) and 0 < len(parts[0]) - len(spelled) <= 2 \
                and rest.startswith(parts[0][len(spelled):])
            if whole or initial or _initials_and_surname("".join(parts), words[:given], words[given:]):
                cut = given
    return cut


def _initials_and_surname(local: str, given: list[str], family: list[str]) -> bool:
    """The local part is the first given name's initial (or every given name's) and the family
    name, in full or its first surname(s) with their particles ('cdeleon' for 'Claudia Patricia'
    + 'de León Rivas'): only one place to cut the name fits it."""
    initials = "".join(_letters(word)[:1] for word in given)
    surnames = {_letters(" ".join(family[:end])) for end in range(1, len(family) + 1)}
    return any(len(surname) >= 3 and local in (initials[:1] + surname, initials + surname) for surname in surnames)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def _split_chinese(text: str) -> tuple[str | None, str | None, str | None]:
    text = text.replace(" ", "")
    title = next((s for s in suffixes() if text.endswith(s) and len(text) > len(s)), None)
    name = text[: -len(title)] if title else text
    surname_length = 2 if name.startswith(_COMPOUND_SURNAMES) and len(name) > 2 else 1
    if len(name) <= 1:
        return title, None, name or None
    return title, name[surname_length:], name[:surname_length]
