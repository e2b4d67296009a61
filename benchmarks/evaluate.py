"""Accuracy of `gcc-bot check` on a corpus in the CORPUS.md format.

    .venv/bin/python benchmarks/evaluate.py ../shared/corpus ../shared/corpus-wide
    .venv/bin/python benchmarks/evaluate.py ../shared/corpus ../shared/corpus-wide --formats text

Prints decision accuracy and nominee-field accuracy by language, format and
layout (from each case's tags), and lists every false confirmation first,
since that is the failure that matters most. Exit 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

FIELDS = ("title", "first_name", "last_name", "job_title", "role", "organization", "email")
FUZZY_FIELDS = {"job_title", "organization"}
GROUPS = {"lang": "language", "layout": "layout"}
TEXT_FORMATS = {"pdf-text", "pdf-text-reportlab", "pdf-digital-signed", "pdf-digital-altered", "docx",
                "body-only", "zip-pdf"}
IMAGE_FORMATS = {"pdf-scan", "pdf-scan-1bit", "pdf-scan-heavy", "image", "photo", "photo-jpeg",
                 "photo-jpeg-exif-rotated", "tiff-multipage"}
FORMATS = TEXT_FORMATS | IMAGE_FORMATS
SELECTIONS = {"all": FORMATS, "text": TEXT_FORMATS, "image": IMAGE_FORMATS}


def _plain(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace(".", " ").casefold().split())


def field_matches(key: str, expected: object, got: object) -> bool:
    if key in FUZZY_FIELDS:
        return fuzz.token_sort_ratio(_plain(expected), _plain(got)) >= 85
    return _plain(expected) == _plain(got)


def nominee_scores(expected: list[dict], got: list[dict]) -> tuple[int, int]:
    """(right, judged) over the expected nominees' fields; matched by e-mail, else position."""
    by_email = {str(n.get("email") or "").lower(): n for n in got if n.get("email")}
    right = judged = 0
    for position, want in enumerate(expected):
        email = str(want.get("email") or "").lower()
        have = by_email.get(email) if email else None
        if have is None and position < len(got):
            have = got[position]
        for key in FIELDS:
            judged += 1
            right += have is not None and field_matches(key, want.get(key), have.get(key))
    return right, judged


def groups_of(tags: list[str]) -> list[str]:
    found = [t for t in tags if t.split("-")[0] in GROUPS or t in FORMATS]
    return found or ["(untagged)"]


def run_check(bot: str, files: list[Path]) -> dict[str, dict]:
    output = subprocess.run([bot, "check", *map(str, files), "--json"], capture_output=True,
                            text=True, check=False).stdout
    results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {r["file"]: r for r in results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--bot", default=str(Path(sys.executable).with_name("gcc-bot")))
    parser.add_argument("--formats", choices=sorted(SELECTIONS), default=None,
                        help="only letters in text formats or image formats (default: every case)")
    args = parser.parse_args()
    cases = sorted(p for corpus in args.corpus for p in (corpus / "cases").iterdir() if p.is_dir())
    if args.formats:
        wanted = SELECTIONS[args.formats]
        cases = [c for c in cases
                 if wanted & set(json.loads((c / "expected.json").read_text()).get("tags", []))]
    results = run_check(args.bot, [c / "message.eml" for c in cases])
    decisions: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false_confirmations = []
    for case in cases:
        expected = json.loads((case / "expected.json").read_text())
        got = results.get(str(case / "message.eml"), {"decision": "(none)", "nominees": []})
        if got["decision"] == "confirmed" and expected["decision"] != "confirmed":
            false_confirmations.append(f"{case.name}: expected {expected['decision']}")
        right, judged = nominee_scores(expected.get("nominees") or [], got.get("nominees") or [])
        for group in ["all", *groups_of(expected.get("tags", []))]:
            decisions[group][0] += got["decision"] == expected["decision"]
            decisions[group][1] += 1
            fields[group][0] += right
            fields[group][1] += judged
    print(f"FALSE CONFIRMATIONS: {len(false_confirmations)}")
    for line in false_confirmations:
        print(f"  !! {line}")
    print(f"\n{'group':<22}{'decisions':>12}{'fields':>14}")
    for group in sorted(decisions, key=lambda g: (g != "all", g)):
        d_right, d_all = decisions[group]
        f_right, f_all = fields[group]
        field_text = f"{f_right / f_all:.2f} ({f_all})" if f_all else "-"
        print(f"{group:<22}{d_right / d_all:>7.2f} ({d_all:>2}){field_text:>14}")
    return 1 if false_confirmations else 0


if __name__ == "__main__":
    sys.exit(main())
