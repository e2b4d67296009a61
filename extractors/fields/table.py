"""Layout 2: an Annex 2 table, one column (or row) per representative, labels in the first one."""

from __future__ import annotations

from extractors.fields.labels import label_field
from extractors.readers.cells import EMAIL
from extractors.fields.normalize import clean_line, is_cjk, value
from extractors.fields.nominee import nominee_from_labels
from extractors.model import ANNEX2_FIELDS, Nominee

Table = list[list[str]]


def parse_tables(tables: list[Table]) -> tuple[list[Nominee], float]:
    """Nominees from every Annex 2 table of the letter (a table may continue on the next page)."""
    nominees: list[Nominee] = []
    fits: list[float] = []
    for table in _continued(tables):
        found, fit = parse_table(table)
        nominees.extend(found)
        if found:
            fits.append(fit)
    return nominees, (sum(fits) / len(fits) if fits else 0.0)


def _continued(tables: list[Table]) -> list[Table]:
    """Tables with their continuation on the next page joined to them: a table of the same width right
    after an Annex 2 table, naming down its first column none of the fields that one names there (the
    rest of a nominee's label rows, or more nominees' rows under a header row that is not repeated)."""
    joined: list[Table] = []
    for table in tables:
        width = max((len(row) for row in table), default=0)
        if joined and width == max(len(row) for row in joined[-1]) and _continues(joined[-1], table):
            joined[-1] = joined[-1] + table
        else:
            joined.append(table)
    return joined


def _first_column(table: Table) -> set[str]:
    return {field for row in table if row and (field := label_field(_cell(row[0])))}


def _continues(before: Table, table: Table) -> bool:
    annex = max(_label_count([_cell(cell) for cell in before[0]]), len(_first_column(before))) >= 3
    return annex and not _first_column(table) & _first_column(before)


def parse_table(table: Table) -> tuple[list[Nominee], float]:
    """Read one table whichever side its labels are on (first or last column, or first row).

    Right-to-left tables put the labels in the last column; the representative next
    to the labels is the first one, so columns are read outwards from the labels.
    """
    grid = [[_cell(cell) for cell in row] for row in table if row]
    if not grid:
        return [], 0.0
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    columns = [[row[i] for row in grid] for i in range(width)]
    candidates = [(columns[0], columns[1:]), (columns[-1], list(reversed(columns[:-1]))),
                  (grid[0], [list(r) for r in grid[1:]])]
    labels, records = max(candidates, key=lambda pair: _label_count(pair[0]))
    fields = _with_address_field([label_field(cell) for cell in labels], records)
    if sum(f is not None for f in fields) < 3:
        return [], 0.0
    read = [_nominee(fields, record) for record in records]
    nominees = [n for n in read if n is not None]
    filled = sum(bool(getattr(n, key)) for n in nominees for key in ANNEX2_FIELDS)
    fit = filled / (len(ANNEX2_FIELDS) * len(nominees)) if nominees else 0.0
    return nominees, fit


def _with_address_field(fields: list[str | None], records: list[list[str]]) -> list[str | None]:
    """The field names with the e-mail field found by its values when OCR garbled its label
    ('电子郎箱'): the one unnamed line whose every filled cell holds an address, when no label names it."""
    if "email" in fields:
        return fields
    addresses = [i for i, name in enumerate(fields) if name is None
                 and (filled := [record[i] for record in records if i < len(record) and record[i]])
                 and all(EMAIL.search(cell) for cell in filled)]
    return [("email" if addresses == [i] else name) for i, name in enumerate(fields)]


def _label_count(cells: list[str]) -> int:
    return len({label_field(cell) for cell in cells} - {None})


def _cell(text: str | None) -> str:
    """Join a wrapped cell: with spaces in alphabetic scripts, directly in Chinese."""
    parts = [clean_line(part) for part in (text or "").split("\n")]
    parts = [part for part in parts if part]
    joined = ""
    for part in parts:
        glue = "" if not joined or (is_cjk(joined[-1]) and is_cjk(part[0])) or joined.endswith("-") and part[:1].islower() else " "
        joined = f"{joined}{glue}{part}"
    return joined


def _nominee(fields: list[str | None], record: list[str]) -> Nominee | None:
    values: dict[str, str | None] = {}
    for name, cell in zip(fields, record):
        if name and name not in values:
            values[name] = value(cell)
    if not any(values.get(key) for key in ("first_name", "last_name", "email")):
        return None
    return nominee_from_labels(values)
