"""Prose wordings beyond the corpus: other verbs, no brackets, several people per sentence, roles before names."""

import pytest

from extractors.fields.nlp import analyse
from extractors.fields.prose import parse_prose


def fields(text: str, language: str) -> list[tuple]:
    nominees, _ = parse_prose(text, language)
    return [(n.title, n.first_name, n.last_name, n.job_title, n.organization, n.email, n.role) for n in nominees]


def test_english_designation_without_brackets_and_the_organisation_inside_the_job() -> None:
    text = ("We are pleased to designate Ms Jane Doe, Senior Adviser at the Ministry of X, jane.doe@x.gov, "
            "as our main focal point.")
    assert fields(text, "en") == [("Ms", "Jane", "Doe", "Senior Adviser", "Ministry of X", "jane.doe@x.gov", "primary")]


def test_two_nominees_in_one_sentence_each_with_the_role_after_the_details() -> None:
    text = ("I nominate Mr John Smith, Director, Ministry of Digital Affairs (john.smith@mda.example), as primary "
            "contact, and Ms Mary O'Neil, Principal Adviser, Ministry of Digital Affairs (mary.oneil@mda.example), "
            "as designated alternate.")
    assert fields(text, "en") == [
        ("Mr", "John", "Smith", "Director", "Ministry of Digital Affairs", "john.smith@mda.example", "primary"),
        ("Ms", "Mary", "O'Neil", "Principal Adviser", "Ministry of Digital Affairs", "mary.oneil@mda.example", "alternate"),
    ]


def test_roles_announced_before_the_names_with_a_colon() -> None:
    text = ("As primary contact: Dr Aisha Bello, Director, NITDA (aisha.bello@nitda.example); as designated "
            "alternate: Mr Musa Ibrahim, Deputy Director, NITDA (musa.ibrahim@nitda.example).")
    assert [(n[2], n[6]) for n in fields(text, "en")] == [("Bello", "primary"), ("Ibrahim", "alternate")]


def test_an_adviser_by_job_title_keeps_the_role_the_letter_gives() -> None:
    text = "I nominate Dr Lee Kim, Senior Adviser, Ministry of Science (lee.kim@msit.example), as primary contact."
    assert fields(text, "en")[0][3:] == ("Senior Adviser", "Ministry of Science", "lee.kim@msit.example", "primary")


def test_a_role_without_an_email_is_enough_and_initials_do_not_end_the_sentence() -> None:
    text = "I nominate H.E. Dr. Ali A. Rahman, Undersecretary, Ministry of Communications, as primary contact."
    assert fields(text, "en") == [("H.E. Dr.", "Ali A.", "Rahman", "Undersecretary", "Ministry of Communications", None, "primary")]


def test_french_government_designates_an_alternate() -> None:
    text = ("Le Gouvernement désigne M. Paul Durand, chef du service des normes, Agence nationale des fréquences "
            "(courriel : paul.durand@anfr.example), en qualité de suppléant.")
    assert fields(text, "fr") == [("M.", "Paul", "Durand", "chef du service des normes", "Agence nationale des fréquences",
                                   "paul.durand@anfr.example", "alternate")]


def test_spanish_doctor_and_engineer_in_one_sentence() -> None:
    text = ("Por la presente se designa a la Dra. María Pérez Gómez, Directora de Gobierno Electrónico del Ministerio "
            "de Tecnologías (mperez@mintic.example), en calidad de punto focal, y al Ing. Carlos Ruiz, Asesor, "
            "Ministerio de Tecnologías (cruiz@mintic.example), como asesor designado.")
    assert fields(text, "es") == [
        ("Dra.", "María", "Pérez Gómez", "Directora de Gobierno Electrónico", "Ministerio de Tecnologías",
         "mperez@mintic.example", "primary"),
        ("Ing.", "Carlos", "Ruiz", "Asesor", "Ministerio de Tecnologías", "cruiz@mintic.example", "advisor"),
    ]


def test_russian_alternate_after_the_details() -> None:
    text = ("Назначается г-жа Анна Петрова, начальник отдела, Министерство связи (эл. почта: a.petrova@minsvyaz.example), "
            "в качестве запасного контактного лица.")
    assert fields(text, "ru") == [("г-жа", "Анна", "Петрова", "начальник отдела", "Министерство связи",
                                   "a.petrova@minsvyaz.example", "alternate")]


def test_arabic_advisor_with_an_arabic_comma() -> None:
    text = ("ترشح الوزارة السيدة فاطمة الزهراء، مديرة التنظيم، هيئة تنظيم الاتصالات (البريد الإلكتروني: f.zahra@tra.example) "
            "بصفتها مستشارة.")
    assert fields(text, "ar") == [("السيدة", "فاطمة", "الزهراء", "مديرة التنظيم", "هيئة تنظيم الاتصالات",
                                   "f.zahra@tra.example", "advisor")]


def test_chinese_two_nominees_with_compound_surname_and_other_verbs() -> None:
    text = ("兹任命欧阳明华先生（国家数据局，处长，电子邮件：ouyang@nda.example）作为主要联系人，"
            "张伟博士（国家数据局，副处长，电子邮件：zhang.wei@nda.example）为指定顾问。")
    assert fields(text, "zh") == [
        ("先生", "明华", "欧阳", "处长", "国家数据局", "ouyang@nda.example", "primary"),
        ("博士", "伟", "张", "副处长", "国家数据局", "zhang.wei@nda.example", "advisor"),
    ]


def test_people_without_email_or_role_are_not_nominees() -> None:
    text = "Mr Seizo Onoe\nDirector, Telecommunication Standardization Bureau\nDear Mr Onoe,\nMr Paul Smith, Director, will attend."
    assert fields(text, "en") == []


@pytest.mark.parametrize(
    ("language", "text", "token"),
    [
        ("en", "nominate Dr. Ramon Dela Cruz", "Dr."),
        ("en", "nominate Engr. Katrina Villanueva", "Engr."),
        ("es", "designa a Dña. Ana Pérez", "Dña."),
        ("es", "designa a Sr. Matías Fuentes", "Sr."),
        ("fr", "désigne M. Paul Durand", "M."),
        ("ru", "назначается г-н Нурлан Токтогулов", "г-н"),
        ("ar", "أرشح السيد كريم بن عمار", "السيد"),
        (None, "I nominate Dr. A. Smith", "Dr."),
    ],
)
def test_honorifics_stay_one_token_and_end_no_sentence(language: str | None, text: str, token: str) -> None:
    analysis = analyse(text, language)
    assert token in [t.text for t in analysis.doc]
    assert len(list(analysis.doc.sents)) == 1
    assert [span.text for span in analysis.found["TITLE"]] == [token]


def test_chinese_is_read_per_character_and_emails_stay_whole() -> None:
    analysis = analyse("兹提名李俊杰先生（电子邮件：li@tech.example）为主要联系人。", "zh")
    words = [t.text for t in analysis.doc]
    assert words[:8] == list("兹提名李俊杰先生") and "li@tech.example" in words
    assert [s.text for s in analysis.found["HONORIFIC"]] == ["先生"]
    assert [s.text for s in analysis.found["NOMINATE"]] == ["提名"]


def test_lower_case_particles_and_an_address_wrapped_after_a_dot() -> None:
    text = ("I have the honour to nominate Mr. Juan dela Cruz, Director, DICT (e-mail: juan.delacruz@dict.gov.\n"
            "ph), as designated alternate.")
    assert fields(text, "en") == [("Mr.", "Juan", "dela Cruz", "Director", "DICT", "juan.delacruz@dict.gov.ph", "alternate")]


def test_french_organisation_after_an_elided_article() -> None:
    text = ("J'ai l'honneur de désigner M. Jean-Pierre N'Diaye, Directeur général de l'Agence de régulation des "
            "télécommunications (jp.ndiaye@art.example), comme point focal.")
    assert fields(text, "fr") == [("M.", "Jean-Pierre", "N'Diaye", "Directeur général", "Agence de régulation des télécommunications",
                                   "jp.ndiaye@art.example", "primary")]


def test_a_person_named_twice_is_one_nominee() -> None:
    text = "特此推荐张伟先生担任主要联系人。张伟先生的电子邮件：zhang.wei@miit.example。"
    nominees, _ = parse_prose(text, "zh")
    assert [(n.last_name, n.first_name, n.role, n.email) for n in nominees] == [("张", "伟", "primary", "zhang.wei@miit.example")]


@pytest.mark.parametrize("opener", ["who serves as", "who is currently", "currently"])
@pytest.mark.parametrize("institution", ["the African Union Commission", "the Ministry of Digital Transformation"])
def test_a_job_then_an_institution_after_at_and_the_address_in_the_next_sentence(opener: str, institution: str) -> None:
    text = (f"As Primary contact, we designate Ms. Claudine Chirwa, {opener} Deputy Director, e-Government Services "
            f"at {institution}. Claudine Chirwa can be reached at c.chirwa@africa-union.org. As Adviser, we "
            f"designate Dr Patrick Banda, {opener} Counsellor at {institution}. Patrick Banda can be reached at "
            "p.banda@africa-union.org.\nPlease accept, Sir, the assurances of my highest consideration.")
    organisation = institution.removeprefix("the ")
    assert fields(text, "en") == [
        ("Ms.", "Claudine", "Chirwa", "Deputy Director, e-Government Services", organisation, "c.chirwa@africa-union.org",
         "primary"),
        ("Dr", "Patrick", "Banda", "Counsellor", organisation, "p.banda@africa-union.org", "advisor"),
    ]


def test_an_address_printed_without_its_at_sign_is_kept_for_the_email_rule() -> None:
    text = ("As Designated alternate, we designate Dr. Marlon Forde, who serves as Chief Technology Officer at the "
            "Permanent Mission. Marlon Forde can be reached at marlon.forde.mdt.gov.tt.")
    assert fields(text, "en")[0][5] == "marlon.forde.mdt.gov.tt"


@pytest.mark.parametrize(("title", "role_words", "role"), [
    ("Monsieur", "contact principal", "primary"), ("Madame", "suppléant", "alternate"), ("S.E.M.", "conseiller", "advisor"),
])
def test_french_courtesy_titles_and_the_institution_in_brackets(title: str, role_words: str, role: str) -> None:
    text = (f"En qualité de {role_words}, nous désignons {title} Hervé Kabasele, Chef du service de l'identité "
            "numérique (Ministère de l'Économie numérique), joignable à l'adresse hkabasele@numerique.gouv.ga.")
    assert fields(text, "fr") == [(title, "Hervé", "Kabasele", "Chef du service de l'identité numérique",
                                   "Ministère de l'Économie numérique", "hkabasele@numerique.gouv.ga", role)]


@pytest.mark.parametrize(("name", "first", "last"), [
    ("к.т.н. Кузнецов Андрей", "Андрей", "Кузнецов"), ("г-жа Волкова Лилит Араратовна", "Лилит Араратовна", "Волкова"),
    ("г-н Андрей Николаевич Смирнов", "Андрей Николаевич", "Смирнов"), ("г-жа Юлия Иванова", "Юлия", "Иванова"),
])
def test_russian_names_with_patronymics_in_either_order(name: str, first: str, last: str) -> None:
    text = (f"В качестве основного контактного лица назначается {name}, главный специалист, Министерство связи "
            "(эл. почта: a.k@mpt.gov.by).")
    assert fields(text, "ru")[0][1:3] == (first, last)


@pytest.mark.parametrize(("title", "name", "email", "first", "last"), [
    ("Lic.", "Luis Alberto Vega", "luisalbertov@pcm.gob.pe", "Luis Alberto", "Vega"),
    ("D.ª", "Ana María López Ruiz", "anamaria.lopez@mintic.gob.es", "Ana María", "López Ruiz"),
    ("Mtro.", "Jorge Díaz Ortega", "j.diaz@atdt.gob.mx", "Jorge", "Díaz Ortega"),
    ("D.", "José Luis Díaz", "joseluisd@atdt.gob.mx", "José Luis", "Díaz"),
    ("D.", "Carlos Andrés Castillo", "ccastillo@ogtic.gob.do", "Carlos Andrés", "Castillo"),
    ("Sra.", "Ana Lucía Solís Mora", "asolismora@ogtic.gob.do", "Ana Lucía", "Solís Mora"),
    ("Sr.", "Juan Pablo Rojas Vera", "jp.rojasvera@mintel.gob.ec", "Juan Pablo", "Rojas Vera"),
    ("Sra.", "María José García López", "mgarcia@mintic.gob.co", "María José", "García López"),
    ("Sra.", "María José García López", "mj.garcia@mintic.gob.co", "María José", "García López"),
    ("Dra.", "Claudia Patricia de León Rivas", "cdeleon@sit.gob.gt", "Claudia Patricia", "de León Rivas"),
    ("Sra.", "María José García López", "mjgl@mintic.gob.co", "María", "José García López"),
])
def test_spanish_titles_and_given_names_spelled_by_the_address(title: str, name: str, email: str, first: str,
                                                               last: str) -> None:
    """An address that spells the first given name's initial and the family name, whole or only its first
    surname as Spanish addresses mostly do ('mgarcia', 'cdeleon'), places the cut; one that spells no
    surname ('mjgl') leaves one given name."""
    text = f"Se designa a {title} {name}, Coordinador, Secretaría de Gobierno Digital ({email}), como contacto principal."
    assert fields(text, "es")[0][:3] == (title, first, last)


@pytest.mark.parametrize(("before", "name", "job", "organisation"), [
    ("国家数据局信息化推进司副司长", "欧阳海涛博士", "信息化推进司副司长", "国家数据局"),
    ("工业和信息化部国际合作司处长", "王晓明先生", "国际合作司处长", "工业和信息化部"),
    ("中国人民银行数字货币研究所高级工程师", "司马丽娜女士", "高级工程师", "中国人民银行数字货币研究所"),
    ("数码发展及新闻部常驻日内瓦代表团参赞", "陈思雨女士", "常驻日内瓦代表团参赞", "数码发展及新闻部"),
    ("工业和信息化部常驻联合国日内瓦办事处代表团一等秘书", "王晓明先生", "常驻联合国日内瓦办事处代表团一等秘书",
     "工业和信息化部"),
    ("中国人民银行数字货币研究所常驻日内瓦代表团顾问", "周海涛博士", "常驻日内瓦代表团顾问", "中国人民银行数字货币研究所"),
    ("中华人民共和国常驻日内瓦代表团参赞", "李俊杰先生", "参赞", "中华人民共和国常驻日内瓦代表团"),
])
def test_chinese_name_written_right_after_the_organisation_and_job(before: str, name: str, job: str,
                                                                   organisation: str) -> None:
    text = f"兹提名：{before}{name}担任主联系人，电子邮件：x.y@gov.cn。特此函告。"
    (title, first, last, found_job, found_organisation, email, role), = fields(text, "zh")
    assert (last + first + title, found_job, found_organisation, email, role) == (name, job, organisation, "x.y@gov.cn",
                                                                                   "primary")


@pytest.mark.parametrize(("role_words", "role"), [
    ("المناوب المعيّن", "alternate"),
    ("المستشار", "advisor"),
    ("المستشارة المعيّنة", "advisor"),
    ("البديل", "alternate"),
    ("المنسق الرئيسي", "primary"),
])
@pytest.mark.parametrize("job", ["مستشار التحول الرقمي", "مدير إدارة الهوية الرقمية"])
def test_arabic_role_written_with_its_article_after_bisifatihi(role_words: str, role: str, job: str) -> None:
    """The role is the one after 'بصفته', even with the article ('المناوب'), not a role word in the job title."""
    text = (f"ترشيح المهندسة رنا الحسيني، {job}، وزارة الاتصالات وتكنولوجيا المعلومات، بصفته {role_words}، "
            "البريد الإلكتروني: r.elhusseini@mcit.example.")
    assert fields(text, "ar") == [("المهندسة", "رنا", "الحسيني", job, "وزارة الاتصالات وتكنولوجيا المعلومات",
                                   "r.elhusseini@mcit.example", role)]


@pytest.mark.parametrize("slash", ["/", "/ ", " / "])
@pytest.mark.parametrize(("title", "name", "first", "last"), [
    ("السيدة", "مريم الساعدي", "مريم", "الساعدي"),
    ("السيد", "كريم بن عمار", "كريم", "بن عمار"),
])
def test_arabic_title_set_off_by_a_slash_after_a_salutation(slash: str, title: str, name: str, first: str,
                                                            last: str) -> None:
    """'السيدة/مريم': the slash belongs to the title; the salutation 'سعادة السيد المدير' names nobody."""
    text = ("سعادة السيد المدير،\nبالإشارة إلى التعميم رقم 006، يسرّ الوزارة أن تؤكد مشاركتها في اللجنة الحكومية (GCC) "
            f"لمنتدى OpenWallet.\nترشيح {title}{slash}{name}، مستشار التحول الرقمي، وزارة الاتصالات، "
            "بصفته جهة الاتصال الرئيسية، البريد الإلكتروني: x.y@mcit.example.")
    assert [n[:3] + n[5:] for n in fields(text, "ar")] == [(title, first, last, "x.y@mcit.example", "primary")]


@pytest.mark.parametrize(("language", "text", "job", "organisation"), [
    ("es", "Se designa como suplente a Lic. Milagros Benítez, quien se desempeña como Directora de Ciberseguridad en "
           "Misión Permanente del Perú ante la ONU en Ginebra (m.benitez@pcm.example).",
     "Directora de Ciberseguridad", "Misión Permanente del Perú ante la ONU en Ginebra"),
    ("es", "Se designa como contacto principal a D. Carlos Andrés Castillo, quien se desempeña como Director de "
           "Gobierno Digital en Oficina Gubernamental de Tecnologías de la Información (ccastillo@ogtic.gob.do).",
     "Director de Gobierno Digital", "Oficina Gubernamental de Tecnologías de la Información"),
    ("en", "I nominate Ms Jane Doe, First Secretary at the Permanent Mission of Kenya to the United Nations in Geneva "
           "(jane.doe@mfa.example), as alternate.",
     "First Secretary", "Permanent Mission of Kenya to the United Nations in Geneva"),
    ("fr", "Le Gouvernement désigne M. Paul Durand, conseiller juridique auprès de la Mission permanente du Sénégal "
           "à Genève (paul.durand@mae.example), en qualité de suppléant.",
     "conseiller juridique", "Mission permanente du Sénégal à Genève"),
    ("ar", "ترشح الوزارة السيدة فاطمة الزهراء، سكرتير أول في البعثة الدائمة لدى الأمم المتحدة في جنيف "
           "(البريد الإلكتروني: f.zahra@mofa.example) بصفتها مناوبة.",
     "سكرتير أول", "البعثة الدائمة لدى الأمم المتحدة في جنيف"),
])
def test_a_job_at_a_permanent_mission_is_split_from_the_mission(language: str, text: str, job: str,
                                                                organisation: str) -> None:
    """Many nominees work at their country's mission in Geneva: the mission is the organisation, not part of the job."""
    (_, _, _, found_job, found_organisation, _, _), = fields(text, language)
    assert (found_job, found_organisation) == (job, organisation)


@pytest.mark.parametrize("cut", range(1, len("chensiyu@mddi.gov.sg") - 1))
def test_a_chinese_line_break_anywhere_inside_an_address_keeps_it_whole(cut: int) -> None:
    """Chinese text wraps at any character, so a printed or OCRed line may end inside an address."""
    address = "chensiyu@mddi.gov.sg"
    text = (f"兹提名数码发展及新闻部参赞陈思雨女士担任主要联系人，电子邮件：{address[:cut]}\n"
            f"{address[cut:]}。特此函告。")
    assert [n.email for n in parse_prose(text, "zh")[0]] == [address]


@pytest.mark.parametrize("language, text, address", [
    ("en", "I nominate Ms Jane Doe, Director, Ministry of X (e-mail: jane.doe@x.gov), as primary contact.\n"
           "Mr John Roe, Adviser, Ministry of X (e-mail: john.roe@x.gov), is the alternate.", "jane.doe@x.gov"),
    ("zh", "兹提名张婷博士担任主要联系人，电子邮件：zhangting@x.gov。\nwww.x.gov", "zhangting@x.gov"),
])
def test_an_address_ending_a_line_is_not_glued_to_the_next(language: str, text: str, address: str) -> None:
    assert parse_prose(text, language)[0][0].email == address


ARABIC_PEOPLE = [("الدكتور", "عبد الرحمن", "أبو زيد"), ("السيدة", "ريم", "آل سعود"), ("المهندس", "أحمد", "عبد الفتاح"),
                 ("السيد", "كريم", "بن عمار"), ("الدكتورة", "سارة", "المصري"), ("م.", "سلطان", "المري")]


@pytest.mark.parametrize("separator", ["، ", ", ", ". ", " "])
@pytest.mark.parametrize("title, first, last", ARABIC_PEOPLE)
def test_arabic_name_ends_at_its_job_however_ocr_read_the_comma(separator: str, title: str, first: str, last: str) -> None:
    """The Arabic comma comes out of OCR as ',' or '.', or not at all; compound names stay whole."""
    text = (f"ترشيح {title} {first} {last}{separator}خبير أمن المعلومات، وزارة الاقتصاد الرقمي، "
            "بصفته جهة الاتصال الرئيسية، البريد الإلكتروني: a.b@modee.gov.jo")
    assert fields(text, "ar") == [(title, first, last, "خبير أمن المعلومات", "وزارة الاقتصاد الرقمي", "a.b@modee.gov.jo", "primary")]


def test_an_arabic_sentence_that_ends_before_another_word_still_ends() -> None:
    text = ("ترشيح السيد كريم بن عمار، مدير، وزارة الاقتصاد، بصفته جهة الاتصال الرئيسية، البريد الإلكتروني: k@x.gov.jo. "
            "وتفضلوا بقبول فائق الاحترام.")
    assert fields(text, "ar")[0][5] == "k@x.gov.jo"


def test_the_engineer_abbreviation_is_no_person_in_a_reference_number() -> None:
    text = ("الرقم: م ت/2131 التاريخ: 23 نوفمبر 2024\nترشيح م. سلطان المري، خبير أمن المعلومات، وزارة الاتصالات، "
            "بصفته جهة الاتصال الرئيسية، البريد الإلكتروني: s@mcit.gov.sa")
    assert [row[:3] for row in fields(text, "ar")] == [("م.", "سلطان", "المري")]


def _tooth_misreads(phrase: str) -> list[str]:
    """Each way OCR can misread one tooth letter of a phrase by its dots ('الرئيسي' -> 'الرنيسي', 'الرتيسي')."""
    from extractors.fields.normalize import ARABIC_TEETH
    return sorted({phrase[:at] + other + phrase[at + 1:] for at, char in enumerate(phrase) if char in ARABIC_TEETH
                   for other in ARABIC_TEETH if other != char})


ARABIC_ROLE_WORDINGS = [("الممثل الرئيسي", "primary"), ("جهة الاتصال الرئيسية", "primary"),
                        ("نقطة الاتصال الرئيسية", "primary"), ("المناوب المعيّن", "alternate"),
                        ("ممثل مناوب", "alternate"), ("المستشار المعيّن", "advisor")]


@pytest.mark.parametrize(("role_words", "role"), ARABIC_ROLE_WORDINGS)
@pytest.mark.parametrize("wrap", [" ", "\n"])
def test_an_arabic_role_misread_by_its_dots_is_still_the_role(role_words: str, role: str, wrap: str) -> None:
    """A scan's OCR confuses the letters of one stroke ('ئ', 'ن', 'ي', 'ب', 'ت'); the role stays
    readable, wherever the line breaks after 'بصفته'."""
    for misread in _tooth_misreads(role_words)[::3]:
        text = (f"ترشيح م. سلطان المري، خبير أمن المعلومات، وزارة الاتصالات وتقنية المعلومات، بصفته{wrap}{misread} "
                "(جهة الاتصال)، البريد الإلكتروني: s.almarri@mcit.gov.sa")
        assert fields(text, "ar") == [("م.", "سلطان", "المري", "خبير أمن المعلومات", "وزارة الاتصالات وتقنية المعلومات",
                                       "s.almarri@mcit.gov.sa", role)], misread


@pytest.mark.parametrize(("role_words", "role"), ARABIC_ROLE_WORDINGS)
def test_an_arabic_role_value_misread_by_its_dots_is_still_the_role(role_words: str, role: str) -> None:
    from extractors.fields.roles import normalise_role
    assert {normalise_role(misread) for misread in _tooth_misreads(role_words)} == {role}


@pytest.mark.parametrize("title, first, last", ARABIC_PEOPLE)
@pytest.mark.parametrize("wrap", [" ", "\n"])
def test_two_arabic_nominees_in_one_paragraph_with_the_comma_before_bisifatihi_read_as_a_dot(
        title: str, first: str, last: str, wrap: str) -> None:
    """'...والحكومة الرقمية، بصفته' comes out of OCR as '... الرقمية. بصفته': the role still follows its person."""
    text = (f"ترشيح {title} {first} {last}، مدير إدارة الهوية الرقمية، هيئة تنظيم الاتصالات. بصفته{wrap}"
            "نقطة الاتصال الرئيسية، البريد الإلكتروني: a.b@tdra.gov.ae ترشيح الدكتورة ريم الكعبي، خبير أمن المعلومات، "
            "هيئة تنظيم الاتصالات. بصفته ممثل مناوب، البريد الإلكتروني: r.k@tdra.gov.ae")
    assert [(n[:3], n[5:]) for n in fields(text, "ar")] == [
        ((title, first, last), ("a.b@tdra.gov.ae", "primary")), (("الدكتورة", "ريم", "الكعبي"), ("r.k@tdra.gov.ae", "alternate"))]


@pytest.mark.parametrize("title, first, last", ARABIC_PEOPLE)
def test_an_arabic_names_last_letter_torn_off_by_ocr_joins_its_word(title: str, first: str, last: str) -> None:
    torn = f"{last[:-1]} {last[-1]}"
    text = (f"ترشيح {title} {first} {torn} مدير إدارة الهوية الرقمية، هيئة تنظيم الاتصالات، "
            "بصفته جهة الاتصال الرئيسية، البريد الإلكتروني: a.b@tdra.gov.ae")
    assert fields(text, "ar")[0][:3] == (title, first, last)


@pytest.mark.parametrize(("language", "sentence", "job", "organisation"), [
    ("es", "Tengo el honor de designar a la Dra. Daniela Hernández Ochoa, Consejero, Misión Permanente en Ginebra de "
           "Misión Permanente de los Estados Unidos Mexicanos ante la ONU en Ginebra, correo electrónico: {email}, "
           "como contacto principal.",
     "Consejero, Misión Permanente en Ginebra", "Misión Permanente de los Estados Unidos Mexicanos ante la ONU en Ginebra"),
    ("es", "Tengo el honor de designar a la Dra. Daniela Hernández Ochoa, Consejera, Misión Permanente en Ginebra de la "
           "Secretaría de Relaciones Exteriores, correo electrónico: {email}, como contacto principal.",
     "Consejera, Misión Permanente en Ginebra", "Secretaría de Relaciones Exteriores"),
    ("fr", "Nous désignons M. Sékou Agbodjan, Premier conseiller, Mission permanente à Genève du Ministère du Numérique, "
           "courriel : {email}, comme point de contact principal.",
     "Premier conseiller, Mission permanente à Genève", "Ministère du Numérique"),
    ("en", "We nominate Ms Jane Doe, Counsellor, Permanent Mission in Geneva of the Ministry of Digital Affairs, "
           "e-mail: {email}, as primary contact.",
     "Counsellor, Permanent Mission in Geneva", "Ministry of Digital Affairs"),
    ("es", "Tengo el honor de designar a la Dra. Daniela Hernández Ochoa, Consejera, Misión Permanente de México en "
           "Ginebra, correo electrónico: {email}, como contacto principal.",
     "Consejera", "Misión Permanente de México en Ginebra"),
])
def test_a_mission_named_by_its_seat_alone_is_where_the_nominee_serves(language: str, sentence: str, job: str,
                                                                      organisation: str) -> None:
    """'Misión Permanente en Ginebra de la Secretaría X': the post goes with the job, the institution it serves
    is the organisation; a mission named by its country ('de México en Ginebra') is the organisation itself."""
    (_, _, _, found_job, found_organisation, email, _), = fields(sentence.format(email="d.h@sre.gob.mx"), language)
    assert (found_job, found_organisation, email) == (job, organisation, "d.h@sre.gob.mx")
