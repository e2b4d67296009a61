"""Layout 3: nominees named in running text, in any of the six languages.

'I have the honour to nominate Dr. Ramon Dela Cruz, Director IV, ..., Department of
... (e-mail: ...), as primary contact.' / 'В качестве основного контактного лица
назначается г-н ...' / '兹提名李俊杰先生（新加坡政府科技局，...处长，电子邮件：...）为主要联系人。'

A person is an honorific followed by a short capitalised name that ends at a comma or
a bracket; the details run from the name to the bracket holding the e-mail; the role
is the role phrase after the details in the same sentence, else the one before the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.fields.normalize import EMAIL, clean_line, find_email, fold, is_cjk
from extractors.fields.roles import normalise_role
from extractors.fields.titles import is_title, split_person, suffixes, title_pattern
from extractors.model import ANNEX2_FIELDS, Nominee

_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_STOP = re.compile(r"[.;!?](?=\s)|[。！；]")
_SEGMENT = re.compile(r"\s*[,،，、;]\s*")
_EMAIL_LABEL = re.compile(r"(?:e-?mail|courriel|adresse [ée]lectronique|correo(?: electr[oó]nico)?|"
                          r"адрес электронной почты|эл\.? ?почта|e-mail|البريد الإلكتروني|电子邮件|电邮)\s*[:：]?\s*$", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    name: str


@cache
def _person_pattern() -> re.Pattern[str]:
    titles = title_pattern()
    return re.compile(rf"(?<![\w-])(?P<name>(?:{titles})\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}?)\s*(?=[,،(（]|$)",
                      re.IGNORECASE | re.MULTILINE)


@cache
def _chinese_pattern() -> re.Pattern[str]:
    honorifics = "|".join(map(re.escape, suffixes()))
    return re.compile(rf"(?:提名|推荐|任命|指派|委派|[，。：:、\s])(?P<name>[\u4e00-\u9fff]{{2,4}}?(?:{honorifics}))")


def parse_prose(text: str) -> tuple[list[Nominee], float]:
    """Nominees named in sentences, each needing an e-mail or a role to count."""
    flat = _flatten(text)
    nominees = []
    mentions = _mentions(flat)
    for index, mention in enumerate(mentions):
        limit = mentions[index + 1].start if index + 1 < len(mentions) else len(flat)
        nominee = _read(flat, mention, limit, mentions[index - 1].end if index else 0)
        if nominee is not None:
            nominees.append(nominee)
    if not nominees:
        return [], 0.0
    filled = sum(bool(getattr(n, key)) for n in nominees for key in ANNEX2_FIELDS)
    return nominees, 0.85 * filled / (len(ANNEX2_FIELDS) * len(nominees))


def _flatten(text: str) -> str:
    """One line: joined with a space, or with nothing between Chinese characters."""
    out = ""
    for line in (clean_line(part) for part in text.splitlines()):
        if not line:
            continue
        glue = "" if not out or (is_cjk(out[-1]) and is_cjk(line[0])) or out.endswith(("-", "（", "(", "@")) and not out.endswith(" -") else " "
        out = f"{out}{glue}{line}"
    return out


def _mentions(flat: str) -> list[_Mention]:
    found = []
    position = 0
    while (match := _person_pattern().search(flat, position)) is not None:
        name = match.group("name")
        if all(_capitalised(word) for word in name.split()[1:]):
            found.append(_Mention(match.start("name"), match.end("name"), name))
            position = match.end()
        else:
            position = match.start() + 1
    for match in _chinese_pattern().finditer(flat):
        found.append(_Mention(match.start("name"), match.end("name"), match.group("name")))
    return sorted(found, key=lambda m: m.start)


def _capitalised(word: str) -> bool:
    """A name word: capitalised in scripts with case; any word in Arabic and other caseless scripts."""
    first = word[:1]
    return first.isupper() or first.lower() == first.upper()


def _read(flat: str, mention: _Mention, limit: int, previous_end: int) -> Nominee | None:
    sentence_end = _sentence_end(flat, mention.end, limit)
    tail = flat[mention.end:sentence_end]
    email_match = EMAIL.search(re.sub(r"\s*@\s*", "@", tail))
    details_text, after = _details(tail)
    role = normalise_role(after)
    if role is None:
        before = flat[max(previous_end, _sentence_start(flat, mention.start)):mention.start]
        role = normalise_role(before)
    if email_match is None and role is None:
        return None
    title, first, last = split_person(mention.name)
    segments = [s for s in _SEGMENT.split(details_text.strip(" ,،，(（")) if s]
    if is_cjk(mention.name):
        organization, job = (segments[0] if segments else None), ("，".join(segments[1:]) or None)
    else:
        cut = _organization_start(segments)
        organization, job = (", ".join(segments[cut:]) or None), (", ".join(segments[:cut]) or None)
    return Nominee(
        title=title, first_name=first, last_name=last, job_title=job, role=role,
        organization=organization, email=find_email(tail) if email_match else None,
        confidence={"role": 1.0 if role else 0.0, "email": 1.0 if email_match else 0.0},
    )


_ORG_WORDS = ("ministry", "ministere", "ministerio", "министерство", "وزاره", "department", "departement",
              "departamento", "office", "agency", "agence", "agencia", "authority", "autorite", "commission",
              "division", "bureau", "secretaria", "service", "служба", "агентство", "комитет", "центр",
              "هيئه", "الهيئه", "الجهاز", "المكتب", "الوكاله", "مركز", "conseil", "consejo", "institut", "instituto")


def _organization_start(segments: list[str]) -> int:
    """Where the organisation begins: the last segment opening with an institution word.

    Organisations may contain commas ('Ministère des Travaux Publics, Transports et
    Communications'); job titles rarely start with 'Ministry'. Falls back to the last segment.
    """
    for index in range(len(segments) - 1, 0, -1):
        if fold(segments[index]).startswith(_ORG_WORDS):
            return index
    return max(len(segments) - 1, 0)


def _details(tail: str) -> tuple[str, str]:
    """(the comma-separated job and organisation, the text after the e-mail bracket)."""
    email = EMAIL.search(tail)
    if email is None:
        cut = min((i for i in (tail.find("("), tail.find("（")) if i >= 0), default=len(tail))
        return tail[:cut], tail[cut:]
    opening = max(tail.rfind("(", 0, email.start()), tail.rfind("（", 0, email.start()))
    if 0 <= opening <= 1:
        label = _EMAIL_LABEL.search(tail[: email.start()])
        return tail[opening + 1:label.start() if label else email.start()], tail[email.end():]
    closing = min((i for i in (tail.find(")", email.end()), tail.find("）", email.end())) if i >= 0), default=email.end())
    if opening < 0:
        label = _EMAIL_LABEL.search(tail[: email.start()])
        opening = label.start() if label else email.start()
    details = tail[:opening]
    label = _EMAIL_LABEL.search(details)  # '(e-mail: (x@y' when OCR mirrors a right-to-left bracket
    return (details[:label.start()].rstrip(" (（") if label else details), tail[closing + 1:]


def _stops(flat: str, start: int, end: int) -> list[int]:
    """Sentence ends, skipping the dot of an honorific or an initial ('Dr.', 'V.')."""
    ends = []
    for match in _STOP.finditer(flat, start, end):
        word = flat[:match.start() + 1].rsplit(maxsplit=1)[-1] if flat[:match.start()].strip() else ""
        if match.group() == "." and (len(word.strip(".")) <= 1 or is_title(word)):
            continue
        ends.append(match.end())
    return ends


def _sentence_end(flat: str, start: int, limit: int) -> int:
    return next(iter(_stops(flat, start, limit)), limit)


def _sentence_start(flat: str, end: int) -> int:
    stops = _stops(flat, 0, end)
    return stops[-1] if stops else 0
