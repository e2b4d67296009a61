"""Letters and mails built in code, the way ministries send them.

Tests describe a letter with `Letter(...)` and turn it into a signed (or
unsigned) text PDF and a complete .eml, so that no test depends on files it
did not make itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import datetime as dt
from fpdf import FPDF
from extractors.model import Nominee
from tests.extractors.signature_letters import signature_png

AUTH_OK = ("mx.itu.int; dkim=pass header.d={domain}; spf=pass smtp.mailfrom={domain}; "
           "dmarc=pass")

ROLE_WORDS = {"primary": "Primary contact", "alternate": "Designated alternate",
              "advisor": "Designated advisor"}


def person(n: int, role: str = "alternate", domain: str = "ict.go.ke") -> Nominee:
    first, last = ["Amina", "Brian", "Clara", "David", "Esther"][n - 1], \
        ["Otieno", "Kamau", "Wanjiru", "Mwangi", "Njeri"][n - 1]
    return Nominee(title=["Ms", "Mr", "Dr", "Eng.", "Mrs"][n - 1], first_name=first,
                   last_name=last, job_title=f"Director, Digital Services {n}", role=role,  # type: ignore[arg-type]
                   organization="Ministry of Information, Communications and the Digital Economy",
                   email=f"{first[0].lower()}.{last.lower()}@{domain}")


@dataclass
class Letter:
    """An English Annex 2 letter from a Member State ministry."""

    nominees: list[Nominee] = field(default_factory=lambda: [person(1, "primary")])
    country_line: str = "REPUBLIC OF KENYA"
    ministry: str = "Ministry of Information, Communications and the Digital Economy"
    signatory: str = "John Kariuki"
    signatory_title: str = "Principal Secretary"
    signed: bool = True
    placeholder: bool = False
    intro: str = ("I have the honour to inform you that the Government of the Republic of "
                  "Kenya hereby nominates the following representatives.")


def letter_pdf(letter: Letter) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, letter.country_line, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, letter.ministry, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(6)
    lines = [
        "Mr Seizo Onoe",
        "Director, Telecommunication Standardization Bureau",
        "International Telecommunication Union",
        "Place des Nations, CH-1211 Geneva 20, Switzerland",
        "",
        "Subject: Nomination of representatives to the Government Committee (GCC) of the "
        "OpenWallet Forum",
        "",
        "Dear Mr Onoe,",
        "With reference to TSB Circular 006 of 13 November 2024, " + letter.intro,
        "The details of the representatives, as requested in Annex 2 to the Circular, are as "
        "follows:",
    ]
    for number, nominee in enumerate(letter.nominees, start=1):
        lines += [
            "",
            f"Representative {number}",
            f"Title or rank: {nominee.title or ''}",
            f"First name: {nominee.first_name or ''}",
            f"Last name: {nominee.last_name or ''}",
            f"Job title: {nominee.job_title or ''}",
            f"Role in GCC: {ROLE_WORDS.get(nominee.role or '', '')}",
            f"Organization name: {nominee.organization or ''}",
            f"E-mail: {nominee.email or ''}",
        ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if pdf.will_page_break(60):  # keep the closing and the signature block together
        pdf.add_page()
    pdf.multi_cell(0, 6, "\nPlease accept, Sir, the assurances of my highest consideration.\n",
                   new_x="LMARGIN", new_y="NEXT")
    if letter.placeholder:
        pdf.multi_cell(0, 6, "[To be signed by a senior official of the relevant ministry]",
                       new_x="LMARGIN", new_y="NEXT")
    elif letter.signed:
        pdf.image(io.BytesIO(signature_png()), x=pdf.l_margin, w=45)
    else:
        pdf.ln(18)
    pdf.multi_cell(0, 6, letter.signatory, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, letter.signatory_title, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def mail(
    *,
    sender: str = "registry@ict.go.ke",
    subject: str = "Nomination of Kenya's representatives to the GCC",
    body: str = "Dear Sir/Madam,\n\nPlease find attached our nomination letter.\n",
    attachments: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
    authenticated: bool = True,
) -> bytes:
    message = EmailMessage()
    domain = sender.rsplit("@", 1)[1]
    if authenticated:
        message["Authentication-Results"] = AUTH_OK.format(domain=domain)
    message["From"] = sender
    message["To"] = "gcc-secretariat@itu.int"
    message["Subject"] = subject
    message["Date"] = format_datetime(dt.datetime(2024, 11, 20, 10, 0, tzinfo=dt.timezone.utc))
    message["Message-ID"] = message_id or make_msgid(domain=domain)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for filename, content_type, data in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def letter_mail(letter: Letter | None = None, **kwargs: object) -> bytes:
    """A complete mail carrying `letter` as a PDF attachment."""
    pdf = letter_pdf(letter or Letter())
    return mail(attachments=[("nomination.pdf", "application/pdf", pdf)], **kwargs)  # type: ignore[arg-type]
