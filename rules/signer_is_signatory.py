"""A digital signature must be the signatory's: the certificate names the person the letter does.

Names are compared in Latin letters (anyascii transliterates Cyrillic, Arabic,
Chinese ...), case and accents aside, titles ignored; an initial matches a
name that starts with it. A certificate of someone else is not a forgery in
itself (a secretary may sign for the minister), so a person decides.

A certificate issued to a role or an office ("Authorised Signatory", an
organisation's e-seal) names nobody, so there is nobody to compare: like ink,
the signature proves the letter unchanged, not who signed it.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext

_ROLE_WORDS = frozenset({
    "authorised", "authorized", "signatory", "signer", "seal", "eseal", "office", "ministry",
    "department", "secretariat", "service", "authority", "agency", "government",
    "signataire", "autorise", "cachet", "ministere", "bureau", "gouvernement",
    "firmante", "autorizado", "sello", "ministerio", "oficina", "gobierno",
    "podpisant", "upolnomochennoe", "upolnomochennyi", "ministerstvo", "pechat",
    "almukhawwal", "wizara", "wizarat",
})
"""Words (in Latin letters) that make a certificate's name a role or an office, not a person."""

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "he", "eng", "sir", "hon", "m",
                     "mme", "sr", "sra", "dra", "ing", "lic"})


def name_tokens(name: str) -> list[str]:
    tokens = re.findall(r"[a-z]+", anyascii(name).lower())
    return [t for t in tokens if t not in _TITLES]


def same_person(first: str, second: str) -> bool:
    """At least two name parts in common (one when a name has only one), initials included."""
    a, b = name_tokens(first), name_tokens(second)
    if not a or not b:
        return False

    def matches(token: str, others: list[str]) -> bool:
        return any(token == o or (len(token) == 1 and o.startswith(token))
                   or (len(o) == 1 and token.startswith(o)) for o in others)

    shared = sum(1 for token in a if matches(token, b))
    return shared >= min(2, len(a), len(b))


def names_a_role(name: str) -> bool:
    return any(token in _ROLE_WORDS for token in name_tokens(name))


class SignerIsSignatory(LetterRule):
    name = "signer_is_signatory"
    description = "The digital signature's certificate names the letter's signatory."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        signature, signatory = nomination.signature, nomination.signatory.name
        if signature.kind != "digital" or not signature.valid:
            return []
        if not signature.signer or not signatory or names_a_role(signature.signer) \
                or same_person(signature.signer, signatory):
            return []
        return [Issue("low_confidence",
                      f"The letter is signed digitally by \"{signature.signer}\" but names "
                      f"\"{signatory}\" as its signatory; a person will check who signed it.")]


rule = SignerIsSignatory()
