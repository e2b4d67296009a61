"""Signature pictures in Word letters and in letters typed as the HTML mail body."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.shared import Cm

from extractors.model import Attachment, Document, Page
from extractors.signature import find_signature
from tests.extractors.signature_letters import signature_png

CLOSING = "Veuillez agréer, Monsieur le Directeur, l'expression de ma considération distinguée."


def word_letter(signed: bool, logo_on_top: bool = False) -> Document:
    doc = new_docx()
    if logo_on_top:
        doc.add_picture(io.BytesIO(signature_png(seed=5)), width=Cm(3))
    for line in ["Monsieur le Directeur,", "Le Gouvernement désigne Mme Amina Otieno.", CLOSING]:
        doc.add_paragraph(line)
    if signed:
        doc.add_picture(io.BytesIO(signature_png()), width=Cm(5))
    doc.add_paragraph("Hery Rakotomalala")
    doc.add_paragraph("Le Secrétaire Général")
    buffer = io.BytesIO()
    doc.save(buffer)
    return Document("lettre.docx", "docx", [Page(1, "")], data=buffer.getvalue())


def test_picture_after_the_closing_is_a_handwritten_signature() -> None:
    assert find_signature(word_letter(signed=True), ()).kind == "handwritten"


def test_no_picture_in_the_block_is_unsigned_even_with_a_logo_above() -> None:
    evidence = find_signature(word_letter(signed=False, logo_on_top=True), ())
    assert (evidence.kind, evidence.certain) == ("none", True)


def html_letter(src: str) -> Document:
    html = (f"<html><body><p>Dear Mr Onoe,</p><p>We nominate Ms Aroha Ngata.</p><p>Yours sincerely,</p>"
            f"<p><img src=\"{src}\" alt=\"signature\"><br><b>Hamish McLeod</b><br>Deputy Chief Executive</p>"
            f"</body></html>")
    return Document("mail body", "body", [Page(1, "Dear Mr Onoe, ... Yours sincerely, Hamish McLeod")],
                    data=html.encode())


SIGNATURE_PART = Attachment("signature.png", "image/png", signature_png(), content_id="<sig-1@dia.govt.nz>",
                            inline=True)


def test_html_body_with_an_inline_signature_image_is_signed() -> None:
    evidence = find_signature(html_letter("cid:sig-1@dia.govt.nz"), (SIGNATURE_PART,))
    assert (evidence.kind, evidence.certain) == ("handwritten", True)


def test_an_image_the_mail_does_not_carry_is_only_a_doubt() -> None:
    evidence = find_signature(html_letter("cid:missing@dia.govt.nz"), (SIGNATURE_PART,))
    assert evidence.certain is False


def test_plain_text_body_with_a_typed_name_is_unsigned() -> None:
    body = "Dear Sir,\nWe nominate ...\nС уважением,\nГ. Мартиросян"
    document = Document("mail body", "body", [Page(1, body)], data=body.encode())
    evidence = find_signature(document, ())
    assert (evidence.kind, evidence.certain) == ("none", True)
