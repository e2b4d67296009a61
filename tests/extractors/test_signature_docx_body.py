"""Signature pictures in Word letters and in letters typed as the HTML mail body."""

from __future__ import annotations

import io

import pytest
from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from extractors.model import Attachment, Document, Page
from extractors.signature import find_signature
from tests.extractors.signature_letters import CLOSINGS, signature_png, stamp_png

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


WORD_BLOCKS = {
    # language: (closing formula or None, signatory's name, title)
    "en": ("Please accept, Sir, the assurances of my highest consideration.", "Liam Fitzgerald", "Secretary General"),
    "fr": ("Je vous prie de croire, Monsieur le Directeur, à l'assurance de mes sentiments les meilleurs.",
           "Ramatoulaye Diallo", "Le Secrétaire général"),
    "es": ("Aprovecho la oportunidad para reiterarle mi más alta consideración.", "Karla Alvarado", "Viceministra"),
    "ru": ("С уважением,", "О.В. Кузнецова", "Заместитель Министра"),
    "ar": ("مع أطيب التحيات،", "راشد الكعبي", "المدير العام"),
    "zh": ("此致\u3000敬礼", "王晓明", "部长"),
}


def floating(run_picture_inline: object) -> None:
    """Turn an inline picture into a floating one (wp:anchor), as Word saves a picture moved over the text."""
    inline = run_picture_inline
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-200000</wp:posOffset></wp:positionV></wp:anchor>'
    )
    for child in list(inline):  # type: ignore[call-overload]
        if child.tag.endswith(("}extent", "}docPr", "}cNvGraphicFramePr", "}graphic")):
            if child.tag.endswith("}docPr"):
                anchor.append(parse_xml(f'<wp:wrapNone {nsdecls("wp")}/>'))
            anchor.append(child)
    inline.getparent().replace(inline, anchor)  # type: ignore[attr-defined]


def six_language_word_letter(language: str, picture: bytes | None, how: str = "inline",
                             closing: bool = True, header_logo: bool = False) -> Document:
    """A Word letter whose block holds `picture` inline after the closing, floating over the name,
    or in a table cell beside the name; optionally no closing formula, optionally a logo in the header."""
    formula, name, title = WORD_BLOCKS[language]
    doc = new_docx()
    if header_logo:
        doc.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(signature_png(seed=5)), width=Cm(3))
    for line in [CLOSINGS[language][0], "E-mail: a.b@gov.example"]:
        doc.add_paragraph(line)
    if closing:
        doc.add_paragraph(formula)
    if how == "table":
        cells = doc.add_table(rows=1, cols=2).rows[0].cells
        cells[0].paragraphs[0].add_run(f"{name}\n{title}")
        if picture:
            cells[1].paragraphs[0].add_run().add_picture(io.BytesIO(picture), width=Cm(5))
    else:
        if picture and how == "inline":
            doc.add_picture(io.BytesIO(picture), width=Cm(5))
        named = doc.add_paragraph(name)
        if picture and how == "floating":
            named.add_run().add_picture(io.BytesIO(picture), width=Cm(5))
            floating(named._p.xpath(".//wp:inline")[0])
        doc.add_paragraph(title)
    buffer = io.BytesIO()
    doc.save(buffer)
    return Document("letter.docx", "docx", [Page(1, "")], data=buffer.getvalue())


@pytest.mark.parametrize("language", list(WORD_BLOCKS))
def test_a_word_signature_picture_in_the_block_is_certain(language: str) -> None:
    """Inline after the closing, floating over the name, in a cell beside it, or with no closing known."""
    for how, closing in [("inline", True), ("floating", True), ("table", True), ("inline", False), ("floating", False)]:
        evidence = find_signature(six_language_word_letter(language, signature_png(), how, closing), ())
        assert (evidence.kind, evidence.certain) == ("handwritten", True), (how, closing, evidence.detail)


@pytest.mark.parametrize("language", list(WORD_BLOCKS))
def test_a_word_letter_with_only_a_header_logo_or_a_stamp_is_not_certainly_signed(language: str) -> None:
    logo_only = find_signature(six_language_word_letter(language, None, header_logo=True), ())
    stamp_only = find_signature(six_language_word_letter(language, stamp_png(), "floating"), ())
    assert (logo_only.kind, logo_only.certain) == ("none", True)
    assert not (stamp_only.kind == "handwritten" and stamp_only.certain), stamp_only.detail
