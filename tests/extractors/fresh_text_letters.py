"""Text nomination letters written apart from the corpora: text PDFs, Word files and mail bodies (no tests here).

The ministries of fresh_letters.py write again, now the way a word processor
or a mail client sends it: a letter is what it says (`TextLetter`: language,
cast, nominees and their roles, layout, label wording, signed or not) set in
one of five forms (`TextForm`): a PDF printed by fpdf2 or by reportlab
(other fonts, Chinese in a CID font), a Word file (letterhead in the page
header, tables, a picture signature), or the mail body (plain text, or HTML
with a signature picture). The letter is first a list of blocks (lines,
label/value pairs, tables, the signature's place); each form draws the same
blocks, so that what the letter says is known whatever the form, and
`expected` tells what the bot must answer.

Layouts: `numbered` (1., 2. paragraphs of label lines), `kv` (a heading per
nominee, values in a column beside the labels), `stacked` (each label on its
own line, the value under it), `rows` (one table row per nominee), `cols`
(one table column per nominee), `pairs` (a two-column table per nominee,
the labels in its rows), `prose` (sentences: "We nominate Ms X, Director of
..., as primary contact (x@y.gov)"). Wordings: the Annex 2 labels
(`official`), shorter everyday ones (`short`), either in capitals
(`caps`), without colons (`plain`) or numbered ('a) Title:', `lettered`).
A nominee may carry a telephone line, which no Annex 2 field takes.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Literal, Union

import datetime as dt

from extractors.model import Nominee
from tests.extractors.fresh_letters import MINISTRIES, Ministry
from tests.letters import AUTH_OK

TextLayout = Literal["numbered", "kv", "stacked", "rows", "cols", "pairs", "prose"]
Wording = Literal["official", "short", "caps", "plain", "lettered", "forms", "fullname"]
TextForm = Literal["pdf-fpdf", "pdf-reportlab", "docx", "body-plain", "body-html"]
Primary = Literal["one", "none", "two"]
TEXT_LAYOUTS: tuple[TextLayout, ...] = ("numbered", "kv", "stacked", "rows", "cols", "pairs", "prose")
WORDINGS: tuple[Wording, ...] = ("official", "short", "caps", "plain", "lettered", "forms", "fullname")
TEXT_FORMS: tuple[TextForm, ...] = ("pdf-fpdf", "pdf-reportlab", "docx", "body-plain", "body-html")
TEXT_FORM_TAGS: dict[str, str] = {"pdf-fpdf": "pdf-text", "pdf-reportlab": "pdf-text-reportlab", "docx": "docx",
                                  "body-plain": "body-plain", "body-html": "mail-html"}
ROLES = ("primary", "alternate", "advisor")
COUNTRIES = {"en": "NAM", "fr": "MLI", "es": "GTM", "ru": "AZE", "ar": "KWT", "zh": "CHN"}


@dataclass(frozen=True)
class Cast:
    """Who a ministry nominates from another body: the body, its mail domain, three people
    (title, first name, last name, job title, e-mail local part)."""

    organization: str
    domain: str
    people: tuple[tuple[str, str, str, str, str], ...]


CASTS: dict[str, Cast] = {
    "en": Cast("Communications Regulatory Authority of Namibia", "cran.na", (
        ("Mrs", "Ndapewa", "Haufiku-Iipinge", "Manager, Cybersecurity and Digital Trust", "nhaufiku"),
        ("Prof.", "Johannes", "van der Merwe", "Chief Technology Officer", "jvandermerwe"),
        ("Mr", "Kaino", "Nghitila", "Senior Engineer, Spectrum and Standards", "knghitila"))),
    "fr": Cast("Autorité malienne de régulation des télécommunications, des TIC et des postes", "amrtp.ml", (
        ("Mme", "Aïssata", "Diallo", "Directrice de la réglementation", "a.diallo"),
        ("M.", "Moussa", "Ag Alhassane", "Ingénieur principal", "m.agalhassane"),
        ("Pr", "Oumar", "Sissoko", "Conseiller juridique", "osissoko"))),
    "es": Cast("Superintendencia de Telecomunicaciones", "sit.gob.gt", (
        ("Dra.", "Claudia Patricia", "de León Rivas", "Intendente de Regulación", "cdeleon"),
        ("Lic.", "Luis Fernando", "Ixcoy", "Analista de Sistemas", "lixcoy"),
        ("Sra.", "Rosa", "Tzul Chávez", "Asesora Jurídica", "rtzul"))),
    "ru": Cast("Агентство по инновациям и развитию", "idda.az", (
        ("г-жа", "Севиндж", "Гасанова", "Руководитель сектора стандартизации", "s.hasanova"),
        ("г-н", "Орхан", "Керимов", "Ведущий инженер", "o.karimov"),
        ("д-р", "Нигяр", "Исмайлова", "Главный консультант", "n.ismayilova"))),
    "ar": Cast("هيئة الاتصالات وتقنية المعلومات", "citra.gov.kw", (
        ("المهندسة", "مريم", "الهاجري", "رئيسة قسم الأمن السيبراني", "m.alhajri"),
        ("السيد", "يوسف", "الكندري", "محلل نظم أول", "y.alkandari"),
        ("الدكتور", "سالم", "المطيري", "مستشار قانوني", "s.almutairi"))),
    "zh": Cast("工业和信息化部", "miit.gov.cn", (
        ("女士", "晓燕", "陈", "信息通信发展司处长", "chenxiaoyan"),
        ("先生", "志强", "刘", "网络安全管理局工程师", "liuzhiqiang"),
        ("博士", "敏", "赵", "电子认证研究中心主任", "zhaomin"))),
}

SHORT_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("Title", "Given name", "Surname", "Position", "GCC role", "Organisation", "Email address"),
    "fr": ("Civilité", "Prénom(s)", "Nom", "Poste occupé", "Rôle au GCC", "Organisme", "Adresse électronique"),
    "es": ("Tratamiento", "Nombre(s)", "Apellido(s)", "Puesto", "Rol en el GCC", "Institución", "Correo"),
    "ru": ("Звание", "Имя", "Фамилия", "Занимаемая должность", "Роль", "Организация", "E-mail"),
    "ar": ("الصفة", "الاسم", "اسم الأسرة", "الوظيفة", "الدور", "الجهة", "البريد الإلكتروني"),
    "zh": ("称谓", "名字", "姓氏", "职位", "角色", "工作单位", "电子邮箱"),
}
"""Everyday wordings of the seven Annex 2 labels, in Annex 2 order."""

FORM_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("Salutation", "First name(s)", "Surname (family name)", "Position/Title", "Role in the GCC",
           "Name of organization/institution", "Official e-mail"),
    "fr": ("Titre", "Prénom(s)", "Nom(s) de famille", "Fonction/Titre", "Rôle dans le GCC", "Nom de l'organisme",
           "Adresse de courriel officielle"),
    "es": ("Título", "Nombre(s) de pila", "Apellidos", "Cargo/Puesto", "Función dentro del GCC",
           "Nombre de la institución", "Correo electrónico oficial"),
    "ru": ("Обращение/звание", "Имя, отчество", "Фамилия", "Должность", "Роль в GCC", "Полное наименование организации",
           "Электронная почта (служебная)"),
    "ar": ("اللقب/الرتبة", "الاسم الشخصي", "اللقب العائلي", "الوظيفة الحالية", "الصفة في اللجنة", "اسم الجهة",
           "عنوان البريد الإلكتروني"),
    "zh": ("称呼", "名字", "姓氏", "现任职务", "在委员会中的角色", "单位名称", "电子信箱"),
}
"""The labels of forms ministries draw themselves: longer, with slashes and asides."""

FULL_NAME: dict[str, str] = {"en": "Full name", "fr": "Nom et prénom", "es": "Nombre completo", "ru": "Фамилия, имя",
                             "ar": "الاسم الكامل", "zh": "姓名"}
"""One label for the whole name, which then holds the title too (not in Russian and Chinese, where the
title keeps its own line): 'Dr Tangeni Shikongo', 'M. TRAORÉ Boubacar', 'Мамедов Эльдар', '王建国'."""

OTHER_ROLES: dict[str, tuple[str, str, str]] = {
    "en": ("Primary Contact Person", "Alternate", "Adviser"),
    "fr": ("Point de contact principal", "Suppléant", "Conseiller"),
    "es": ("Punto de contacto principal", "Suplente", "Asesor"),
    "ru": ("Основное контактное лицо", "Заместитель", "Советник"),
    "ar": ("نقطة الاتصال الرئيسية", "عضو مناوب", "مستشار"),
    "zh": ("主要联络人", "候补代表", "顾问"),
}
"""Shorter role words, used with the short labels."""

PHONE: dict[str, str] = {"en": "Telephone", "fr": "Téléphone", "es": "Teléfono", "ru": "Телефон", "ar": "الهاتف",
                         "zh": "电话"}

PROSE: dict[str, str] = {
    "en": "We nominate {title} {first} {last}, {job}, {org}, as {role} ({email}).",
    "fr": "Nous désignons {title} {first} {last}, {job}, {org}, en qualité de {role} (courriel : {email}).",
    "es": "Se designa a {title} {first} {last}, {job}, {org}, como {role} (correo electrónico: {email}).",
    "ru": "Назначить {title} {first} {last}, {job}, {org}, в качестве {role} (эл. почта: {email}).",
    "ar": "نرشح {title} {first} {last}، {job}، {org}، بصفة {role} (البريد الإلكتروني: {email}).",
    "zh": "兹提名{last}{first}{title}（{org}{job}，电子邮件：{email}）为{role}。",
}
"""One sentence per nominee (every other one, see PROSE_SECOND); the role in the case the sentence takes (PROSE_ROLES)."""

PROSE_SECOND: dict[str, str] = {
    "en": "{title} {first} {last}, {job} at the {org}, will serve as {role}; e-mail: {email}.",
    "fr": "{title} {first} {last}, {job}, {org}, assurera les fonctions de {role} ; adresse électronique : {email}.",
    "es": "Asimismo, {title} {first} {last}, {job}, {org}, actuará como {role} (correo: {email}).",
    "ru": "В качестве {role} назначается {title} {first} {last}, {job}, {org}, e-mail: {email}.",
    "ar": "كما نرشح {title} {first} {last}، {job}، {org}، بصفته {role}، البريد الإلكتروني: {email}.",
    "zh": "{last}{first}{title}，{org}{job}，担任{role}，电子邮件：{email}。",
}
"""The sentence of the second nominee: other verbs, the role before the name in Russian."""

PROSE_ROLES: dict[str, tuple[str, str, str]] = {
    "en": ("primary contact", "designated alternate", "designated advisor"),
    "fr": ("contact principal", "suppléant désigné", "conseiller désigné"),
    "es": ("contacto principal", "suplente designado", "asesor designado"),
    "ru": ("основного контактного лица", "назначенного заместителя", "назначенного советника"),
    "ar": ("جهة الاتصال الرئيسية", "عضو مناوب", "مستشار"),
    "zh": ("主要联系人", "候补代表", "顾问"),
}


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    align: Literal["start", "centre", "end"] = "start"
    size: float = 10.5


@dataclass(frozen=True)
class Pair:
    """A label and its value on one line: the value right after the label, or in a column of its own."""

    label: str
    value: str
    column: bool = False


@dataclass(frozen=True)
class Stacked:
    """A label on its own line, the value on the line under it."""

    label: str
    value: str


@dataclass(frozen=True)
class Grid:
    """A ruled table; `labels` says where its labels stand: the first row or the first column."""

    rows: tuple[tuple[str, ...], ...]
    labels: Literal["row", "column"]


@dataclass(frozen=True)
class Sign:
    """Where the signature goes (ink when the letter is signed), then the signatory's name and title."""

    name: str
    title: str
    contact: str = ""
    """A line under the title with the signatory's own e-mail (never a nominee's)."""


@dataclass(frozen=True)
class Gap:
    pass


Block = Union[Line, Pair, Stacked, Grid, Sign, Gap]


@dataclass(frozen=True)
class TextLetter:
    """What one text letter says and how it is set."""

    language: str
    nominees: int = 2
    layout: TextLayout = "kv"
    wording: Wording = "official"
    form: TextForm = "pdf-fpdf"
    primary: Primary = "one"
    primary_at: int = 0
    """Which nominee is the primary contact (when there is exactly one)."""
    signed: bool = True
    cast: Literal["ministry", "agency"] = "ministry"
    phone: bool = False
    letterhead: Literal["centre", "start"] = "centre"
    contacts: bool = False
    """The signatory's e-mail under the signature and the mission's in the CC line."""

    @property
    def ministry(self) -> Ministry:
        return MINISTRIES[self.language]

    def roles(self) -> list[str]:
        """The role of each nominee: one primary (where primary_at says), none, or the first two."""
        count = self.nominees
        if self.primary == "two":
            return ["primary", "primary", "advisor"][:count]
        if self.primary == "none":
            return ["alternate", "advisor", "alternate"][:count]
        at = self.primary_at % count
        others = iter(("alternate", "advisor"))
        return ["primary" if n == at else next(others) for n in range(count)]

    def expected_nominees(self) -> list[Nominee]:
        """Exactly what the letter prints for each nominee, in letter order."""
        if self.cast == "agency":
            cast = CASTS[self.language]
            organization, domain, people = cast.organization, cast.domain, cast.people
        else:
            m = self.ministry
            organization, domain, people = m.ministry, m.domain, m.people
        return [Nominee(title=title, first_name=first, last_name=last, job_title=job, role=role,  # type: ignore[arg-type]
                        organization=organization, email=f"{local}@{domain}")
                for (title, first, last, job, local), role in zip(people, self.roles())]

    @property
    def signed_in_form(self) -> bool:
        """A plain-text mail body cannot carry a signature, whatever the writer meant."""
        return self.signed and self.form != "body-plain"


def _fields(letter: TextLetter, nominee: Nominee) -> list[tuple[str, str]]:
    """The nominee's (label, value) lines in Annex 2 order, in the letter's wording."""
    language = letter.language
    base = {"short": SHORT_LABELS, "lettered": SHORT_LABELS, "forms": FORM_LABELS}.get(letter.wording)
    labels = base[language] if base else letter.ministry.labels
    roles = OTHER_ROLES[language] if letter.wording in ("short", "lettered") else letter.ministry.roles
    values = [nominee.title or "", nominee.first_name or "", nominee.last_name or "", nominee.job_title or "",
              roles[ROLES.index(nominee.role or "primary")], nominee.organization or "", nominee.email or ""]
    pairs = list(zip(labels, values))
    if letter.wording == "fullname":
        pairs = pairs[:1] * (language in ("ru", "zh")) + [(FULL_NAME[language], _full_name(language, nominee))] + pairs[3:]
    colon = "：" if language == "zh" else ":"
    out = []
    for n, (label, value) in enumerate(pairs):
        label = label.upper() if letter.wording == "caps" else label
        label = f"{'abcdefg'[n]}) {label}" if letter.wording == "lettered" else label
        bare = letter.wording == "plain" or letter.layout in ("rows", "cols", "pairs")
        out.append((label if bare else label + colon, value))
    return out


def _full_name(language: str, nominee: Nominee) -> str:
    title, first, last = nominee.title, nominee.first_name, nominee.last_name
    return {"ru": f"{last} {first}", "zh": f"{last}{first}", "fr": f"{title} {(last or '').upper()} {first}"}.get(
        language, f"{title} {first} {last}")


def _phone(letter: TextLetter, n: int) -> str:
    return f"+{200 + n} 61 283 9{n}{n}{n}"


def _heading(letter: TextLetter, n: int) -> str:
    return f"{letter.ministry.heading} {n}"


def _nominee_blocks(letter: TextLetter) -> list[Block]:
    """The nominees in the letter's layout."""
    nominees = letter.expected_nominees()
    fields = [_fields(letter, nominee) for nominee in nominees]
    labels = [label for label, _ in fields[0]]
    values = [[value for _, value in pairs] for pairs in fields]
    phone_label = PHONE[letter.language] + ("" if letter.wording == "plain" else ":")
    blocks: list[Block] = []
    if letter.layout == "rows":
        return [Grid((tuple(labels), *(tuple(v) for v in values)), "row"), Gap()]
    if letter.layout == "cols":
        header = ("", *(_heading(letter, n) for n in range(1, len(nominees) + 1)))
        rows = [tuple([labels[f], *(v[f] for v in values)]) for f in range(len(labels))]
        return [Grid((header, *rows), "column"), Gap()]
    if letter.layout == "prose":
        sentences: list[Block] = [Line(_sentence(letter, nominee, n % 2 == 1)) for n, nominee in enumerate(nominees)]
        return sentences + [Gap()]
    for n, value in enumerate(values, start=1):
        if letter.layout == "pairs":
            blocks += [Line(_heading(letter, n), bold=True), Grid(tuple(zip(labels, value)), "column")]
        elif letter.layout == "stacked":
            blocks += [Line(_heading(letter, n), bold=True)] + [Stacked(l, v) for l, v in zip(labels, value)]
        else:
            first = f"{n}. " if letter.layout == "numbered" else ""
            if letter.layout == "kv":
                blocks.append(Line(_heading(letter, n), bold=True))
            blocks += [Pair(f"{first if f == 0 else ''}{l}", v, column=letter.layout == "kv")
                       for f, (l, v) in enumerate(zip(labels, value))]
        if letter.phone and letter.language != "ar":  # fpdf2 draws digits in a shaped Arabic line with wrong glyphs
            blocks.append(Pair(phone_label, _phone(letter, n), column=letter.layout == "kv"))
        blocks.append(Gap())
    return blocks


def _sentence(letter: TextLetter, nominee: Nominee, second: bool) -> str:
    role = PROSE_ROLES[letter.language][ROLES.index(nominee.role or "primary")]
    return (PROSE_SECOND if second else PROSE)[letter.language].format(title=nominee.title, first=nominee.first_name, last=nominee.last_name,
                                         job=nominee.job_title, org=nominee.organization, role=role,
                                         email=nominee.email)


def blocks(letter: TextLetter) -> list[Block]:
    """The whole letter: letterhead, reference and date, addressee, subject, opening, nominees,
    closing, signature block, CC line (the footer is the form's own, see `footer`)."""
    m = letter.ministry
    align: Literal["start", "centre"] = letter.letterhead
    head: list[Block] = [Line(m.country, bold=True, align=align, size=12), Line(m.ministry, align=align)]
    head += [Line(line, align=align, size=8.5) for line in m.address] + [Gap()]
    head += [Line(m.reference), Line(m.date, align="end"), Gap()]
    head += [Line(line) for line in m.addressee] + [Gap(), Line(m.subject, bold=True), Gap(), Line(m.intro), Gap()]
    contact = f"{m.labels[6]}: cabinet@{m.domain}" if letter.contacts else ""
    cc = f"{m.cc} (geneva.mission@{m.domain})" if letter.contacts else m.cc
    tail: list[Block] = [Line(m.closing), Sign(m.signatory, m.signatory_title, contact), Gap(), Line(cc, size=9)]
    return head + _nominee_blocks(letter) + tail


def footer(letter: TextLetter) -> str:
    """The ministry's own address and e-mail, on every page: never a nominee's."""
    return letter.ministry.footer


def expected(letter: TextLetter) -> dict[str, object]:
    """What the bot must answer (CORPUS.md expected.json)."""
    issues = [] if letter.signed_in_form else ["unsigned"]
    issues += {"one": [], "none": ["no_primary_contact"], "two": ["multiple_primary_contacts"]}[letter.primary]
    keys = ("title", "first_name", "last_name", "job_title", "role", "organization", "email")
    return {
        "decision": "corrections_requested" if issues else "confirmed",
        "country": COUNTRIES[letter.language], "participant_type": "member_state", "language": letter.language,
        "signature_kind": "handwritten" if letter.signed_in_form else "none",
        "issue_codes": issues,
        "nominees": [{k: v for k, v in dataclasses.asdict(n).items() if k in keys}
                     for n in letter.expected_nominees()],
        "tags": [TEXT_FORM_TAGS[letter.form], f"form-{letter.form}", f"layout-{letter.layout}",
                 f"lang-{letter.language}", f"wording-{letter.wording}", f"primary-{letter.primary}",
                 f"nominees-{letter.nominees}", f"cast-{letter.cast}", "signed" if letter.signed_in_form else "unsigned",
                 *(["phone"] if letter.phone else []), *(["contacts"] if letter.contacts else [])],
        "note": f"fresh text letter: {letter}",
    }


def letter_mail(letter: TextLetter, message_id: str | None = None) -> bytes:
    """The whole mail a ministry sends: the letter attached, or typed as the body."""
    from tests.extractors.fresh_text_forms import body_html, body_plain, docx_letter, fpdf_letter, reportlab_letter

    m = letter.ministry
    message = EmailMessage()
    sender = f"registry@{m.domain}"
    message["Authentication-Results"] = AUTH_OK.format(domain=m.domain)
    message["From"] = sender
    message["To"] = "gcc-secretariat@itu.int"
    message["Subject"] = m.subject
    message["Date"] = format_datetime(dt.datetime(2024, 11, 20, 10, 0, tzinfo=dt.timezone.utc))
    message["Message-ID"] = message_id or make_msgid(domain=m.domain)
    if letter.form == "body-plain":
        message.set_content(body_plain(letter))
        return message.as_bytes()
    if letter.form == "body-html":
        html, images = body_html(letter)
        message.set_content(body_plain(letter))
        message.add_alternative(html, subtype="html")
        related = message.get_payload()[1]  # type: ignore[index]
        assert isinstance(related, EmailMessage)
        for cid, data in images:
            related.add_related(data, maintype="image", subtype="png", cid=f"<{cid}>")
        return message.as_bytes()
    message.set_content("Please find attached our nomination letter.\n")
    producers = {"pdf-fpdf": fpdf_letter, "pdf-reportlab": reportlab_letter, "docx": docx_letter}
    data = producers[letter.form](letter)
    if letter.form == "docx":
        message.add_attachment(data, maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                               filename="nomination.docx")
    else:
        message.add_attachment(data, maintype="application", subtype="pdf", filename="nomination.pdf")
    return message.as_bytes()
