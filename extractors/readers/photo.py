"""A phone photo of a letter made to look like a scan: the page found, flattened and evenly lit.

A photo shows the sheet at an angle on a desk: its edges are a
quadrilateral lighter than what surrounds it, the text lines converge and
one corner is darker than the other. Tesseract reads such a page poorly
and table rules are no longer straight, so the sheet is cut out along its
contour, warped back to a rectangle and its shading divided out first.
A scan (the page fills the picture) is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

_WORK_SIDE = 800
"""The page outline is looked for on a copy this many pixels on its long side."""
_MIN_PAGE_SHARE = 0.25
_MAX_PAGE_SHARE = 0.97
"""A quadrilateral filling nearly all the picture is a scan's own border, not a sheet on a desk."""
_EDGE_TRIM = 0.01
"""Share of the sheet cut off at its outline, so that its shadowed edge never reads as a table rule."""
_MIN_CONTRAST = 25.0
"""Grey levels between the sheet and what lies around it, below which no sheet is told apart."""


def _order_corners(corners: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums = corners.sum(axis=1)
    diffs = np.diff(corners, axis=1).ravel()
    return np.array([corners[np.argmin(sums)], corners[np.argmin(diffs)],
                     corners[np.argmax(sums)], corners[np.argmax(diffs)]], dtype=np.float32)


def _quadrilateral(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    return None


def _background(small: np.ndarray) -> np.ndarray:
    """Pixels like the picture's border (the desk), joined to it: the sheet is what they leave.

    Colour tells a sheet from a desk better than brightness does: a dark
    letterhead band is as dark as many desks but not of their colour.
    """
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    edge = max(3, int(0.03 * min(small.shape[:2])))
    border = np.concatenate([lab[:edge].reshape(-1, 3), lab[-edge:].reshape(-1, 3),
                             lab[:, :edge].reshape(-1, 3), lab[:, -edge:].reshape(-1, 3)])
    desk = np.median(border, axis=0)
    spread = float(np.percentile(np.linalg.norm(border - desk, axis=1), 90))
    near = (np.linalg.norm(lab - desk, axis=2) < max(_MIN_CONTRAST / 2, 1.5 * spread)).astype(np.uint8)
    count, labels = cv2.connectedComponents(near)
    touching = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))) - {0}
    background: np.ndarray = np.isin(labels, list(touching)) & (near > 0)
    return background


def page_corners(rgb: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners in the picture's pixels, or None when the picture is the page."""
    scale = _WORK_SIDE / max(rgb.shape[:2])
    small = cv2.GaussianBlur(cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), (7, 7), 0)
    sheet: np.ndarray = np.where(_background(small), 0, 255).astype(np.uint8)
    sheet = cv2.morphologyEx(sheet, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(sheet, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(biggest) / float(small.shape[0] * small.shape[1])
    if not _MIN_PAGE_SHARE <= share <= _MAX_PAGE_SHARE:
        return None
    corners = _quadrilateral(biggest)
    if corners is None or not _lighter_inside(small, corners):
        return None
    centre = corners.mean(axis=0)
    return _order_corners((centre + (corners - centre) * (1 - _EDGE_TRIM)) / scale)


def _lighter_inside(small: np.ndarray, corners: np.ndarray) -> bool:
    """Paper is lighter than the desk; on a scan the 'sheet' found would be the dark print."""
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    inside = np.zeros_like(grey)
    cv2.fillConvexPoly(inside, corners.astype(np.int32), 255)
    if not (inside == 0).any():
        return False
    return float(np.median(grey[inside > 0])) - float(np.median(grey[inside == 0])) >= _MIN_CONTRAST


def flatten(pixels: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The sheet warped to an upright rectangle as wide and high as its longer edges."""
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(pixels, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def even_shading(gray: np.ndarray) -> np.ndarray:
    """Paper made white all over: the page divided by its own light (text removed by a closing)."""
    scale = 400 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    light = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    light = cv2.GaussianBlur(light, (0, 0), 3)
    light = cv2.resize(light, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    evened = gray.astype(np.float32) * 255.0 / np.maximum(light.astype(np.float32), 1.0)
    return np.clip(evened, 0, 255).astype(np.uint8)


def as_scan(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """The picture in colour (for the signature's ink) and in grey (for OCR), a photographed sheet
    flattened in both and evenly lit in grey; any other picture as it is. The flag says whether
    a photographed sheet was found."""
    corners = page_corners(rgb)
    if corners is None:
        return rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), False
    sheet = flatten(rgb, corners)
    return sheet, even_shading(cv2.cvtColor(sheet, cv2.COLOR_RGB2GRAY)), True
