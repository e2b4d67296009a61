"""Layout 3: nominees named in running text, in any of the six languages.

'I have the honour to nominate Dr. Ramon Dela Cruz, Director IV, ..., Department of
... (e-mail: ...), as primary contact.' / 'В качестве основного контактного лица
назначается г-н ...' / '兹提名李俊杰先生（新加坡政府科技局，...处长，电子邮件：...）为主要联系人。'

The text is read by spaCy (extractors.fields.nlp): tokens, sentences and the matches of
the letter vocabulary. A person is an honorific followed by capitalised name words (in
Chinese: two to four characters before an honorific such as 先生, after a nominate verb
or a punctuation mark). The details run from the name to the e-mail, its label or its
bracket, or to a connector announcing the role ('as', 'en qualité de', 'в качестве');
the role is a role phrase after the details, or one that leads to the name ('В качестве
основного контактного лица назначается г-н ...', 'as primary contact: Dr ...').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from extractors.fields.labels import vocabulary
from extractors.fields.nlp import ROLES, Analysis, analyse
from extractors.fields.normalize import clean_line, find_email, fold, is_arabic, is_cjk
from extractors.fields.titles import split_person
from extractors.model import ANNEX2_FIELDS, Nominee, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

_COMMAS = frozenset({",", "،", "，", "、"})
_OPENING = frozenset({"(", "（", "《", "["})
_CLOSING = frozenset({")", "）", "》", "]"})
_GLUE = frozenset({"-", "'", "’", "‑"})
_PARTICLES = frozenset({"de", "del", "dela", "delos", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le",
                        "los", "las", "van", "von", "der", "den", "ter", "ten", "zu", "af", "bin", "binti", "bint",
                        "ibn", "al", "el", "abu"})
_PREPOSITIONS = frozenset({"at", "of", "in", "with", "for", "the", "au", "aux", "a", "la", "le", "les", "l'", "du",
                           "des", "de", "d'", "aupres", "en", "el", "del", "los", "las", "в", "во", "при", "في", "لدى"})
_CHINESE_JOBS = ("主管", "参赞", "工程师", "研究员", "专员", "经理", "科长", "组长", "代表", "顾问", "主席", "院长", "所长")
_CHINESE_INSTITUTION = re.compile("委员会|研究所|研究院|研究中心|中心|办公室|代表团|银行|部|局|署|院")
_SEAT_MISSION = re.compile("常驻[\u4e00-\u9fff]{1,12}?代表团")
"""A mission named by its seat alone ('常驻日内瓦代表团', the Permanent Mission in Geneva)."""
_NO_AT = re.compile(r"(?!www\.)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+){3,}")
_AT = frozenset({"at", "in", "within", "au", "aux", "a", "aupres", "en", "в", "при", "في", "لدى"})
_MISSION = frozenset({"mission", "mision"})
_OF = frozenset({"of", "de", "du", "des", "del", "d'"})
"""What names a mission's country ('Misión Permanente de México'): a mission so named is an organisation."""
_NAME_LINKS = frozenset({"of", "and", "the", "to", "for", "de", "du", "des", "la", "le", "l'", "et", "del", "y", "los", "las",
                         "и", "по"})
_ARTICLES = frozenset({"the", "la", "le", "l'", "les", "el", "los", "las"})
_CONJUNCTIONS = frozenset({"and", "et", "y", "e", "и", "а", "также", "و", "和", "及", "以及"})
_WRAPPED_ADDRESS = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.$")
_OPEN_DOMAIN = re.compile(r"[\w.+'-]@[A-Za-z0-9-]+$")
"""An address cut before the first dot of its domain ('zhangting@m' + 'ddi.gov.sg'): no address ends so."""
_LATIN_TAIL = re.compile(r"(?<![A-Za-z0-9._+'@-])[A-Za-z0-9._+'@-]+$")
_ADDRESS_HEAD = re.compile(r"[A-Za-z0-9._+'-]*@")
_ADDRESS_GOES_ON = re.compile(r"[A-Za-z0-9.-]")
_ARABIC_STOP_BEFORE_JOB = re.compile(r"(?<=[\u0621-\u064a])\.(?=\s+([\u0621-\u064a]+))")
"""A dot between an Arabic name and a job word is the comma ('،') OCR reads as one: no sentence ends there."""
_MAX_NAME_WORDS = 6
_REACH = 3
"""How many tokens may lie between an e-mail label and the address, a connector and its role, a role and its name."""


@dataclass
class _Mention:
    start: int
    name_end: int
    text: str
    details: tuple[int, int] = (0, 0)
    bracketed: bool = False
    aside: tuple[int, int] | None = None
    """An institution in brackets after the details."""
    before: tuple[int, int] | None = None
    """Chinese: the organisation and job written before the name."""


def parse_prose(text: str, language: str | None = None) -> tuple[list[Nominee], float]:
    """Nominees named in sentences, each needing an e-mail or a role to count."""
    analysis = analyse(_flatten(text), language)
    mentions = _mentions(analysis)
    limits = [_limit(analysis, mention, mentions[i + 1].start if i + 1 < len(mentions) else len(analysis.doc))
              for i, mention in enumerate(mentions)]
    stops = _detail_stops(analysis)
    for mention, limit in zip(mentions, limits):
        _find_details(analysis, mention, limit, stops)
    roles = _roles(analysis, mentions)
    reaches = [mentions[i + 1].start if i + 1 < len(mentions) else len(analysis.doc) for i in range(len(mentions))]
    nominees = _merged([n for m, limit, reach, role in zip(mentions, limits, reaches, roles)
                        if (n := _read(analysis, m, limit, reach, role))])
    if not nominees:
        return [], 0.0
    filled = sum(bool(getattr(n, key)) for n in nominees for key in ANNEX2_FIELDS)
    addressed = sum(bool(n.email) for n in nominees) / len(nominees)
    return nominees, 0.85 * (0.5 + 0.5 * addressed) * filled / (len(ANNEX2_FIELDS) * len(nominees))


def _merged(nominees: list[Nominee]) -> list[Nominee]:
    """A person named twice ('张伟先生担任主要联系人。张伟先生现任…') is one nominee with the fields of both."""
    people: dict[tuple[str | None, str | None], Nominee] = {}
    for nominee in nominees:
        first = people.setdefault((nominee.first_name, nominee.last_name), nominee)
        if first is not nominee:
            for key in ANNEX2_FIELDS:
                if getattr(first, key) is None:
                    setattr(first, key, getattr(nominee, key))
            first.confidence = {key: max(first.confidence.get(key, 0.0), nominee.confidence.get(key, 0.0))
                                for key in first.confidence.keys() | nominee.confidence.keys()}
    return list(people.values())


def _flatten(text: str) -> str:
    """One line: joined with a space, or with nothing where a line break cut a word or an address."""
    out = ""
    for line in (clean_line(part) for part in text.splitlines()):
        if line:
            out = f"{out}{_glue(out, line) if out else ''}{line}"
    out = _ARABIC_STOP_BEFORE_JOB.sub(lambda m: "،" if fold(m.group(1)) in _job_words() else ".", out)
    out = re.sub(r"(?<!\s)\s*@\s*", "@", out)  # OCR spaces around '@' ((?<!\s): linear on space runs)
    out = re.sub(r"(?<=\w)/ +(?=\w)", "/", out)  # 'السيد/ كريم': the tokenizer splits a slash only between letters
    return re.sub(r"(?<=[:：])(?=[^\s:：]+@)", " ", out)  # 'e-mail:x@y' -> 'e-mail: x@y'


def _glue(before: str, line: str) -> str:
    """Nothing between Chinese characters, after a hyphen, a bracket or '@', or where a line break cut an address."""
    if is_cjk(before[-1]) and is_cjk(line[0]):
        return ""
    if before.endswith(("-", "（", "(", "@")) and not before.endswith(" -"):
        return ""
    if _WRAPPED_ADDRESS.search(before) and line[:2].isalpha() and line[:2].islower():
        return ""
    if _OPEN_DOMAIN.search(before) and _ADDRESS_GOES_ON.match(line):
        return ""
    if (tail := _LATIN_TAIL.search(before)) and is_cjk(before[max(0, tail.start() - 12):]) and (
            _ADDRESS_HEAD.match(line) or "@" in tail.group(0) and _ADDRESS_GOES_ON.match(line)):
        return ""  # Chinese wraps at any character, inside an address too ('电子邮件: Ch' + 'ensiyu@...')
    return " "


def _starts(analysis: Analysis, label: str) -> dict[int, int]:
    """Where the matches of a label start -> where they end."""
    return {span.start: span.end for span in analysis.found.get(label, [])}


def _mentions(analysis: Analysis) -> list[_Mention]:
    found = [m for title in analysis.found.get("TITLE", []) if (m := _titled(analysis, title.start))]
    found += [m for honorific in analysis.found.get("HONORIFIC", []) if (m := _chinese(analysis, honorific.start, honorific.end))]
    kept: list[_Mention] = []
    for mention in sorted(found, key=lambda m: m.start):
        if not kept or mention.start >= kept[-1].name_end:
            kept.append(mention)
    return kept


def _titled(analysis: Analysis, start: int) -> _Mention | None:
    """'Dr. Ramon Dela Cruz', 'H.E. Dr. Ali bin Ahmed', 'г-н Нурлан Токтогулов', 'السيد كريم بن عمار',
    and a title set off by a slash ('السيدة/مريم الساعدي', 'السيد/ كريم بن عمار')."""
    doc = analysis.doc
    titles = _starts(analysis, "TITLE")
    position = start
    while position in titles:
        position = titles[position]
    title_end = position
    if position < len(doc) and doc[position].text == "/":
        position += 1
    end, words, caseless, at_job = position, 0, False, False
    while end < len(doc) and not (end > position and doc[end].is_sent_start) and end not in titles:
        token = doc[end]
        glued = end > position and not doc[end - 1].whitespace_
        if token.text in _GLUE and not token.whitespace_ and glued:
            end += 1
            continue
        if not _name_word(doc, end):
            break
        if caseless and words >= 2 and fold(token.text) in _job_words():
            at_job = True  # 'السيدة/سارة المصري مستشار ...': the comma before the job lost (OCR, or never typed)
            break
        caseless = caseless or token.text[:1].lower() == token.text[:1].upper()
        words += 0 if glued or (end > position and _torn_letter(token.text)) else 1
        end += 1
    if not 1 <= words <= _MAX_NAME_WORDS:
        return None
    ends_well = at_job or end == len(doc) or doc[end].text in _COMMAS | _OPENING or doc[end].is_sent_start or doc[end].is_punct
    if caseless and not ends_well:
        return None  # no case to tell the name from what follows: it must end at a comma or a bracket
    name = "".join(t.text + ("" if i + 1 < end and _torn_letter(doc[i + 1].text) else t.whitespace_)
                   for i, t in enumerate(doc[position:end], start=position))
    return _Mention(start, end, f"{doc[start:title_end].text} {name.strip()}")


def _torn_letter(text: str) -> bool:
    """One Arabic letter standing alone: OCR tore it off the word before ('سعو د'); only 'و' (and) is a word alone."""
    return len(text) == 1 and is_arabic(text) and text != "و"


def _name_word(doc: Doc, index: int) -> bool:
    """Capitalised (or caseless) letters, initials with dots, or particles before a capitalised word ('dela Cruz')."""
    token = doc[index]
    first = token.text[:1]
    if not first.isalpha():
        return False
    if first.isupper() or first.lower() == first.upper():
        return True
    following = index + 1
    while following < len(doc) and doc[following].norm_ in _PARTICLES:
        following += 1
    return token.norm_ in _PARTICLES and following < len(doc) and doc[following].text[:1].isupper()


def _chinese(analysis: Analysis, start: int, end: int) -> _Mention | None:
    """'兹提名李俊杰先生': two to four characters before the honorific, after a nominate verb or a mark."""
    doc = analysis.doc
    nominate_ends = {span.end for span in analysis.found.get("NOMINATE", [])}
    for length in range(2, 5):
        first = start - length
        if first < 0 or not all(is_cjk(doc[i].text) for i in range(first, start)):
            return None
        before = doc[first - 1] if first else None
        if before is None or first in nominate_ends or before.is_punct or before.whitespace_ or doc[first].is_sent_start:
            return _Mention(first, end, doc[first:end].text)
        if doc[max(0, first - 4):first].text.replace(" ", "").endswith(_chinese_offices()):
            opening = first
            while opening > 0 and is_cjk(doc[opening - 1].text) and opening not in nominate_ends:
                opening -= 1
            return _Mention(first, end, doc[first:end].text, before=(opening, first))
    return None


@cache
def _job_words() -> frozenset[str]:
    """Words that open a job title ('مستشار', 'خبير', 'مدير'): in a caseless script, where a name stops."""
    words = vocabulary()["office_words"]["words"] + vocabulary()["roles"]["advisor"]
    return frozenset(fold(word) for word in words if " " not in word)


@cache
def _chinese_offices() -> tuple[str, ...]:
    """Job titles that may stand right before a Chinese name ('…司副司长欧阳海涛博士')."""
    return tuple(w for w in vocabulary()["office_words"]["words"] if is_cjk(w) and len(w) >= 2) + _CHINESE_JOBS


def _chinese_details(text: str, ministry_level: bool = False) -> tuple[str | None, str | None]:
    """'国家数据局信息化推进司副司长' -> ('信息化推进司副司长', '国家数据局'): the organisation
    ends at the last institution ending that is not part of an office ('局长'), or, for an
    organisation and a job written as one run inside the details ('工业和信息化部网络安全管理局工程师'),
    at the first: the body that nominates, the bureau inside it being part of the job. A mission named by its
    seat alone right after the organisation is where the nominee serves, part of the job
    ('…部常驻日内瓦代表团参赞', as 'Counsellor, Permanent Mission in Geneva' is in other languages)."""
    cuts = [m.end() for m in _CHINESE_INSTITUTION.finditer(text) if not text[m.end():m.end() + 1] == "长"]
    posts = {m.end() for m in _SEAT_MISSION.finditer(text) if m.start() in cuts}
    cuts = [cut for cut in cuts if cut not in posts]
    if not cuts:
        return text or None, None
    cut = cuts[0] if ministry_level else cuts[-1]
    return text[cut:] or None, text[:cut]


def _limit(analysis: Analysis, mention: _Mention, next_start: int) -> int:
    """A nominee's text ends at the next person or at the end of the sentence."""
    return min(next_start, analysis.sentence_end(mention.name_end - 1))


def _find_details(analysis: Analysis, mention: _Mention, limit: int, stops: set[int]) -> None:
    """The job and organisation: from the name to the e-mail (or its label, its bracket) or the role."""
    doc = analysis.doc
    start = mention.name_end
    while start < limit and doc[start].text in _COMMAS:
        start += 1
    mention.bracketed = start < limit and doc[start].text in _OPENING
    start += mention.bracketed
    start = max((span.end for span in analysis.found.get("JOB_OPENER", []) if span.start == start), default=start)
    end = start
    while end < limit and end not in stops and not (doc[end].text in (_CLOSING if mention.bracketed else _OPENING)):
        end += 1
    if not mention.bracketed and end < limit and doc[end].text in _OPENING:
        mention.aside = _bracketed(analysis, end, limit)
    while end > start and (doc[end - 1].text in _COMMAS or doc[end - 1].norm_ in _CONJUNCTIONS):
        end -= 1
    mention.details = (start, _before_verb(analysis, start, end))


def _before_verb(analysis: Analysis, start: int, end: int) -> int:
    """Where the details end when a lower-case clause after the organisation (an institution word,
    or a job and an organisation before it) leads to the role ('..., Superintendencia de
    Telecomunicaciones, actuará como suplente', '..., will serve as'): a verb, not a part of the
    organisation's name, which is capitalised."""
    doc = analysis.doc
    comma = next((i for i in range(end - 1, start, -1) if doc[i].text in _COMMAS), None)
    if comma is None:
        return end
    clause = [t for t in doc[comma + 1:end] if t.is_alpha]
    organisations = _starts(analysis, "ORG")
    named = any(i in organisations for i in range(start, comma)) or any(
        doc[i].text in _COMMAS for i in range(start, comma))
    if clause and all(t.text[:1].islower() for t in clause) and named:
        return comma
    return end


def _bracketed(analysis: Analysis, opening: int, limit: int) -> tuple[int, int] | None:
    """The words inside a bracket after the job title, when they name an institution:
    'Cheffe du service (Ministère de l'Économie numérique)'."""
    doc = analysis.doc
    close = next((i for i in range(opening + 1, limit) if doc[i].text in _CLOSING), None)
    inside = (opening + 1, close) if close is not None else None
    organisations = _starts(analysis, "ORG")
    if inside and inside[0] < inside[1] and any(i in organisations for i in range(*inside)):
        if not any(span.start in range(*inside) for span in analysis.found.get("EMAIL", [])):
            return inside
    return None


def _detail_stops(analysis: Analysis) -> set[int]:
    """Tokens where details end: an e-mail, its label, a connector leading to a role."""
    emails = {span.start for span in analysis.found.get("EMAIL", [])}
    role_starts = {span.start for role in ROLES for span in analysis.found.get(role, [])}
    stops = set(emails) | {span.start for span in analysis.found.get("CLOSING", [])}
    for label, targets in (("EMAIL_LABEL", emails), ("CONNECT", role_starts)):
        for span in analysis.found.get(label, []):
            if any(span.end + gap in targets for gap in range(_REACH)):
                stops.add(span.start)
    return stops


def _roles(analysis: Analysis, mentions: list[_Mention]) -> list[Role | None]:
    """Give each role phrase to one person: the one whose details it follows, or the one it leads to."""
    connected = {span.end + gap for span in analysis.found.get("CONNECT", []) for gap in range(_REACH)}
    owned: list[list[tuple[bool, Role]]] = [[] for _ in mentions]
    for role in ROLES:
        for span in analysis.found.get(role, []):
            owner = _owner(analysis, mentions, span.start, span.end)
            if owner is not None:
                owned[owner].append((span.start in connected, role))
    chosen: list[Role | None] = []
    for roles in owned:
        strong = [role for connected_role, role in roles if connected_role] or [role for _, role in roles]
        chosen.append(min(strong, key=ROLES.index) if strong else None)
    return chosen


def _owner(analysis: Analysis, mentions: list[_Mention], start: int, end: int) -> int | None:
    sentence = analysis.sentence_of[start]
    same = [i for i, m in enumerate(mentions) if analysis.sentence_of[m.name_end - 1] == sentence]
    before = [i for i in same if mentions[i].name_end <= start]
    after = [i for i in same if mentions[i].start >= end]
    previous = before[-1] if before else None
    following = after[0] if after else None
    if previous is not None and mentions[previous].details[0] <= start < mentions[previous].details[1]:
        return None  # a word of the job title ('Senior Adviser')
    if following is not None:
        gap = analysis.doc[end:mentions[following].start]
        leads = len(gap) <= _REACH and not any(t.text in _COMMAS | _CLOSING or t.norm_ in _CONJUNCTIONS for t in gap)
        if previous is None or leads or any(t.text in (":", "：") for t in gap[:_REACH]):
            return following
    return previous


def _read(analysis: Analysis, mention: _Mention, limit: int, reach: int, role: Role | None) -> Nominee | None:
    doc = analysis.doc
    title, first, last = split_person(mention.text)
    email = (_email(analysis, mention.name_end, limit) or _email_labelled_after(analysis, limit, reach)
             or _email_named(analysis, limit, reach, last))
    if email is None and role is None:
        return None
    title, first, last = split_person(mention.text, email)
    segments = _segments(analysis, *mention.details)
    if is_cjk(mention.text) and mention.before and not segments:
        job, organization = _chinese_details(doc[slice(*mention.before)].text.replace(" ", ""))
    elif is_cjk(mention.text):
        organization = doc[slice(*segments[0])].text if segments else None
        job = "，".join(doc[slice(*s)].text for s in segments[1:]) or None
        if organization and job is None:  # '（工业和信息化部网络安全管理局工程师，电子邮件：…）'
            job, organization = _chinese_details(organization.replace(" ", ""), ministry_level=True)
    elif mention.aside:
        job, organization = _text(analysis, *mention.details), _text(analysis, *mention.aside)
    else:
        job, organization = _job_and_organization(analysis, segments)
    return Nominee(
        title=title, first_name=first, last_name=last, job_title=job, role=role,
        organization=organization, email=email,
        confidence={"role": 1.0 if role else 0.0, "email": 1.0 if email else 0.0},
    )


def _email(analysis: Analysis, start: int, end: int) -> str | None:
    """The first address between two tokens that is not the addressee's."""
    spans = analysis.found.get("EMAIL", [])
    return next((address for span in spans if start <= span.start < end and (address := find_email(span.text))), None)


def _email_labelled_after(analysis: Analysis, start: int, end: int) -> str | None:
    """The address of a sentence that opens with an e-mail label, right after the person's and before
    the next person ('... will serve as alternate; e-mail: s.nangolo@...', where ';' ended a sentence)."""
    if start >= end:
        return None
    opens = any(start <= span.start < start + _REACH for span in analysis.found.get("EMAIL_LABEL", []))
    return _email(analysis, start, min(end, analysis.sentence_end(start))) if opens else None


def _email_named(analysis: Analysis, start: int, end: int, last_name: str | None) -> str | None:
    """An address in a later sentence that names the person again, before the next person
    ('Marlon Campbell can be reached at m.campbell@...')."""
    if not last_name:
        return None
    doc = analysis.doc
    position = start
    while position < end:
        sentence_end = min(end, analysis.sentence_end(position))
        if last_name in doc[position:sentence_end].text:
            return _email(analysis, position, sentence_end) or _address_without_at(doc[position:sentence_end].text)
        position = sentence_end
    return None


def _address_without_at(sentence: str) -> str | None:
    """An address printed without its '@' ('reached at marlon.forde.mdt.gov.tt'), kept as
    printed so that the e-mail rule reports it instead of the nominee losing it."""
    found = [t.strip(".,;") for t in sentence.split() if _NO_AT.fullmatch(t.strip(".,;"))]
    return found[-1].lower() if len(found) == 1 else None


def _segments(analysis: Analysis, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated parts of the details, as token ranges without edge punctuation."""
    doc = analysis.doc
    parts, begin = [], start
    for index in range(start, end + 1):
        if index == end or doc[index].text in _COMMAS:
            first, last = begin, index
            while first < last and doc[first].is_punct and doc[first].text not in _GLUE:
                first += 1
            while last > first and doc[last - 1].is_punct and doc[last - 1].text not in _CLOSING:
                last -= 1
            if first < last:
                parts.append((first, last))
            begin = index + 1
    return parts


def _job_and_organization(analysis: Analysis, segments: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """Split the details where the organisation begins.

    Organisations may contain commas ('Ministère des Travaux Publics, Transports et
    Communications'), so the organisation starts at the last part opening with an
    institution word; else at an institution word after a preposition inside a part
    ('Senior Adviser at the Ministry of X'); else it is the last part.
    """
    doc = analysis.doc
    if not segments:
        return None, None
    organisations = _starts(analysis, "ORG")
    cut = next((i for i in range(len(segments) - 1, 0, -1) if segments[i][0] in organisations), None)
    if cut is not None:
        seat = _seat_mission(analysis, segments[cut], organisations)
        if seat is not None:
            return _text(analysis, segments[0][0], seat[0]), _text(analysis, seat[1], segments[-1][1])
        return _text(analysis, segments[0][0], segments[cut - 1][1]), _text(analysis, segments[cut][0], segments[-1][1])
    for index in range(len(segments) - 1, -1, -1):
        first, last = segments[index]
        for position in range(first + 1, last):
            if position not in organisations:
                continue
            chain = position
            while chain > first and doc[chain - 1].norm_ in _PREPOSITIONS:
                chain -= 1
            if first < chain < position:
                return _text(analysis, segments[0][0], chain), _text(analysis, position, segments[-1][1])
            named = _named_from(analysis, first, position)
            if named is not None:
                return _text(analysis, segments[0][0], named[0]), _text(analysis, named[1], segments[-1][1])
    if len(segments) == 1:
        return None, _text(analysis, *segments[0])
    return _text(analysis, segments[0][0], segments[-2][1]), _text(analysis, *segments[-1])


def _seat_mission(analysis: Analysis, segment: tuple[int, int], organisations: dict[int, int]) -> tuple[int, int] | None:
    """Where the job ends and the organisation starts in 'Misión Permanente en Ginebra de la Secretaría
    X': a mission named by its seat alone ('en Ginebra', 'à Genève'), then the institution it serves
    after 'de'. The mission is where the nominee is posted, as in 'Counsellor, Permanent Mission in
    Geneva at the Ministry'; a mission named by its country ('de México en Ginebra') is the organisation."""
    doc = analysis.doc
    first, last = segment
    mission = next((i for i in range(first, min(first + 2, last)) if doc[i].norm_ in _MISSION), None)
    following = next((i for i in range(mission + 1, last) if i in organisations), None) if mission is not None else None
    if mission is None or following is None:
        return None
    chain = following
    while chain > mission + 1 and doc[chain - 1].norm_ in _PREPOSITIONS:
        chain -= 1
    between = [doc[i].norm_ for i in range(mission + 1, chain)]
    at = next((j for j, word in enumerate(between) if word in _AT), None)
    if chain == following or at is None or at + 1 == len(between) or _OF & set(between[:at]):
        return None
    return chain, following


def _named_from(analysis: Analysis, first: int, position: int) -> tuple[int, int] | None:
    """Where the 'at' before a capitalised institution name ending at `position` stands and
    where the name starts ('... Services at the African Union Commission'), or None."""
    doc = analysis.doc
    chain = position
    while chain > first + 1 and (doc[chain - 1].text[:1].isupper() or doc[chain - 1].norm_ in _NAME_LINKS):
        chain -= 1
    if chain - 1 <= first or doc[chain - 1].norm_ not in _AT:
        return None
    preposition = chain - 1
    while chain < position and doc[chain].norm_ in _ARTICLES:
        chain += 1
    return preposition, chain


def _text(analysis: Analysis, start: int, end: int) -> str | None:
    return analysis.doc[start:end].text.strip(" ,،，、") or None
