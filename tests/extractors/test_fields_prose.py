"""Nominees named in running text, in the six languages."""

from extractors.fields import parse_letter
from extractors.model import Document, Page


def letter(text: str) -> Document:
    return Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text=text)])


def test_english_prose_with_titles_and_wrapped_email() -> None:
    text = """Dear Mr Onoe,
I have the honour to nominate Dr. Ramon Dela Cruz, Director IV, Government Digital
Transformation Bureau, Department of Information and Communications Technology
(e-mail: ramon.delacruz@dict.example), as primary contact.
I also nominate Engr. Katrina Villanueva, Chief, ID Division, Department of Information (e-mail:
katrina@dict.example), as designated alternate.
Yours sincerely,"""
    parsed = parse_letter(letter(text), "en")
    assert parsed.layout == "prose"
    first, second = parsed.nominees
    assert first.as_dict() == {
        "title": "Dr.", "first_name": "Ramon", "last_name": "Dela Cruz",
        "job_title": "Director IV, Government Digital Transformation Bureau", "role": "primary",
        "organization": "Department of Information and Communications Technology", "email": "ramon.delacruz@dict.example",
    }
    assert (second.title, second.job_title, second.role, second.email) == ("Engr.", "Chief, ID Division", "alternate", "katrina@dict.example")


def test_french_organisation_with_commas_and_spanish_double_surname() -> None:
    french = ("J'ai l'honneur de désigner M. Wilfrid Jean-Baptiste, Directeur des Communications, Ministère des Travaux "
              "Publics, Transports et Communications (adresse électronique : w@mtptc.example), en qualité de point de contact principal.")
    spanish = ("Asimismo, se designa a Sra. Francisca Muñoz Contreras, Jefa de Estrategia, División de Gobierno Digital "
               "(correo electrónico: fmunoz@digital.example), como suplente designada.")
    fr = parse_letter(letter(french), "fr").nominees[0]
    es = parse_letter(letter(spanish), "es").nominees[0]
    assert (fr.title, fr.last_name, fr.job_title, fr.role) == ("M.", "Jean-Baptiste", "Directeur des Communications", "primary")
    assert fr.organization == "Ministère des Travaux Publics, Transports et Communications"
    assert (es.title, es.first_name, es.last_name, es.role) == ("Sra.", "Francisca", "Muñoz Contreras", "alternate")


def test_russian_role_before_the_name_and_arabic_prose() -> None:
    russian = ("В качестве основного контактного лица назначается г-н Нурлан Токтогулов, директор департамента, "
               "Министерство цифрового развития (адрес электронной почты: n.t@digital.example).")
    arabic = ("يشرفني أن أرشّح السيد كريم بن عمار، مدير الرقمنة، وزارة البريد (البريد الإلكتروني: k@mpt.example) "
              "بصفته جهة الاتصال الرئيسية.")
    ru = parse_letter(letter(russian), "ru").nominees[0]
    ar = parse_letter(letter(arabic), "ar").nominees[0]
    assert (ru.title, ru.first_name, ru.last_name, ru.role, ru.organization) == ("г-н", "Нурлан", "Токтогулов", "primary", "Министерство цифрового развития")
    assert (ar.title, ar.first_name, ar.last_name, ar.job_title, ar.role) == ("السيد", "كريم", "بن عمار", "مدير الرقمنة", "primary")


def test_chinese_name_with_honorific_suffix() -> None:
    text = "兹提名李俊杰先生（新加坡政府科技局，国家数码身份处处长，电子邮件：li@tech.example）为主要联系人。"
    nominee = parse_letter(letter(text), "zh").nominees[0]
    assert nominee.as_dict() == {
        "title": "先生", "first_name": "俊杰", "last_name": "李", "job_title": "国家数码身份处处长",
        "role": "primary", "organization": "新加坡政府科技局", "email": "li@tech.example",
    }


def test_the_addressee_is_not_a_nominee() -> None:
    text = "Mr Seizo Onoe\nDirector, Telecommunication Standardization Bureau\nDear Mr Onoe,\nWe look forward to the meetings."
    assert parse_letter(letter(text), "en").nominees == []


def test_arabic_prose_with_a_mirrored_bracket_before_the_email() -> None:
    text = ("يشرفني أن أرشّح السيد كريم بن عمار, مدير الرقمنة, وزارة البريد والمواصلات السلكية واللاسلكية (البريد الإلكتروني:\n"
            "(k.benamar@mpt.gov.example بصفته جهة الاتصال الرئيسية.\n")
    nominee = parse_letter(letter(text), "ar").nominees[0]
    assert (nominee.job_title, nominee.organization) == ("مدير الرقمنة", "وزارة البريد والمواصلات السلكية واللاسلكية")
    assert (nominee.email, nominee.role) == ("k.benamar@mpt.gov.example", "primary")
