"""Does an e-mail address spell its nominee's name? Pure functions for the safety net.

An address's local part usually spells the person (``a.otieno``, ``wangxiaoming``,
``mohamed.elnaggar``), so it tells whether the fields read for one nominee belong together:
an address that spells another nominee better than its own is a sign that the values slid
between nominees. Names and addresses are compared as keys that forgive the ways one name is
written in Latin letters:

- Chinese names as pinyin (pypinyin, every reading of each character);
- Arabic names as consonant skeletons (Arabic writes no short vowels, so ``mohamed``,
  ``muhammad`` and محمد all give ``mhmd``), the article ال optional;
- Cyrillic and Latin names through anyascii, then a loose key in which every run of vowels is
  one vowel and the letters that transliteration systems spell differently fall together
  (Юсупова: yusupova, iusupova, jusupova; Mohamed and Muhammad; el- and al-).

Only positive evidence counts: an address that spells nobody (``dg.office``, a nickname, a
romanisation pypinyin does not know) is no alarm by itself.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from anyascii import anyascii

_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_SPLIT = re.compile(r"[^\w]+|_|\d+")
"""Where a local part or a name falls into pieces: dots, hyphens, apostrophes, digits."""

_LOOSE_DIGRAPHS = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dj", "j"), ("ch", "c"), ("sh", "s"),
    ("zh", "j"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"), ("ck", "k"),
    ("q", "k"), ("x", "ks"), ("w", "v"), ("j", "i"), ("y", "i"),
)
"""Spellings that differ between transliteration systems and languages, folded together."""

_SKELETON_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("dj", "j"),
                      ("q", "k"), ("g", "j"), ("c", "k"), ("v", "f"), ("p", "b"))
"""Arabic in Latin letters: خ is kh or k, ج is j, g or dj, ق is q, k or g, ث is th or t."""


def _ascii_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def loose_key(word: str) -> str:
    """A Latin or Cyrillic word with its spelling variants folded: every vowel run one 'a'."""
    key = _ascii_letters(word)
    for old, new in _LOOSE_DIGRAPHS:
        key = key.replace(old, new)
    key = re.sub(r"[aeiou]+", "a", key)
    return re.sub(r"(.)\1+", r"\1", key)


def skeleton_key(word: str) -> str:
    """The consonants of a word, as Arabic script writes them: no vowels, no w or y, digraphs as one."""
    key = _ascii_letters(word.replace("ة", ""))
    for old, new in _SKELETON_DIGRAPHS:
        key = key.replace(old, new)
    key = re.sub(r"[aeiouwy]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=4096)
def pinyin_readings(word: str) -> frozenset[str]:
    """Every pinyin spelling of a Chinese word read character by character (each character's
    readings, ü as v, u or yu). pypinyin is imported here, and without its dictionary of
    phrases (a quarter of a second to load): only Chinese names need it, and they are read
    one character at a time, which that dictionary never spells (it holds no single character).
    Kept per word: a disputed Chinese name is keyed again for every way its cells may pair up."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")  # read by pypinyin when it is imported
    from pypinyin import Style, pinyin

    syllables = pinyin(word, style=Style.NORMAL, heteronym=True, v_to_u=False)
    spelled = {"".join(parts) for parts in product(*[sorted(set(s))[:4] for s in syllables])}
    return frozenset(variant for s in spelled for variant in (s, s.replace("v", "u"), s.replace("v", "yu")))


@dataclass(frozen=True)
class NameKeys:
    """One person's name as the keys an address is compared with, and how to key the address."""

    tokens: tuple[frozenset[str], ...]
    """Per name part (given name, family name, each word), its possible keys."""
    script: str
    """'han', 'arabic' or 'loose': how the address's pieces are keyed for this person."""


def _script(name: str) -> str:
    if _HAN.search(name):
        return "han"
    return "arabic" if _ARABIC.search(name) else "loose"


@lru_cache(maxsize=1024)
def name_keys(first_name: str | None, last_name: str | None) -> NameKeys:
    """The keys of a person's name parts, in the script's comparison mode."""
    full = f"{first_name or ''} {last_name or ''}"
    script = _script(full)
    tokens: list[frozenset[str]] = []
    for part in (first_name or "", last_name or ""):
        part = unicodedata.normalize("NFKC", part)
        if script == "han":
            han = "".join(_HAN.findall(part))
            syllables = [pinyin_readings(char) for char in han]
            tokens += [frozenset(s) for s in syllables]
            continue
        for word in _SPLIT.split(part):
            if not word:
                continue
            if script == "arabic":
                keys = {skeleton_key(word)}
                if word.startswith(("ال", "آل")):
                    keys.add(skeleton_key(word[2:]))
            else:
                keys = {loose_key(word)}
            tokens.append(frozenset(k for k in keys if k))
    return NameKeys(tuple(t for t in tokens if t), script)


def _address_pieces(local: str, script: str) -> list[str]:
    pieces = [p for p in _SPLIT.split(local.lower()) if p]
    if script == "han":
        return [re.sub(r"[^a-z]", "", p) for p in pieces]
    key = skeleton_key if script == "arabic" else loose_key
    return [key(p) for p in pieces]


@lru_cache(maxsize=1024)
def _name_words(keys: NameKeys) -> tuple[frozenset[str], frozenset[str], int]:
    """The name's keys as words, all their prefixes, and the longest word's length: a chunk of an
    address is looked up in sets (a Chinese name has dozens of pinyin keys, an address hundreds of
    chunks, and every nominee's address is compared with every nominee)."""
    words = frozenset(k for token in keys.tokens for k in token)
    prefixes = frozenset(word[:end] for word in words for end in range(1, len(word) + 1))
    return words, prefixes, max((len(w) for w in words), default=0)


def _best_cover(piece: str, keys: NameKeys) -> float:
    """How much of one address piece the name explains: whole name words count in full,
    prefixes of three letters or more too, initials and two-letter stubs half."""
    words, prefixes, longest = _name_words(keys)
    best = [0.0] * (len(piece) + 1)
    for end in range(1, len(piece) + 1):
        best[end] = best[end - 1]
        for start in range(max(0, end - longest), end):
            chunk = piece[start:end]
            if chunk in words:
                gain = float(len(chunk)) if len(chunk) >= 2 else 0.5
            elif chunk in prefixes:
                gain = float(len(chunk)) if len(chunk) >= 3 else 0.5 * len(chunk)
            else:
                continue
            best[end] = max(best[end], best[start] + gain)
    return best[len(piece)]


LOCAL_PART_LIMIT = 64
"""RFC 5321: no longer local part is an address (and none is compared, whatever a letter holds)."""


def address_fit(email: str | None, first_name: str | None, last_name: str | None) -> float:
    """0..1: how much of the address's local part spells this person's name."""
    if not email or "@" not in email or len(email.rsplit("@", 1)[0]) > LOCAL_PART_LIMIT:
        return 0.0
    keys = name_keys(first_name, last_name)
    if not keys.tokens:
        return 0.0
    pieces = _address_pieces(email.rsplit("@", 1)[0], keys.script)
    total = sum(len(p) for p in pieces)
    if not total:
        return 0.0
    return sum(_best_cover(p, keys) for p in pieces) / total


SLIDE_MARGIN = 0.2
"""How much better an address must spell another nominee than its own to count as slid."""
SLIDE_FLOOR = 0.5
"""...and how well it must spell that other nominee at least (an initial alone proves nothing)."""


@dataclass(frozen=True)
class Person:
    """The fields the net compares: a name and an address."""

    first_name: str | None
    last_name: str | None
    email: str | None


@dataclass(frozen=True)
class Slid:
    """The address of nominee `owner` (0-based) spells nominee `fits` better than its owner."""

    owner: int
    fits: int
    own_fit: float
    other_fit: float


def slid_addresses(people: list[Person]) -> list[Slid]:
    """Addresses that spell another nominee's name clearly better than their own nominee's.

    A nominee without both names is not judged (a missing field is reported elsewhere);
    ties, as between Aygerim and Aynura Yusupova (both a.yusupova), are no alarm.
    """
    found = []
    for i, owner in enumerate(people):
        if not (owner.email and owner.first_name and owner.last_name):
            continue
        own = address_fit(owner.email, owner.first_name, owner.last_name)
        others = [(address_fit(owner.email, other.first_name, other.last_name), j)
                  for j, other in enumerate(people) if j != i]
        if not others:
            continue
        best, j = max(others)
        if best >= SLIDE_FLOOR and best - own >= SLIDE_MARGIN:
            found.append(Slid(i, j, own, best))
    return found
