"""The signed rule: unsigned, invalid digital signature, or a doubt for a person."""

from __future__ import annotations

import pytest

from extractors.model import SignatureEvidence
from rules.base import RuleContext
from rules.signed import rule
from tests.rules.helpers import nomination, submission


def codes(signature: SignatureEvidence) -> list[str]:
    return [i.code for i in rule.check(submission(), nomination(signature=signature), RuleContext())]


def test_handwritten_and_valid_digital_signatures_pass() -> None:
    assert codes(SignatureEvidence(kind="handwritten", valid=True)) == []
    assert codes(SignatureEvidence(kind="digital", valid=True)) == []


def test_no_signature_or_the_placeholder_is_unsigned() -> None:
    assert codes(SignatureEvidence(kind="none")) == ["unsigned"]
    assert codes(SignatureEvidence(kind="none", placeholder=True)) == ["unsigned"]


def test_an_altered_digital_signature_is_invalid() -> None:
    assert codes(SignatureEvidence(kind="digital", valid=False)) == ["signature_invalid"]


def test_an_uncertain_reading_goes_to_a_person() -> None:
    assert codes(SignatureEvidence(kind="handwritten", valid=True, certain=False)) == ["low_confidence"]
    assert codes(SignatureEvidence(kind="none", certain=False)) == ["low_confidence"]


def test_no_letter_no_signature_issue() -> None:
    found = rule.check(submission(), nomination(is_letter=False, signature=SignatureEvidence()), RuleContext())
    assert found == []


@pytest.mark.parametrize(("signer", "signatory", "same"), [
    ("John Kariuki", "Mr John Kariuki", True),
    ("KARIUKI John", "J. Kariuki", True),
    ("Иван Петров", "Ivan Petrov", True),
    ("Anna-Maija Virtanen", "Dr Anna-Maija Virtanen", True),
    ("Salote Kaiulo", "H.E. Salote Kaiulo", True),
    ("Grace Wambui", "John Kariuki", False),
    ("Ivan Sidorov", "Иван Петров", False),
    # a certificate issued to a role or an office names nobody: nothing to compare
    ("Authorised Signatory", "John Kariuki", True),
    ("Signataire autorisé", "Mme Awa Ndiaye", True),
    ("Firmante Autorizado", "Ana Torres", True),
    ("Уполномоченный подписант", "Иван Петров", True),
    ("Ministère du Numérique", "Cheikh Sarr", True),
])
def test_a_digital_signer_who_is_not_the_signatory_goes_to_review_with_both_names(
        signer: str, signatory: str, same: bool) -> None:
    from extractors.model import Signatory
    from rules.signer_is_signatory import rule as signer_rule

    nom = nomination(signature=SignatureEvidence(kind="digital", valid=True, signer=signer),
                     signatory=Signatory(signatory, "Principal Secretary"))
    issues = signer_rule.check(submission(), nom, RuleContext())
    assert (issues == []) is same
    if not same:
        assert issues[0].code == "low_confidence"
        assert signer in issues[0].message and signatory in issues[0].message
