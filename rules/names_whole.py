"""A name with a torn word goes to a person before any link is sent.

A narrow table cell cuts a long name where its line is full ('Haufiku-Iipin' / 'ge'), and
nothing on the page tells that cut from a wrap at a space, so the reader keeps the space:
'Haufiku-Iipin ge'. Names do not hold such words: in the scripts with case, a word in lower
case is a particle before the name it belongs to ('de León', 'van der Merwe', 'bin Ahmed',
'al-Sabah') or a patronymic marker after it ('Гусейн оглы'); any other lower-case word, or a
particle that ends the name, is most likely the tail of a cut word. Confirming would send
the meeting link with a misspelt name; a person looks at the letter instead.
"""

from __future__ import annotations

import re

from extractors.model import Nominee
from rules.base import Issue, NomineeRule

PARTICLES = frozenset({"de", "del", "dela", "della", "delle", "di", "da", "das", "do", "dos", "du", "des", "la", "le",
                       "los", "las", "van", "von", "der", "den", "ter", "ten", "zu", "af", "bin", "binti", "bint",
                       "ibn", "al", "el", "abu", "y", "e", "i", "d'", "l'", "st.", "ван", "фон", "де", "ди", "ибн",
                       "бин", "аль", "эль"})
"""Words in lower case that open the rest of a name."""
MARKERS = frozenset({"оглы", "кызы", "улы", "ogly", "oglu", "qizi", "kyzy", "uly"})
"""Words in lower case that close a patronymic (Azerbaijani, Kazakh, Kyrgyz)."""


def torn_word(name: str) -> str | None:
    """The first word of a name that no name holds in lower case where it stands, or None."""
    words = name.split()
    for index, word in enumerate(words):
        if not word[:1].isalpha() or not word[:1].islower():
            continue
        before = index + 1 < len(words) and word.casefold() in PARTICLES
        if not (before or word.casefold() in MARKERS or _glued_particle(word)):
            return word
    return None


def _glued_particle(word: str) -> bool:
    """A particle joined to its name by an apostrophe or a hyphen ('d'Almeida', 'al-Sabah')."""
    match = re.match(r"([^\W\d_]+)['’-](?=[^\W\d_])", word)
    if match is None:
        return False
    return match.group(1).casefold() in PARTICLES | {"d", "l", "dell", "ben"} and word[match.end()].isupper()


class NamesWhole(NomineeRule):
    name = "names_whole"
    description = "No nominee's name holds a word cut off at a table cell's edge."

    def judge_nominee(self, number: int, nominee: Nominee) -> list[Issue]:
        issues = []
        for key, label in (("first_name", "first name"), ("last_name", "last name")):
            word = torn_word(getattr(nominee, key) or "")
            if word is not None:
                issues.append(Issue("low_confidence",
                                    f"The {label} of nominee {number} ({getattr(nominee, key)}) holds '{word}', "
                                    "which looks like the end of a word a table cell cut; a person will check it.",
                                    field=key, nominee=number))
        return issues


rule = NamesWhole()
