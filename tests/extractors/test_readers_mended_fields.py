"""A doubtful organisation takes the letter's firm reading of it only when they differ by look-alike glyphs at its
doubtful words; anything further apart stays in doubt. (The pages here are OCR's output as the letter reader
passes it on: words, boxes, confidences; test_readers_cut_words reads rendered tables with real Tesseract.)"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from extractors.letter import read_nomination
from extractors.model import Nomination, Nominee, Page, Word
from extractors.readers.lookalike_glyphs import lookalike_swaps
from extractors.readers.mended_fields import mend_doubtful_fields
from rules.confident import FIELD_THRESHOLD
from tests.extractors.scan_letters import at_dpi, jpeg, photographed, scanned_pdf
from tests.extractors.scan_tables import TableLetter, column_cutting, table_letter_page
from tests.extractors.test_readers_inputs import attachment
from tests.rules.helpers import submission

_FIRM = "Министерство цифрового развития, инноваций и аэрокосмической промышленности"


@pytest.mark.parametrize(("read", "firm", "swaps"), [
    ("азрокосмической", "аэрокосмической", 1), ("Govemment", "Government", 1), ("Télécornmunications",
                                                                                  "Télécommunications", 1),
    ("Economie", "Économie", 1), ("Министерство", "Министерство", 0), ("Minisfry", "Ministry", None),
    ("Finance", "Fiance", None), ("Santé", "Sport", None), ("1ll1", "illi", 2), ("1l1l1", "ilili", None),
])
def test_lookalike_swaps_are_few_and_only_between_lookalikes(read: str, firm: str, swaps: int | None) -> None:
    assert lookalike_swaps(read, firm) == swaps


def _page(*readings: tuple[str, float]) -> Page:
    """One page whose words are the readings given, one a line."""
    words = [Word(part, (10.0, 20.0 * n, 100.0, 20.0 * n + 12), sure)
             for n, (text, sure) in enumerate(readings) for part in text.split()]
    return Page(1, "\n".join(text for text, _ in readings), words=words, ocr_confidence=0.9)


def _nominee(organization: str, sure: float) -> Nominee:
    return Nominee(first_name="Ерлан", last_name="Назаров", job_title="Советник", organization=organization,
                   email="e.nazarov@mdai.gov.kz", confidence={"organization": sure})


def test_a_doubtful_lookalike_takes_the_firm_reading_and_its_confidence() -> None:
    doubtful = _FIRM.replace("аэро", "азро")
    page = _page((_FIRM, 0.95), (doubtful.replace("азрокосмической", ""), 0.96), ("азрокосмической", 0.11))
    nomination = Nomination(nominees=[_nominee(_FIRM, 0.95), _nominee(doubtful, 0.11)])
    notes = mend_doubtful_fields(nomination, [page])
    assert nomination.nominees[1].organization == _FIRM
    assert nomination.nominees[1].confidence["organization"] >= 0.9
    assert notes and "nominee 2" in notes[0]


def test_the_letterhead_ministry_is_a_witness_too() -> None:
    doubtful = _FIRM.replace("аэро", "азро")
    page = _page((_FIRM, 0.95), (doubtful.replace("азрокосмической", ""), 0.96), ("азрокосмической", 0.2))
    nomination = Nomination(ministry=_FIRM, nominees=[_nominee(doubtful, 0.2)])
    mend_doubtful_fields(nomination, [page])
    assert nomination.nominees[0].organization == _FIRM


@pytest.mark.parametrize(("read", "doubted"), [
    (_FIRM.replace("цифрового", "торгового"), "торгового"),  # another ministry: a real word differs
    (_FIRM.replace("аэрокосмической", "аэрокосмич"), "аэрокосмич"),  # more than look-alikes
    (_FIRM.replace("аэрокосмической ", ""), "цифрового"),  # a word fewer
    ("o o " + _FIRM, "o"),  # debris read before it
])
def test_a_value_further_from_the_firm_one_stays_doubtful(read: str, doubted: str) -> None:
    page = _page((_FIRM, 0.95), *[(word, 0.2 if word == doubted else 0.96) for word in read.split()])
    nomination = Nomination(nominees=[_nominee(_FIRM, 0.95), _nominee(read, 0.2)])
    mend_doubtful_fields(nomination, [page])
    assert nomination.nominees[1].organization == read
    assert nomination.nominees[1].confidence["organization"] == 0.2


def test_a_firmly_read_lookalike_is_not_changed() -> None:
    """'азрокосмической' read at 96 % is what the ink shows: the field is not in doubt, and nothing is mended."""
    read = _FIRM.replace("аэро", "азро")
    page = _page((_FIRM, 0.95), (read, 0.96))
    nomination = Nomination(nominees=[_nominee(_FIRM, 0.95), _nominee(read, 0.3)])
    mend_doubtful_fields(nomination, [page])
    assert nomination.nominees[1].organization == read


def test_a_job_title_is_mended_from_another_nominees_the_same_way() -> None:
    page = _page(("Conseillère technique", 0.95), ("Conseillére", 0.3), ("technique", 0.95))
    nominees = [_nominee(_FIRM, 0.95), _nominee(_FIRM, 0.95)]
    nominees[0].job_title, nominees[1].job_title = "Conseillère technique", "Conseillére technique"
    nominees[0].confidence["job_title"], nominees[1].confidence["job_title"] = 0.95, 0.3
    mend_doubtful_fields(Nomination(nominees=nominees), [page])
    assert nominees[1].job_title == "Conseillère technique"


def test_two_firm_readings_that_both_fit_leave_the_doubt() -> None:
    """'M1nas' is 'Minas' or 'Mlnas' but for one look-alike: the doubtful word could be either."""
    one, other = "Ministerio de Minas", "Ministerio de Mlnas"
    page = _page((one, 0.95), (other, 0.95), ("Ministerio de", 0.96), ("M1nas", 0.2))
    nomination = Nomination(nominees=[_nominee(one, 0.95), _nominee(other, 0.95), _nominee("Ministerio de M1nas", 0.2)])
    mend_doubtful_fields(nomination, [page])
    assert nomination.nominees[2].organization == "Ministerio de M1nas"


def test_chinese_is_never_mended() -> None:
    """'一级调研员' read doubtfully: another nominee's firm '一级调研员' is no witness (ranks differ by one character)."""
    page = _page(("一级调研员", 0.95), ("一级调研员", 0.3))
    nominees = [_nominee("工业和信息化部", 0.95), _nominee("工业和信息化部", 0.3)]
    nominees[0].job_title, nominees[1].job_title = "一级调研员", "一级调研员"
    nominees[0].confidence["job_title"], nominees[1].confidence["job_title"] = 0.95, 0.3
    mend_doubtful_fields(Nomination(nominees=nominees), [page])
    assert (nominees[1].confidence["job_title"], nominees[1].confidence["organization"]) == (0.3, 0.3)


def test_names_and_addresses_are_never_mended() -> None:
    page = _page(("Назаров e.nazarov@mdai.gov.kz", 0.95), ("Назаpов e.nazarov@mdai.gov.kz", 0.2))
    nominees = [_nominee(_FIRM, 0.95), _nominee(_FIRM, 0.95)]
    nominees[1].last_name, nominees[1].email = "Назаpов", "e.nazar0v@mdai.gov.kz"
    nominees[1].confidence.update(last_name=0.2, email=0.2)
    mend_doubtful_fields(Nomination(nominees=nominees), [page])
    assert (nominees[1].last_name, nominees[1].email) == ("Назаpов", "e.nazar0v@mdai.gov.kz")


# ------------------------------------------------ letters read by real Tesseract

_ROWS = (("г-жа", "Гульнара", "Назарова", "Советник", "Основное контактное лицо", "n.gulnara@mdai.gov.kz"),
         ("г-н", "Ерлан", "Назаров", "Советник", "Заместитель", "erlan.nazarov@mdai.gov.kz"),
         ("г-жа", "Севиль", "Ахметова", "Советник", "Советник", "sevila@mdai.gov.kz"))
_HEADER = ("Обращение", "Имя", "Фамилия", "Должность", "Роль в GCC", "Организация", "E-mail")
_END_PAD = 30


def _smudged_scan(organizations: tuple[str, ...], row: int, line: int, where: tuple[int, int], blur: float) -> bytes:
    """A 200 dpi scan of _smudged_page."""
    return scanned_pdf(at_dpi(_smudged_page(organizations, row, line, where, blur), 200), 200)


def _smudged_page(organizations: tuple[str, ...], row: int, line: int, where: tuple[int, int],
                  blur: float) -> Image.Image:
    """A table whose organisation column cuts long words, one cell's `line` blurred over `where` (pixels from
    the text's left: a letter or two OCR is then unsure of)."""
    rows = tuple((*printed[:5], organization, printed[5]) for printed, organization in zip(_ROWS, organizations))
    letter = TableLetter("ru", f"{_FIRM} назначает представителей.", _HEADER, rows)
    widths = (170, 230, 250, 300, 300, column_cutting("аэрокосмической", "кой") + _END_PAD, 560)
    pixels = np.asarray(table_letter_page(letter, widths, end_pad=_END_PAD)).copy()
    left = 200 + sum(widths[:5])
    column = pixels[:, left + 8: left + widths[5] - 8]
    rules = [y for y in range(len(column)) if (column[y] < 100).all()]
    tops = [rules[0]] + [y for before, y in zip(rules, rules[1:]) if y - before > 5]
    cell = pixels[tops[row] + 5: tops[row + 1] - 3, left + 5: left + widths[5] - 5]
    runs: list[list[int]] = []
    for y in (y for y in range(len(cell)) if (cell[y] < 128).any()):
        runs[-1:] = [runs[-1] + [y]] if runs and y - runs[-1][-1] <= 2 else [*runs[-1:], [y]]
    lines = [run for run in runs if len(run) > 0.4 * max(map(len, runs))]  # a breve alone is no line
    top, bottom = lines[line][0] - 4, lines[line][-1] + 5
    patch = Image.fromarray(cell[top:bottom, where[0]:where[1]]).filter(ImageFilter.GaussianBlur(blur))
    cell[top:bottom, where[0]:where[1]] = np.asarray(patch)
    return Image.fromarray(pixels)


def _read(data: bytes, name: str = "scan.pdf") -> Nomination:
    return read_nomination(submission(subject="GCC", attachments=(attachment(data, name),)))


@pytest.mark.slow
def test_a_blurred_lookalike_in_a_cut_word_is_mended_from_the_other_nominees() -> None:
    """'аэрокосмичес' / 'кой' with its 'э' blurred reads 'азрокосмической' at 17 %: the two other nominees' cells
    and the opening read the ministry firmly, and the doubtful copy takes it, as sure as they are."""
    nomination = _read(_smudged_scan((_FIRM,) * 3, row=2, line=4, where=(18, 40), blur=6))
    for nominee in nomination.nominees:
        assert nominee.organization == _FIRM
        assert nominee.confidence["organization"] >= FIELD_THRESHOLD


@pytest.mark.slow
@pytest.mark.parametrize("other", [_FIRM.replace("промышленности", "торговли"),
                                   _FIRM.replace("цифрового", "торгового")])
def test_a_ministry_differing_by_a_real_word_is_never_mended(other: str) -> None:
    """The same blur in a cell naming another ministry: read as printed, or left in doubt, never taken for the first."""
    nomination = _read(_smudged_scan((_FIRM, other, _FIRM), row=2, line=4, where=(18, 40), blur=6))
    nominee = nomination.nominees[1]
    assert nominee.organization != _FIRM
    assert nominee.organization == other or nominee.confidence["organization"] < FIELD_THRESHOLD


@pytest.mark.slow
@pytest.mark.parametrize(("row", "blur"), [(1, 3.0), (3, 0.0)])
def test_on_a_photo_each_organisation_is_read_as_printed_or_doubted(row: int, blur: float) -> None:
    """A phone photo: a cut piece may come out in the other script ('промышленн' / 'ocTu'); it is a guess, and the
    word it ends stays in doubt unless the letter's firm reading mends it. Never a wrong organisation taken as sure."""
    page = _smudged_page((_FIRM,) * 3, row=row, line=4, where=(18, 40), blur=blur)
    photo = photographed(page, width=1700, height=2300)
    nomination = _read(jpeg(photo), "IMG_0001.jpg")
    assert len(nomination.nominees) == 3
    for nominee in nomination.nominees:
        assert nominee.organization == _FIRM or nominee.confidence["organization"] < FIELD_THRESHOLD, \
            (nominee.organization, nominee.confidence)
