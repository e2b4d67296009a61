"""Square stamps and blocks that are not clearly empty, judged on drawn pixels (no OCR, no PDF).

A square stamp is told by its closed frame of straight lines, set askew or
not; ink on it never proves a signature. A mark taller than print that is no
pen stroke (a thick felt pen at a scan's resolution, a blot) keeps a block
from being clearly empty: a person looks, the letter is never told it is unsigned.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.signature.frame import find_frames
from extractors.signature.ink import judge_ink

LINE = 12.0
BLOCK = (0, 0, 600, 300)


def _page() -> np.ndarray:
    page = np.full((300, 600, 3), 250, np.uint8)
    for x in range(40, 560, 60):  # a line of print
        cv2.putText(page, "Mathe", (x, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (20, 20, 20), 1, cv2.LINE_AA)
    return page


def _square_stamp(page: np.ndarray, angle: float) -> np.ndarray:
    stamp = np.full((80, 130, 3), 255, np.uint8)
    cv2.rectangle(stamp, (3, 3), (126, 76), (40, 40, 40), 3)
    cv2.rectangle(stamp, (9, 9), (120, 70), (40, 40, 40), 1)
    for row, text in enumerate(("MINISTRY OF", "INFORMATION", "REGISTRY")):
        cv2.putText(stamp, text, (16, 28 + 18 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (40, 40, 40), 1, cv2.LINE_AA)
    turn = cv2.getRotationMatrix2D((65, 40), angle, 1.0)
    turned = cv2.warpAffine(stamp, turn, (130, 80), borderValue=(255, 255, 255))
    out = page.copy()
    out[120:200, 300:430] = np.minimum(out[120:200, 300:430], turned)
    return out


@pytest.mark.parametrize("angle", [0.0, 1.0, -2.0])
def test_a_square_stamp_set_askew_is_a_frame(angle: float) -> None:
    ink = (cv2.cvtColor(_square_stamp(_page(), angle), cv2.COLOR_RGB2GRAY) < 150).astype(np.uint8)
    [(x0, y0, x1, y1)] = find_frames(ink, LINE)
    assert abs(x0 - 303) < 8 and abs(y0 - 123) < 8 and abs(x1 - 427) < 8 and abs(y1 - 197) < 8


@pytest.mark.parametrize("angle", [0.0, 1.5])
def test_a_square_stamp_alone_is_never_a_signature(angle: float) -> None:
    verdict = judge_ink(_square_stamp(_page(), angle), LINE, None, BLOCK)
    assert verdict.verdict != "present", verdict.detail


def test_an_underline_and_a_tables_corner_are_no_frames() -> None:
    ink = np.zeros((300, 600), np.uint8)
    cv2.line(ink, (50, 100), (500, 100), 1, 2)
    cv2.line(ink, (50, 150), (300, 150), 1, 2)
    cv2.line(ink, (50, 150), (50, 280), 1, 2)
    assert find_frames(ink, LINE) == []


def test_a_signature_beside_a_square_stamp_is_still_found() -> None:
    page = _square_stamp(_page(), 0.0)
    points = np.array([(60 + 4 * i, int(170 - 40 * abs(np.sin(i / 3.0)))) for i in range(50)], np.int32)
    cv2.polylines(page, [points], False, (20, 20, 60), 2, cv2.LINE_AA)
    assert judge_ink(page, LINE, None, BLOCK).verdict == "present"


def test_a_thick_blot_taller_than_print_keeps_the_block_from_being_clearly_empty() -> None:
    """No pen stroke (it is solid), yet no proof of no signature: not 'absent'."""
    page = _page()
    cv2.ellipse(page, (200, 180), (14, 13), 0, 0, 360, (30, 30, 30), -1)
    assert judge_ink(page, LINE, None, BLOCK).verdict == "unclear"


def test_nothing_but_print_is_a_clearly_empty_block() -> None:
    assert judge_ink(_page(), LINE, None, BLOCK).verdict == "absent"
