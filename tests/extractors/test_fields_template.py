"""Annex 2 label/value lines in the six languages."""

from extractors.fields import parse_letter
from extractors.model import Document, Page


def letter(text: str) -> Document:
    return Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text=text)])


def test_english_template_with_wrapped_value_and_empty_email() -> None:
    text = """Ministry of Communications
I have the honour to nominate the following representatives.
Representative 1
Title or rank: Dr
First name: Kwame
Last name: Mensah-Bonsu
Job title: Director, Digital Identity and
Data Governance
Role in GCC: Primary contact
Organization name: Ministry of Communications
E-mail: K.Mensah@moc.gov.example
Representative 2
Title or rank: Ms
First name: Ama
Last name: Boateng
Job title: Legal Adviser
Role in GCC: Designated advisor
Organization name: National Agency
E-mail:
Please accept, Sir, the assurances of my highest consideration.
"""
    parsed = parse_letter(letter(text), "en")
    assert parsed.layout == "template"
    first, second = parsed.nominees
    assert first.as_dict() == {
        "title": "Dr", "first_name": "Kwame", "last_name": "Mensah-Bonsu",
        "job_title": "Director, Digital Identity and Data Governance", "role": "primary",
        "organization": "Ministry of Communications", "email": "k.mensah@moc.gov.example",
    }
    assert second.role == "advisor"
    assert second.email is None


def test_french_spanish_russian_labels_and_roles() -> None:
    french = "Titre ou rang : Mme\nPrénom : Els\nNom de famille : Van Damme\nFonction : Attachée\nRôle au sein du GCC : Suppléant désigné\nNom de l'organisation : SPF BOSA\nAdresse électronique : els@bosa.example"
    spanish = "Título o rango: Dña.\nNombre: Lucía\nApellido(s): Vidal Ruiz\nCargo: Jefa de Área\nFunción en el GCC: Contacto principal\nNombre de la organización: Ministerio\nCorreo electrónico: lucia@digital.example"
    russian = "Обращение или звание: г-жа\nИмя: Ольга\nФамилия: Жук\nДолжность: Главный специалист\nРоль в GCC: Назначенный советник\nНаименование организации: Министерство связи\nАдрес электронной почты: o.zhuk@mpt.example"
    fr, es, ru = (parse_letter(letter(t), None).nominees[0] for t in (french, spanish, russian))
    assert (fr.title, fr.last_name, fr.role) == ("Mme", "Van Damme", "alternate")
    assert (es.title, es.first_name, es.last_name, es.role) == ("Dña.", "Lucía", "Vidal Ruiz", "primary")
    assert (ru.title, ru.first_name, ru.role, ru.email) == ("г-жа", "Ольга", "advisor", "o.zhuk@mpt.example")


def test_arabic_colon_after_gcc_mark_and_chinese_full_width_colons() -> None:
    arabic = "الممثل 1\nاللقب أو الرتبة: المهندس\nالاسم الأول: أحمد\nاسم العائلة: البلوشي\nالمسمى الوظيفي: مدير عام\nالدور في اللجنة الحكومية (GCC) : جهة الاتصال الرئيسية\nاسم المنظمة: وزارة النقل\nالبريد الإلكتروني: a@mtcit.example"
    chinese = "代表一\n称谓或职衔：女士\n名：丽萍\n姓：郑\n职务：副处长\n在GCC中的角色：指定候补代表\n组织名称：资讯通信媒体发展局\n电子邮件：Zheng@imda.example"
    ar = parse_letter(letter(arabic), "ar").nominees[0]
    zh = parse_letter(letter(chinese), "zh").nominees[0]
    assert (ar.title, ar.first_name, ar.last_name, ar.role) == ("المهندس", "أحمد", "البلوشي", "primary")
    assert (zh.title, zh.first_name, zh.last_name, zh.role, zh.email) == ("女士", "丽萍", "郑", "alternate", "zheng@imda.example")


def test_ocr_spacing_between_chinese_characters_is_ignored() -> None:
    text = "称谓 或 职衔 : 先生\n名 : 伟明\n姓 : 陈\n职务 : 署长\n在 GCC 中 的 角色 : 主要 联系 人\n组 织 名 称 : 数码 发 展 部\n电子 邮件 : chen@mddi.example"
    nominee = parse_letter(letter(text), "zh").nominees[0]
    assert (nominee.first_name, nominee.last_name, nominee.role, nominee.organization) == ("伟明", "陈", "primary", "数码发展部")


def test_four_nominees_are_all_kept_and_unmarked_roles_stay_none() -> None:
    block = "Title or rank: Mr\nFirst name: A{i}\nLast name: B{i}\nJob title: Officer\nRole in GCC: {role}\nOrganization name: Office\nE-mail: a{i}@gov.example\n"
    text = "".join(block.format(i=i, role=role) for i, role in enumerate(["Primary contact", "Primary contact", "", "Adviser"]))
    nominees = parse_letter(letter(text), "en").nominees
    assert [n.role for n in nominees] == ["primary", "primary", None, "advisor"]


def test_a_garbled_ocr_label_between_two_fields_is_the_field_they_skip() -> None:
    text = "称谓或职衔：先生\n名：伟明\nYE: 陈\n职务：署长\n在GCC中的角色：主要联系人\n组织名称：数码发展部\n电子邮件：chen@mddi.example"
    nominee = parse_letter(letter(text), "zh").nominees[0]
    assert (nominee.first_name, nominee.last_name) == ("伟明", "陈")
