"""Stacked Annex 2 forms as OCR leaves them: colons lost, specks before labels, a label misread."""

import itertools

import pytest

from extractors.fields import parse_letter
from extractors.model import Document, Page

FORMS = {
    "en": ("Representative {n}", ["Title or rank", "First name", "Last name", "Job title", "Role in GCC",
                                  "Organization name", "E-mail"], ("Primary contact", "Alternate")),
    "fr": ("Représentant {n}", ["Titre ou rang", "Prénom", "Nom de famille", "Fonction", "Rôle au sein du GCC",
                                "Nom de l'organisation", "Adresse électronique"], ("Point de contact principal", "Suppléant désigné")),
    "es": ("Representante {n}", ["Título", "Nombres", "Apellido paterno y materno", "Cargo actual", "Papel en el GCC",
                                 "Entidad", "Correo electrónico"], ("Contacto principal", "Suplente designado")),
    "ru": ("Представитель {n}", ["Обращение или звание", "Имя", "Фамилия", "Должность", "Роль в GCC",
                                 "Наименование организации", "Адрес электронной почты"], ("Основной контакт", "Заместитель")),
    "ar": ("الممثل {n}", ["اللقب أو الرتبة", "الاسم الأول", "اسم العائلة", "المسمى الوظيفي", "الدور في اللجنة الحكومية",
                          "اسم المنظمة", "البريد الإلكتروني"], ("جهة الاتصال الرئيسية", "مناوب")),
    "zh": ("代表{n}", ["称谓或职衔", "名", "姓", "职务", "在GCC中的角色", "组织名称", "电子邮件"], ("主要联系人", "候补代表")),
}
PEOPLE = [
    ("Dr.", "Amara", "Okafor", "Director of Standards", "Ministry of Digital Economy", "a.okafor@mde.example"),
    ("Lic.", "Tomas", "Herrera", "Head of Digital Identity", "National Digital Agency", "t.herrera@nda.example"),
]
GARBLE = "Lemait:"
"""What OCR makes of a label it cannot read: a lone word with a colon."""


def stacked_form(language: str, colon: str, speck: str, garbled: dict[int, int]) -> str:
    """Two nominees, every label on its own line above its value; `garbled` maps a nominee
    to the index of the field whose label OCR misread."""
    heading, labels, roles = FORMS[language]
    lines = ["Circular TSB 006: designation of representatives to the GCC."]
    for n, (person, role) in enumerate(zip(PEOPLE, roles), start=1):
        title, first, last, job, organization, email = person
        values = [title, first, last, job, role, organization, email]
        lines.append(heading.format(n=n))
        for index, (label, value) in enumerate(zip(labels, values)):
            lines.append(GARBLE if garbled.get(n) == index else f"{speck}{label}{colon}")
            lines.append(value)
    lines.append("Please accept the assurances of my highest consideration.")
    return "\n".join(lines)


def read(text: str, language: str):
    return parse_letter(Document(name="scan.pdf", kind="pdf", pages=[Page(number=1, text=text)]), language).nominees


@pytest.mark.parametrize(("language", "colon", "speck"),
                         list(itertools.product(FORMS, [":", "", "."], ["", "| ", "- ", "”"])))
def test_stacked_labels_read_with_or_without_colons_and_with_specks(language: str, colon: str, speck: str) -> None:
    first, second = read(stacked_form(language, colon, speck, {}), language)
    assert (first.title, first.first_name, first.role, first.email) == ("Dr.", "Amara", "primary", "a.okafor@mde.example")
    assert (second.organization, second.role, second.email) == ("National Digital Agency", "alternate", "t.herrera@nda.example")


@pytest.mark.parametrize(("language", "nominee", "field", "colon"),
                         list(itertools.product(FORMS, [1, 2], [0, 6], [":", ""])))
def test_a_misread_first_or_last_label_is_the_field_the_repeated_form_skips(
        language: str, nominee: int, field: int, colon: str) -> None:
    """A heading stands before the first label and after the last one (except for the last
    nominee, whose misread e-mail label is followed by the closing and stays unread)."""
    nominees = read(stacked_form(language, colon, "", {nominee: field}), language)
    title, first_name, *_, email = PEOPLE[nominee - 1]
    person = nominees[nominee - 1]
    assert (person.title, person.first_name) == (title, first_name)
    assert person.email == (None if (nominee, field) == (2, 6) else email)


@pytest.mark.parametrize("language", FORMS)
def test_a_misread_label_between_labels_that_skip_no_field_stays_unread(language: str) -> None:
    """Last name misread: it lies between two labels that skip one field, so it is read; a
    misread role between first and last name would skip none, and nothing is guessed."""
    heading, labels, _ = FORMS[language]
    text = stacked_form(language, ":", "", {})
    swapped = text.replace(f"\n{labels[2]}:\n", f"\n{GARBLE}\nextra line\n", 1)
    first, _ = read(swapped, language)
    assert first.last_name != "extra line"


@pytest.mark.parametrize("language", FORMS)
def test_a_single_nominee_with_a_misread_label_is_not_guessed(language: str) -> None:
    """Without a second nominee's block to show the form's structure, a misread label stays unread."""
    heading, labels, (role, _) = FORMS[language]
    lines = [heading.format(n=1), GARBLE, "Dr."]
    for label, value in zip(labels[1:], ["Amara", "Okafor", "Director", role, "Ministry", "a.okafor@mde.example"]):
        lines += [f"{label}:", value]
    nominee, = read("\n".join(lines), language)
    assert nominee.title is None
    assert nominee.email == "a.okafor@mde.example"


HEADINGS = {"en": "Ministry", "fr": "Administration", "es": "Ministerio", "ru": "Министерство", "ar": "الوزارة",
            "zh": "部门"}
"""Words that name the organization only where a field's label is expected."""


@pytest.mark.parametrize(("language", "colon"), list(itertools.product(FORMS, [":", " :"])))
def test_a_column_heading_in_the_organization_label_place_labels_it(language: str, colon: str) -> None:
    labels = FORMS[language][1]
    text = stacked_form(language, ":", "", {}).replace(f"\n{labels[5]}:\n", f"\n{HEADINGS[language]}{colon}\n")
    first, second = read(text, language)
    assert (first.organization, second.organization) == ("Ministry of Digital Economy", "National Digital Agency")
    assert first.email == "a.okafor@mde.example"


@pytest.mark.parametrize("language", FORMS)
def test_a_column_heading_in_another_fields_place_labels_nothing(language: str) -> None:
    labels = FORMS[language][1]
    text = stacked_form(language, ":", "", {}).replace(f"\n{labels[3]}:\n", f"\n{HEADINGS[language]}:\n")
    first, second = read(text, language)
    assert (first.job_title, second.job_title) == (None, None)
    assert first.organization == "Ministry of Digital Economy"


@pytest.mark.parametrize(("printed", "read_as"), [
    ("Mlle", "Mile"), ("Dr", "Or"), ("Dr.", "Or."), ("Mme", "Mrne"), ("Mlle", "E Mlle"), ("Lic.", "| Lic."),
    ("Prof.", "Prof."), ("Sra.", "Sra."), ("г-жа", "г-жа"), ("الدكتور", "الدكتور"),
    ("D.ª", "D.*"), ("D.ª", "D.°"), ("D.ª", "D.º"),
])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_title_damaged_by_ocr_is_the_one_honorific_it_can_be(language: str, printed: str, read_as: str) -> None:
    text = stacked_form(language, ":", "", {}).replace("\nDr.\n", f"\n{read_as}\n", 1)
    assert read(text, language)[0].title == printed


@pytest.mark.parametrize("unknown", ["Xyz", "Mis", "Il"])
def test_a_title_no_single_repair_explains_is_kept_as_read(unknown: str) -> None:
    text = stacked_form("en", ":", "", {}).replace("\nDr.\n", f"\n{unknown}\n", 1)
    assert read(text, "en")[0].title == unknown


WORDINGS = [
    ("fr", 2, "Nom(s) de famille"), ("fr", 6, "Courrier électronique"), ("fr", 6, "Adresse de courriel"),
    ("es", 1, "Nombres de pila"), ("es", 6, "Correo electrónico institucional"), ("es", 6, "Email institucional"),
    ("ru", 6, "Электронный адрес"), ("ar", 6, "البريد الإلكتروني الرسمي"), ("zh", 6, "电子邮件地址"), ("zh", 6, "邮箱地址"),
]


@pytest.mark.parametrize(("language", "field", "wording"), WORDINGS)
@pytest.mark.parametrize("colon", [":", ""])
def test_other_wordings_of_a_label_read_stacked(language: str, field: int, wording: str, colon: str) -> None:
    labels = FORMS[language][1]
    text = stacked_form(language, colon, "", {}).replace(f"\n{labels[field]}{colon}\n", f"\n{wording}{colon}\n")
    first, second = read(text, language)
    assert (first.first_name, first.last_name, first.email) == ("Amara", "Okafor", "a.okafor@mde.example")
    assert second.email == "t.herrera@nda.example"


@pytest.mark.parametrize(("language", "speck"), list(itertools.product(FORMS, [" -", " _", " —", " |", " - -"])))
def test_a_speck_standing_apart_after_an_inline_value_is_no_part_of_it(language: str, speck: str) -> None:
    """A scan's dust after a value, read as a dash or a bar a space away from it ('عبد الفتاح -')."""
    _, labels, (role, _) = FORMS[language]
    lines = [FORMS[language][0].format(n=1)]
    values = ["Dr.", "Amara", "Al-Okafor", "Director - Standards", role, "Ministry of Digital Economy",
              "a.okafor@mde.example"]
    lines += [f"{label}: {value}{speck}" for label, value in zip(labels, values)]
    nominee, = read("\n".join(lines), language)
    assert (nominee.first_name, nominee.last_name, nominee.job_title) == ("Amara", "Al-Okafor", "Director - Standards")
    assert (nominee.organization, nominee.role) == ("Ministry of Digital Economy", "primary")
