"""The cells of ruled tables on a page image, found from the rules, straight or slanted.

A scanned table's rules run along the pixel rows and columns, so the rows
of pixels where a rule is drawn give the grid. A photographed sheet keeps
some slant or keystone after flattening: a rule then spreads over many
pixel rows and no row holds enough of it. The cells are found a second
way, as the white regions the rules enclose, and the reading that finds
more cells wins (a rule broken by a poor scan joins two regions into one,
which the first way survives).
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]
"""(x0, y0, x1, y1) in pixels."""
Table = list[list[Box]]
"""Rows of cell boxes, top to bottom, each row left to right."""

_MIN_CELL = 12
"""Pixels: a region narrower or lower than this between rules is a gap in a double rule, not a cell."""


def grid_cells(across: np.ndarray, down: np.ndarray) -> list[Table]:
    """Ruled tables of a page as rows of cell boxes, from the masks of its horizontal and vertical rules."""
    height, width = across.shape
    grid = cv2.dilate(cv2.bitwise_or(across, down), np.ones((9, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grid)
    tables: list[Table] = []
    for number in range(1, count):
        x, y, w, h = (int(v) for v in stats[number][:4])
        if w < 0.3 * width or h < 0.04 * height or (w > 0.9 * width and h > 0.9 * height):
            continue  # too small for a table, or the page's own frame
        readings = [_by_rule_rows(across, down, (x, y, x + w, y + h)),
                    _by_enclosed_regions(labels[y:y + h, x:x + w] == number, x, y)]
        table = max(readings, key=lambda rows: sum(len(row) for row in rows))
        if len(table) >= 2 and max(len(row) for row in table) >= 2:
            tables.append(table)
    return tables


def _line_positions(counts: np.ndarray, minimum: float) -> list[int]:
    """Centres of the runs of rows (or columns) where a rule is drawn."""
    positions: list[int] = []
    run: list[int] = []
    for index in np.flatnonzero(counts >= minimum):
        if run and index > run[-1] + 3:
            positions.append(int(np.mean(run)))
            run = []
        run.append(int(index))
    if run:
        positions.append(int(np.mean(run)))
    return positions


def _by_rule_rows(across: np.ndarray, down: np.ndarray, box: Box) -> Table:
    """Cells between the pixel rows and columns that hold most of a rule (a straight table)."""
    x0, y0, x1, y1 = box
    rows = _line_positions((across[y0:y1, x0:x1] > 0).sum(axis=1), 0.5 * (x1 - x0))
    cols = _line_positions((down[y0:y1, x0:x1] > 0).sum(axis=0), 0.3 * (y1 - y0))
    if len(rows) < 2 or len(cols) < 2:
        return []
    return [[(x0 + left, y0 + top, x0 + right, y0 + bottom) for left, right in zip(cols, cols[1:])]
            for top, bottom in zip(rows, rows[1:])]


def _by_enclosed_regions(rules: np.ndarray, x: int, y: int) -> Table:
    """Cells as the white regions the rules close in (any slant), grouped into rows by height.

    A region touching the table's outer box lies outside the table.
    """
    inside = (~rules).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=4)
    height, width = rules.shape
    boxes: list[Box] = []
    for left, top, w, h, _ in stats[1:count]:
        if left == 0 or top == 0 or left + w >= width or top + h >= height:
            continue
        if w >= _MIN_CELL and h >= _MIN_CELL:
            boxes.append((x + int(left), y + int(top), x + int(left + w), y + int(top + h)))
    return _rows(boxes)


def _rows(boxes: list[Box]) -> Table:
    """Cells side by side at one height make a row (they share most of the lower one's height)."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        row = rows[-1] if rows else None
        if row and min(row[0][3], box[3]) - max(row[0][1], box[1]) > 0.5 * min(row[0][3] - row[0][1], box[3] - box[1]):
            row.append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b[0]) for row in rows]
