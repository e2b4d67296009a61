"""Letter-level fields: signatory, ministry, intent, and how much a text looks like a letter."""

import pytest

from extractors.fields import letter_score, parse_letter
from extractors.model import Document, Page, Signatory

NOMINEE = "Title or rank: Ms\nFirst name: Ana\nLast name: Lima\nJob title: Director\nRole in GCC: Primary contact\nOrganization name: Ministry\nE-mail: ana@gov.example\n"


def letter(text: str) -> Document:
    return Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text=text)])


def test_signatory_name_then_title_and_ministry_from_letterhead() -> None:
    text = ("REPUBLIC OF GHANA\nMinistry of Communications and Digitalisation\nOur Ref.: 1\n" + NOMINEE +
            "Please accept, Sir, the assurances of my highest consideration.\nPatience Adjei (Mrs)\nChief Director\n"
            "P.O. Box 38 | Accra | www.moc.gov.example\n")
    parsed = parse_letter(letter(text), "en")
    assert parsed.ministry == "Ministry of Communications and Digitalisation"
    assert parsed.signatory == Signatory(name="Patience Adjei (Mrs)", title="Chief Director", seniority="senior")


def test_russian_title_signature_name_on_one_line() -> None:
    text = "Министерство связи\n" + NOMINEE + "Пользуясь случаем, выражаю Вам уверения в моем глубоком уважении.\nЗаместитель Министра А.В. Ковальчук\n"
    assert parse_letter(letter(text), "ru").signatory == Signatory(name="А.В. Ковальчук", title="Заместитель Министра",
                                                                  seniority="senior")


def test_chinese_closing_with_date_line() -> None:
    text = "资讯通信媒体发展局\n" + NOMINEE + "顺致崇高的敬意！\n王丽华\n副局长\n2024年11月27日\n"
    parsed = parse_letter(letter(text), "zh")
    assert parsed.signatory == Signatory(name="王丽华", title="副局长", seniority="senior")
    assert parsed.ministry == "资讯通信媒体发展局"


@pytest.mark.parametrize(("title", "seniority"), [
    ("Programme Officer", "junior"), ("Permanent Secretary", "senior"), ("Secretary", "unknown"),
])
def test_the_signatory_carries_the_seniority_its_title_reads(title: str, seniority: str) -> None:
    text = NOMINEE + f"Yours sincerely,\nJane Wanjiru\n{title}\n"
    assert parse_letter(letter(text), "en").signatory == Signatory("Jane Wanjiru", title, seniority)  # type: ignore[arg-type]


def test_arabic_ministry_preferred_in_a_bilingual_letterhead() -> None:
    text = "Sultanate of Oman\nسلطنة عمان\nMinistry of Transport\nوزارة النقل والاتصالات\n" + NOMINEE
    assert parse_letter(letter(text), "ar").ministry == "وزارة النقل والاتصالات"


def test_additional_secretary_as_a_signatory_title_is_not_an_addition() -> None:
    text = NOMINEE + "Yours sincerely,\nTariq Awan\nAdditional Secretary (IT)\n"
    assert parse_letter(letter(text), "en").intent == "nominate"


def test_a_letter_scores_higher_than_the_circular_itself() -> None:
    circular = ("Telecommunication Standardization Bureau\nRef: TSB Circular 006\nTo: Administrations of ITU Member States\n"
                "Dear Sir/Madam,\nMember States wishing to participate in the GCC are invited to nominate up to three "
                "representatives. The details should be provided as in Annex 2: Title or rank, First name, Last name, E-mail.")
    nomination = ("With reference to TSB Circular 006, the Government wishes to take part in the GCC and nominates:\n" + NOMINEE)
    assert letter_score(nomination) > 0.8
    assert letter_score(circular) < 0.4
    assert letter_score("Out of office until Monday.") < 0.1
