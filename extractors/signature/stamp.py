"""Round rubber stamps printed in black or grey: erase them, keep a signature written across.

Officials often sign across the ministry's stamp. Erasing the whole disc
would cut such a signature at the ring, so only the stamp's own parts go:
its thin circle outlines (the outer ring and any concentric inner ring),
except where a stroke runs across them, and whatever inside the disc is
not joined to ink outside it (the legend, the emblem).
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_COVER = 0.7
"""A stamp's circle is inked along most of its circumference; signature loops are not."""
OUTLINE_COVER = 0.6
"""Concentric circles inked at least this much are outlines of the same stamp."""
EDGE_COVER = 0.2
"""Columns next to an outline inked at least this much still belong to it."""
LEGEND_DEPTH = 1.5
"""The legend runs along the inside of the outer ring, within this many print-line heights of it."""


def drop_stamp_rings(mask: np.ndarray, line_px: float) -> tuple[np.ndarray, np.ndarray, int]:
    """The mask without its round stamps, their ring zone, and how many were found.

    The ring zone (outlines, the legend band inside the outer ring, the
    re-joined crossings) is where stamp and print can pass for strokes:
    ink there proves no signature on its own.
    """
    smooth = cv2.GaussianBlur(mask * 255, (0, 0), 1.5)
    circles = cv2.HoughCircles(
        smooth,
        cv2.HOUGH_GRADIENT,
        dp=1.5,
        minDist=line_px * 4,
        param1=100,
        param2=25,
        minRadius=int(line_px * 1.8),
        maxRadius=int(line_px * 7),
    )
    zone = np.zeros(mask.shape, bool)
    if circles is None:
        return mask, zone, 0
    near = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    cleaned = mask.copy()
    found = 0
    for cx, cy, radius in circles[0]:
        if _cover(near, (cx, cy), radius) < MIN_COVER:
            continue
        found += 1
        cleaned, ring_zone = erase_stamp(cleaned, _fit_circle(mask, (cx, cy), radius), line_px)
        zone |= ring_zone
    return cleaned, zone, found


def erase_stamp(
    mask: np.ndarray, circle: tuple[float, float, float], line_px: float
) -> tuple[np.ndarray, np.ndarray]:
    """Erase the stamp's outlines where nothing crosses them, then what stays inside the disc; and the ring zone."""
    cx, cy, radius = circle
    reach = int(radius * 1.6) + 4
    angles = max(90, int(2 * np.pi * reach))
    # rows are angles, columns are whole pixels of distance from the centre
    polar = _polar(mask, (cx, cy), reach, angles)
    bands = _outlines(polar, radius) or [(int(radius) - 2, int(radius) + 2)]
    gap = max(2, int(line_px * 0.25))
    height, width = mask.shape
    x0, x1 = max(0, int(cx - reach)), min(width, int(cx + reach) + 1)
    y0, y1 = max(0, int(cy - reach)), min(height, int(cy + reach) + 1)
    ys, xs = np.mgrid[y0:y1, x0:x1]
    distance = np.hypot(xs - cx, ys - cy)
    cleaned = mask.copy()
    for low, high in bands:
        cleaned[y0:y1, x0:x1][(distance >= low - 0.5) & (distance <= high + 0.5)] = 0
    for low, high in bands:
        for inner, outer in _crossings(polar, low, high, gap):
            ends = [_cartesian(point, (cx, cy), angles) for point in (inner, outer)]
            cv2.line(cleaned, ends[0], ends[1], 1, thickness=2)
    disc = np.zeros_like(mask, dtype=bool)
    disc[y0:y1, x0:x1] = distance <= bands[-1][1] + 0.5
    kept = _keep_joined(cleaned, disc)
    return kept, _ring_zone(kept, distance, (x0, y0), bands, gap, line_px)


def _ring_zone(
    kept: np.ndarray,
    distance: np.ndarray,
    origin: tuple[int, int],
    bands: list[tuple[int, int]],
    gap: int,
    line_px: float,
) -> np.ndarray:
    """The outer outline's zone, and the kept ink inside the disc that never gets past the legend band.

    A signature written across the stamp runs from outside towards the
    centre; print on the stamp and the legend it touches run along the ring.
    """
    x0, y0 = origin
    low, high = bands[-1]
    floor = low - LEGEND_DEPTH * line_px
    window = kept[y0 : y0 + distance.shape[0], x0 : x0 + distance.shape[1]]
    outline = (distance >= low - gap - 0.5) & (distance <= high + gap + 0.5)
    # cut at every outline: print crossing an inner ring must not lend its depth to the legend it touches
    cut = np.zeros(distance.shape, bool)
    for band_low, band_high in bands:
        cut |= (distance >= band_low - gap - 0.5) & (distance <= band_high + gap + 0.5)
    inside = ((window > 0) & (distance < low - gap - 0.5) & ~cut).astype(np.uint8)
    count, labels = cv2.connectedComponents(inside, connectivity=8)
    deepest = np.full(count, np.inf)
    np.minimum.at(deepest, labels[inside > 0], distance[inside > 0])
    shallow = np.flatnonzero(deepest >= floor)
    zone = np.zeros(kept.shape, bool)
    zone[y0 : y0 + distance.shape[0], x0 : x0 + distance.shape[1]] = outline | np.isin(labels, shallow[shallow > 0])
    return zone


def _keep_joined(mask: np.ndarray, disc: np.ndarray) -> np.ndarray:
    """Clear the disc but for strokes joined to ink outside it."""
    _, labels = cv2.connectedComponents(mask, connectivity=8)
    joined = np.unique(labels[(mask > 0) & ~disc])
    return (mask & (~disc | np.isin(labels, joined[joined > 0]))).astype(np.uint8)


def _crossings(
    polar: np.ndarray, low: int, high: int, gap: int
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where a stroke runs across the outline from low to high: (row, column) just inside and just outside.

    Erasing the outline cuts such a stroke; the two ends are paired again
    when they lie close together along the circle.
    """
    inside = _touches(polar[:, max(0, low - gap) : low], max(0, low - gap), last=True)
    outside = _touches(polar[:, high + 1 : high + 1 + gap], high + 1, last=False)
    if not inside or not outside:
        return []
    angles = polar.shape[0]
    # rows a stroke may drift along the circle while crossing at 30 degrees or steeper
    drift = 1.0 * (high - low + 1 + 2 * gap) * angles / (2 * np.pi * max(low, 1))
    def apart(a: tuple[int, int], b: tuple[int, int]) -> int:
        return min(abs(a[0] - b[0]), angles - abs(a[0] - b[0]))

    pairs = []
    for outer in outside:  # one inner end per outer end, each the other's nearest
        inner = min(inside, key=lambda point: apart(point, outer))
        if apart(inner, outer) <= drift and min(outside, key=lambda point: apart(point, inner)) == outer:
            pairs.append((inner, outer))
    return pairs


def _touches(slab: np.ndarray, first_column: int, last: bool) -> list[tuple[int, int]]:
    """Middle (row, column) of each run of rows with ink in the slab, the column nearest the outline."""
    rows = np.flatnonzero(slab.any(axis=1))
    points: list[tuple[int, int]] = []
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1):
        if run.size == 0:
            continue
        row = int(run[run.size // 2])
        columns = np.flatnonzero(slab[row])
        points.append((row, first_column + int(columns[-1] if last else columns[0])))
    return points


def _cartesian(point: tuple[int, int], centre: tuple[float, float], angles: int) -> tuple[int, int]:
    theta = point[0] * 2 * np.pi / angles
    return int(round(centre[0] + point[1] * np.cos(theta))), int(round(centre[1] + point[1] * np.sin(theta)))


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
    theta = np.arange(angles) * (2 * np.pi / angles)
    distance = np.arange(reach)
    xs = np.rint(centre[0] + np.outer(np.cos(theta), distance)).astype(int)
    ys = np.rint(centre[1] + np.outer(np.sin(theta), distance)).astype(int)
    height, width = mask.shape
    inside = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
    polar = np.zeros((angles, reach), np.uint8)
    polar[inside] = mask[ys[inside], xs[inside]]
    return polar


def _cover(near: np.ndarray, centre: tuple[float, float], radius: float) -> float:
    """Share of the circle's circumference that runs over ink."""
    height, width = near.shape
    angles = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    xs = np.clip((centre[0] + radius * np.cos(angles)).astype(int), 0, width - 1)
    ys = np.clip((centre[1] + radius * np.sin(angles)).astype(int), 0, height - 1)
    return float(near[ys, xs].mean())


def _fit_circle(mask: np.ndarray, centre: tuple[float, float], radius: float) -> tuple[float, float, float]:
    """Centre and radius refined to lie on the ring's own thin line (Hough is a few pixels off)."""
    near = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    height, width = mask.shape
    span = max(4, int(radius * 0.12))
    shifts = np.arange(-span, span + 1)
    dx, dy, dr = (axis.ravel() for axis in np.meshgrid(shifts, shifts, shifts, indexing="ij"))
    theta = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    r = radius + dr[:, None]
    xs = np.clip(np.rint(centre[0] + dx[:, None] + r * np.cos(theta)), 0, width - 1).astype(int)
    ys = np.clip(np.rint(centre[1] + dy[:, None] + r * np.sin(theta)), 0, height - 1).astype(int)
    best = int(np.argmax(near[ys, xs].mean(axis=1)))
    return float(centre[0] + dx[best]), float(centre[1] + dy[best]), float(radius + dr[best])
