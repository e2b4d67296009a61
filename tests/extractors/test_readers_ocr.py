"""Scans and pictures are read by real Tesseract: straightened, in the right language, with boxes."""

from __future__ import annotations

import pytest
from PIL import Image

from extractors.readers import read_attachment
from tests.extractors.test_readers_inputs import (
    attachment,
    cjk_page_image,
    image_bytes,
    page_image,
    scanned_pdf,
    signed_page_image,
    table_page_image,
)

pytestmark = pytest.mark.slow


def test_image_only_pdf_is_ocred_as_a_scan() -> None:
    document = read_attachment(attachment(scanned_pdf(page_image())))
    assert document is not None and document.kind == "scan"
    page = document.pages[0]
    assert "a.otieno@ict.go.ke" in page.text
    assert "Role in GCC: Primary contact" in page.text
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.8
    email = next(word for word in page.words if "@" in word.text)
    assert 0 < email.box[0] < email.box[2] < page.width <= 600


def test_tilted_photo_is_straightened_before_reading() -> None:
    photo = image_bytes(page_image(angle=3.0))
    document = read_attachment(attachment(photo, filename="IMG_0001.jpg", content_type="image/jpeg"))
    assert document is not None and document.kind == "image"
    assert "a.otieno@ict.go.ke" in document.text
    assert "First name: Amina" in document.text


def test_page_turned_on_its_side_is_turned_upright() -> None:
    sideways = page_image().rotate(90, expand=True)
    document = read_attachment(attachment(image_bytes(sideways, "PNG"), filename="scan.png"))
    assert document is not None
    assert "a.otieno@ict.go.ke" in document.text


def test_small_logo_is_not_a_document() -> None:
    logo = Image.new("RGB", (200, 80), (20, 60, 160))
    assert read_attachment(attachment(image_bytes(logo, "PNG"), filename="image001.png")) is None


def test_blank_page_sized_picture_is_not_a_document() -> None:
    blank = Image.new("L", (1654, 2339), 255)
    assert read_attachment(attachment(image_bytes(blank), filename="photo.jpg")) is None


def test_scanned_table_gives_rows_of_cells_with_wrapped_cells_whole() -> None:
    rows = [["First name", "Amina"], ["Organization\nname", "Ministry of Information,\nCommunications and\nthe Digital Economy"],
            ["E-mail", "a.otieno@ict.go.ke"]]
    document = read_attachment(attachment(scanned_pdf(table_page_image(rows))))
    assert document is not None
    assert document.tables == [[
        ["First name", "Amina"],
        ["Organization name", "Ministry of Information, Communications and the Digital Economy"],
        ["E-mail", "a.otieno@ict.go.ke"],
    ]]


def test_chinese_scan_is_read_with_the_chinese_model_and_no_spaces() -> None:
    lines = ("代表一", "称谓或职衔：先生", "名：伟明", "姓：陈", "在GCC中的角色：主要联系人", "电子邮件：chen_weiming@mddi.gov.sg")
    document = read_attachment(attachment(scanned_pdf(cjk_page_image(lines))))
    assert document is not None
    text = document.text.replace("：", ":")
    for expected in ("名:伟明", "姓:陈", "主要联系人", "chen_weiming@mddi.gov.sg"):
        assert expected in text


def test_upside_down_scan_is_turned_round() -> None:
    document = read_attachment(attachment(scanned_pdf(page_image().rotate(180))))
    assert document is not None
    assert "a.otieno@ict.go.ke" in document.text


def test_signatory_under_an_ink_scribble_is_still_read() -> None:
    page = signed_page_image("Patience A. Adjei-Boateng (Mrs)", "Chief Director")
    document = read_attachment(attachment(scanned_pdf(page)))
    assert document is not None
    lines = document.text.splitlines()
    closing = next(i for i, line in enumerate(lines) if "highest consideration" in line)
    after = "\n".join(lines[closing + 1:])
    assert "Adjei-Boateng" in after and "Chief Director" in after
