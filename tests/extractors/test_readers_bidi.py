"""Visual-order lines from PDF text layers come back in the order they were typed."""

from extractors.readers.bidi import visual_to_logical


def test_arabic_letters_are_reversed_and_latin_runs_kept() -> None:
    assert visual_to_logical("a.albalushi@mtcit.gov.om :ينورتكلإلا ديربلا", rtl_base=True) == "البريد الإلكتروني: a.albalushi@mtcit.gov.om"


def test_numbers_keep_their_digit_order() -> None:
    assert visual_to_logical("2024 ربمفون 21 :خيراتلا") == "التاريخ: 21 نوفمبر 2024"


def test_mirrored_brackets_around_latin_come_out_right() -> None:
    assert visual_to_logical(")GCC( ةيموكحلا ةنجللا") == "اللجنة الحكومية (GCC)"
    assert visual_to_logical(")GCC(", rtl_base=True) == "(GCC)"


def test_combining_marks_stay_on_their_letter() -> None:
    assert visual_to_logical("نامعُ ةنطلس") == "سلطنة عُمان"


def test_left_to_right_lines_are_untouched() -> None:
    assert visual_to_logical("Director, e-Government.", rtl_base=True) == "Director, e-Government."
    assert visual_to_logical("Ministry of ICT") == "Ministry of ICT"
