"""How much slower a full decision is than the bare reading it builds on.

    .venv/bin/python benchmarks/reading_speed.py ../shared/corpus [--only text|scan|command]
    .venv/bin/python benchmarks/reading_speed.py ../shared/corpus --tree OTHER   # another checkout

In one run, per letter of the corpus:
- text PDF letters: `judge` (read, extract, check, decide) against raw
  pdfplumber text extraction of the same PDF;
- scanned letters (image-only PDFs and images): `judge` against raw
  `tesseract` on the same pages (rendered beforehand, not timed), in the
  letter's language, one thread (OMP_THREAD_LIMIT=1, as the bot reads).
The ratios are the figures, in wall time and in processor time (the one that
compares on a loaded machine); absolute times depend on the machine. With
`--repeat 1` each letter's first use of a language (spaCy pipeline, Tesseract
packs) is counted too.

Also, for the text PDF letters as a whole: one `gcc-bot check` command on all their mails
(start-up, parsing, reading in child processes, deciding, printing) against one plain
script that opens the same mails and extracts every PDF page's text with pdfplumber, the
two alternated over `--rounds` rounds (best of each): the whole-command ratio, in wall time
(`check` reads on every core) and in processor time (what it costs the machine); then, from
one more run, where the command's processor time goes (start-up until its readers fork, of
which loading what they share, its own work after, its child processes: the readers and the
one reading PDFs ahead while they load). The command is this
checkout's (or --tree's) code run by this interpreter, whatever `gcc-bot` it has installed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.judge import judge  # noqa: E402
from bot.intake import parse_mail  # noqa: E402
from bot.settings import Settings  # noqa: E402
from extractors.readers.tesseract import busy_seconds  # noqa: E402

TESSERACT_LANG = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara+eng",
                  "zh": "chi_sim"}


class Timing(NamedTuple):
    """Best wall time and best processor time of an action's runs; `ocr`: Tesseract's processor
    seconds in this process during the run of the best processor time."""

    wall: float
    cpu: float
    ocr: float = 0.0


def _processor_seconds() -> float:
    """This process's threads and its finished children: `judge` reads pages on threads, the raw
    baseline runs `tesseract` as a child."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(action, repeat: int) -> Timing:  # type: ignore[no-untyped-def]
    """Best wall and processor time of `repeat` runs: the least disturbed by the rest of the
    machine. On a loaded machine only the processor time compares."""
    wall = cpu = ocr = float("inf")
    for _ in range(repeat):
        start, start_cpu, start_ocr = time.perf_counter(), _processor_seconds(), busy_seconds()
        action()
        wall = min(wall, time.perf_counter() - start)
        if _processor_seconds() - start_cpu < cpu:
            cpu, ocr = _processor_seconds() - start_cpu, busy_seconds() - start_ocr
    return Timing(wall, cpu, ocr)


def letter_bytes(raw: bytes) -> tuple[str, bytes] | None:
    for attachment in parse_mail(raw).attachments:
        if attachment.data[:5] == b"%PDF-":
            return "pdf", attachment.data
        if attachment.data[:3] == b"\xff\xd8\xff" or attachment.data[:8] == b"\x89PNG\r\n\x1a\n":
            return "image", attachment.data
    return None


def raw_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def page_images(kind: str, data: bytes, folder: Path) -> list[Path]:
    if kind == "image":
        path = folder / "page.img"
        path.write_bytes(data)
        return [path]
    pdf = folder / "letter.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.png"))


def raw_tesseract(pages: list[Path], language: str) -> None:
    for page in pages:
        subprocess.run(["tesseract", str(page), "stdout", "-l", language], check=True,
                       capture_output=True)


RAW_SCRIPT = """
import io, sys
from email import message_from_binary_file, policy
import pdfplumber
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        message = message_from_binary_file(handle, policy=policy.default)
    for part in message.iter_attachments():
        data = part.get_payload(decode=True) or b""
        if data[:5] == b"%PDF-":
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
"""


CHECK_SCRIPT = "import sys; from bot.cli import app; sys.argv[0] = 'gcc-bot'; app()"
"""`gcc-bot` as its installed script runs it, from whichever checkout PYTHONPATH names."""

SPLIT_SCRIPT = """
import resource, sys, time
import bot.reader
start, load = bot.reader.Reader.start, bot.reader._load_readers
forked, loading = [], [0.0]
def noted(self):
    forked[:] = forked or [time.process_time()]
    return start(self)
def timed_load():
    begin = time.process_time()
    load()
    loading[0] += time.process_time() - begin
bot.reader.Reader.start, bot.reader._load_readers = noted, timed_load
from bot.cli import app
try:
    app(["check", "--json", *sys.argv[1:]])
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    readers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(forked[0], loading[0], own.ru_utime + own.ru_stime, readers.ru_utime + readers.ru_stime,
          file=sys.stderr)
"""
"""`gcc-bot check` as the command runs it, with the processor time it spent before its readers
fork, of it loading what they share, in all, and in its child processes (readers, reading ahead),
written last on standard error."""


def _in_tree(tree: Path) -> dict[str, str]:
    """The environment that makes `python -P` import `tree`'s code (-P: not the working folder's)."""
    return {**os.environ, "PYTHONPATH": str(tree.resolve())}


def command_split(mails: list[Path], tree: Path) -> tuple[float, float, float, float]:
    """Where one `gcc-bot check` on `mails` spends its processor time: start-up until its
    readers fork, of which loading what they share (reading modules, pipelines, name
    tables), its own work after (mails parsed, rules, output), and its child processes."""
    done = subprocess.run([sys.executable, "-P", "-c", SPLIT_SCRIPT, *map(str, mails)],
                          capture_output=True, text=True, env=_in_tree(tree))
    start_up, loading, own, readers = map(float, done.stderr.split()[-4:])
    return start_up, loading, own - start_up, readers


def whole_commands(mails: list[Path], rounds: int, tree: Path) -> dict[str, tuple[float, float]]:
    """Best wall time and best processor time (the command's processes together) of
    `gcc-bot check` on all `mails` and of the raw pdfplumber script on the same files,
    alternated so that both meet the same load."""
    commands = {"ours": [sys.executable, "-P", "-c", CHECK_SCRIPT, "check", "--json", *map(str, mails)],
                "raw": [sys.executable, "-c", RAW_SCRIPT, *map(str, mails)]}
    best = {name: (float("inf"), float("inf")) for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=_in_tree(tree))
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def summarise(ratios: dict[str, list[float]], cpu_ratios: dict[str, list[float]],
              ocr_shares: dict[str, list[float]], repeat: int) -> None:
    """Each group's median ratios, and how much of a scanned letter's decision Tesseract takes."""
    for group, baseline in (("text", "raw pdfplumber text"), ("scan", "raw tesseract")):
        if ratios[group]:
            print(f"{group} letters: full decision / {baseline} = "
                  f"{statistics.median(ratios[group]):.2f} in wall time, "
                  f"{statistics.median(cpu_ratios[group]):.2f} in processor time (medians of "
                  f"{len(ratios[group])}, warm, per letter; best of {repeat}); Tesseract's share "
                  f"of the decision's processor time {statistics.median(ocr_shares[group]):.0%}")


def _groups() -> dict[str, list[float]]:
    return {"text": [], "scan": []}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the whole-command comparison")
    parser.add_argument("--only", choices=("text", "scan", "command"),
                        help="measure one group of letters only ('command': the whole command alone)")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="checkout whose `gcc-bot check` the whole-command comparison runs")
    args = parser.parse_args()
    print(f"load average at the start {os.getloadavg()[0]:.1f}")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    settings = Settings()
    ratios, cpu_ratios, ocr_shares = _groups(), _groups(), _groups()
    text_mails: list[Path] = []
    for case in sorted((args.corpus / "cases").iterdir()):
        expected = json.loads((case / "expected.json").read_text())
        tags = set(expected.get("tags", []))
        raw = (case / "message.eml").read_bytes()
        found = letter_bytes(raw)
        if found is None or tags & {"pdf-encrypted", "pdf-corrupt", "multi-attachment"}:
            continue  # nothing to compare against, or not one letter
        kind, data = found
        group = "text" if "pdf-text" in tags else "scan" if tags & {"pdf-scan", "image"} else None
        if group is None or args.only not in (None, group) and (args.only, group) != ("command", "text"):
            continue
        if args.only == "command":  # no letter timed alone
            text_mails.append(case / "message.eml")
            continue
        decided = timed(lambda: judge(raw, settings), args.repeat)
        if group == "text":
            bare = timed(lambda: raw_pdfplumber(data), args.repeat)
            text_mails.append(case / "message.eml")
        else:
            language = TESSERACT_LANG.get(expected.get("language") or "en", "eng")
            with tempfile.TemporaryDirectory() as folder:
                pages = page_images(kind, data, Path(folder))
                bare = timed(lambda: raw_tesseract(pages, language), args.repeat)
        ratios[group].append(decided.wall / bare.wall)
        cpu_ratios[group].append(decided.cpu / bare.cpu)
        ocr_shares[group].append(decided.ocr / decided.cpu)
        print(f"{case.name:<40} {group:<5} decision {decided.wall:6.2f}s  baseline {bare.wall:6.2f}s  "
              f"ratio {decided.wall / bare.wall:5.2f}  processor time {decided.cpu:6.2f}s / {bare.cpu:6.2f}s "
              f"= {decided.cpu / bare.cpu:5.2f}  (Tesseract {decided.ocr:5.2f}s)")
    print()
    summarise(ratios, cpu_ratios, ocr_shares, args.repeat)
    if text_mails:
        best = whole_commands(text_mails, args.rounds, args.tree)
        (ours, ours_cpu), (raw, raw_cpu) = best["ours"], best["raw"]
        print(f"text letters, whole command: gcc-bot check {ours:.2f}s / raw pdfplumber script "
              f"{raw:.2f}s = {ours / raw:.2f} ({len(text_mails)} mails, best of {args.rounds} "
              f"alternated rounds; processor time {ours_cpu:.2f}s / {raw_cpu:.2f}s = "
              f"{ours_cpu / raw_cpu:.2f}; load average {os.getloadavg()[0]:.1f})")
        start_up, loading, own, readers = command_split(text_mails, args.tree)
        print(f"one more gcc-bot check, its processor time: start-up until its readers fork "
              f"{start_up:.2f}s (of which loading what they share {loading:.2f}s), its own work "
              f"after {own:.2f}s, its readers and reading ahead {readers:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
