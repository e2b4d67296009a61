"""Square and oblong stamps: a frame of straight inked lines, and the area it closes.

Registries stamp letters with rectangles as often as with circles: a
(double) frame around the office's name. Its sides are as dark as pen ink
and too short to be ruled lines, and its legend over the printed name joins
into marks as tall as handwriting, as a round stamp's does (stamp.py). A
frame is told by straight horizontal and vertical runs that close around an
area; no hand draws lines that straight. Like a round stamp's disc, the area
is the stamp's territory: ink there never proves a signature.
"""

from __future__ import annotations

import cv2
import numpy as np

PixelBox = tuple[int, int, int, int]

SIDE = 2.5
"""Print-line heights: a frame's shortest side, and the shortest straight run taken for a frame's line."""
TILT = 0.1
"""How far (in print-line heights) a side may stray from straight along SIDE: a stamp set askew, a tilted scan."""
COVER = 0.75
"""Share of each side's length that is inked: a frame is closed (a table's corner or an underline is not)."""
MARGIN = 0.5
"""The territory reaches this many print-line heights beyond the frame (ink bleed, a slightly turned stamp)."""


def find_frames(mask: np.ndarray, line_px: float) -> list[PixelBox]:
    """The closed rectangular frames in an ink mask that still holds everything (nothing blanked)."""
    run = max(9, int(line_px * SIDE))
    band = 2 * max(1, int(line_px * TILT)) + 1
    across: np.ndarray = cv2.dilate(mask, np.ones((band, 1), np.uint8))
    down: np.ndarray = cv2.dilate(mask, np.ones((1, band), np.uint8))
    horizontal: np.ndarray = cv2.morphologyEx(across, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    vertical: np.ndarray = cv2.morphologyEx(down, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    lines = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))  # corners that do not quite meet
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    band = max(3, int(line_px * 0.4))
    frames: list[PixelBox] = []
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        if w < run or h < run:
            continue
        part = labels[y : y + h, x : x + w] == label
        sides = (part[:band].any(axis=0), part[-band:].any(axis=0), part[:, :band].any(axis=1),
                 part[:, -band:].any(axis=1))
        if min(float(side.mean()) for side in sides) >= COVER:
            frames.append((x, y, x + w, y + h))
    return frames


def frame_areas(shape: tuple[int, ...], frames: list[PixelBox], line_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Where the frames' ink may lie (a little beyond them), and what they close (a little within)."""
    territory = np.zeros(shape[:2], bool)
    inside = np.zeros(shape[:2], bool)
    reach = int(MARGIN * line_px) + 2
    for x0, y0, x1, y1 in frames:
        territory[max(0, y0 - reach) : y1 + reach, max(0, x0 - reach) : x1 + reach] = True
        inside[y0 + 2 : y1 - 2, x0 + 2 : x1 - 2] = True
    return territory, inside
