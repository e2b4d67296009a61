"""A letter's language is one of ITU's six, read from its body rather than its letterhead."""

from __future__ import annotations

import pytest

from extractors.language import detect_language

ITU_ADDRESS = "Place des Nations\nCH-1211 Geneva 20\nSwitzerland"

BODIES = {
    "en": "With reference to TSB Circular 006, I have the honour to inform you that the Government "
          "wishes to take part in the work of the GCC and hereby nominates the following representatives. "
          "I should be grateful if the invitation could be sent to the representatives named above.",
    "fr": "Me référant à la Circulaire TSB 006, j'ai l'honneur de vous faire savoir que le Gouvernement "
          "souhaite participer aux travaux du GCC et désigne à cet effet les représentants suivants. "
          "Je vous prie d'agréer, Monsieur le Directeur, l'assurance de ma haute considération.",
    "es": "Me dirijo a usted en relación con la Circular TSB 006 para comunicarle que el Gobierno desea "
          "participar en los trabajos del GCC y, a tal efecto, designa a los siguientes representantes. "
          "Le agradecería que la invitación se enviara a los representantes.",
    "ru": "Ссылаясь на Циркуляр БСЭ 006, имею честь сообщить, что Правительство выражает намерение "
          "участвовать в работе GCC и назначает следующих представителей.",
    "ar": "بالإشارة إلى المنشور المعمم رقم 006 لمكتب تقييس الاتصالات، يشرفني أن أحيطكم علماً بأن الحكومة "
          "ترغب في المشاركة في أعمال اللجنة الحكومية وترشح لهذا الغرض الممثلين التاليين.",
    "zh": "兹复电信标准化局第006号通函。本国政府愿参与GCC的工作，现谨提名以下两名代表。"
          "请将GCC在线会议的邀请及会议链接发送至上述代表。",
}


@pytest.mark.parametrize("language", sorted(BODIES))
def test_each_of_the_six_languages_is_recognised(language: str) -> None:
    assert detect_language(f"Subject: OpenWallet Forum GCC\n{ITU_ADDRESS}\n{BODIES[language]}") == language


def test_no_text_has_no_language() -> None:
    assert detect_language("") is None
    assert detect_language("  \n\t ") is None
    assert detect_language("k.owusu@moc.gov.gh 1/2 +233 302 666 465") is None


def test_an_arabic_letter_with_an_english_letterhead_is_arabic() -> None:
    letterhead = "\n".join([
        "Kingdom of Saudi Arabia", "Ministry of Communications and Information Technology",
        "Office of the Deputy Minister for Technology", "Riyadh 11112, P.O. Box 12345",
        "Ref: MCIT/2024/118", "www.mcit.gov.sa",
    ])
    body = "\n".join([BODIES["ar"]] * 3 + ["البريد الإلكتروني: a.alharbi@mcit.gov.sa"] * 3)
    assert detect_language(f"{letterhead}\n{body}") == "ar"


def test_an_english_letter_with_an_arabic_letterhead_is_english() -> None:
    letterhead = "سلطنة عمان\nوزارة النقل والاتصالات وتقنية المعلومات\nمكتب وكيل الوزارة للاتصالات"
    body = "\n".join(BODIES["en"].split(". "))
    assert detect_language(f"{letterhead}\nSultanate of Oman\n{body}\n{body}") == "en"


def test_chinese_ocr_output_with_spaces_and_latin_noise_is_chinese() -> None:
    ocr = ("新 加 坡 共和 国\n数码 发 展 及 新 闻 部\n地 址 : Place des Nations, CH-1211 Geneva 20, Switzerland\n"
           "事由 : 关于 提名 OpenVWallet 论 坛 政府 委员 会 (GCC) 代表 的 函\n"
           "电 子 邮件 : li_junjie@tech.gov.sg ) 为 主要 联系 人 。 E U ]")
    assert detect_language(ocr) == "zh"


def test_russian_letter_with_latin_addresses_is_russian() -> None:
    text = (f"Place des Nations\nCH-1211 Женева 20, Швейцария\n{BODIES['ru']}\n"
            "Адрес электронной почты: d.savitsky@mpt.gov.by\nOpenWallet Forum")
    assert detect_language(text) == "ru"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_latin_languages_are_told_apart_despite_a_french_itu_address(language: str) -> None:
    address = ("Union internationale des télécommunications\nPlace des Nations\nCH-1211 Genève 20\nSuisse")
    assert detect_language(f"{address}\n{BODIES[language]}") == language


def test_the_answer_is_the_same_every_time() -> None:
    short = "Nominación GCC OpenWallet representantes"
    assert len({detect_language(short) for _ in range(20)}) == 1
