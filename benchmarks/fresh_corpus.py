"""Write a corpus of image letters nobody here has seen (CORPUS.md format), to score the bot on them.

Every language meets every layout (tests/extractors/fresh_letters.py), each
letter in two image forms (scans at 150/200/300 dpi grey or 1-bit, skewed
and noisy; fax TIFF; phone photos, some stored sideways); label styles,
signatures and nominee counts rotate. What each letter says is its
expected.json; a letter with no signature (none, or only a stamp) must be answered `unsigned`.

With --text the letters are text letters instead (tests/extractors/fresh_text_letters.py):
text PDFs from fpdf2 and reportlab, Word files and mail bodies (plain or HTML), seven
layouts (label lines, label columns, stacked labels, tables by row, by column or one per
nominee, prose), seven label wordings (one of them a single full-name label), one or no or
two primary contacts, signed or not, nominees of the ministry or of another body, with or
without a telephone line, the signatory's and the mission's e-mail addresses.

Run: .venv/bin/python benchmarks/fresh_corpus.py /tmp/unseen/fresh [--letters 24] [--first N] [--text]
(--first N starts at letter N: a draw held out from the first ones, other combinations and noise)
then: python3 ../shared/tools/score.py /tmp/unseen/fresh --bot .venv/bin/gcc-bot -v
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import cast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.extractors.fresh_letters import (  # noqa: E402
    FORM_TAGS, FORMS, LAYOUTS, MINISTRIES, STYLES, Form, FreshLetter, Signature, image_forms, letter_pdf,
)
from tests.extractors.fresh_letters import SIGNATURES as SIGNATURE_KINDS, UNSIGNED  # noqa: E402
from tests.extractors.fresh_text_letters import (  # noqa: E402
    TEXT_LAYOUTS, WORDINGS, Primary, TextForm, TextLetter, letter_mail,
)
from tests.extractors.fresh_text_letters import expected as text_expected  # noqa: E402
from tests.letters import mail  # noqa: E402

LANGUAGES = tuple(MINISTRIES)
SIGNATURES: tuple[Signature, ...] = ("above", "over", "stamp", "above", "over", "none")


def letters(count: int, signatures: tuple[Signature, ...] = SIGNATURES,
            forms: tuple[Form, ...] = FORMS) -> list[tuple[FreshLetter, Form]]:
    """(letter, form) pairs: language x layout, two forms each, the rest rotating."""
    out: list[tuple[FreshLetter, Form]] = []
    for n in range(count):
        language, layout = LANGUAGES[n % 6], LAYOUTS[(n // 6 + n) % 4]
        letter = FreshLetter(language, nominees=1 + n % 3, layout=layout, style=STYLES[(n // 2) % 4],
                             signature=signatures[(n // 3) % len(signatures)])
        form = n + n // 6  # every language meets every form
        out += [(letter, forms[form % len(forms)]), (letter, forms[(form + len(forms) // 2) % len(forms)])]
    return out


def expected(letter: FreshLetter, form: str) -> dict[str, object]:
    signed = letter.signature not in UNSIGNED
    return {
        "decision": "confirmed" if signed else "corrections_requested",
        "country": None, "participant_type": "member_state", "language": letter.language,
        "signature_kind": "handwritten" if signed else None,
        "issue_codes": [] if signed else ["unsigned"],
        "nominees": [{k: v for k, v in dataclasses.asdict(n).items()
                      if k in ("title", "first_name", "last_name", "job_title", "role", "organization", "email")}
                     for n in letter.expected_nominees()],
        "tags": [FORM_TAGS[form], f"form-{form}", f"layout-{letter.layout}", f"lang-{letter.language}",
                 f"labels-{letter.style}", f"sign-{letter.signature}", f"nominees-{letter.nominees}"],
        "note": f"fresh letter: {letter}",
    }


def write(folder: Path, count: int, signatures: tuple[Signature, ...] = SIGNATURES,
          forms: tuple[Form, ...] = FORMS, first: int = 0) -> None:
    for n, (letter, form) in enumerate(letters(first + count, signatures, forms)):
        if n < 2 * first:  # two forms a letter
            continue
        case = folder / "cases" / f"{n:03d}-{letter.language}-{letter.layout}-{form}-{letter.signature}"
        if (case / "message.eml").exists():
            continue
        case.mkdir(parents=True, exist_ok=True)
        m = letter.ministry
        message = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
                       attachments=image_forms(letter_pdf(letter), form, seed=n),
                       message_id=f"<fresh-{n}@{m.domain}>")
        (case / "message.eml").write_bytes(message)
        (case / "expected.json").write_text(json.dumps(expected(letter, form), ensure_ascii=False, indent=1))


TEXT_FORMS: tuple[TextForm, ...] = ("pdf-fpdf", "pdf-reportlab", "docx", "pdf-fpdf", "body-html", "pdf-reportlab",
                                     "docx", "body-plain")


def text_letters(count: int) -> list[TextLetter]:
    """Every language meets every layout and form; wording, nominees, roles, signature, cast and
    telephone lines rotate on other periods, so that they meet in many combinations."""
    out: list[TextLetter] = []
    for n in range(count):
        nominees = 1 + (n // 2) % 3
        primary: Primary = "none" if n % 7 == 5 else "two" if n % 11 == 8 and nominees > 1 else "one"
        out.append(TextLetter(
            LANGUAGES[n % 6], nominees=nominees, layout=TEXT_LAYOUTS[(n % 6 + n // 6) % 7],
            wording=WORDINGS[(n + 2 * (n // 6)) % 7], form=TEXT_FORMS[(n % 6 + 3 * (n // 6)) % 8], primary=primary,
            primary_at=n // 4, signed=n % 9 != 4, cast="agency" if n % 4 in (1, 2) else "ministry",
            phone=n % 5 == 3, letterhead="start" if n % 2 else "centre", contacts=n % 3 == 1))
    return out


def write_text(folder: Path, count: int, first: int = 0) -> None:
    for n, letter in enumerate(text_letters(first + count)):
        if n < first:
            continue
        case = folder / "cases" / f"{n:03d}-{letter.language}-{letter.layout}-{letter.form}"
        if (case / "message.eml").exists():
            continue
        case.mkdir(parents=True, exist_ok=True)
        message = letter_mail(letter, message_id=f"<fresh-text-{n}@{letter.ministry.domain}>")
        (case / "message.eml").write_bytes(message)
        (case / "expected.json").write_text(json.dumps(text_expected(letter), ensure_ascii=False, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--letters", type=int, default=24)
    parser.add_argument("--text", action="store_true", help="text letters (PDF, Word, mail body) instead of images")
    parser.add_argument("--first", type=int, default=0, help="start at this letter (a set held out from the first ones)")
    parser.add_argument("--signatures", default=",".join(SIGNATURES),
                        help=f"image letters: signature kinds to rotate, of {','.join(SIGNATURE_KINDS)}")
    parser.add_argument("--forms", default=",".join(FORMS),
                        help=f"image letters: forms to rotate, of {','.join(FORM_TAGS)}")
    args = parser.parse_args()
    signatures, forms = args.signatures.split(","), args.forms.split(",")
    if not set(signatures) <= set(SIGNATURE_KINDS) or not set(forms) <= set(FORM_TAGS):
        parser.error("unknown signature kind or form")
    if args.text:
        write_text(args.folder, args.letters, args.first)
    else:
        write(args.folder, args.letters, cast(tuple[Signature, ...], tuple(signatures)),
              cast(tuple[Form, ...], tuple(forms)), args.first)


if __name__ == "__main__":
    main()
