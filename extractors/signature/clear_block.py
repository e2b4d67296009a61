"""When finding no ink in a photographed signature block means the letter is unsigned.

A phone photo's light can wash out a thin pen stroke, so no ink there is
only an absence when the block was clearly read: the signatory's lines
under the closing were read for sure, and their print stands out dark
from the paper, so a pen stroke beside them would have shown too (ink.py
has already looked for faint strokes and found none).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from extractors.signature.ink import PixelBox, paper_ratio

DARK_PRINT = 0.55
"""The signatory's print, at its darkest tenth, is at most this share of the paper's tone."""
BELOW_CLOSING = 2.0
"""Print-line heights below the block's top (the closing line) where the signatory's lines start."""


def clearly_read(rgb: np.ndarray, line_px: float, block: PixelBox, read: Sequence[PixelBox]) -> bool:
    """Whether the block's signatory lines were read for sure and stand out dark from the paper."""
    x0, y0, x1, y1 = block
    lines = [box for box in read
             if box[1] >= y0 + BELOW_CLOSING * line_px and box[3] <= y1 and box[0] >= x0 and box[2] <= x1]
    if not lines:
        return False
    ratio, _ = paper_ratio(rgb, line_px)
    darkest = [float(np.percentile(ratio[by0:by1, bx0:bx1], 10)) for bx0, by0, bx1, by1 in lines
               if by1 > by0 and bx1 > bx0]
    return bool(darkest) and float(np.median(darkest)) <= DARK_PRINT
