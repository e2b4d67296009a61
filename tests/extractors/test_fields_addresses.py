"""Nominees' e-mail addresses: the addressee's own is never one, none slides to another
nominee, and a malformed one is kept exactly as printed, in every layout and language."""

from __future__ import annotations

import pytest

from extractors.fields import parse_letter
from extractors.fields.normalize import find_email
from extractors.model import Document, Page

# (language, e-mail label, first-name label, last-name label, role label, role value, heading word)
WORDINGS = [
    ("en", "E-mail", "First name", "Last name", "Role in GCC", "Primary contact", "Representative"),
    ("fr", "Adresse électronique", "Prénom", "Nom de famille", "Rôle au sein du GCC", "Point de contact principal", "Représentant"),
    ("es", "Correo electrónico", "Nombre", "Apellido(s)", "Función en el GCC", "Contacto principal", "Representante"),
    ("ru", "эл. почта", "Имя", "Фамилия", "Роль в GCC", "Основное контактное лицо", "Представитель"),
    ("ar", "البريد الإلكتروني", "الاسم الأول", "اسم العائلة", "الدور في اللجنة", "جهة الاتصال الرئيسية", "الممثل"),
    ("zh", "电子邮件", "名", "姓", "在GCC中的角色", "主要联系人", "代表"),
]
PEOPLE = [("Anna", "Kuznetsova", "a.kuznetsova@digital.gov.ru"), ("Alexei", "Smirnov", "a.smirnov@digital.gov.ru"),
          ("Andrei", "Volkov", "andrei.volkov@digital.gov.ru")]
OURS = ["gcc-secretariat@itu.int", "tsbdir@itu.int", "GCC-Secretariat@ITU.int"]


def letter(text: str, tables: list[list[list[str]]] | None = None) -> Document:
    return Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text=text, tables=tables or [])])


def inline_form(wording: tuple[str, ...], people: list[tuple[str, str, str]], stacked: bool) -> str:
    _, email, first, last, role, primary, heading = wording
    lines: list[str] = []
    for number, (given, family, address) in enumerate(people, start=1):
        pairs = [(first, given), (last, family), (role, primary if number == 1 else "—"), (email, address)]
        lines.append(f"{heading} {number}")
        for label, content in pairs:
            lines += [label, content] if stacked else [f"{label}: {content}"]
    return "\n".join(lines)


@pytest.mark.parametrize("ours", OURS)
@pytest.mark.parametrize("stacked", [False, True], ids=["inline", "stacked"])
@pytest.mark.parametrize("wording", WORDINGS, ids=[w[0] for w in WORDINGS])
def test_the_addressees_line_in_the_letterhead_shifts_no_nominee(wording: tuple[str, ...], stacked: bool, ours: str) -> None:
    header = f"Director, TSB\nPlace des Nations, Geneva\n{wording[1]}: {ours}\nSubject: GCC nomination\n"
    nominees = parse_letter(letter(header + inline_form(wording, PEOPLE, stacked)), wording[0]).nominees
    assert [(n.first_name, n.last_name, n.email) for n in nominees] == PEOPLE


@pytest.mark.parametrize("wording", WORDINGS, ids=[w[0] for w in WORDINGS])
def test_a_malformed_address_is_kept_as_printed_and_the_others_stay_with_their_owners(wording: tuple[str, ...]) -> None:
    people = [(PEOPLE[0][0], PEOPLE[0][1], "A.Kuznetsova@digital.gov,ru"), *PEOPLE[1:]]
    nominees = parse_letter(letter(inline_form(wording, people, stacked=False)), wording[0]).nominees
    assert [n.email for n in nominees] == ["a.kuznetsova@digital.gov,ru", PEOPLE[1][2], PEOPLE[2][2]]


@pytest.mark.parametrize("printed", ["liu_ha@pbc. gov.cn", "a.kuznetsova@digital.gov,ru", "s.marchand@@finances.gouv.fr"])
@pytest.mark.parametrize("side", ["column", "row"])
def test_a_malformed_address_in_a_table_cell_is_kept_as_printed(printed: str, side: str) -> None:
    labels = ["First name", "Last name", "Role in GCC", "E-mail"]
    values = [["Hai", "Liu", "Primary contact", printed], ["Ana", "Ruiz", "Designated alternate", "a.ruiz@x.gov.cn"]]
    table = [labels, *values] if side == "row" else [[label, *(v[i] for v in values)] for i, label in enumerate(labels)]
    nominees = parse_letter(letter("", [table]), "en").nominees
    assert [n.email for n in nominees] == [printed.lower(), "a.ruiz@x.gov.cn"]


@pytest.mark.parametrize("ours", OURS)
def test_the_addressees_address_in_a_table_is_no_nominees(ours: str) -> None:
    table = [["", "Representative 1", "Representative 2"], ["First name", "Hai", "Ana"], ["Last name", "Liu", "Ruiz"],
             ["Role in GCC", "Primary contact", "Designated alternate"], ["E-mail", ours, "a.ruiz@x.gov.cn"]]
    nominees = parse_letter(letter("", [table]), "en").nominees
    assert [n.email for n in nominees] == [None, "a.ruiz@x.gov.cn"]


@pytest.mark.parametrize(("text", "language"), [
    ("Please reply to gcc-secretariat@itu.int. I nominate Dr Jane Doe, Director, Ministry of X (jane.doe@x.gov), "
     "as primary contact.", "en"),
    ("兹提名李俊杰先生（数码发展部，处长，电子邮件：jane.doe@x.gov，抄送 gcc-secretariat@itu.int）为主要联系人。", "zh"),
])
def test_prose_never_gives_a_nominee_the_addressees_address(text: str, language: str) -> None:
    assert [n.email for n in parse_letter(letter(text), language).nominees] == ["jane.doe@x.gov"]


@pytest.mark.parametrize(("text", "address"), [
    ("e-mail: A.Kuznetsova@digital.gov,ru", "a.kuznetsova@digital.gov,ru"),
    ("（电子邮件：li@x.cn）为主要联系人。", "li@x.cn"),
    ("courriel : <Paul.Durand@anfr.fr>.", "paul.durand@anfr.fr"),
    ("البريد:a@b.eg، والهاتف", "a@b.eg"),
    ("copy gcc-secretariat@itu.int, write to b@c.gov.", "b@c.gov"),
    ("电子邮件li@x.cn为主要联系人", "li@x.cn"),
    ("البريد الإلكتروني: ivan@وزارة.مصر، والهاتف", "ivan@وزارة.مصر"),
])
def test_find_email_returns_the_address_as_printed_around_its_punctuation(text: str, address: str) -> None:
    assert find_email(text) == address
