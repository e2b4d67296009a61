"""Round rubber stamps printed in black or grey: where they lie, and whether a stroke leaves them.

Officials often sign across the ministry's stamp. A black stamp's rings,
legend and emblem are as dark as pen ink and, over the printed name, join
into marks as tall as handwriting; no erasing of its parts tells them from
a signature for sure. So a stamp's disc is its territory: ink there never
proves a signature. A signature is proven by strokes off the stamp; ink that
runs from inside the stamp out of it is shown to a person.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

HOUGH_LINE_PX = 16
"""Print-line height, in pixels, of the image circles are looked for in."""
MIN_COVER = 0.8
"""A stamp's circle is inked along most of its circumference, within a pixel; signature loops and text are not."""
CANDIDATES = 8
"""Circles judged per crop, the likeliest first (text and signatures suggest many weak ones)."""
MIN_VISIBLE = 0.5
"""A circle is judged only when at least this share of it lies on the image."""
OUTLINE_COVER = 0.6
"""Concentric circles inked at least this much are outlines of the same stamp."""
EDGE_COVER = 0.2
"""Columns next to an outline inked at least this much still belong to it."""
OUTER_REACH = 2.4
"""The circle found may be an inner ring: outer outlines are looked for out to this many times its radius."""
HOLLOW = 0.5
"""A stamp's outer ring (with the legend it may touch) starts at least this share of its radius out."""
CENTRE_SEARCH = 0.3
"""How far off, as a share of its radius, the first circle found may be from the stamp's centre."""
MARGIN = 0.5
"""The territory reaches this many print-line heights beyond the outer outline (ink bleed, an imperfect fit)."""


@dataclass(frozen=True)
class Stamp:
    """A round stamp: its centre, and the radii (inner, outer edge) of its outer outline, in pixels."""

    centre: tuple[float, float]
    outline: tuple[int, int]


def find_stamps(mask: np.ndarray, line_px: float) -> list[Stamp]:
    """The round stamps in an ink mask that still holds the print (blanked words would cut their rings)."""
    # circles are looked for at a resolution where print is HOUGH_LINE_PX tall: fast on fine scans
    scale = min(1.0, HOUGH_LINE_PX / line_px)
    small = cv2.resize(mask * 255, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    smooth = cv2.GaussianBlur(small, (0, 0), 1.0)  # more would merge a stamp's rings and legend into one band
    circles: np.ndarray | None = cv2.HoughCircles(
        smooth,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=line_px * scale * 4,
        param1=100,
        param2=25,
        minRadius=int(line_px * scale * 1.8),
        maxRadius=int(line_px * scale * 7),
    )
    if circles is None:
        return []
    circles = circles / scale
    near = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    stamps: list[Stamp] = []
    for candidate in circles[0][:CANDIDATES]:
        if any(np.hypot(candidate[0] - s.centre[0], candidate[1] - s.centre[1]) < s.outline[1] for s in stamps):
            continue  # a ring of a stamp already found
        # Hough's circle may be the legend or an inner ring, and well off centre:
        # centre all rings first, then fit the outermost one and see that it is a whole ring
        cx, cy, radius = _fit_circle(near, (float(candidate[0]), float(candidate[1])), float(candidate[2]))
        if _cover(near, (cx, cy), radius) < MIN_COVER / 2:
            continue  # not even half a ring near Hough's circle: print, not worth centring
        centre = _sharpest_centre(mask, (cx, cy), radius)
        outline = _outer_outline(mask, centre, radius)
        if outline is None or outline[1] < line_px * 1.8 or outline[0] < outline[1] * HOLLOW:
            continue  # no outer ring of a stamp's size, or a filled disc: a dense patch of print
        cx, cy, outer = _fit_circle(near, centre, sum(outline) / 2)
        if _cover(near, (cx, cy), outer) < MIN_COVER:
            continue
        stamps.append(Stamp((cx, cy), _outer_outline(mask, (cx, cy), radius) or outline))
    return stamps


def territory(shape: tuple[int, ...], stamps: list[Stamp], line_px: float) -> np.ndarray:
    """Where the stamps' ink may lie: their discs, a little beyond the outer outline."""
    ys, xs = np.ogrid[: shape[0], : shape[1]]
    area = np.zeros(shape[:2], bool)
    for stamp in stamps:
        reach = stamp.outline[1] + MARGIN * line_px + 2
        area |= np.hypot(xs - stamp.centre[0], ys - stamp.centre[1]) <= reach
    return area


def within_rings(shape: tuple[int, ...], stamps: list[Stamp]) -> np.ndarray:
    """What the stamps' outer outlines close."""
    ys, xs = np.ogrid[: shape[0], : shape[1]]
    inside = np.zeros(shape[:2], bool)
    for stamp in stamps:
        inside |= np.hypot(xs - stamp.centre[0], ys - stamp.centre[1]) < stamp.outline[0] - 1
    return inside


def leaves_stamp(mask: np.ndarray, inside: np.ndarray, area: np.ndarray, reach: int) -> bool:
    """Does ink run from inside a stamp's outline (`inside`) out of its territory (`area`), as a stroke
    across the ring or frame does?

    Fragments closer than reach count as one stroke: thin pen lines break up in the mask.
    """
    if not inside.any():
        return False
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
    _, labels = cv2.connectedComponents(mask, connectivity=8)
    within = set(np.unique(labels[inside & (mask > 0)])) - {0}
    beyond = set(np.unique(labels[~area & (mask > 0)])) - {0}
    return bool(within & beyond)


def _outer_outline(mask: np.ndarray, centre: tuple[float, float], radius: float) -> tuple[int, int] | None:
    """Radii (inner, outer edge) of the outermost circle drawn around centre, looking well beyond radius."""
    reach = int(radius * OUTER_REACH) + 4
    bands = _outlines(_polar(mask, centre, reach, max(90, int(2 * np.pi * reach))), radius)
    return bands[-1] if bands else None


def _sharpest_centre(mask: np.ndarray, centre: tuple[float, float], radius: float) -> tuple[float, float]:
    """The centre around which the stamp's rings are sharpest, a whole ring lying in one polar column.

    Searched within CENTRE_SEARCH radii on ever finer grids. A thick ring stays whole
    in a column over a plateau of centres: the cover within a pixel finds the
    plateau, the exact cover its middle, and the middle of the best is taken.
    """
    reach = int(radius * OUTER_REACH) + 4
    first = int(radius * 0.3)
    stride, steps = max(1, int(radius * CENTRE_SEARCH) // 4), 4
    while True:
        shifts = [stride * k for k in range(-steps, steps + 1)]
        moves = [(dx, dy) for dx in shifts for dy in shifts]
        rays = _Rays(mask, centre, reach, 180 if stride == 1 else 72, stride * steps)
        scores = np.concatenate([_sharpness(rays.around(moves[at: at + _AT_ONCE])[:, :, first:])
                                 for at in range(0, len(moves), _AT_ONCE)])
        best = np.array([(centre[0] + dx, centre[1] + dy) for dx, dy in moves])[scores >= scores.max() - 0.01]
        centre = (float(best[:, 0].mean()), float(best[:, 1].mean()))
        if stride == 1:
            return centre
        stride, steps = max(1, stride // 2), 3


_AT_ONCE = 16
"""Centres unrolled together: fast as one array, and a large stamp's rays stay a few megabytes."""


class _Rays:
    """The mask unrolled around centres a whole number of pixels off one centre, all from one set of rays:
    a shift moves every ray's pixels alike. Rays are laid out once for an even shift and once for an odd
    one, so that a point half way between two pixels rounds as it does around the moved centre itself
    (but where float error makes a near half of an exact one).
    The mask is framed in blank pixels wide enough for every ray."""

    def __init__(self, mask: np.ndarray, centre: tuple[float, float], reach: int, angles: int, farthest: int) -> None:
        theta = np.arange(angles) * (2 * np.pi / angles)
        distance = np.arange(reach)
        self._offsets = (np.outer(np.cos(theta), distance), np.outer(np.sin(theta), distance))
        self._centre = centre
        height, width = mask.shape
        off = max(0.0, -centre[0], centre[0] - width, -centre[1], centre[1] - height)  # a centre off the mask
        frame = farthest + reach + int(off) + 2
        self._framed = cv2.copyMakeBorder(mask, frame, frame, frame, frame, cv2.BORDER_CONSTANT, value=0).ravel()
        self._row, self._frame = width + 2 * frame, frame
        self._at: dict[tuple[int, int], np.ndarray] = {}

    def around(self, moves: list[tuple[int, int]]) -> np.ndarray:
        """The unrolled mask (centre, angle, distance) around the centre moved by each (dx, dy)."""
        unrolled: np.ndarray = np.stack([self._framed.take(self._rays(dx % 2, dy % 2) + (dy * self._row + dx))
                                         for dx, dy in moves])
        return unrolled

    def _rays(self, x_odd: int, y_odd: int) -> np.ndarray:
        """The rays' pixels in the framed mask around the centre moved by an even or odd whole number."""
        if (x_odd, y_odd) not in self._at:
            xs, ys = (np.rint(self._centre[axis] + odd + self._offsets[axis]).astype(np.int64) - odd
                      for axis, odd in ((0, x_odd), (1, y_odd)))
            self._at[(x_odd, y_odd)] = (ys + self._frame) * self._row + xs + self._frame
        return self._at[(x_odd, y_odd)]


def _sharpness(polars: np.ndarray) -> np.ndarray:
    """Per centre, the best column's cover within a pixel plus its exact cover (polars: centre, angle, distance)."""
    within_a_pixel = polars.copy()
    np.maximum(within_a_pixel[:, :, 1:], polars[:, :, :-1], out=within_a_pixel[:, :, 1:])
    np.maximum(within_a_pixel[:, :, :-1], polars[:, :, 1:], out=within_a_pixel[:, :, :-1])
    scores: np.ndarray = within_a_pixel.mean(axis=1).max(axis=1) + polars.mean(axis=1).max(axis=1)
    return scores


def _outlines(polar: np.ndarray, radius: float) -> list[tuple[int, int]]:
    """Radii (first, last column) of the circles drawn around the centre, inner to outer."""
    wobble = cv2.dilate(polar, np.ones((1, 3), np.uint8))  # tolerate a pixel of off-roundness
    cover = wobble.mean(axis=0)
    columns = np.arange(cover.size)
    inked = (cover >= OUTLINE_COVER) & (columns >= radius * 0.3)
    bands: list[tuple[int, int]] = []
    for column in np.flatnonzero(inked):
        if bands and column <= bands[-1][1] + 1:
            continue
        low = high = int(column)
        # the line's edges, where the pen pressed less or the circle is not quite round
        while low > 0 and cover[low - 1] >= EDGE_COVER:
            low -= 1
        while high + 1 < cover.size and cover[high + 1] >= EDGE_COVER:
            high += 1
        bands.append((low, high))
    return bands


def _polar(mask: np.ndarray, centre: tuple[float, float], reach: int, angles: int) -> np.ndarray:
    """The mask around centre unrolled: row = angle, column = distance in pixels (0 off the image)."""
    polar: np.ndarray = _Rays(mask, centre, reach, angles, 0).around([(0, 0)])[0]
    return polar


def _cover(near: np.ndarray, centre: tuple[float, float], radius: float) -> float:
    """Share of the circle's circumference that runs over ink."""
    height, width = near.shape
    angles = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    xs = np.rint(centre[0] + radius * np.cos(angles)).astype(int)
    ys = np.rint(centre[1] + radius * np.sin(angles)).astype(int)
    visible = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
    if visible.mean() < MIN_VISIBLE:
        return 0.0
    return float(near[ys[visible], xs[visible]].mean())


def _fit_circle(near: np.ndarray, centre: tuple[float, float], radius: float) -> tuple[float, float, float]:
    """Centre and radius refined to lie on the ring's own thin line (Hough is a few pixels off).

    Searched coarse then fine; a thick ring fits a plateau of circles, of which the middle is taken.
    """
    height, width = near.shape
    theta = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    span = max(4, int(radius * 0.12))
    stride = max(1, span // 4)
    cx, cy, r0 = centre[0], centre[1], radius
    for size, step in ((span, stride), (stride, 1)):
        shifts = np.arange(-size, size + 1, step)
        dx, dy, dr = (axis.ravel() for axis in np.meshgrid(shifts, shifts, shifts, indexing="ij"))
        r = r0 + dr[:, None]
        xs = np.clip(np.rint(cx + dx[:, None] + r * np.cos(theta)), 0, width - 1).astype(int)
        ys = np.clip(np.rint(cy + dy[:, None] + r * np.sin(theta)), 0, height - 1).astype(int)
        score = near[ys, xs].mean(axis=1)
        best = score >= score.max() - 0.01
        cx, cy, r0 = cx + dx[best].mean(), cy + dy[best].mean(), r0 + dr[best].mean()
    return float(cx), float(cy), float(r0)
