"""A name holding the tail of a word a narrow cell cut goes to a person; real names with particles do not."""

from __future__ import annotations

import pytest

from bot.judge import judge
from bot.settings import Settings
from extractors.model import Nominee
from rules.names_whole import rule, torn_word
from tests.extractors.fresh_text_letters import TextForm, TextLetter, letter_mail


@pytest.mark.parametrize(("name", "torn"), [
    ("Haufiku-Iipin ge", "ge"), ("Haufiku-Iiping e", "e"), ("Communicat ions", "ions"), ("Кузнецо ва", "ва"),
    ("Diallo de", "de"),
])
def test_a_lower_case_tail_is_a_torn_word(name: str, torn: str) -> None:
    assert torn_word(name) == torn


@pytest.mark.parametrize("name", [
    "de León Rivas", "van der Merwe", "bin Ahmed", "al-Sabah", "d'Almeida", "da Silva", "Silva e Costa",
    "Рашад Гусейн оглы", "O'Brien", "Ag Alhassane", "María José", "العنزي", "建国",
])
def test_particles_patronymic_markers_and_caseless_scripts_are_whole_names(name: str) -> None:
    assert torn_word(name) is None


def test_the_issue_names_the_nominee_and_the_field() -> None:
    nominee = Nominee(first_name="Ndapewa", last_name="Haufiku-Iipin ge", email="nhaufiku@cran.na")
    issues = rule.judge_nominee(2, nominee)
    assert [(i.code, i.field, i.nominee) for i in issues] == [("low_confidence", "last_name", 2)]


@pytest.mark.parametrize("form", ["pdf-fpdf", "pdf-reportlab"])
def test_a_long_name_cut_in_a_narrow_table_cell_is_never_confirmed_misspelt(form: TextForm) -> None:
    """One row per nominee in seven narrow columns: 'Haufiku-Iipinge' does not fit its cell and is cut
    without a hyphen. The letter is confirmed only with the name as printed, else it goes to review."""
    letter = TextLetter("en", nominees=2, layout="rows", form=form, cast="agency")
    judgement = judge(letter_mail(letter), Settings())
    names = [n.last_name for n in judgement.nomination.nominees]
    printed = names == ["Haufiku-Iipinge", "van der Merwe"]
    assert judgement.decision.kind == "needs_review" or judgement.decision.kind == "confirmed" and printed
