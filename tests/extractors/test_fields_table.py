"""Annex 2 tables: one column per representative, labels first (or last, right to left)."""

import pytest

from extractors.fields import parse_letter
from extractors.model import Document, Page


def with_table(table: list[list[str]]) -> Document:
    return Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text="", tables=[table])])


def test_spanish_table_with_wrapped_cells() -> None:
    table = [
        ["", "Representante 1", "Representante 2"],
        ["Título o rango", "D.", "Dña."],
        ["Nombre", "Javier", "Lucía"],
        ["Apellido(s)", "Martín Cabrera", "Vidal Ruiz"],
        ["Cargo", "Subdirector General de\nIdentidad Digital", "Jefa de Área"],
        ["Función en el GCC", "Contacto principal", "Suplente designado"],
        ["Nombre de la\norganización", "Ministerio para la\nTransformación Digital", "Ministerio"],
        ["Correo electrónico", "Javier.Martin@digital.example", "lucia@digital.example"],
    ]
    parsed = parse_letter(with_table(table), "es")
    assert parsed.layout == "table"
    first, second = parsed.nominees
    assert first.job_title == "Subdirector General de Identidad Digital"
    assert first.organization == "Ministerio para la Transformación Digital"
    assert (first.email, first.role, second.role) == ("javier.martin@digital.example", "primary", "alternate")


def test_right_to_left_table_reads_outwards_from_the_label_column() -> None:
    table = [
        ["الممثل 2", "الممثل 1", "البيان"],
        ["السيدة", "السيد", "اللقب أو الرتبة"],
        ["نورة", "حمد", "الاسم الأول"],
        ["السليطي", "المري", "اسم العائلة"],
        ["رئيسة قسم", "مدير إدارة", "المسمى الوظيفي"],
        ["مناوب معيّن", "جهة الاتصال الرئيسية", "الدور في اللجنة الحكومية\n(GCC)"],
        ["الوزارة", "الوزارة", "اسم المنظمة"],
        ["n@mcit.example", "h@mcit.example", "البريد الإلكتروني"],
    ]
    first, second = parse_letter(with_table(table), "ar").nominees
    assert (first.first_name, first.role, second.first_name, second.role) == ("حمد", "primary", "نورة", "alternate")


def test_chinese_and_russian_tables() -> None:
    chinese = [["项目", "代表一"], ["称谓或职衔", "博士"], ["名", "志明"], ["姓", "林"], ["职务", "司长"],
               ["在GCC中的角色", "指定顾问"], ["组织名称", "数码部"], ["电子邮件", "lim@digital.example"]]
    russian = [["", "Представитель 1"], ["Обращение или\nзвание", "г-н"], ["Имя", "Шерзод"], ["Фамилия", "Алимов"],
               ["Должность", "Заместитель\nдиректора"], ["Роль в GCC", "Основное контактное\nлицо"],
               ["Наименование\nорганизации", "Центр"], ["Адрес электронной\nпочты", "sh@csec.example"]]
    zh = parse_letter(with_table(chinese), "zh").nominees[0]
    ru = parse_letter(with_table(russian), "ru").nominees[0]
    assert (zh.title, zh.first_name, zh.last_name, zh.role) == ("博士", "志明", "林", "advisor")
    assert (ru.title, ru.job_title, ru.role) == ("г-н", "Заместитель директора", "primary")


def test_a_table_with_one_row_per_representative() -> None:
    table = [["Title", "First name", "Last name", "Job title", "Role in GCC", "Organization name", "E-mail"],
             ["Mr", "Liam", "O'Connor", "Adviser", "Designated alternate", "Agency", "liam@dta.example"]]
    nominee = parse_letter(with_table(table), "en").nominees[0]
    assert (nominee.last_name, nominee.role) == ("O'Connor", "alternate")


@pytest.mark.parametrize(("label", "role_value", "role"), [
    ("Rank/Ti tle", "Contact principa l", "primary"), ("Civili té", "Suppléa nt", "alternate"),
    ("Título/Rango", "Asesor técni co", "advisor"), ("Обращение/звание", "Основное контактное ли цо", "primary"),
])
def test_words_cut_at_a_narrow_cells_edge_still_name_their_label_and_role(label: str, role_value: str, role: str) -> None:
    table = [[label, "First Name", "Family Name", "Ministry/Agency", "GCC role", "E-mail address"],
             ["Mr", "Musa", "Okonkwo", "Federal Ministry of Communications", role_value, "m.okonkwo@fmcide.gov.ng"]]
    nominee = parse_letter(with_table(table), None).nominees[0]
    assert (nominee.title, nominee.organization, nominee.role) == ("Mr", "Federal Ministry of Communications", role)


def test_a_table_wins_over_prose_that_runs_into_the_closing_formula() -> None:
    text = ("I have the honour to nominate the following representative as primary contact:\n"
            "Please accept, Sir, the assurances of my highest consideration.")
    table = [["Title", "First Name", "Family Name", "Designation", "GCC role", "E-mail address"],
             ["Mr", "Musa", "Okonkwo", "Programme Lead", "Primary contact", "m.okonkwo@fmcide.gov.ng"]]
    document = Document(name="letter.pdf", kind="pdf", pages=[Page(number=1, text=text, tables=[table])])
    parsed = parse_letter(document, "en")
    assert parsed.layout == "table"
    assert all("consideration" not in (n.organization or "") for n in parsed.nominees)


@pytest.mark.parametrize("heading", ["Administration", "Ministry/Agency", "Ministerio", "Министерство", "الوزارة"])
def test_a_column_headed_by_an_institution_word_is_the_organisation(heading: str) -> None:
    table = [["Nom", "Prénom", "Titre", heading, "E-mail"],
             ["Ndiaye", "Mariam", "Mme", "Ministère du Numérique", "mariam.ndiaye@telecom.gouv.ci"]]
    assert parse_letter(with_table(table), "fr").nominees[0].organization == "Ministère du Numérique"


@pytest.mark.parametrize("garbled", ["电子郎箱", "", "Ernail", "Correo electr6nic0"])
@pytest.mark.parametrize("by_row", [True, False])
def test_the_address_line_is_found_by_its_values_when_ocr_garbled_its_label(garbled: str, by_row: bool) -> None:
    rows = [
        ["称谓", "姓氏", "名字", "职位", garbled, "GCC角色"],
        ["博士", "黄", "晓明", "数字身份项目主管", "xiaoming.huang@nda.gov.cn", "主要联系人"],
        ["先生", "周", "志强", "一级调研员", "zhou_zh@nda.gov.cn", "指定候补代表"],
    ]
    table = rows if by_row else [list(column) for column in zip(*rows)]
    first, second = parse_letter(with_table(table), "zh").nominees
    assert (first.email, second.email) == ("xiaoming.huang@nda.gov.cn", "zhou_zh@nda.gov.cn")


def test_an_unnamed_line_with_a_word_that_is_no_address_is_not_taken_for_the_addresses() -> None:
    table = [
        ["称谓", "姓氏", "名字", "职位", "电子郎箱", "GCC角色"],
        ["博士", "黄", "晓明", "数字身份项目主管", "xiaoming.huang@nda.gov.cn", "主要联系人"],
        ["先生", "周", "志强", "一级调研员", "zhou_zh nda.gov.cn", "指定候补代表"],
    ]
    assert [n.email for n in parse_letter(with_table(table), "zh").nominees] == [None, None]
