"""Senior signatory: only a clearly junior title, or a signed letter without signatory, raises a doubt.

The seniority itself is read by the extractors (tests/extractors/test_seniority.py); the rule reads it.
"""

from __future__ import annotations

from extractors.model import SignatureEvidence, Signatory
from rules.base import RuleContext
from rules.senior_signatory import rule
from tests.rules.helpers import nomination, submission


def codes(signatory: Signatory, kind: str = "handwritten") -> list[str]:
    nom = nomination(signatory=signatory, signature=SignatureEvidence(kind=kind, valid=True))  # type: ignore[arg-type]
    return [i.code for i in rule.check(submission(), nom, RuleContext())]


def test_junior_signatory_goes_to_review_and_unknown_does_not() -> None:
    assert codes(Signatory("Jane Doe", "Intern", "junior")) == ["low_confidence"]
    assert codes(Signatory("Jane Doe", "Counsellor", "unknown")) == []
    assert codes(Signatory("Jane Doe", "Minister", "senior")) == []
    assert codes(Signatory("Jane Doe", None)) == []


def test_signed_letter_without_any_signatory_goes_to_review() -> None:
    assert codes(Signatory()) == ["low_confidence"]
    assert codes(Signatory(), kind="none") == []
