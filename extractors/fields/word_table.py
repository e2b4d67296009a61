"""Tables drawn without rules, rebuilt from where the words stand on the page.

A ministry's table often has no rules, or rules too faint for the scan to
keep: its text is then only lines of words, cells of one row side by side
and long cells wrapped over several lines. Read as text, a row's cells run
into each other and a wrapped cell is cut into pieces on other lines. The
geometry still holds the table. Either a header line names three or more
Annex 2 fields in cells a wide gap apart: the columns are the whitespace
gutters between them, found where the words below leave the page empty,
and a row opens where a name column starts a cell (the other cells set at
its top or centred around it). Or the labels stand down the first column
(the last in Arabic), each opening a row, with a column per representative
beside them. Each cell is the words in its column and row, its lines
joined. Works on any page with word boxes (OCR or a text layer), left to
right or right to left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from extractors.fields.labels import label_field
from extractors.model import Page, Word
from extractors.readers.bidi import rtl_share
from extractors.readers.cells import EMAIL, tidy_cell

Table = list[list[str]]

_SURE = 0.85
"""OCR confidence each piece of a wrapped address needs for the pieces to be joined into one."""
_ADDRESS_PIECE = re.compile(r"[A-Za-z0-9._%+'@-]+")
"""A line of a wrapped address made only of what an address is made of."""

_GUTTER = 1.0
"""Line heights of white space that part two cells on a line (a word space is about a third)."""
_END_GAP = 2.5
"""Line heights of empty page that end a table."""
_KEY_FIELDS = ("title", "first_name", "last_name", "full_name")
"""Columns whose cells rarely wrap: a row of a table under a header opens where one of them starts a cell."""


@dataclass
class _Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.box[1] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.box[3] for w in self.words)

    @property
    def height(self) -> float:
        return median(w.box[3] - w.box[1] for w in self.words)


@dataclass
class _Header:
    cells: list[list[_Line]]
    """The header's cells left to right, each the lines of its label (a label may wrap)."""
    last: int
    """Index of the header's last line."""


def word_tables(pages: list[Page]) -> list[Table]:
    """Unruled Annex 2 tables of pages that have no ruled table, as rows of cells, the header row first."""
    tables: list[Table] = []
    for page in pages:
        if page.tables or not page.words:
            continue
        lines = _lines([w for w in page.words if w.text.strip()])
        rtl = rtl_share(" ".join(w.text for w in page.words)) >= 0.5
        index = 0
        while index < len(lines):
            header = _header(lines, index, rtl)
            found = _table(lines, header, rtl) if header else _label_column(lines, index, rtl)
            if found is None:
                index += 1
                continue
            table, index = found
            if len(table) > 1:
                tables.append(table)
    return tables


def _lines(words: list[Word]) -> list[_Line]:
    """Words that share most of their height make a line; lines top to bottom, words left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        for line in reversed(lines[-3:]):
            shared = min(line.bottom, word.box[3]) - max(line.top, word.box[1])
            if shared >= 0.5 * min(line.bottom - line.top, word.box[3] - word.box[1]):
                line.words.append(word)
                break
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.box[0])
    return sorted(lines, key=lambda line: line.top)


def _segments(line: _Line) -> list[list[Word]]:
    """The line cut at gaps wider than a gutter: the cells it crosses."""
    segments: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.box[0] - segments[-1][-1].box[2] > _GUTTER * line.height:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _text(lines: list[_Line], rtl: bool) -> str:
    """Lines in reading order, each read left to right or, on a right-to-left page, right to left."""
    return "\n".join(" ".join(w.text for w in sorted(line.words, key=lambda w: -w.box[2] if rtl else w.box[0]))
                     for line in lines)


def _span(words: list[Word]) -> tuple[float, float]:
    return min(w.box[0] for w in words), max(w.box[2] for w in words)


def _cell_span(cell: list[_Line]) -> tuple[float, float]:
    return _span([w for line in cell for w in line.words])


def _header(lines: list[_Line], index: int, rtl: bool) -> _Header | None:
    """A line of three or more cells, three of them Annex 2 labels, with the line its labels wrap onto."""
    cells = [[_Line(segment)] for segment in _segments(lines[index])]
    if len(cells) < 3 or sum(label_field(_text(cell, rtl)) is not None for cell in cells) < 3:
        return None
    if index + 1 < len(lines) and _wraps_onto(lines[index], lines[index + 1], cells, rtl):
        merged = [list(cell) for cell in cells]
        for segment in _segments(lines[index + 1]):
            next(cell for cell in merged if _overlaps(_cell_span(cell), _span(segment))).append(_Line(segment))
        if all(_label(_text(cell, rtl)) for cell in merged if len(cell) > 1):
            return _Header(merged, index + 1)
    return _Header(cells, index)


def _wraps_onto(line: _Line, below: _Line, cells: list[list[_Line]], rtl: bool) -> bool:
    """The next line holds only the wrapped ends of header labels: close below, each piece under one label,
    none a label of its own."""
    if below.top - line.bottom > line.height:
        return False
    for segment in _segments(below):
        if sum(_overlaps(_cell_span(cell), _span(segment)) for cell in cells) != 1:
            return False
        if label_field(_text([_Line(segment)], rtl)) is not None:
            return False
    return True


def _label(text: str) -> str | None:
    """The field a header cell names; its lines may part words ('Обращен' / 'ие') or not."""
    return label_field(text) or label_field(text.replace("\n", ""))


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _table(lines: list[_Line], header: _Header, rtl: bool) -> tuple[Table, int]:
    """The table under `header`: its rows of cell texts (the header's first), and the index of the line after it."""
    spans = [_cell_span(cell) for cell in header.cells]
    height = max(line.height for cell in header.cells for line in cell)
    body: list[_Line] = []
    index = header.last + 1
    previous = lines[header.last]
    while index < len(lines):
        line = lines[index]
        if line.top - previous.bottom > _END_GAP * height or _is_prose(line, spans):
            break
        body.append(line)
        previous = line
        index += 1
    bounds = sorted(_gutters(spans, body) + _outer_gutters(spans, body, height))
    heading = [[line for cell in header.cells for line in cell if _column(line.words[0], bounds) == column]
               for column in range(len(bounds) + 1)]
    keys = [n for n, cell in enumerate(heading) if cell and _label(_text(cell, rtl)) in _KEY_FIELDS]
    rows = _rows(body, bounds, keys)
    return [[_text(cell, rtl) for cell in heading]] + [[_cell(cell, rtl) for cell in row] for row in rows], index


def _cell(cell: list[_Line], rtl: bool) -> str:
    """A cell's lines; an address wrapped over them made whole, or else kept visibly broken.

    Pieces OCR read for sure are joined where they continue an address. When OCR doubted,
    lost or garbled the piece after the wrap ('e.volkova@digital.gov' / '„ги'), the first line
    alone would pass for an address: the pieces are glued so that the e-mail rule sees a
    malformed one ('e.volkova@digital.gov„ги'), or, all printable in an address, kept apart by
    a space ('...@mset.gov jm'), never joined into another valid-looking address.
    """
    text = _text(cell, rtl)
    lines = text.split("\n")
    joined = tidy_cell(text)
    sure = all(w.confidence is None or w.confidence >= _SURE for line in cell for w in line.words)
    if len(lines) < 2 or "@" not in lines[0] or (sure and EMAIL.fullmatch(joined)):
        return joined
    odd = any(not _ADDRESS_PIECE.fullmatch(line) for line in lines[1:])
    return ("" if odd else " ").join(lines)


def _label_column(lines: list[_Line], index: int, rtl: bool) -> tuple[Table, int] | None:
    """A table with the labels down its first column (the last in Arabic) and a column per
    representative beside them: three or more label lines, their values in two or more cells parted
    by gutters; a line under them holding only the wrapped ends of their cells belongs to them."""
    if not _labelled(lines[index], rtl) or len(_segments(lines[index])) < 2:
        return None
    run, opening = [lines[index]], [0]
    at = index + 1
    while at < len(lines) and lines[at].top - run[-1].bottom <= _END_GAP * lines[at].height:
        if _labelled(lines[at], rtl):
            opening.append(len(run))
        elif not _wraps_under(lines[at], run[opening[-1]]):
            break
        run.append(lines[at])
        at += 1
    spans = _column_spans([run[n] for n in opening])
    if len(opening) < 3 or len(spans) < 3:
        return None
    rows: list[list[list[_Line]]] = []
    for number, line in enumerate(run):
        if number in opening:
            rows.append([[] for _ in spans])
        for segment in _segments(line):
            rows[-1][_nearest(_span(segment), spans)].append(_Line(segment))
    return [[_cell(cell, rtl) for cell in row] for row in rows], at


def _column_spans(lines: list[_Line]) -> list[tuple[float, float]]:
    """The columns of label lines: the x-extents of the n-th cell of every line with the most common
    number of cells (two or more). A line's own gutters part its cells even where a left-aligned
    address in a right-to-left column comes close to the next column."""
    counts = [len(_segments(line)) for line in lines]
    full = max(set(counts), key=lambda n: (counts.count(n), n))
    if full < 2:
        return []
    rows = [[_span(segment) for segment in _segments(line)] for line, count in zip(lines, counts) if count == full]
    return [(min(row[n][0] for row in rows), max(row[n][1] for row in rows)) for n in range(full)]


def _nearest(span: tuple[float, float], spans: list[tuple[float, float]]) -> int:
    """The column a run of words stands in: the one it overlaps most, else the closest."""
    def overlap(n: int) -> float:
        return min(span[1], spans[n][1]) - max(span[0], spans[n][0])
    return max(range(len(spans)), key=overlap)


def _labelled(line: _Line, rtl: bool) -> bool:
    """A line whose first cell in reading order is an Annex 2 label."""
    segments = _segments(line)
    first = segments[-1] if rtl else segments[0]
    return label_field(_text([_Line(first)], rtl)) is not None


def _wraps_under(line: _Line, above: _Line) -> bool:
    """Each run of the line's words stands under exactly one cell of the label line above."""
    cells = [_span(segment) for segment in _segments(above)]
    return all(sum(_overlaps(cell, _span(segment)) for cell in cells) == 1 for segment in _segments(line))


def _clusters(lines: list[_Line], height: float) -> list[list[float]]:
    """The x-extents of the lines' columns: words closer than a gutter stand in one column."""
    clusters: list[list[float]] = []
    for x0, x1 in sorted((w.box[0], w.box[2]) for line in lines for w in line.words):
        if clusters and x0 - clusters[-1][1] <= _GUTTER * height:
            clusters[-1][1] = max(clusters[-1][1], x1)
        else:
            clusters.append([x0, x1])
    return clusters


def _is_prose(line: _Line, spans: list[tuple[float, float]]) -> bool:
    """A line of prose under the table: one run of words (no gutter in it) reaching over two labels' middles."""
    middles = [(start + end) / 2 for start, end in spans]
    return any(sum(_span(segment)[0] < middle < _span(segment)[1] for middle in middles) >= 2
               for segment in _segments(line))


def _gutters(spans: list[tuple[float, float]], body: list[_Line]) -> list[float]:
    """Column boundaries: between two labels, the x where the fewest words of the table stand."""
    words = [w for line in body for w in line.words]
    bounds: list[float] = []
    for (left_start, left_end), (right_start, right_end) in zip(spans, spans[1:]):
        low, high = (left_start + left_end) / 2, (right_start + right_end) / 2
        steps = [low + (high - low) * n / 40 for n in range(1, 40)]
        middle = (left_end + right_start) / 2
        bounds.append(min(steps, key=lambda x: (sum(w.box[0] <= x <= w.box[2] for w in words), abs(x - middle))))
    return bounds


def _outer_gutters(spans: list[tuple[float, float]], body: list[_Line], height: float) -> list[float]:
    """Columns the header left unnamed (a label OCR lost) beyond its first or last label.

    The body's words are clustered by their x-extents (words closer than a gutter join); a cluster
    standing wholly beyond the labels is a column of its own, so that its cells belong to no field
    instead of running into the next column's (a title read into the first name).
    """
    clusters = _clusters(body, height)
    left, right = spans[0][0], spans[-1][1]
    found: list[float] = []
    for before, after in zip(clusters, clusters[1:]):
        if before[1] <= left or after[0] >= right:
            found.append((before[1] + after[0]) / 2)
    return found


def _column(word: Word, bounds: list[float]) -> int:
    centre = (word.box[0] + word.box[2]) / 2
    return sum(centre > bound for bound in bounds)


def _rows(body: list[_Line], bounds: list[float], keys: list[int]) -> list[list[list[_Line]]]:
    """Body lines grouped into rows, each row a list of per-column lines.

    A row opens on a line where a name column (title, first or last name, which rarely wrap)
    starts a cell beside cells of at least half the other columns. Cells set at the top of their
    row put no line above that one; cells centred in their row do, and then each line belongs to
    the nearest opening line. Without a name column every line is a row.
    """
    columns = len(bounds) + 1
    per_line = [[[w for w in line.words if _column(w, bounds) == column] for column in range(columns)]
                for line in body]
    opening = [n for n, cells in enumerate(per_line)
               if any(cells[key] for key in keys) and sum(bool(cell) for cell in cells) * 2 >= columns]
    if not opening:
        opening = list(range(len(body)))
    centre = [(line.top + line.bottom) / 2 for line in body]
    rows: list[list[list[_Line]]] = [[[] for _ in range(columns)] for _ in opening]
    for number, cells in enumerate(per_line):
        if opening[0] == 0:
            owner = max(n for n, start in enumerate(opening) if start <= number) if number >= opening[0] else 0
        else:
            owner = min(range(len(opening)), key=lambda n: abs(centre[opening[n]] - centre[number]))
        for column, words in enumerate(cells):
            if words:
                rows[owner][column].append(_Line(words))
    return rows
