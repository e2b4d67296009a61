"""A field read by OCR is as sure as its least sure word; text layers carry no OCR confidence."""

from __future__ import annotations

from extractors.model import Page, Word
from extractors.readers.word_confidence import value_confidence
from rules import confident
from tests.rules.helpers import nomination, nominee, submission


def _page(*words: tuple[str, float | None]) -> Page:
    return Page(number=1, text=" ".join(text for text, _ in words),
                words=[Word(text, (0.0, 0.0, 1.0, 1.0), sure) for text, sure in words])


def test_a_value_is_as_sure_as_its_weakest_word() -> None:
    page = _page(("Name:", 0.95), ("Amina", 0.93), ("Otieno,", 0.41), ("Director", 0.9))
    assert value_confidence([page], "Amina Otieno") == 0.41
    assert value_confidence([page], "Director") == 0.9


def test_a_word_read_twice_counts_at_its_best_reading() -> None:
    page = _page(("Ministry", 0.38), ("of", 0.9), ("ICT", 0.9), ("Ministry", 0.92))
    assert value_confidence([page], "Ministry of ICT") == 0.9


def test_a_word_the_value_holds_twice_needs_two_readings() -> None:
    """'o o internationale': the second 'o' of a cell's first line was read at 0, debris of a word the rule cut
    through; the first 'o' at 80 does not vouch for it."""
    page = _page(("o", 0.8), ("o", 0.0), ("internationale", 0.96), ("de", 0.97), ("la", 0.97))
    assert value_confidence([page], "o o internationale de la") == 0.0
    assert value_confidence([page], "o internationale") == 0.8
    assert value_confidence([_page(("de", 0.9), ("la", 0.9), ("de", 0.4), ("de", 0.95))], "de la de") == 0.9


def test_chinese_values_match_the_character_runs_tesseract_gives() -> None:
    page = _page(("姓：", 0.9), ("陈", 0.88), ("名：伟", 0.62), ("明", 0.9))
    assert value_confidence([page], "伟明") == 0.9
    assert value_confidence([page], "陈") == 0.88


def test_a_chinese_value_is_as_sure_as_its_least_sure_character() -> None:
    page = _page(("姓名", 0.9), ("思", 0.88), ("两", 0.0), ("女士", 0.96), ("代表团", 0.9), ("参赞", 0.4))
    assert value_confidence([page], "张思两") == 0.0  # one character read at 0 makes the name a guess
    assert value_confidence([page], "常驻代表团参赞") == 0.4
    assert value_confidence([page], "女士") == 0.96
    assert value_confidence([_page(("思", 0.88), ("两", 0.0), ("思两", 0.7))], "思两") == 0.7  # read whole too


def test_text_layer_words_and_unknown_values_give_no_ocr_confidence() -> None:
    assert value_confidence([_page(("Amina", None))], "Amina") is None
    assert value_confidence([_page(("Amina", 0.9))], "Wanjiru") is None


def test_a_field_ocr_was_unsure_of_is_named_for_review() -> None:
    doubtful = nominee(1)
    doubtful.confidence = {"email": 0.31, "first_name": 0.93}
    issues = confident.rule.check(submission(), nomination(doubtful, read_by_ocr=True), None)  # type: ignore[arg-type]
    assert [(i.code, i.field, i.nominee) for i in issues] == [("low_confidence", "email", 1)]
    assert "31%" in issues[0].message


def test_field_scores_of_a_text_layer_are_not_ocr_doubts() -> None:
    parsed = nominee(1)
    parsed.confidence = {"email": 0.0}
    assert confident.rule.check(submission(), nomination(parsed), None) == []  # type: ignore[arg-type]


def test_sure_fields_raise_nothing() -> None:
    sure = nominee(1)
    sure.confidence = {"email": 0.91, "first_name": 0.93}
    assert confident.rule.check(submission(), nomination(sure, read_by_ocr=True), None) == []  # type: ignore[arg-type]


def _line(y: float, *words: tuple[str, float]) -> list[Word]:
    """Words side by side on one line at height y, as Tesseract cuts a Chinese line."""
    return [Word(text, (20.0 * n, y, 20.0 * n + 18, y + 12), sure) for n, (text, sure) in enumerate(words)]


def test_a_chinese_value_read_whole_in_pieces_is_as_sure_as_its_best_reading() -> None:
    """The letterhead's '国家数据局' read at 30% does not make the table cell's reading of it, cut into
    '国家' '数据' '局' at 96%, a guess; the pieces must stand on one line and spell it together."""
    head = _line(0, ("国家数据局", 0.3))
    for cell in (_line(100, ("国家", 0.97), ("数据", 0.96), ("局", 0.96)), _line(100, ("国家数", 0.97), ("据局", 0.96))):
        page = Page(number=1, text="", words=head + cell)
        assert value_confidence([page], "国家数据局") == 0.96
    split = _line(100, ("国家", 0.97), ("数据", 0.96)) + _line(200, ("局", 0.96))
    assert value_confidence([Page(number=1, text="", words=head + split)], "国家数据局") == 0.3


def test_pieces_that_spell_another_value_or_a_weak_piece_do_not_make_a_reading_sure() -> None:
    misread = _line(0, ("国家数据国", 0.3)) + _line(100, ("国家", 0.97), ("数据", 0.96), ("局", 0.96))
    assert value_confidence([Page(number=1, text="", words=misread)], "国家数据国") == 0.3
    weak = _line(0, ("国家数据局", 0.3)) + _line(100, ("国家", 0.97), ("数据", 0.2), ("局", 0.96))
    assert value_confidence([Page(number=1, text="", words=weak)], "国家数据局") == 0.3
    latin = _line(0, ("Ministry", 0.3)) + _line(100, ("Mini", 0.97), ("stry", 0.96))
    assert value_confidence([Page(number=1, text="", words=latin)], "Ministry") == 0.3


def test_a_sign_read_inside_a_chinese_value_is_weighed_with_its_characters() -> None:
    """'-级' doubted (the witness read the stroke '一' there) makes '-级调研员' doubtful: a sign is no
    character to pass over."""
    page = _page(("-级", 0.3), ("调研", 0.97), ("员", 0.96))
    assert value_confidence([page], "-级调研员") == 0.3
    assert value_confidence([_page(("-级", 0.92), ("调研员", 0.97))], "-级调研员") == 0.92
