"""Who wrote the letter: a Member State, an IGO observer, a state outside ITU, or a private sender."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from extractors.country import _data, fold, resolve_origin
from extractors.fields import letter_score
from extractors.language import detect_language
from extractors.model import NO_ORIGIN, Attachment, Origin, UnreadableDocument
from extractors.readers import read_attachment

DATA = Path(__file__).resolve().parents[2] / "extractors" / "data"

ADDRESSEE = {
    "en": "Mr Seizo Onoe\nDirector, Telecommunication Standardization Bureau\nInternational Telecommunication Union\n"
          "Place des Nations\nCH-1211 Geneva 20\nSwitzerland",
    "fr": "Monsieur Seizo Onoe\nDirecteur du Bureau de la normalisation des télécommunications\n"
          "Union internationale des télécommunications\nPlace des Nations\nCH-1211 Genève 20\nSuisse",
    "es": "Sr. Seizo Onoe\nDirector de la Oficina de Normalización de las Telecomunicaciones\n"
          "Unión Internacional de Telecomunicaciones\nPlace des Nations\nCH-1211 Ginebra 20\nSuiza",
    "ru": "Директору Бюро стандартизации\nэлектросвязи Международного\nсоюза электросвязи\nг-ну Сейдзо Оноэ\n"
          "Place des Nations\nCH-1211 Женева 20, Швейцария",
    "ar": "سعادة السيد سيزو أونوي\nمدير مكتب تقييس الاتصالات\nالاتحاد الدولي للاتصالات\nجنيف - سويسرا",
    "zh": "致：国际电信联盟电信标准化局主任尾上诚藏先生\n地址：Place des Nations, CH-1211 Geneva 20, Switzerland",
}
"""The ITU addressee block every letter carries, in each language: it must never make a letter Swiss."""

BODY = {
    "en": "With reference to TSB Circular 006, I have the honour to inform you that {gov} wishes to take part "
          "in the work of the GCC and hereby nominates the following representatives.",
    "fr": "Me référant à la Circulaire TSB 006, j'ai l'honneur de vous faire savoir que {gov} souhaite "
          "participer aux travaux du GCC et désigne à cet effet les représentants suivants.",
    "es": "Me dirijo a usted en relación con la Circular TSB 006 para comunicarle que {gov} desea participar "
          "en los trabajos del GCC y designa a los siguientes representantes.",
    "ru": "Ссылаясь на Циркуляр БСЭ 006, имею честь сообщить, что {gov} выражает намерение участвовать в "
          "работе GCC и назначает следующих представителей.",
    "ar": "بالإشارة إلى المنشور المعمم رقم 006 يشرفني أن أحيطكم علماً بأن {gov} ترغب في المشاركة في أعمال اللجنة.",
    "zh": "兹复电信标准化局第006号通函。{gov}愿参与GCC的工作，现谨提名以下两名代表。",
}


SUBJECT = {
    "en": "Subject: Nomination of representatives to the Government Committee (GCC) of the OpenWallet Forum",
    "fr": "Objet : Désignation de représentants au Comité gouvernemental (GCC) de l'OpenWallet Forum",
    "es": "Asunto: Designación de representantes ante el Comité Gubernamental (GCC) del OpenWallet Forum",
    "ru": "О назначении представителей в Правительственный комитет (GCC) OpenWallet Forum",
    "ar": "الموضوع: ترشيح ممثلين في اللجنة الحكومية (GCC) لمنتدى OpenWallet",
    "zh": "事由：关于提名OpenWallet论坛政府委员会（GCC）代表的函",
}
"""Every subject line names the Government Committee: that is no sign of a government."""


def letter(language: str, letterhead: str, gov: str, closing: str = "") -> str:
    """A nomination letter as a reader gives its text: letterhead, addressee, subject, body, signature block."""
    return "\n".join([letterhead, "Ref.: 2024/118   21 November 2024", ADDRESSEE[language], SUBJECT[language],
                      BODY[language].format(gov=gov), closing or "Director General"])


def member(origin: Origin) -> str | None:
    return origin.country.code if origin.country else None


# ------------------------------------------------------------ Member States

LETTERS = [
    # (language, letterhead, government phrase, sender, expected)
    ("en", "REPUBLIC OF GHANA\nMinistry of Communications and Digitalisation", "the Government of the Republic of Ghana",
     "k.owusu@moc.gov.gh", "GHA"),
    ("en", "Republic of the Philippines\nDepartment of Information and Communications Technology",
     "the Government of the Republic of the Philippines", "intl@dict.gov.ph", "PHL"),
    ("en", "Papua New Guinea\nDepartment of Information and Communications Technology",
     "the Government of Papua New Guinea", "info@ict.gov.pg", "PNG"),
    ("en", "Republic of Korea\nMinistry of Science and ICT", "the Government of the Republic of Korea",
     "intl@msit.go.kr", "KOR"),
    ("en", "FEDERAL REPUBLIC OF NIGERIA\nFederal Ministry of Communications, Innovation and Digital Economy",
     "the Government of the Federal Republic of Nigeria", "dg@fmcide.gov.ng", "NGA"),
    ("en", "Republic of South Sudan\nMinistry of Information, Communication Technology and Postal Services",
     "the Government of the Republic of South Sudan", "ict@moict.gov.ss", "SSD"),
    ("en", "Commonwealth of Dominica\nMinistry of Governance and Public Service Reform", "the Government of Dominica",
     "ict@dominica.gov.dm", "DMA"),
    ("en", "Holy See\nSecretariat of State", "the Holy See", "segreteria@vatican.va", "VAT"),
    ("en", "UNITED KINGDOM\nDepartment for Science, Innovation and Technology", "the Government of the United Kingdom",
     "international@dsit.gov.uk", "GBR"),
    ("fr", "REPUBLIQUE DU CAMEROUN\nPaix - Travail - Patrie\nMinistère des Postes et Télécommunications",
     "le Gouvernement de la République du Cameroun", "sg@minpostel.gov.cm", "CMR"),
    ("fr", "Ministère du Développement Numérique, des Postes et des Télécommunications",
     "le Gouvernement malgache", "sg@mndpt.gov.mg", "MDG"),
    ("fr", "République démocratique du Congo\nMinistère des Postes, Télécommunications et Numérique",
     "le Gouvernement de la République démocratique du Congo", "cabinet@ptn.gouv.cd", "COD"),
    ("fr", "CONFÉDÉRATION SUISSE\nOffice fédéral de la communication OFCOM\n2501 Bienne, Suisse",
     "la Confédération suisse", "ir@bakom.admin.ch", "CHE"),
    ("es", "GOBIERNO DE ESPAÑA\nMinisterio para la Transformación Digital y de la Función Pública",
     "el Gobierno de España", "internacional@digital.gob.es", "ESP"),
    ("es", "ESTADOS UNIDOS MEXICANOS\nAgencia de Transformación Digital y Telecomunicaciones",
     "el Gobierno de los Estados Unidos Mexicanos", "ai@atdt.gob.mx", "MEX"),
    ("es", "República Dominicana\nInstituto Dominicano de las Telecomunicaciones",
     "el Gobierno de la República Dominicana", "ri@indotel.gob.do", "DOM"),
    ("ru", "РЕСПУБЛИКА БЕЛАРУСЬ\nМинистерство связи и информатизации Республики Беларусь",
     "Правительство Республики Беларусь", "mpt@mpt.gov.by", "BLR"),
    ("ru", "РОССИЙСКАЯ ФЕДЕРАЦИЯ\nМинистерство цифрового развития, связи и массовых коммуникаций",
     "Правительство Российской Федерации", "office@digital.gov.ru", "RUS"),
    ("ru", "КЫРГЫЗСКАЯ РЕСПУБЛИКА\nМинистерство цифрового развития", "Кабинет Министров Кыргызской Республики",
     "info@digital.gov.kg", "KGZ"),
    ("ru", "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
     "Правительство Республики Казахстан", "kense@mdai.gov.kz", "KAZ"),
    ("ar", "سلطنة عُمان\nوزارة النقل والاتصالات وتقنية المعلومات", "حكومة سلطنة عُمان", "ir@mtcit.gov.om", "OMN"),
    ("ar", "المملكة العربية السعـــودية\nوزارة الاتصالات وتقنية المعلومات", "حكومة المملكة العربية السعودية",
     "ir@mcit.gov.sa", "SAU"),
    ("ar", "جمهورية مصر العربية\nوزارة الاتصالات وتكنولوجيا المعلومات", "حكومة جمهورية مصر العربية",
     "ir@mcit.gov.eg", "EGY"),
    ("ar", "المملكة الأردنية الهاشمية\nوزارة الاقتصاد الرقمي والريادة\nعمان - الأردن",
     "حكومة المملكة الأردنية الهاشمية", "info@modee.gov.jo", "JOR"),
    ("zh", "新加坡共和国\n数码发展及新闻部\n国际关系司", "新加坡共和国政府", "ir@mddi.gov.sg", "SGP"),
    ("zh", "马来西亚数码部", "马来西亚政府", "ir@digital.gov.my", "MYS"),
    ("zh", "中华人民共和国工业和信息化部", "中华人民共和国政府", "ir@miit.gov.cn", "CHN"),
]


@pytest.mark.parametrize(("language", "letterhead", "gov", "sender", "expected"), LETTERS,
                         ids=[row[-1] for row in LETTERS])
def test_member_states_in_the_six_languages(language: str, letterhead: str, gov: str, sender: str,
                                            expected: str) -> None:
    origin = resolve_origin(letter(language, letterhead, gov), None, sender, "")
    assert member(origin) == expected
    assert origin.participant_type == "member_state"
    assert origin.sender_kind in ("government", "public_body")
    assert origin.conflicts == ()
    assert origin.confidence >= 0.8


@pytest.mark.parametrize(("language", "letterhead", "gov", "sender", "expected"), LETTERS,
                         ids=[row[-1] for row in LETTERS])
def test_the_letter_alone_names_the_country(language: str, letterhead: str, gov: str, sender: str,
                                            expected: str) -> None:
    assert member(resolve_origin(letter(language, letterhead, gov), None, None, "")) == expected


GOVERNMENT_PHRASES = [
    ("Правительства Российской Федерации", "RUS"), ("Правительство Азербайджанской Республики", "AZE"),
    ("Правительство Объединённых Арабских Эмиратов", "ARE"), ("Правительство Туркменистана", "TKM"),
    ("Правительство Грузии", "GEO"), ("Правительство Монголии", "MNG"), ("Правительство Нигера", "NER"),
    ("Правительство Нигерии", "NGA"), ("Правительство Мали", "MLI"), ("Правительство Египта", "EGY"),
    ("Правительство Социалистической Республики Вьетнам", "VNM"), ("Правительство Республики Корея", "KOR"),
    ("Gobierno de la República Bolivariana de Venezuela", "VEN"), ("Gobierno del Estado Plurinacional de Bolivia", "BOL"),
    ("Gouvernement de la République de Côte d’Ivoire", "CIV"), ("Gouvernement du Burkina Faso", "BFA"),
    ("حكومة المملكة المغربية", "MAR"), ("حكومة دولة الإمارات العربية المتحدة", "ARE"), ("الحكومة التونسية", "TUN"),
    ("日本国政府", "JPN"), ("大韩民国政府", "KOR"), ("泰王国政府", "THA"), ("越南社会主义共和国政府", "VNM"),
    ("Government of Georgia", "GEO"), ("Government of the Kingdom of Eswatini", "SWZ"), ("Government of Türkiye", "TUR"),
    ("Government of the Lao People’s Democratic Republic", "LAO"), ("Government of the Republic of Niger", "NER"),
    ("Government of Saint Vincent and the Grenadines", "VCT"), ("Government of Bosnia and Herzegovina", "BIH"),
    ("Government of the Co-operative Republic of Guyana", "GUY"), ("the Equatorial Guinea Government", "GNQ"),
    ("Government of the Kyrgyz Republic", "KGZ"), ("Government of the Democratic People's Republic of Korea", "PRK"),
]


@pytest.mark.parametrize(("phrase", "expected"), GOVERNMENT_PHRASES, ids=[p for p, _ in GOVERNMENT_PHRASES])
def test_the_many_ways_a_letter_names_its_government(phrase: str, expected: str) -> None:
    assert member(resolve_origin(f"Ministry of ICT\n{phrase}", None, None, "")) == expected


def test_people_named_like_countries_do_not_move_the_letter() -> None:
    text = letter("en", "REPUBLIC OF KENYA\nMinistry of ICT", "the Government of the Republic of Kenya",
                  "Representative 1\nFirst name: Chad\nLast name: Jordan\nOrganization name: Ministry of ICT")
    origin = resolve_origin(text, None, "ps@ict.go.ke", "")
    assert (member(origin), origin.conflicts) == ("KEN", ())


def test_russian_case_forms_match_their_stem() -> None:
    text = "Министерство связи Республики Узбекистан\nПравительства Республики Узбекистан"
    assert member(resolve_origin(text, None, None, "")) == "UZB"


def test_every_name_is_found_whole_however_its_words_are_spaced() -> None:
    """Each name of each state, its words parted by a line break, two spaces or a tab, is found
    whole from its first letter (a name's pattern is only made once a text spells it)."""
    states = _data().states
    names = json.loads((DATA / "country_names.json").read_text(encoding="utf-8"))
    for entry in names.values():
        for name in entry["names"]:
            words = fold(name).split()
            for gap in ("\n", "  ", "\t"):
                text = gap.join(words)
                assert states.find(text)[:1] == [(states.find(" ".join(words))[0][0], 0, len(text))], text


def test_ocr_latin_look_alikes_in_russian_words_are_read_as_cyrillic() -> None:
    ocr = "PEСПУБЛИКA БEЛAРУСЬ\nMинистерство связи и информатизации"  # P, E, A, M are Latin
    assert member(resolve_origin(ocr, None, None, "")) == "BLR"


def test_arabic_lines_in_visual_order_are_read_back() -> None:
    visual = "سلطنة عُمان"[::-1] + "\n" + "وزارة النقل والاتصالات"[::-1]
    assert fold(visual).splitlines()[0] == fold("سلطنة عمان")
    assert member(resolve_origin(visual + "\n" + ADDRESSEE["ar"], None, None, "")) == "OMN"


def test_amman_is_not_oman() -> None:
    text = letter("ar", "وزارة الاقتصاد الرقمي والريادة\nعمّان", "الحكومة")
    assert member(resolve_origin(text, None, "info@modee.gov.jo", "")) == "JOR"


@pytest.mark.parametrize("language", sorted(ADDRESSEE))
def test_the_itu_address_never_makes_a_letter_swiss(language: str) -> None:
    text = letter(language, "Ministry of ICT", "the Government")
    origin = resolve_origin(text, "Ministry of ICT", "dg@ict.go.ke", "")
    assert member(origin) == "KEN"
    assert origin.conflicts == ()


def test_a_permanent_mission_in_geneva_writes_for_its_country() -> None:
    letterhead = ("Permanent Mission of the Islamic Republic of Pakistan to the United Nations Office\n"
                  "and other International Organizations in Geneva\nRue de Moillebeau 56, 1209 Geneva, Switzerland")
    origin = resolve_origin(letter("en", letterhead, "the Government of Pakistan"), None,
                            "mission@pakmission.ch", "The Permanent Mission forwards the letter.")
    assert member(origin) == "PAK"
    assert origin.conflicts == ()


def test_a_mission_letterhead_wrapped_over_lines_does_not_make_the_letter_swiss() -> None:
    letterhead = ("Permanent Mission of the Republic of Kenya\nto the United Nations Office and other\n"
                  "International Organizations\nAvenue de la Paix 1-5\nSwitzerland")
    text = letter("en", letterhead, "the Government of the Republic of Kenya") + "\nGeneva, 20 November 2024"
    origin = resolve_origin(text, None, "mission@kenyamission.ch", "")
    assert (member(origin), origin.conflicts) == ("KEN", ())


def test_switzerlands_own_mission_in_geneva_writes_for_switzerland() -> None:
    letterhead = "Mission permanente de la Suisse auprès de l'Office des Nations Unies\nGenève"
    text = letter("fr", letterhead, "la Confédération suisse")
    assert member(resolve_origin(text, None, "gen.vertretung@eda.admin.ch", "")) == "CHE"


# ------------------------------------------------------- domains and conflicts


@pytest.mark.parametrize(("sender", "expected"), [
    ("registry@ict.go.ke", "KEN"), ("digital@dsit.gov.uk", "GBR"), ("contact@numerique.gouv.fr", "FRA"),
    ("info@digital.gob.es", "ESP"), ("ir@miit.gov.cn", "CHN"), ("ir@imda.gov.sg", "SGP"),
    ("x.y@bosa.fgov.be", "BEL"), ("info@digital.etat.lu", "LUX"), ("k@mcit.gov.ws", "WSM"),
])
def test_a_letter_without_a_country_name_is_placed_by_the_sender_domain(sender: str, expected: str) -> None:
    text = letter("en", "Ministry of Information and Communications Technology", "the Government")
    origin = resolve_origin(text, None, f"Registry <{sender}>", "")
    assert member(origin) == expected
    assert origin.participant_type == "member_state"


@pytest.mark.parametrize("sender", ["someone@gmail.com", "info@example.org", "x@company.co", "y@mail.ru"])
def test_generic_domains_place_nothing(sender: str) -> None:
    text = letter("en", "Ministry of Information and Communications Technology", "the Government")
    assert resolve_origin(text, None, sender, "").country is None


def test_letterhead_and_sender_domain_in_different_countries_is_a_conflict() -> None:
    text = letter("en", "REPUBLIC OF KENYA\nMinistry of Information, Communications and the Digital Economy",
                  "the Government of the Republic of Kenya")
    origin = resolve_origin(text, None, "someone@ict.go.ug", "")
    assert member(origin) == "KEN"
    assert origin.conflicts and "Kenya" in origin.conflicts[0] and "Uganda" in origin.conflicts[0]
    assert origin.confidence < 0.8


def test_two_governments_in_one_letter_is_a_conflict() -> None:
    text = letter("en", "REPUBLIC OF KENYA\nMinistry of ICT", "the Government of the Republic of Uganda")
    assert resolve_origin(text, None, None, "").conflicts


# ------------------------------------------------------------------- IGOs


def test_an_igo_is_an_observer_without_a_country() -> None:
    letterhead = "Asia-Pacific Telecommunity\nOffice of the Secretary General\nBangkok 10210, Thailand"
    gov = "the Asia-Pacific Telecommunity, an intergovernmental organization, as an observer,"
    origin = resolve_origin(letter("en", letterhead, gov, "Bangkok 10210, Thailand"), None,
                            "APT Secretariat <aptmail@apt.int>", "APT, Bangkok, Thailand")
    assert origin == Origin(None, "observer", "Asia-Pacific Telecommunity", "intergovernmental", (), origin.confidence)
    assert origin.confidence >= 0.7


def test_an_igo_writing_in_french_is_recognised_by_name_and_domain() -> None:
    text = letter("fr", "UNION AFRICAINE\nCommission de l'Union africaine\nAddis-Abeba, Éthiopie",
                  "la Commission de l'Union africaine, organisation intergouvernementale,")
    origin = resolve_origin(text, None, "infosoc@africa-union.org", "")
    assert (origin.participant_type, origin.observer_name, origin.country) == ("observer", "African Union Commission", None)


IGO_LETTERS = [
    ("fr", "UNION AFRICAINE DES TÉLÉCOMMUNICATIONS\nSecrétariat général\nNairobi, Kenya",
     "l'Union africaine des télécommunications", "sg@atu-uat.org", "African Telecommunications Union"),
    ("es", "COMISIÓN INTERAMERICANA DE TELECOMUNICACIONES\nOrganización de los Estados Americanos\n"
           "Washington, D.C., Estados Unidos", "la CITEL", "citel@oas.org",
     "Inter-American Telecommunication Commission (CITEL/OAS)"),
    ("ar", "جامعة الدول العربية\nالأمانة العامة\nالقاهرة، جمهورية مصر العربية", "جامعة الدول العربية", "info@las.int",
     "League of Arab States"),
    ("ru", "Региональное содружество в области связи\nИсполнительный комитет\nМосква, Российская Федерация",
     "Региональное содружество в области связи", "ecrcc@rcc.org.ru",
     "Regional Commonwealth in the field of Communications (RCC)"),
    ("zh", "亚太电信组织\n秘书长办公室", "亚太电信组织", "aptmail@apt.int", "Asia-Pacific Telecommunity"),
]


@pytest.mark.parametrize(("language", "letterhead", "gov", "sender", "expected"), IGO_LETTERS,
                         ids=[row[0] for row in IGO_LETTERS])
def test_igos_in_the_six_languages_are_observers_despite_their_host_country(
        language: str, letterhead: str, gov: str, sender: str, expected: str) -> None:
    origin = resolve_origin(letter(language, letterhead, gov), None, sender, "")
    assert (origin.country, origin.participant_type, origin.observer_name) == (None, "observer", expected)


def test_an_igo_letterhead_outweighs_its_host_country_without_a_known_domain() -> None:
    text = letter("en", "Economic Community of West African States\nAbuja, Federal Republic of Nigeria",
                  "the Commission", "Abuja, Nigeria")
    origin = resolve_origin(text, None, "someone@ecowas-comm.org", "")
    assert (origin.country, origin.observer_name) == (None, "Economic Community of West African States (ECOWAS)")


def test_the_european_commission_by_its_domain() -> None:
    text = letter("en", "EUROPEAN COMMISSION\nDirectorate-General for Communications Networks, Content and Technology",
                  "the European Commission")
    origin = resolve_origin(text, None, "cnect-international@ec.europa.eu", "")
    assert origin.observer_name == "European Commission"


def test_palestine_takes_part_as_an_observer_not_a_member_state() -> None:
    text = letter("en", "State of Palestine\nMinistry of Telecom and Digital Economy", "the State of Palestine")
    origin = resolve_origin(text, None, "info@mtit.pna.ps", "")
    assert (origin.country, origin.participant_type, origin.observer_name) == (None, "observer", "State of Palestine")


def test_taiwan_is_a_state_outside_itu() -> None:
    text = letter("en", "Ministry of Digital Affairs\nTaiwan", "the Government of Taiwan")
    origin = resolve_origin(text, None, "intl@moda.gov.tw", "")
    assert (origin.country, origin.participant_type, origin.sender_kind) == (None, None, "non_member_state")


# ------------------------------------------------------------ who the sender is


def test_a_company_is_a_private_sender_even_with_a_country_in_its_address() -> None:
    letterhead = "4th Floor, 21 Cannon Street\nLondon EC4M 6XH, United Kingdom\nAcme Identity Ltd\nPublic Sector Solutions"
    text = letter("en", letterhead, "Acme Identity Ltd", "Chief Executive Officer\nRegistered in England No. 118")
    origin = resolve_origin(text, "Acme Identity Ltd", "ceo@acme-id.com", "We look forward to the link.")
    assert origin == Origin(None, None, None, "private", (), origin.confidence)


@pytest.mark.parametrize(("language", "letterhead"), [
    ("en", "Wallet Solutions GmbH\nBerlin"), ("es", "IdentiTech S.A.\nMadrid, España"),
    ("zh", "数字身份科技有限公司\n北京"), ("en", "GSMA\nLondon"), ("fr", "Identité Numérique SARL\nDakar, Sénégal"),
    ("ru", "ООО «Цифровой кошелёк»\nМосква, Россия"), ("ar", "شركة الهوية الرقمية\nالرياض، المملكة العربية السعودية"),
])
def test_companies_and_industry_bodies_in_any_language_are_private_senders(language: str, letterhead: str) -> None:
    origin = resolve_origin(letter(language, letterhead, "our company"), None, "info@example.com", "")
    assert origin.sender_kind == "private"
    assert origin.country is None


def test_an_individual_with_a_free_mail_address_is_a_private_sender() -> None:
    text = "Dear Sir,\nI would like to nominate myself to the GCC of the OpenWallet Forum.\nJohn Smith, Nairobi, Kenya"
    origin = resolve_origin(text, None, "john.smith1988@gmail.com", "Please find my application.")
    assert (origin.country, origin.participant_type, origin.sender_kind) == (None, None, "private")


def test_a_government_letter_sent_from_a_free_mail_address_stays_a_government() -> None:
    text = letter("en", "REPUBLIC OF MALAWI\nMinistry of Information and Digitalization",
                  "the Government of the Republic of Malawi")
    origin = resolve_origin(text, None, "mw.ict.ministry@gmail.com", "")
    assert (member(origin), origin.sender_kind) == ("MWI", "government")


def test_nothing_to_read_decides_nothing() -> None:
    assert resolve_origin("", None, None, "") == NO_ORIGIN


UNLISTED_IGOS = [
    ("en", "Organisation of Eastern Caribbean States", "as an observer", "info@oecs.int"),
    ("es", "Secretaría General Iberoamericana", "en calidad de observador", "despacho@segib.org"),
    ("fr", "Communauté économique et monétaire de l'Afrique centrale", "en qualité d'observateur",
     "cabinet@cemac.int"),
    ("ru", "Евразийский банк развития", "в качестве наблюдателя", "info@eabr.int"),
    ("ar", "المنظمة العربية للتنمية الإدارية", "بصفة مراقب", "info@arado.int"),
    ("zh", "国际移动卫星组织", "作为观察员", "info@imso.int"),
]
"""IGOs missing from data/igos.json, each with its own domain and saying it would be an observer."""


@pytest.mark.parametrize(("language", "name", "observer", "sender"), UNLISTED_IGOS, ids=[r[0] for r in UNLISTED_IGOS])
def test_an_unlisted_igo_is_recognised_by_its_name_and_two_more_signs(
        language: str, name: str, observer: str, sender: str) -> None:
    """Its name built like an IGO's, and two of: a .int domain, a domain that spells the name, 'as an observer'."""
    origin = resolve_origin(letter(language, name, f"{name} ({observer})"), None, sender, "")
    assert (origin.country, origin.participant_type, origin.observer_name, origin.sender_kind) == (
        None, "observer", name, "intergovernmental")
    assert not origin.conflicts and origin.confidence >= 0.6


@pytest.mark.parametrize(("language", "name", "observer", "sender"), UNLISTED_IGOS, ids=[r[0] for r in UNLISTED_IGOS])
def test_an_unlisted_igo_with_one_sign_only_goes_to_a_person(language: str, name: str, observer: str,
                                                            sender: str) -> None:
    origin = resolve_origin(letter(language, name, f"{name} ({observer})"), None, "office@example.org", "")
    assert (origin.country, origin.participant_type, origin.observer_name) == (None, "observer", name)
    assert origin.conflicts and origin.confidence < 0.6
    assert "[participants] observers" in origin.conflicts[0]


@pytest.mark.parametrize("entry", ["Shanghai Cooperation Organisation", "sectsco.org"])
def test_the_secretariat_adds_observers_by_name_or_domain(entry: str) -> None:
    text = letter("en", "Shanghai Cooperation Organisation\nSecretariat\nBeijing", "the SCO")
    assert resolve_origin(text, None, "info@sectsco.org", "").participant_type is None
    origin = resolve_origin(text, None, "info@sectsco.org", "", observers=(entry,))
    assert (origin.country, origin.participant_type, origin.observer_name, origin.sender_kind) == (
        None, "observer", entry, "intergovernmental")


@pytest.mark.parametrize(("letterhead", "sender"), [
    ("Ministry of ICT\nRepublic of Kenya", "ps@ict.go.ke"),
    ("Ministry of Communications\nRepublic of Ghana", "info@moc.gov.gh"),
])
def test_a_member_state_mentioning_an_african_body_stays_a_member_state(letterhead: str, sender: str) -> None:
    text = letter("en", letterhead, "the Government, which chairs the Regional Economic Commission this year,")
    assert resolve_origin(text, None, sender, "").participant_type == "member_state"


def test_a_country_named_without_any_sign_of_a_government_is_left_to_a_person() -> None:
    text = letter("en", "Digital Wallet Partners\nNairobi, Kenya", "Digital Wallet Partners")
    origin = resolve_origin(text, None, "office@dwp.or.ke", "")
    assert member(origin) == "KEN"
    assert origin.sender_kind is None
    assert origin.confidence < 0.6


def test_a_company_domain_without_a_government_letterhead_is_a_private_sender() -> None:
    text = letter("en", "Digital Wallet Partners\nNairobi, Kenya", "Digital Wallet Partners")
    assert resolve_origin(text, None, "office@dwp-africa.com", "").sender_kind == "private"


def test_the_united_states_by_its_gov_domain() -> None:
    text = letter("en", "U.S. Department of State\nBureau of Cyberspace and Digital Policy", "the Government")
    assert member(resolve_origin(text, None, "cdp@state.gov", "")) == "USA"


@pytest.mark.parametrize(("letterhead", "sender"), [
    ("Digital Rights Foundation\nNairobi, Kenya", "info@drf.org"),
    ("Safaricom PLC\nNairobi, Kenya", "info@safaricom.co.ke"),
    ("Wallet Consulting\nNairobi, Kenya", "info@walletconsult.co.ke"),
])
def test_associations_and_local_companies_are_private_senders(letterhead: str, sender: str) -> None:
    origin = resolve_origin(letter("en", letterhead, "we"), None, sender, "")
    assert (origin.country, origin.sender_kind) == (None, "private")


@pytest.mark.parametrize(("language", "letterhead", "sender", "gov"), [
    ("fr", "Cabinet Dupont & Associés\nParis", "contact@dupont-associes.fr", "notre cabinet de conseil"),
    ("en", "Brightline Consulting\nNairobi, Kenya", "office@brightline.co.ke", "our firm"),
    ("en", "University of Nairobi\nSchool of Computing", "dean@uonbi.ac.ke", "the University"),
    ("es", "Universidad de Chile\nFacultad de Ciencias", "decano@uchile.cl", "nuestra universidad"),
    ("ru", "Московский университет связи\nРекторат", "rector@mtuci.ru", "университет"),
    ("ar", "جامعة القاهرة\nكلية الحاسبات", "dean@cu.edu.eg", "الجامعة"),
    ("zh", "清华大学网络科学与网络空间研究院", "office@tsinghua.edu.cn", "我院作为高校研究机构"),
])
def test_consultancies_and_universities_are_private_senders(language: str, letterhead: str, sender: str,
                                                         gov: str) -> None:
    origin = resolve_origin(letter(language, letterhead, gov), None, sender, "")
    assert (origin.participant_type, origin.sender_kind) == (None, "private")


def test_a_chinese_government_letter_from_a_short_domain_is_public() -> None:
    text = letter("zh", "马来西亚数码部", "马来西亚政府", "此致\n李国华\n副秘书长")
    assert resolve_origin(text, None, "x@kd.my", "").sender_kind in ("government", "public_body")


# ------------------------------------------------------------------- data


def test_the_data_covers_itus_194_member_states_and_only_them() -> None:
    states = json.loads((DATA / "country_names.json").read_text(encoding="utf-8"))
    assert len(states) == 194
    assert {"VAT", "CHE", "SSD", "KOR", "PRK"} <= set(states)
    assert not {"PSE", "TWN", "HKG", "ESH"} & set(states)


def test_the_data_file_is_what_the_generator_writes() -> None:
    from extractors.data.build_countries import build

    assert json.loads((DATA / "country_names.json").read_text(encoding="utf-8")) == build()


# ----------------------------------------------------------------- corpus

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _corpus_cases() -> list[Path]:
    return sorted((CORPUS / "cases").iterdir()) if CORPUS.exists() else []


def _letter_and_mail(case: Path) -> tuple[str, str, str]:
    """(letter text, cover mail text, sender) of one corpus message, the letter read as the bot reads it."""
    message = email.message_from_bytes((case / "message.eml").read_bytes(), policy=email.policy.default)
    texts, documents = [], []
    for part in message.walk():
        if part.get_filename():
            try:
                document = read_attachment(Attachment(part.get_filename(), part.get_content_type(),
                                                      part.get_payload(decode=True) or b""))
            except UnreadableDocument:
                continue
            if document is not None:
                documents.append(document.text)
        elif part.get_content_type() == "text/plain":
            texts.append(part.get_content())
    mail = f"{message['Subject']}\n" + "\n".join(texts)
    letter = max(documents, key=letter_score, default="")
    return (letter if letter_score(letter) >= 0.35 else mail), mail, str(message["From"])


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="development corpus not present")
@pytest.mark.parametrize("case", _corpus_cases(), ids=lambda case: case.name)
def test_corpus_letters_resolve_to_their_expected_origin_and_language(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    letter_text, mail_text, sender = _letter_and_mail(case)
    origin = resolve_origin(letter_text, None, sender, mail_text)
    if expected["decision"] == "not_eligible":
        assert (origin.country, origin.participant_type) == (None, None)
        assert origin.sender_kind in ("private", "non_member_state")
    if expected.get("country") is not None:
        assert member(origin) == expected["country"]
    if expected.get("participant_type") is not None:
        assert origin.participant_type == expected["participant_type"]
        assert origin.sender_kind not in (None, "private") and origin.conflicts == ()
    if expected.get("language") is not None:
        assert detect_language(letter_text) == expected["language"]
