"""Which way up a page image is, how much it tilts, and what script it is written in.

Tesseract's orientation-and-script pass is slow on a whole page, so it runs
on one band of body text; the tilt comes from a projection-profile search on
a small copy of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.readers.tesseract import OsdReading, orientation_and_script

SCRIPT_LANGUAGES: dict[str, str] = {
    "Latin": "eng+fra+spa",
    "Cyrillic": "rus+eng",
    "Arabic": "ara+eng",
    "Han": "chi_sim+eng",
}
"""Tesseract packs per script named by OSD; letters in every script carry Latin e-mail addresses."""

_DEFAULT_SCRIPT = "Latin"
_OSD_BAND = 0.15
_HEAD_AND_FOOT = 0.15
_MAX_SKEW = 5.0
_MIN_ROTATE_CONFIDENCE = 1.0
"""OSD confidence needed to turn a page upside down (measured: 1.6 to 6.3 on flipped letters)."""
_MIN_SCRIPT_CONFIDENCE = 1.0
"""Below this the band's script is a guess (measured: 1.4 and up when right, 0.0 to 0.3 when wrong);
the whole page is asked then, which costs far less than reading the page in the wrong script."""


_UPRIGHT = 0.7
_SIDEWAYS = 1.4
"""Profile ratios (see _lines_run_down) below which lines run across, above which down; OSD on the
whole page settles what falls between."""


@dataclass(frozen=True)
class Orientation:
    rotate: int
    script: str


def skew_angle(gray: np.ndarray) -> float:
    """Tilt in degrees that makes text lines horizontal (projection profile search)."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def untilt(pixels: np.ndarray, angle: float) -> np.ndarray:
    """The page turned by `angle` degrees about its centre, grey or colour, white where it was not."""
    if abs(angle) < 0.1:
        return pixels
    height, width = pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _without_long_lines(ink: np.ndarray) -> np.ndarray:
    """Ink minus rules and scan borders: a black edge down the page is no line of text."""
    height, width = ink.shape
    lines = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, height // 8))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 8, 1))),
    )
    return cv2.subtract(ink, cv2.dilate(lines, np.ones((3, 3), np.uint8)))


def _lines_run_down(gray: np.ndarray) -> float:
    """How much sharper the column profile of the ink is than its row profile.

    Text lines make the row profile jump at every line; on a page lying on
    its side the columns jump instead. Measured on upright letters: 0.04 to
    0.6; turned a quarter: 1.7 and up (Chinese, whose characters also stand
    in columns, is the closest); a nearly empty page can fall in between.
    """
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    ink = _without_long_lines(cv2.medianBlur(ink, 3))
    rows = float(np.square(np.diff(ink.sum(axis=1, dtype=np.float64))).sum())
    cols = float(np.square(np.diff(ink.sum(axis=0, dtype=np.float64))).sum())
    return cols / max(rows, 1.0)


def _inkiest_band(gray: np.ndarray, share: float) -> tuple[int, int]:
    """Rows (top, bottom) of the band, `share` of the page high, holding the most ink.

    The search skips the top and bottom of the page: letterheads and footers
    are often bilingual, and the body shows the letter's own script.
    """
    height = gray.shape[0]
    skip = int(len(gray[:: 4]) * _HEAD_AND_FOOT)
    ink = (gray[:: 4, :: 4] < 128).sum(axis=1).astype(np.float64)[skip: len(gray[:: 4]) - skip]
    window = max(1, min(len(ink), int(height * share / 4)))
    sums = np.convolve(ink, np.ones(window), mode="valid")
    start = (int(np.argmax(sums)) + skip) * 4
    return start, min(height, start + int(height * share))


def osd(image: np.ndarray) -> OsdReading:
    """Tesseract's orientation-and-script report on an image, the script one we have packs for."""
    reading = orientation_and_script(image, _DEFAULT_SCRIPT)
    return reading if reading.script in SCRIPT_LANGUAGES else reading._replace(script=_DEFAULT_SCRIPT)


def detect_orientation(gray: np.ndarray) -> Orientation:
    """Tesseract OSD on the inkiest band of the page (fast), or all of it when it lies on its side
    or the band's script is unclear (a band of Chinese with a Latin address in it).

    The band keeps full resolution: at half size OSD takes small Chinese
    characters for Latin letters.

    Lines that run across the page leave only upright or upside down; a
    sideways page must turn a quarter either way. OSD only chooses which,
    and decides alone when the ink's profiles leave it open.
    """
    ratio = _lines_run_down(gray)
    if ratio >= _SIDEWAYS:
        whole = osd(gray)
        return Orientation(whole.rotate if whole.rotate in (90, 270) else 90, whole.script)
    if ratio > _UPRIGHT:
        whole = osd(gray)
        turn = whole.rotate if whole.confidence >= _MIN_ROTATE_CONFIDENCE else 0
        return Orientation(turn, whole.script)
    top, bottom = _inkiest_band(gray, _OSD_BAND)
    band = osd(gray[top:bottom])
    upside_down = band.rotate == 180 and band.confidence >= _MIN_ROTATE_CONFIDENCE
    script = band.script if band.script_confidence >= _MIN_SCRIPT_CONFIDENCE else osd(gray).script
    return Orientation(180 if upside_down else 0, script)
