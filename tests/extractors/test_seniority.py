"""Seniority of a signatory's title: only a clearly junior post is junior; titles not recognised are unknown."""

from __future__ import annotations

import pytest

from extractors.seniority import seniority


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
