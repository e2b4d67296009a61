"""Senior signatory: only a clearly junior title, or a signed letter without signatory, raises a doubt."""

from __future__ import annotations

import pytest

from extractors.model import SignatureEvidence, Signatory
from extractors.seniority import seniority
from rules.base import RuleContext
from rules.senior_signatory import rule
from tests.rules.helpers import nomination, submission


@pytest.mark.parametrize("title", [
    "Chief Director", "Undersecretary for E-Government", "Directora General de Digitalización",
    "Заместитель Министра", "Статс-секретарь", "الوكيل المساعد لشؤون الحكومة الرقمية", "首席执行官",
    "First Assistant Secretary, Digital ID", "Le Secrétaire Général", "Viceministro de Transformación Digital",
])
def test_senior_titles(title: str) -> None:
    assert seniority(title, None) == "senior"


@pytest.mark.parametrize("title", [
    "Intern", "Administrative Assistant", "Assistant to the Minister", "Programme Officer", "Стажёр",
    "Помощник министра", "Stagiaire", "Asistente del Viceministro", "实习生", "متدرب",
])
def test_junior_titles(title: str) -> None:
    assert seniority(title, None) == "junior"


@pytest.mark.parametrize("title", [None, "", "Secretary", "Counsellor", "Additional Adviser"])
def test_unrecognised_titles_are_unknown(title: str | None) -> None:
    assert seniority(title, "en") == "unknown"


def codes(signatory: Signatory, kind: str = "handwritten") -> list[str]:
    nom = nomination(signatory=signatory, signature=SignatureEvidence(kind=kind, valid=True))  # type: ignore[arg-type]
    return [i.code for i in rule.check(submission(), nom, RuleContext())]


def test_junior_signatory_goes_to_review_and_unknown_does_not() -> None:
    assert codes(Signatory("Jane Doe", "Intern")) == ["low_confidence"]
    assert codes(Signatory("Jane Doe", "Counsellor")) == []
    assert codes(Signatory("Jane Doe", None)) == []


def test_signed_letter_without_any_signatory_goes_to_review() -> None:
    assert codes(Signatory()) == ["low_confidence"]
    assert codes(Signatory(), kind="none") == []
