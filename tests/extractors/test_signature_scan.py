"""Handwritten signatures on scans and photos: real rendering, real Tesseract, no text layer."""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter

from extractors.signature import find_signature
from tests.extractors.signature_letters import block_letter, ink_image, read, stamp

pytestmark = pytest.mark.slow


def scan(pdf: bytes, dpi: int, blur: float, quality: int, grey: bool = True) -> bytes:
    """The page as a scanner would send it: resampled, slightly blurred, noisy, JPEG."""
    image = pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72).to_pil().convert("RGB")
    if grey:
        image = image.convert("L").convert("RGB")
    image = image.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(image).astype(np.int16)
    noise = np.random.default_rng(1).normal(0, 6, pixels.shape)
    image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)).rotate(0.6, fillcolor="white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buffer.getvalue()


QUALITIES = [(200, 0.6, 80), (150, 1.0, 55), (300, 0.4, 90)]


@pytest.mark.parametrize("dpi,blur,quality", QUALITIES)
def test_signed_scan_shows_ink(dpi: int, blur: float, quality: int) -> None:
    document = read(scan(block_letter(ink_image), dpi, blur, quality), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert evidence.kind == "handwritten" and evidence.certain


@pytest.mark.parametrize("dpi,blur,quality", QUALITIES)
def test_unsigned_scan_shows_none(dpi: int, blur: float, quality: int) -> None:
    document = read(scan(block_letter(None), dpi, blur, quality), "scan.jpg", "image/jpeg")
    assert find_signature(document, ()).kind == "none"


def test_colour_stamp_without_signature_is_unsigned() -> None:
    document = read(scan(block_letter(stamp), 200, 0.5, 85, grey=False), "scan.jpg", "image/jpeg")
    assert find_signature(document, ()).kind == "none"
