"""Annex 2 label/value lines in the six languages."""

import pytest

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


# The same Annex 2 fields under the label wordings letters use, one (language, labels, values) per row:
# labels in the Annex 2 order title, first name, last name, job, role, organisation, e-mail.
WORDINGS = [
    ("ar", ["الصفة", "الاسم", "الكنية", "الوظيفة", "الدور في اللجنة", "الجهة", "البريد الإلكتروني"],
     ["المهندسة", "مريم", "الخطيب", "مديرة الخدمات", "الممثل الرئيسي (جهة الاتصال)", "وزارة الاتصالات", "m.k@moc.gov.iq"]),
    ("ar", ["اللقب/الرتبة", "الاسم الشخصي", "اسم الأسرة", "المسمى الوظيفي/المنصب", "الصفة في اللجنة", "اسم الجهة",
            "عنوان البريد الإلكتروني"],
     ["السيدة", "نور", "الحسيني", "مديرة", "نقطة الاتصال الرئيسية", "وزارة الاتصالات", "n.h@mcit.gov.eg"]),
    ("ru", ["Обращение", "Имя, отчество", "Фамилия", "Занимаемая должность", "Функция в ГКС", "Организация", "E-mail"],
     ["к.т.н.", "Бахтиёр Рустамович", "Исмаилов", "Заместитель директора", "Основное контактное лицо",
      "Министерство связи", "b.i@mis.gov.tm"]),
    ("fr", ["Civilité", "Prénom(s)", "Nom", "Poste occupé", "Rôle dans le GCC", "Organisme", "Adresse électronique"],
     ["M.", "Olivier", "Lefèvre", "Chef de division", "Point de contact principal", "Direction des Services", "o@gouv.mc"]),
    ("es", ["Tratamiento", "Nombre(s)", "Apellido paterno y materno", "Cargo actual", "Papel en el GCC", "Entidad", "Correo-e"],
     ["Lic.", "Luis Alberto", "Vega Díaz", "Coordinador", "Representante principal", "Secretaría de Gobierno", "l@pcm.gob.pe"]),
    ("en", ["Title", "Given name", "Surname", "Position", "Role in the GCC", "Organisation", "Email address"],
     ["Dr", "Kila", "Vunibola", "Head of Digital Identity", "Primary contact", "Ministry of Trade", "k.v@digital.gov.fj"]),
    ("zh", ["称谓或职衔", "名", "姓", "现任职务", "在委员会中的角色", "工作单位", "邮箱"],
     ["先生", "晓明", "王", "数字身份项目主管", "首席代表（主要联系人）", "工业和信息化部", "wangxiaoming@miit.gov.cn"]),
]
KEYS = ("title", "first_name", "last_name", "job_title", "role", "organization", "email")


def form(labels: list[str], values: list[str], layout: str, heading: str) -> str:
    """One nominee's block: 'Label: value', 'Label' over 'value', or 'Label：value' with a heading above."""
    glue = {"inline": ": ", "stacked": "\n", "wide-colon": "："}[layout]
    return "\n".join([heading, *(f"{label}{glue}{value}" for label, value in zip(labels, values))])


@pytest.mark.parametrize("heading", ["1. Кандидатура", "Representative No. 1", "(1) بيانات المرشح", "（一）", "الممثل الأول"])
@pytest.mark.parametrize("layout", ["inline", "stacked", "wide-colon"])
@pytest.mark.parametrize(("language", "labels", "values"), WORDINGS, ids=[f"{w[0]}-{i}" for i, w in enumerate(WORDINGS)])
def test_label_wordings_in_inline_and_stacked_forms(language: str, labels: list[str], values: list[str], layout: str,
                                                   heading: str) -> None:
    text = "Ministry letterhead\nE-mail: gcc-secretariat@itu.int\n" + form(labels, values, layout, heading) + \
        "\nPlease accept, Sir, the assurances of my highest consideration.\nSignatory Name\nMinister"
    nominee = parse_letter(letter(text), language).nominees[0].as_dict()
    expected = dict(zip(KEYS, values))
    expected["role"] = "primary"
    assert nominee == expected


@pytest.mark.parametrize("slash", ["/", " / "])
@pytest.mark.parametrize(("first", "second", "field"), [
    ("اللقب", "الرتبة", "title"), ("الوظيفة", "المنصب", "job_title"), ("الجهة", "المنظمة", "organization"),
    ("Title", "Rank", "title"), ("Cargo", "Puesto", "job_title"),
])
def test_two_label_wordings_joined_by_a_slash_are_one_label(first: str, second: str, field: str, slash: str) -> None:
    from extractors.fields.labels import label_field, match_label

    hit = match_label(f"{first}{slash}{second}: القيمة")
    assert hit is not None and (hit.field, hit.value) == (field, "القيمة")
    assert label_field(f"{first}{slash}{second}") == field


def test_short_labels_without_colons_between_label_lines_and_values_never_run_into_the_closing() -> None:
    text = ("Représentant 1\nCivilité M.\nPrénom(s) Jean-Pierre\nNom Ndikumana\nPoste occupé Conseiller technique\n"
            "Rôle dans le GCC Point de contact principal\nOrganisme Ministère du Numérique\n"
            "Adresse électronique jp.ndikumana@numerique.gouv.cd\n"
            "Je vous prie d'agréer, Monsieur le Directeur, l'expression de ma haute considération.")
    nominee = parse_letter(letter(text), "fr").nominees[0]
    assert (nominee.first_name, nominee.last_name, nominee.organization) == ("Jean-Pierre", "Ndikumana", "Ministère du Numérique")


@pytest.mark.parametrize(("language", "labels", "values"), [w for w in WORDINGS if w[0] != "zh"],
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WORDINGS) if w[0] != "zh"])
def test_two_label_value_pairs_side_by_side_on_one_line(language: str, labels: list[str], values: list[str]) -> None:
    pairs = [f"{label}: {value}" for label, value in zip(labels, values)]
    text = "\n".join(["Representative 1", " ".join(pairs[:2]), " ".join(pairs[2:4]), " ".join(pairs[4:6]), pairs[6]])
    nominee = parse_letter(letter(text), language).nominees[0].as_dict()
    assert (nominee["title"], nominee["first_name"], nominee["last_name"], nominee["email"]) == \
        (values[0], values[1], values[2], values[6])


@pytest.mark.parametrize("colon", [" :", ":", "："])
@pytest.mark.parametrize(("language", "labels", "values"), WORDINGS, ids=[f"{w[0]}-{i}" for i, w in enumerate(WORDINGS)])
@pytest.mark.parametrize("heading", ["Administration", "Ministry", "Ministère", "Ministerio", "Министерство", "الوزارة",
                                     "部门"])
def test_a_column_heading_alone_on_its_line_with_a_colon_labels_the_organisation_below(
        language: str, labels: list[str], values: list[str], heading: str, colon: str) -> None:
    """Words too common to open a label line anywhere ('Administration', 'Ministry') are a
    label when they stand alone with a colon among the other stacked labels."""
    block_labels = [*labels[:5], heading + colon, labels[6]]
    text = "Ministry letterhead\nThe Ministry has the honour to nominate the following representative.\n" + \
        form(block_labels, values, "stacked", "Representative No. 1") + \
        "\nPlease accept, Sir, the assurances of my highest consideration.\nSignatory Name\nMinister"
    nominee = parse_letter(letter(text), language).nominees[0].as_dict()
    expected = dict(zip(KEYS, values))
    expected["role"] = "primary"
    assert nominee == expected


def test_a_heading_word_with_a_colon_far_from_any_label_labels_nothing() -> None:
    text = ("Ministry:\nof Digital Affairs\nThe Ministry has the honour to nominate Dr Kila Vunibola "
            "(k.v@digital.gov.fj), Head of Digital Identity, as primary contact.")
    nominees = parse_letter(letter(text), "en").nominees
    assert all(n.organization != "of Digital Affairs" for n in nominees)
