"""The signatory under the courtesy formula, in the six languages, as text PDFs and OCR deliver it."""

import pytest

from extractors.fields.signatory import find_signatory
from extractors.model import Signatory

FOOTER_EN = "12 Harbour Road | P.O. Box 1234, Capital City\nTel: +1 555 0100 | info@ict.gov.example | www.ict.gov.example\n2/2\n"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a signature scribble read by OCR as a word, before the typed name
        ("Please accept, Sir, the assurances of my highest consideration.\nyp Mean\nDr. Amara K. Osei\n"
         "Permanent Secretary - Digital Economy\n" + FOOTER_EN, "en",
         Signatory("Dr. Amara K. Osei", "Permanent Secretary - Digital Economy")),
        # digits and vowel-less debris
        ("Yours sincerely,\n6 on\nmm\nLucía Fernández Ortiz\nDirector General\n" + FOOTER_EN, "en",
         Signatory("Lucía Fernández Ortiz", "Director General")),
        # a title that wraps onto a second line
        ("Atentamente,\nMaría José Ortega Navarro\nDirectora General de Digitalización e\nInteligencia Artificial\n"
         "C/ Poeta Joan Maragall, 41 | 28020 Madrid\n", "es",
         Signatory("María José Ortega Navarro", "Directora General de Digitalización e Inteligencia Artificial")),
        # title above the name
        ("Veuillez agréer, Monsieur le Directeur, l'expression de ma haute considération.\nLe Ministre\n"
         "Pierre-Alain Mbemba\nAvenue de la Paix | B.P. 114\n", "fr",
         Signatory("Pierre-Alain Mbemba", "Le Ministre")),
        # Latin debris in a Chinese letter, then the date and the address
        ("顺致崇高的敬意！\nAre\n4\n郑文达\n首席执行官\n2024年11月25日\n新加坡海洋坊10号|邮区098632\n", "zh",
         Signatory("郑文达", "首席执行官")),
        # an Arabic address line is not a name; the name with 'بن' is
        ("وتفضلوا بقبول فائق الاحترام والتقدير،\n4. شارع الدكتور سعدان\nمحمد الأمين بن عيسى\nالأمين العام\n", "ar",
         Signatory("محمد الأمين بن عيسى", "الأمين العام")),
        # Russian: title and initials-name on one line
        ("Пользуясь случаем, выражаю Вам уверения в моем глубоком уважении.\nПервый заместитель директора Р.Д. Саидов\n"
         "ул. Рудаки, 57, 734025, г. Душанбе\n", "ru",
         Signatory("Р.Д. Саидов", "Первый заместитель директора")),
    ],
)
def test_signatory_despite_ocr_debris_and_footers(text: str, language: str, expected: Signatory) -> None:
    assert find_signatory(text, language) == expected


def test_a_whole_name_is_preferred_to_one_the_scan_cut() -> None:
    text = "Atentamente,\ndrés Felipe Rojas Peña\nAndrés Felipe Rojas Peña\nViceministro de Transformación Digital\n"
    assert find_signatory(text, "es") == Signatory("Andrés Felipe Rojas Peña", "Viceministro de Transformación Digital")


@pytest.mark.parametrize("cut", ["in-Claude Ndongo Essomba", "-Claude Ndongo Essomba"])
def test_a_cut_name_is_kept_when_it_is_all_there_is(cut: str) -> None:
    text = f"haute considération.\n{cut}\nLe Secrétaire Général\nAvenue Marchand | B.P. 1571\n"
    assert find_signatory(text, "fr") == Signatory(cut, "Le Secrétaire Général")


def test_without_a_known_closing_the_last_lines_give_name_and_title() -> None:
    russian = ("Просим направить приглашение указанному представителю.\nСтатс-секретарь Б.К. Абдыкеримов\n"
               "ул. Исанова, 54, 720001, г. Бишкек\nтел. +996 312 62 2000 | www.digital.gov.kg\n")
    mail = "Please find attached our nomination letter.\n\nFa'afetai,\n\nLeota Tauiliili\nPrincipal ICT Officer\nMinistry of ICT\n"
    assert find_signatory(russian, "ru") == Signatory("Б.К. Абдыкеримов", "Статс-секретарь")
    assert find_signatory(mail, "en") == Signatory("Leota Tauiliili", "Principal ICT Officer")


def test_without_a_closing_a_lone_name_is_not_taken_for_the_signatory() -> None:
    assert find_signatory("We attach the letter.\nJohn Smith\n", "en") == Signatory()


def test_no_name_when_only_the_footer_follows_the_closing() -> None:
    text = "وتفضلوا بقبول فائق الاحترام والتقدير.\n4. شارع الد\nالهاتف: 21711220 213+\nwww.mpt.gov.dz\n"
    assert find_signatory(text, "ar") == Signatory()


CLOSING_WORDINGS = {
    "en": ["Please accept, Sir, the assurances of my highest consideration.", "Yours faithfully,",
           "I avail myself of this opportunity to renew the assurances of my highest consideration."],
    "fr": ["Je vous prie de croire, Monsieur le Directeur, à l'assurance de mes sentiments les meilleurs.",
           "Veuillez agréer, Monsieur le Directeur, l'expression de ma considération distinguée.",
           "Cordialement,"],
    "es": ["Aprovecho la oportunidad para reiterarle el testimonio de mi más alta consideración.",
           "Hago propicia la ocasión para saludarle atentamente.", "Reciba un cordial saludo."],
    "ru": ["С уважением,", "Пользуясь случаем, выражаю Вам уверения в моем глубоком уважении."],
    "ar": ["مع أطيب التحيات،", "وتفضلوا بقبول فائق الاحترام والتقدير،", "وتقبلوا فائق الاحترام،"],
    "zh": ["此致\n敬礼", "顺致崇高的敬意！"],
}
SIGNATORIES = {
    "en": ("Amara K. Osei", "Permanent Secretary"),
    "fr": ("Ramatoulaye Diallo", "Le Secrétaire général du Ministère"),
    "es": ("Karla Alvarado Soto", "Viceministra de Telecomunicaciones"),
    "ru": ("А.В. Ковальчук", "Заместитель Министра"),
    "ar": ("راشد الكعبي", "المدير العام"),
    "zh": ("王晓明", "部长"),
}


@pytest.mark.parametrize("language", list(CLOSING_WORDINGS))
def test_the_signatory_follows_any_usual_closing_even_over_a_page_break(language: str) -> None:
    """Each closing wording, the name directly after it or after the page's number line."""
    name, title = SIGNATORIES[language]
    for closing in CLOSING_WORDINGS[language]:
        for page_break in ("", "– 1 –\n"):
            text = f"Representative 1\nE-mail: a.b@gov.example\n{closing}\n{page_break}{name}\n{title}\n" + FOOTER_EN
            assert find_signatory(text, language) == Signatory(name, title), (closing, page_break)


@pytest.mark.parametrize("title", ["Titular de la Unidad de Política Digital", "Coordinadora General de Gobierno Digital",
                                   "Encargado de Negocios a.i."])
def test_a_title_alone_names_the_office_when_the_signature_covers_the_name(title: str) -> None:
    """On a scan a signature drawn over the name leaves only debris of it; the title line still reads."""
    text = f"e.delagarza@atdt.gob.mx\nAtentamente,\nna Ramír .\n{title}\n"
    assert find_signatory(text, "es") == Signatory(None, title)


@pytest.mark.parametrize("title", ["所长", "院长", "行长", "常任秘书", "副司长"])
@pytest.mark.parametrize("debris", ["ey", "SN", "|", "i"])
def test_a_chinese_title_under_a_signature_is_read_without_the_latin_debris_glued_to_it(title: str, debris: str) -> None:
    """A scan reads the strokes of a signature or seal beside a Chinese title as a few Latin letters
    ('所长ey'); the name under the signature may not be read at all, the title still names the office."""
    text = f"电子邮件：zhou_ha@pbc.gov.cn。\n特此函告。\nees\n飞|\n{title}{debris}\n"
    assert find_signatory(text, "zh") == Signatory(None, title)
    assert find_signatory(f"特此函告。\n周海涛\n{debris}{title}\n", "zh") == Signatory("周海涛", title)
