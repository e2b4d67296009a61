"""The people a sentence names, and whether two readings are the same person.

A person is an e-mail address, or an honorific followed by name words ('Engr. Karma
Naseer', 'г-жа Айгерим Исмаилова', 'السيد محمد عبد الفتاح'), or two to four Chinese
characters before an honorific ('张伟先生'); an address right after a name is that
person's. Matching is by e-mail when both sides have one, else by the folded names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.normalize import EMAIL, fold, is_cjk
from extractors.fields.titles import is_title, split_person, suffixes
from extractors.model import Nominee

_WORD = re.compile(r"\S+")
_EDGE = "()[]{}\"'«»“”„,;:،؛.。，、：（）"
_STOP_AFTER = (",", ";", ":", ")", "،", "؛", "，", "、", "：", "）")
_ARABIC_NAME_WORDS = 4
_LATIN_NAME_WORDS = 5
_PARTICLES = frozenset({"de", "del", "dela", "della", "di", "da", "do", "dos", "du", "des", "la", "le", "van", "von",
                        "der", "den", "bin", "binti", "bint", "ibn", "al", "el", "abu", "y"})
_ARABIC_BREAKS = frozenset({"من", "في", "الى", "إلى", "عن", "على", "بصفته", "بصفتها", "و", "مع", "لدى", "وذلك",
                            "لم", "لن", "قد", "الذي", "التي", "سوف", "كان", "كانت"})
_CHINESE_FUNCTION = set("的对将由请把和与及兹我部现任命提名担撤回销消免去取不再为是并改以原之")


@dataclass
class Mention:
    """A person named in a sentence: where, and what was read of them."""

    start: int
    end: int
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None

    def as_nominee(self, action: str) -> Nominee:
        return Nominee(title=self.title, first_name=self.first_name, last_name=self.last_name,
                       email=self.email, action=action)  # type: ignore[arg-type]


def people_in(sentence: str) -> list[Mention]:
    """Every person the sentence names, in order; an e-mail right after a name joins it."""
    named = _titled(sentence) + _chinese(sentence)
    named.sort(key=lambda m: m.start)
    mentions: list[Mention] = []
    for start, end in _addresses(sentence):
        address = sentence[start:end].strip(".-'").lower()
        owner = next((m for m in reversed(named) if m.end <= start), None)
        later = [m for m in named if owner is not None and owner.end <= m.start < start]
        between = sentence[owner.end:start] if owner else ""
        if owner is not None and not owner.email and not later and len(between) <= 200 \
                and not re.search(r"[.;。；]\s", between):
            owner.email, owner.end = address, end
        else:
            mentions.append(Mention(start, end, email=address))
    mentions += named
    return sorted(mentions, key=lambda m: m.start)


def _addresses(sentence: str) -> list[tuple[int, int]]:
    """Where the e-mail addresses are; Chinese written against one ('撤回x@y.cn的提名') is no
    part of it."""
    found = []
    for match in EMAIL.finditer(sentence):
        start, end = match.start(), match.end()
        while start < end and is_cjk(sentence[start]):
            start += 1
        cut = next((i for i in range(start, end) if is_cjk(sentence[i])), end)
        if "@" in sentence[start:cut]:
            found.append((start, cut))
    return found


def _titled(sentence: str) -> list[Mention]:
    words = list(_WORD.finditer(sentence.replace("/", " ")))
    found: list[Mention] = []
    index = 0
    while index < len(words):
        if not is_title(words[index].group().strip(_EDGE)) or words[index].group().endswith(_STOP_AFTER):
            index += 1
            continue
        start = words[index].start()
        while index + 1 < len(words) and is_title(words[index + 1].group().strip(_EDGE)):
            index += 1
        taken = _name_words(words, index + 1)
        if taken:
            end = words[index + taken].end()
            text = sentence[start:end].rstrip(_EDGE)
            title, first, last = split_person(text.replace("/", " "))
            if last:
                found.append(Mention(start, start + len(text), title, first, last))
        index += taken + 1
    return found


def _name_words(words: list[re.Match[str]], first: int) -> int:
    """How many words after an honorific are the name: capitalised (or caseless) words,
    up to a comma, a bracket, an address or a lower-case word."""
    count = 0
    caseless = False
    while first + count < len(words):
        word = words[first + count].group()
        bare = word.strip(_EDGE)
        if not bare or "@" in word or word.startswith(("(", "（")) or not bare[0].isalpha():
            break
        if bare[0].lower() == bare[0].upper():  # Arabic and other scripts without case
            caseless = True
            if bare in _ARABIC_BREAKS or count >= _ARABIC_NAME_WORDS:
                break
        elif not bare[0].isupper() and bare.lower() not in _PARTICLES:
            break
        if count >= _LATIN_NAME_WORDS and not caseless:
            break
        count += 1
        if word.endswith(_STOP_AFTER):
            break
    return count


def _chinese(sentence: str) -> list[Mention]:
    found = []
    for honorific in sorted(suffixes(), key=len, reverse=True):
        for match in re.finditer(re.escape(honorific), sentence):
            length = 0
            while length < 4 and match.start() - length - 1 >= 0:
                char = sentence[match.start() - length - 1]
                if not is_cjk(char) or char in _CHINESE_FUNCTION:
                    break
                length += 1
            if length >= 2:
                start = match.start() - length
                title, first, last = split_person(sentence[start:match.end()])
                found.append(Mention(start, match.end(), title, first, last))
    return found


def _name_key(nominee: Nominee) -> str:
    return fold(" ".join(filter(None, (nominee.first_name, nominee.last_name)))).replace(" ", "")


def same_person(one: Nominee, other: Nominee) -> bool:
    """The same address; or, when either has none, the same first and last names (a bare
    family name matches only when the other side has no first name either)."""
    if one.email and other.email:
        return one.email.lower() == other.email.lower()
    if not (one.last_name and other.last_name):
        return False
    if fold(one.last_name) != fold(other.last_name):
        return _name_key(one) == _name_key(other) and bool(_name_key(one))
    if one.first_name and other.first_name:
        return fold(one.first_name) == fold(other.first_name)
    return not one.first_name and not other.first_name


