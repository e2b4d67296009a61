"""spaCy for the prose layout: one cached blank pipeline and matcher per letter language.

No model is downloaded: blank tokenizers, a rule-based sentencizer and token patterns
built from labels.toml. Tokens carry the folded text as NORM so that the vocabulary
matches whatever the case, accents or Arabic letter forms ('Dña.' / 'DNA', 'وزارة' /
'وزاره'); stems in the vocabulary ('назнач', 'основн') match as word prefixes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import extractors.fields.spacy_import  # noqa: F401  (first: spaCy without its command line)
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import ARABIC_TEETH, EMAIL, fold, is_arabic, is_cjk
from extractors.model import Role

_OWN_TOKENIZER = ("en", "es", "ru", "ar")
"""Languages whose blank spaCy class is cheap; French ('fr' costs 3-5 s to import for its
exception table) and Chinese (no word segmenter here) start from the multilingual one."""

_SENTENCE_ENDS = [".", "!", "?", ";", "。", "！", "？", "；"]

_ELISION = r"(?:[cdjlmnst]|qu)['’](?=\w)"
_WIDE = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
_CJK_PIECE = re.compile(f"[{_WIDE}]|[^\\s{_WIDE}]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CYRILLIC_ENDING = re.compile("[аеёиоуыэюяйь]+$")
"""Russian words decline: 'запасной' stands for 'запасного', 'контактное лицо' for 'контактного лица'."""
_ARABIC_CLITIC = "[وف]?(?:لل|[بك]?ال|[بلك])?"
"""What an Arabic word may carry before its stem: 'and'/'so', a preposition, the article ('المناوب', 'وللمستشار')."""

ROLES: tuple[Role, ...] = ("advisor", "alternate", "primary")
"""Role labels in the order that settles a tie (as in roles.normalise_role)."""

_ORG_WORDS = ("office", "agence", "agencia", "autorite", "authority", "commission", "bureau", "service", "conseil",
              "consejo", "institut", "instituto", "oficina", "комитет", "центр", "مركز", "الهيئه", "المكتب", "الوكاله",
              "mission", "mision", "представительство", "بعثة")
"""Institution words beyond the letterhead's ministry words (a permanent mission is where many nominees work)."""

_CONNECTORS = ("as", "as our", "as the", "to serve as", "en qualite de", "en qualite d", "en tant que", "comme",
               "como", "en calidad de", "en su calidad de", "в качестве", "بصفته", "بصفتها", "بصفتهم", "بصفة", "بوصفه", "بوصفها", "كـ",
               "作为", "担任", "为")
"""Words that announce a role after a person ('as primary contact', 'en qualité de suppléant')."""

_EXTRA_NOMINATE = ("任命", "指派")
"""Chinese verbs of appointment that the letter vocabulary leaves out (it also scores letters)."""


@dataclass(frozen=True)
class Analysis:
    """A flattened letter as tokens, with what the patterns found in it, by label."""

    doc: Doc
    found: dict[str, list[Span]]
    sentence_of: list[int]
    """For each token, the index of the token that starts its sentence."""

    def sentence_end(self, token: int) -> int:
        start = self.sentence_of[token]
        end = token
        while end < len(self.doc) and self.sentence_of[end] == start:
            end += 1
        return end


def analyse(text: str, language: str | None) -> Analysis:
    """Tokens, sentences and pattern matches of a flattened letter."""
    nlp, matcher = _pipeline(_family(text, language))
    doc = nlp(text)
    found: dict[str, list[Span]] = defaultdict(list)
    for match_id, start, end in matcher(doc):
        found[nlp.vocab.strings[match_id]].append(doc[start:end])
    for spans in found.values():
        spans.sort(key=lambda span: (span.start, -span.end))
    starts, current = [], 0
    for token in doc:
        if token.is_sent_start:
            current = token.i
        starts.append(current)
    return Analysis(doc, dict(found), starts)


def _family(text: str, language: str | None) -> str:
    """The pipeline for a letter: its language, or its script when the language is unknown."""
    if language in _OWN_TOKENIZER or language in ("fr", "zh"):
        return language
    if is_cjk(text):
        return "zh"
    if is_arabic(text):
        return "ar"
    return "xx"


def build_pipelines() -> None:
    """Each language's pipeline built now: a process that forks reader processes builds them
    once for all of its readers, instead of each reader building the ones its letters need.
    ('xx', for a text with no letters of any of the six languages, is left to the reader
    that meets one.)"""
    for family in (*_OWN_TOKENIZER, "fr", "zh"):
        _pipeline(family)


@cache
def _pipeline(family: str) -> tuple[Language, Matcher]:
    """Built once per process and language: tokenizer rules, sentencizer, matcher."""
    nlp = spacy.blank(family if family in _OWN_TOKENIZER else "xx")
    tokenizer: Tokenizer = nlp.tokenizer
    if family == "fr":
        tokenizer.prefix_search = compile_prefix_regex([*(nlp.Defaults.prefixes or ()), f"(?i:{_ELISION})"]).search
    titles = {s for title in vocabulary()["titles"]["prefix"] for s in _spellings(title) if len(tokenizer(s)) > 1}
    for title in sorted(titles):  # one by one: assigning `rules` would load the language's own cases again
        tokenizer.add_special_case(title, [{"ORTH": title}])
    if family == "zh":
        nlp.tokenizer = _CharTokenizer(tokenizer)
    nlp.add_pipe("gcc_keep_abbreviations")
    nlp.add_pipe("gcc_fold_norms")
    nlp.add_pipe("sentencizer", config={"punct_chars": _SENTENCE_ENDS})
    nlp.add_pipe("gcc_lowercase_continues")
    return nlp, _matcher(nlp)


def _spellings(title: str) -> set[str]:
    """'dr' -> Dr, DR, Dr., DR. (lower case only without a dot: 'me.' ends sentences)."""
    forms = {title, title.capitalize(), title.upper()}
    dotted = {form.rstrip(".") + "." for form in forms if not form[:1].islower()}
    return forms | dotted


class _CharTokenizer:
    """Chinese without a segmenter: one token per CJK character, other runs cut by the multilingual rules."""

    def __init__(self, base: Tokenizer) -> None:
        self.base = base
        self.vocab = base.vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for match in _CJK_PIECE.finditer(text):
            piece = match.group()
            pieces = [piece] if _WIDE_CHAR.fullmatch(piece) else [t.text for t in self.base(piece)]
            words.extend(pieces)
            spaces.extend([False] * len(pieces))
            if match.end() < len(text) and text[match.end()].isspace():
                spaces[-1] = True
        return Doc(self.vocab, words=words, spaces=spaces)


@Language.component("gcc_keep_abbreviations")
def _keep_abbreviations(doc: Doc) -> Doc:
    """An initial or honorific keeps its dot ('V.', 'Dña.'), so that the dot ends no sentence."""
    with doc.retokenize() as retokenizer:
        for token in doc[:-1]:
            dot = doc[token.i + 1]
            if dot.text == "." and not token.whitespace_ and token.is_alpha and (len(token) == 1 or _is_title(token.text)):
                retokenizer.merge(doc[token.i:token.i + 2])
    return doc


_ARABIC_CONNECTORS = frozenset(fold(connector) for connector in _CONNECTORS if is_arabic(connector))


@Language.component("gcc_lowercase_continues")
def _lowercase_continues(doc: Doc) -> Doc:
    """A dot before a lower-case word ends an abbreviation, not a sentence ('эл. почта', 'approx. two');
    one before 'بصفته' is the Arabic comma as OCR misread it (the role follows its person's details)."""
    for token in doc[1:]:
        if token.is_sent_start and doc[token.i - 1].text == "." and (
                token.text[:1].islower() or _folded(token.text) in _ARABIC_CONNECTORS):
            token.is_sent_start = False
    return doc


@Language.component("gcc_fold_norms")
def _fold_norms(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = _folded(token.text)
    return doc


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text) or text


@cache
def _titles() -> frozenset[str]:
    return frozenset(fold(title).rstrip(".") for title in vocabulary()["titles"]["prefix"])


def _is_title(text: str) -> bool:
    return _folded(text).rstrip(".") in _titles()


def _matcher(nlp: Language) -> Matcher:
    """Titles, honorific suffixes, roles, nominate verbs, institutions, e-mail labels, connectors, e-mails."""
    words = vocabulary()
    matcher = Matcher(nlp.vocab)
    titles = sorted(_titles() | {f"{title}." for title in _titles()})
    matcher.add("TITLE", [[{"NORM": {"IN": titles}}]])
    matcher.add("EMAIL", [[{"TEXT": {"REGEX": EMAIL.pattern}}]])
    phrases: dict[str, tuple[Sequence[str], str]] = {
        "HONORIFIC": (words["titles"]["suffix"], "exact"),
        "NOMINATE": ([*words["letter"]["nominate"], *_EXTRA_NOMINATE], "stem"),
        "ORG": ([*words["ministry_words"]["strong"], *words["ministry_words"]["weak"], *_ORG_WORDS], "stem"),
        "EMAIL_LABEL": (words["fields"]["email"], "exact"),
        "CONNECT": (_CONNECTORS, "exact"),
        "JOB_OPENER": (words["prose"]["job_openers"], "exact"),
        "CLOSING": (words["closing"]["phrases"], "exact"),
        **{role: (words["roles"][role], "stem") for role in ROLES},
    }
    for label, (vocabulary_words, how) in phrases.items():
        matcher.add(label, _patterns(nlp, vocabulary_words, how))
    return matcher


def _any_tooth(stem: str) -> str:
    """A regex of an Arabic stem in which each tooth letter stands for any of them (OCR of a scan
    confuses them: 'الرئيسي' read 'الرنيسي')."""
    return "".join(f"[{ARABIC_TEETH}]" if char in ARABIC_TEETH else re.escape(char) for char in stem)


def _patterns(nlp: Language, phrases: Sequence[str], how: str) -> list[list[dict[str, Any]]]:
    """Token patterns of phrases; a stem matches the start of its last word (after Arabic clitics),
    of every word in Russian, whose words are cut before their case endings. An Arabic stem's
    tooth letters match each other.

    One-word phrases share a single predicate (a set or one regex): the matcher tries every
    predicate on every token, so a predicate per word would cost ten times more.
    """
    single: list[str] = []
    patterns: list[list[dict[str, Any]]] = []
    for phrase in phrases:
        tokens = [token.text for token in nlp.make_doc(fold(phrase))]
        if how == "stem" and _CYRILLIC.search(phrase):
            tokens = [_CYRILLIC_ENDING.sub("", token) or token for token in tokens]
        if len(tokens) == 1:
            single.append(tokens[0])
        elif tokens and how == "stem" and is_arabic(phrase):
            patterns.append([{"NORM": {"REGEX": f"^{_any_tooth(token)}$"}} for token in tokens[:-1]] +
                            [{"NORM": {"REGEX": f"^{_any_tooth(tokens[-1])}"}}])
        elif tokens and how == "stem" and not is_cjk(phrase):
            inflected = len(tokens) if _CYRILLIC.search(phrase) else 1
            patterns.append([{"NORM": token} for token in tokens[:-inflected]] +
                            [{"NORM": {"REGEX": f"^{re.escape(token)}"}} for token in tokens[-inflected:]])
        elif tokens:
            patterns.append([{"NORM": token} for token in tokens])
    if single and how == "stem":
        stems = "|".join(sorted(map(_any_tooth, single), key=len, reverse=True))
        patterns.append([{"NORM": {"REGEX": f"^{_ARABIC_CLITIC}(?:{stems})"}}])
    elif single:
        patterns.append([{"NORM": {"IN": sorted(set(single))}}])
    return patterns
