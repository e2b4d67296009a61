"""Inline 'Label: value' forms with a long label OCR misread by a letter or two ('اسم اامنظحة:').

Where the labels around it skip exactly one Annex 2 field, a label that reads like that field's
label is that field; the same misread label where no field is skipped, or words that read like
no label of the skipped field, name nothing.
"""

from __future__ import annotations

import pytest

from extractors.fields.template import parse_template
from extractors.model import ANNEX2_FIELDS
from tests.extractors.test_fields_template_ocr import FORMS, PEOPLE

MISREADS = {
    "en": [("Organization name", "Organisatlom nanc"), ("Job title", "J0b tilte")],
    "fr": [("Nom de l'organisation", "Nom de l0rganlsatiom")],
    "es": [("Entidad", "Entidaal")],
    "ru": [("Наименование организации", "Наимснованне органнзацни"), ("Должность", "Должнсотъ")],
    "ar": [("اسم المنظمة", "اسم اامنظحة"), ("اسم المنظمة", "اسم ااحمنظدة"), ("المسمى الوظيفي", "المسعى الوضيقي")],
}
"""Labels with letters misread as OCR misreads them, each too far from every label of its field (under 85)
for the label to be read anywhere, close enough (75 and more) to be its field where the form's order says so."""


def _inline_form(language: str, misread: tuple[str, str] | None, skip_none: bool = False) -> str:
    """Two nominees, 'Label: value' lines; the first nominee's label `misread[0]` printed as `misread[1]`
    (with `skip_none`, the line before it is left out, so that no field is skipped at that place)."""
    heading, labels, roles = FORMS[language]
    lines = ["Circular TSB 006: designation of representatives to the GCC."]
    for n, (person, role) in enumerate(zip(PEOPLE, roles), start=1):
        title, first, last, job, organization, email = person
        lines.append(heading.format(n=n))
        for label, value in zip(labels, [title, first, last, job, role, organization, email]):
            if n == 1 and misread and label == misread[0]:
                label = misread[1]
            lines.append(f"{label}: {value}")
    if skip_none and misread:
        at = next(i for i, line in enumerate(lines) if line.startswith(misread[1]))
        del lines[at - 1]
    return "\n".join(lines)


@pytest.mark.parametrize(("language", "misread"), [(lang, m) for lang, ms in MISREADS.items() for m in ms])
def test_a_misread_label_in_the_place_of_the_one_skipped_field_is_that_field(language: str,
                                                                          misread: tuple[str, str]) -> None:
    nominees, _ = parse_template(_inline_form(language, misread))
    clean, _ = parse_template(_inline_form(language, None))
    assert [n.__dict__ for n in nominees] == [n.__dict__ for n in clean]


@pytest.mark.parametrize(("language", "misread"), [(lang, m) for lang, ms in MISREADS.items() for m in ms])
def test_a_misread_label_where_no_field_is_skipped_names_nothing(language: str, misread: tuple[str, str]) -> None:
    """The line before it left out, the labels around it skip two fields: which one it is, nothing says."""
    nominees, _ = parse_template(_inline_form(language, misread, skip_none=True))
    field = ANNEX2_FIELDS[FORMS[language][1].index(misread[0])]
    assert nominees and getattr(nominees[0], field) is None


@pytest.mark.parametrize("words", ["Ministry letter", "تحية طيبة وبعد", "Objet de la lettre"])
def test_words_like_no_label_of_the_skipped_field_name_nothing(words: str) -> None:
    """A colon line between the labels around the organisation's place, reading like no organisation label."""
    form = _inline_form("en", ("Organization name", words))
    nominees, _ = parse_template(form)
    assert nominees[0].organization is None


@pytest.mark.parametrize("label", ["البريد الإلكتروني", "البريد الالكتروني", "عنوان البريد الإلكتروني"])
@pytest.mark.parametrize("address", ["n.alsabah@moc.gov.kw", "omar.hourani@modee.gov.jo"])
def test_an_arabic_e_mail_line_ocr_turned_left_to_right_is_its_label_then_its_address(label: str, address: str) -> None:
    """Words in left-to-right order, and any of their letters turned too ('ينورتكلإلا'), as Tesseract gives
    an Arabic label after a Latin address now and then: the address is the nominee's, under its label."""
    words = label.split()
    for turned in range(2 ** len(words)):
        shown = " ".join(word[::-1] if turned >> n & 1 else word for n, word in enumerate(reversed(words)))
        form = _inline_form("ar", None).replace(f"البريد الإلكتروني: {PEOPLE[0][5]}", f"{address} {shown}")
        nominees, _ = parse_template(form)
        assert nominees[0].email == address, shown


def test_an_address_before_words_that_are_no_e_mail_label_stays_as_it_is() -> None:
    form = _inline_form("ar", None).replace(f"البريد الإلكتروني: {PEOPLE[0][5]}", "x.y@z.org شكرا لكم")
    nominees, _ = parse_template(form)
    assert nominees[0].email != "x.y@z.org"
