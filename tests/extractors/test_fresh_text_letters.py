"""Text letters written apart from the corpora: every wording, layout and form read as it was written.

The letters come from tests/extractors/fresh_text_letters.py: six languages,
seven layouts (label lines, label columns, stacked labels, tables by row, by
column and one per nominee, prose), seven label wordings (Annex 2's, everyday
ones, capitals, no colons, lettered items 'a) Title:', a ministry's own form
labels, one label for the whole name), sent as text PDFs from two producers,
Word files and mail bodies. Each nominee must be read with the fields the
letter prints; the registry's, the signatory's and the mission's addresses are
never a nominee's; and the whole bot decides each letter as what it says, or
sends it to review, never confirming one that must not be.
"""

from __future__ import annotations

import pytest

from bot.judge import judge
from bot.settings import Settings
from extractors.fields.normalize import fold
from extractors.fields.prose import parse_prose
from extractors.fields.table import parse_tables
from extractors.fields.template import parse_template
from extractors.model import Attachment, Nominee
from extractors.readers import read_attachment
from extractors.readers.body import text_to_page
from tests.extractors.fresh_text_forms import body_plain, docx_letter, fpdf_letter, reportlab_letter
from tests.extractors.fresh_text_letters import (TEXT_FORMS, WORDINGS, TextForm, TextLayout, TextLetter, Wording,
                                                 expected, letter_mail)

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
KEYS = ("title", "first_name", "last_name", "job_title", "role", "organization", "email")


def _printed(nominee: Nominee) -> tuple[str, ...]:
    """A nominee's fields as the scorer compares them: case, accents and dots aside."""
    return tuple(fold(getattr(nominee, key) or "").replace(".", "") for key in KEYS)


def _same(read: list[Nominee], letter: TextLetter) -> bool:
    return [_printed(n) for n in read] == [_printed(n) for n in letter.expected_nominees()]


@pytest.mark.parametrize("layout", ["numbered", "kv", "stacked"])
@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_label_lines_in_any_wording_give_every_nominee_whole(language: str, wording: Wording,
                                                             layout: TextLayout) -> None:
    """'1. Title or rank: Dr', 'b) Given name: ...', 'NOM DE FAMILLE:', 'Correo electrónico oficial:',
    'Nom et prénom: M. TRAORÉ Boubacar', '姓名：王建国', a label alone over a long value, a telephone line
    that no field takes: three nominees, each with what the letter prints."""
    letter = TextLetter(language, nominees=3, layout=layout, wording=wording, phone=True, contacts=True,
                        cast="agency" if layout == "kv" else "ministry")
    nominees, _ = parse_template(text_to_page(body_plain(letter)).text)
    assert _same(nominees, letter)


@pytest.mark.parametrize("layout", ["rows", "cols", "pairs"])
@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_tables_in_a_word_file_or_pasted_into_a_plain_mail_are_read_alike(language: str, wording: Wording,
                                                                          layout: TextLayout) -> None:
    """A table by row, by column or one per nominee, its labels in any wording ('a) Звание', 'Position/Title'),
    from a Word file and as the tab-separated lines of a plain-text mail."""
    letter = TextLetter(language, nominees=3, layout=layout, wording=wording, cast="agency" if layout == "cols" else
                        "ministry")
    word = read_attachment(Attachment("letter.docx", "application/octet-stream", docx_letter(letter)))
    assert word is not None
    assert _same(parse_tables(word.tables)[0], letter)
    assert _same(parse_tables(text_to_page(body_plain(letter)).tables)[0], letter)


@pytest.mark.parametrize("cast", ["ministry", "agency"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_prose_names_each_nominee_with_its_role_in_two_wordings(language: str, cast: str) -> None:
    """'We nominate Dr X, job, organisation, as primary contact (x@y)' and '..., will serve as ...; e-mail:',
    'В качестве ... назначается г-н ...', '...، بصفة مستشار', '兹提名陈晓燕女士（工业和信息化部信息通信发展司处长，...）'."""
    letter = TextLetter(language, nominees=3, layout="prose", cast=cast)  # type: ignore[arg-type]
    nominees, _ = parse_prose(text_to_page(body_plain(letter)).text, language)
    assert _same(nominees, letter)


@pytest.mark.parametrize("producer", [fpdf_letter, reportlab_letter])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_footer_at_a_page_break_never_joins_a_nominee(producer: object, language: str) -> None:
    """Three stacked nominees run onto a second page; the footer with the registry's address falls between
    two of a nominee's lines. Every nominee is read whole and no address but theirs is taken."""
    letter = TextLetter(language, nominees=3, layout="stacked", wording="caps", phone=True, contacts=True)
    data = producer(letter)  # type: ignore[operator]
    document = read_attachment(Attachment("letter.pdf", "application/pdf", data))
    assert document is not None and len(document.pages) == 2
    nominees, _ = parse_template(document.text)
    assert _same(nominees, letter)


@pytest.mark.parametrize("producer", [fpdf_letter, reportlab_letter])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_table_continued_on_the_next_page_is_one_table(producer: object, language: str) -> None:
    """A table per nominee, labels down its first column: the third runs over the page break, its last
    rows on page 2 under no label row of their own. All three nominees are read whole."""
    letter = TextLetter(language, nominees=3, layout="pairs", wording="caps", contacts=True, cast="agency")
    document = read_attachment(Attachment("letter.pdf", "application/pdf", producer(letter)))  # type: ignore[operator]
    assert document is not None and len(document.pages) == 2
    assert _same(parse_tables(document.tables)[0], letter)


@pytest.mark.parametrize("form", ["pdf-fpdf", "pdf-reportlab", "docx", "body-html"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_signatory_is_read_above_the_copy_line_and_their_own_address(language: str, form: TextForm) -> None:
    """Name and title under the closing; the signatory's e-mail line and the 'CC:' / 'Copie :' / 'c.c.:' /
    'Копия:' / 'نسخة إلى:' / '抄送：' line below them belong to neither."""
    letter = TextLetter(language, nominees=2, layout="rows", form=form, contacts=True)
    signatory = judge(letter_mail(letter), Settings()).nomination.signatory
    assert (signatory.name, signatory.title) == (letter.ministry.signatory, letter.ministry.signatory_title)


def _letters() -> list[TextLetter]:
    """Each language in each form, the layout, wording and roles turning with them."""
    layouts: tuple[TextLayout, ...] = ("numbered", "kv", "stacked", "rows", "cols", "pairs", "prose")
    out = []
    for n, (language, form) in enumerate((language, form) for language in LANGUAGES for form in TEXT_FORMS):
        out.append(TextLetter(language, nominees=1 + n % 3, layout=layouts[n % 7], wording=WORDINGS[(n // 2) % 7],
                              form=form, primary="none" if n % 8 == 5 else "one", primary_at=n,
                              signed=n % 6 != 2, cast="agency" if n % 2 else "ministry", phone=n % 3 == 0,
                              contacts=n % 4 == 1))
    return out


@pytest.mark.parametrize("letter", _letters(), ids=lambda letter: f"{letter.language}-{letter.form}-{letter.layout}")
def test_the_bot_decides_each_fresh_text_letter_as_it_says(letter: TextLetter) -> None:
    """The decision the letter calls for, with every field as printed; review is the only other answer, and
    a confirmation only for a letter that calls for one."""
    judgement = judge(letter_mail(letter), Settings())
    want = expected(letter)
    decision = judgement.decision.kind
    assert decision in (want["decision"], "needs_review")
    assert decision == want["decision"]
    assert _same(judgement.nomination.nominees, letter)
    codes = {issue.code for issue in judgement.decision.issues}
    assert {str(code) for code in want["issue_codes"]} <= codes  # type: ignore[attr-defined]

