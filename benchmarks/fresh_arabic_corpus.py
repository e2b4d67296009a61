"""Write a corpus of Arabic image letters nobody here has seen: fresh_corpus.py's letters in more Arabic forms.

Every layout meets every image form (scans at 150/200/300 dpi grey or 1-bit, a fax TIFF, phone
photos, some stored sideways), with label styles and signatures rotating, from two ministries
(fresh_letters.py's Kuwaiti one and a Jordanian one with other names, addresses and wording) set
in three Arabic typefaces (Naskh, Sans, Kufi). What each letter says is its expected.json.

Run: .venv/bin/python benchmarks/fresh_arabic_corpus.py /tmp/freshar-ar [--letters 24]
then: python3 ../shared/tools/score.py /tmp/freshar-ar --bot .venv/bin/gcc-bot -v
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import tests.extractors.fresh_letters as fresh  # noqa: E402
from benchmarks.fresh_corpus import expected  # noqa: E402
from tests.letters import mail  # noqa: E402

JORDAN = dataclasses.replace(
    fresh.MINISTRIES["ar"], country="المملكة الأردنية الهاشمية", ministry="وزارة الاقتصاد الرقمي والريادة",
    address=("شارع الملكة رانيا، عمّان", "ص.ب. 9903 عمّان 11191"),
    reference="الرقم: ا ر/7/1123", date="التاريخ: 2024/11/20",
    subject="الموضوع: تسمية ممثلي المملكة في اللجنة الحكومية (GCC)",
    intro="بالإشارة إلى التعميم رقم 006، يسر وزارة الاقتصاد الرقمي والريادة أن تسمي الممثلين التالية أسماؤهم:",
    signatory="سامي الخطيب", signatory_title="الأمين العام", cc="نسخة إلى: البعثة الدائمة للمملكة في جنيف",
    footer="هاتف: 5805642 6 962+   info@modee.gov.jo   www.modee.gov.jo", domain="modee.gov.jo",
    people=(("الدكتور", "عمر", "الحوراني", "مدير الحكومة الإلكترونية", "omar.hourani"),
            ("السيدة", "ريم", "العبادي", "رئيسة قسم السياسات الرقمية", "r.abbadi"),
            ("المهندس", "يوسف", "الزعبي", "مستشار أمن المعلومات", "yousef.zoubi")))
KUWAIT = fresh.MINISTRIES["ar"]
FACES = {"naskh": "NotoNaskhArabic", "sans": "NotoSansArabic", "kufi": "NotoKufiArabic"}
SIGNATURES: tuple[fresh.Signature, ...] = ("above", "over", "stamp", "above", "over", "none")


def _case(n: int) -> tuple[fresh.FreshLetter, fresh.Form, fresh.Ministry, str]:
    """The nth letter: layout, form, label style, signature, ministry and typeface all rotating."""
    letter = fresh.FreshLetter("ar", nominees=1 + n % 3, layout=fresh.LAYOUTS[n % 4], style=fresh.STYLES[(n // 3) % 4],
                               signature=SIGNATURES[(n // 2) % 6])
    return letter, fresh.FORMS[(n // 4 + n) % 6], JORDAN if n % 2 else KUWAIT, list(FACES)[(n // 5) % 3]


def write(folder: Path, count: int) -> None:
    plain_fonts = fresh._fonts
    try:
        for n in range(count):
            letter, form, ministry, face = _case(n)
            case = folder / "cases" / f"{n:03d}-ar-{letter.layout}-{form}-{letter.style}-{letter.signature}-{face}"
            if (case / "message.eml").exists():
                continue
            fresh.MINISTRIES["ar"] = ministry
            fresh._fonts = lambda language, f=FACES[face]: (  # type: ignore[misc]
                (fresh.NOTO / f"{f}-Regular.ttf", fresh.NOTO / f"{f}-Bold.ttf") if language == "ar" else plain_fonts(language))
            case.mkdir(parents=True, exist_ok=True)
            message = mail(sender=f"registry@{ministry.domain}", subject=ministry.subject,
                           body="Please find our letter attached.\n",
                           attachments=fresh.image_forms(fresh.letter_pdf(letter), form, seed=1000 + n),
                           message_id=f"<freshar-{n}@{ministry.domain}>")
            (case / "message.eml").write_bytes(message)
            written = expected(letter, form)
            written["tags"] = [*written["tags"], f"font-{face}"]  # type: ignore[misc]
            (case / "expected.json").write_text(json.dumps(written, ensure_ascii=False, indent=1))
    finally:
        fresh.MINISTRIES["ar"], fresh._fonts = KUWAIT, plain_fonts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--letters", type=int, default=24)
    args = parser.parse_args()
    write(args.folder, args.letters)


if __name__ == "__main__":
    main()
