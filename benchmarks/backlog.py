"""A backlog of mixed letters through `gcc-bot poll` on PostgreSQL, with 1 and 2 workers
(a benchmark, not a test).

The backlog mixes the six ITU languages (English, French, Spanish, Russian, Arabic,
Chinese, in turn) and four forms: 50 % text PDFs, 20 % scans (the letter rendered at
200 dpi, grey, as an image-only PDF), 15 % DOCX and 15 % photos (rendered at 150 dpi,
turned a little, blurred, as a JPEG); every language meets every form. Each letter comes
from its own sender. For each worker count the inbox and a fresh database are filled, then
that many `gcc-bot poll` processes start together; printed per run: letters per minute,
the replies written and the time until the last one left, the share of the workers' time
spent inside Tesseract (from the readers' log lines, one a letter: 'letter read in 1.20 s,
Tesseract 0.90 s'), the processor time a letter cost the workers and their readers (what a
busy machine does not change) with Tesseract's share of it, and the peak resident memory
of a worker process (its reader children included).

Run: .venv/bin/python benchmarks/backlog.py [--letters 20] [--workers 1 2] [--cache DIR]
     (the issue's figure: --letters 1000 --workers 1 2)
Needs Debian's postgresql, tesseract-ocr (+ language packs), poppler-utils and the Noto fonts.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docx import Document  # noqa: E402
from fpdf import FPDF  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from tests.extractors.signature_letters import signature_png  # noqa: E402
from tests.letters import mail  # noqa: E402
from tests.postgres import PostgresServer, postgres_bin  # noqa: E402
from tests.servers import running  # noqa: E402

GCC_BOT = Path(sys.executable).with_name("gcc-bot")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = {"latin": NOTO / "NotoSans-Regular.ttf", "ar": NOTO / "NotoNaskhArabic-Regular.ttf",
         "zh": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")}


@dataclass(frozen=True)
class Language:
    """One language's letter: its words, the country that writes it and its people."""

    code: str
    country: str
    ministry: str
    subject: str
    intro: str
    labels: tuple[str, str, str, str, str, str, str]
    """Title, first name, last name, job title, role, organisation, e-mail (Annex 2 order)."""
    primary: str
    closing: str
    domain: str
    people: tuple[tuple[str, str, str, str], ...]
    """Title, first name, last name, e-mail local part."""
    job: str
    signatory: str
    signatory_title: str


LETTERS = Path(__file__).with_name("backlog_letters.toml")
"""The six languages' words and people, as data."""


def _languages() -> tuple[Language, ...]:
    tables = tomllib.loads(LETTERS.read_text(encoding="utf-8"))["language"]
    return tuple(Language(**{**t, "labels": tuple(t["labels"]),
                             "people": tuple(tuple(p) for p in t["people"])}) for t in tables)


LANGUAGES = _languages()


def kind_of(n: int) -> str:
    """Out of every twenty letters: ten text PDFs, four scans, three DOCX, three photos."""
    return {0: "scan", 5: "scan", 10: "scan", 15: "scan", 3: "docx", 9: "docx", 16: "docx",
            7: "photo", 12: "photo", 18: "photo"}.get(n % 20, "text")


def language_of(n: int) -> Language:
    return LANGUAGES[n % len(LANGUAGES)]


def letter_lines(language: Language, n: int) -> list[str]:
    title, first, last, local = language.people[n % len(language.people)]
    values = (title, first, last, language.job, language.primary, language.ministry,
              f"{local}{n}@{language.domain}")
    return [language.country, language.ministry, "", language.subject, "", language.intro, "",
            *(f"{label}: {value}" for label, value in zip(language.labels, values)), "",
            language.closing, SIGNATURE, language.signatory, language.signatory_title]


SIGNATURE = "<signature>"
"""Where the handwritten signature goes (a PDF draws it; a DOCX leaves a blank line)."""


def text_pdf(language: Language, lines: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    script = language.code if language.code in ("ar", "zh") else "latin"
    pdf.add_font("letter", fname=str(FONTS[script]))
    pdf.set_font("letter", size=11)
    if script == "ar":
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
    for line in lines:
        if line == SIGNATURE:
            pdf.image(io.BytesIO(signature_png()), x=pdf.w - pdf.r_margin - 45 if script == "ar"
                      else pdf.l_margin, w=45)
            continue
        pdf.multi_cell(0, 7, line or " ", new_x="LMARGIN", new_y="NEXT",
                       align="R" if script == "ar" else "L")
    return bytes(pdf.output())


def rendered(pdf: bytes, folder: Path, dpi: int) -> list[Image.Image]:
    """The PDF's pages as grey images, as a scanner or a camera would see them."""
    source = folder / "letter.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(folder / "page")],
                   check=True)
    paths = sorted(folder.glob("page*.png"))
    pages = [Image.open(p).convert("L") for p in paths]
    for p in paths:
        p.unlink()
    return pages


def scanned(pdf: bytes, folder: Path) -> bytes:
    """The letter printed and scanned: pages rendered at 200 dpi, grey, as an image-only PDF."""
    pages = rendered(pdf, folder, 200)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=200, save_all=True, append_images=pages[1:])
    return out.getvalue()


def photographed(pdf: bytes, folder: Path) -> bytes:
    """The first page photographed on a desk: 150 dpi, turned 1.5 degrees, a little blurred."""
    page = rendered(pdf, folder, 150)[0].convert("RGB")
    photo = page.rotate(1.5, expand=True, fillcolor=(92, 80, 66), resample=Image.Resampling.BICUBIC)
    out = io.BytesIO()
    photo.filter(ImageFilter.GaussianBlur(0.8)).save(out, "JPEG", quality=82)
    return out.getvalue()


def docx_letter(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph("" if line == SIGNATURE else line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def backlog(count: int, scratch: Path) -> list[bytes]:
    mails = []
    for n in range(count):
        language, kind = language_of(n), kind_of(n)
        lines = letter_lines(language, n)
        sender, message_id = f"registry{n}@{language.domain}", f"<backlog-{n}@{language.domain}>"
        if kind == "docx":
            attachment = ("letter.docx", DOCX_TYPE, docx_letter(lines))
        else:
            pdf = text_pdf(language, lines)
            attachment = {"text": ("letter.pdf", "application/pdf", pdf),
                          "scan": ("letter.pdf", "application/pdf", scanned(pdf, scratch)),
                          "photo": ("letter.jpg", "image/jpeg", photographed(pdf, scratch))}[kind]
        mails.append(mail(sender=sender, message_id=message_id, subject=language.subject,
                          body="Please find attached our nomination letter.\n",
                          attachments=[attachment]))
    return mails


READ_LINE = re.compile(r"letter read in ([\d.]+) s, Tesseract ([\d.]+) s")


@dataclass
class Run:
    workers: int
    letters: int
    seconds: float
    ocr_seconds: float
    peak_mb: float
    last_reply: float
    """Seconds from the start until the last reply was written to the outbox."""
    replies: int
    """Replies written to the outbox (one a decision that answers its sender)."""
    cpu_seconds: float
    """Processor time of the workers and their readers: what the letters cost whatever else
    the machine was doing."""

    @property
    def per_minute(self) -> float:
        return self.letters / self.seconds * 60

    @property
    def ocr_share(self) -> float:
        return self.ocr_seconds / (self.seconds * self.workers)

    @property
    def ocr_cpu_share(self) -> float:
        return self.ocr_seconds / self.cpu_seconds


def run(server: PostgresServer, mails: list[bytes], workers: int, root: Path) -> Run:
    folder = root / f"run-{workers}"
    inbox = folder / "mail" / "inbox"
    inbox.mkdir(parents=True)
    for n, raw in enumerate(mails):
        (inbox / f"{n:05}.eml").write_bytes(raw)
    url = server.create_database()
    config = folder / "gcc-bot.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[local]\nfolder = "{folder / "mail"}"\n'
                      f'[review]\nfolder = "{folder / "review"}"\n')
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run([str(GCC_BOT), "doctor", "--config", str(config)], env=env, check=False,
                   capture_output=True)  # migrates the fresh database outside the timing
    started, started_wall = time.monotonic(), time.time()
    logs = [folder / f"worker-{n}.log" for n in range(workers)]
    peak, cpu = 0, 0.0
    with ExitStack() as files:
        processes = [subprocess.Popen([str(GCC_BOT), "poll", "--config", str(config)], env=env,
                                      cwd=folder, stdout=subprocess.DEVNULL,
                                      stderr=files.enter_context(log.open("wb")))
                     for log in logs]
        for process in processes:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = max(peak, usage.ru_maxrss)
            cpu += usage.ru_utime + usage.ru_stime  # readers included: the worker reaps them
            if process.returncode:
                raise SystemExit(f"a worker failed with exit code {process.returncode}")
    seconds = time.monotonic() - started
    reads = [READ_LINE.search(line) for log in logs for line in log.read_text().splitlines()]
    ocr = sum(float(found.group(2)) for found in reads if found)
    decided = len(list((folder / "mail" / "done").rglob("*.eml")))
    if decided != len(mails):
        raise SystemExit(f"only {decided} of {len(mails)} letters were settled")
    replies = [p.stat().st_mtime for p in (folder / "mail" / "outbox").rglob("*.eml")]
    return Run(workers, len(mails), seconds, ocr, peak / 1024,
               max(replies, default=started_wall) - started_wall, len(replies), cpu)


def cached_backlog(count: int, scratch: Path, cache: Path | None) -> list[bytes]:
    """The backlog, generated (rendering scans and photos takes minutes for a thousand) or
    read back from `cache` (a longer backlog kept there serves too), where a generated one
    is kept for the next run."""
    kept = sorted(cache.glob("*.eml")) if cache is not None else []
    if len(kept) >= count:  # letter n is the same in every backlog: the first `count` serve
        return [path.read_bytes() for path in kept[:count]]
    mails = backlog(count, scratch)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("*.eml"):
            old.unlink()
        for n, raw in enumerate(mails):
            (cache / f"{n:05}.eml").write_bytes(raw)
    return mails


def report(r: Run) -> str:
    return (f"{r.workers} worker(s): {r.seconds:7.1f} s, {r.per_minute:6.1f} letters/min, "
            f"{r.replies} replies, last after {r.last_reply:7.1f} s, OCR {r.ocr_share:5.1%} of worker "
            f"time; processor {r.cpu_seconds / r.letters:5.2f} s a letter, OCR {r.ocr_cpu_share:5.1%} "
            f"of it; peak RSS {r.peak_mb:6.0f} MB, load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cache", type=Path, help="folder keeping the generated backlog")
    args = parser.parse_args()
    if postgres_bin() is None:
        raise SystemExit("PostgreSQL is not installed (Debian package postgresql)")
    root = Path(tempfile.mkdtemp(prefix="gcc-backlog-"))
    with running(PostgresServer(postgres_bin()), root) as server:  # type: ignore[arg-type]
        mails = cached_backlog(args.letters, root, args.cache)
        kinds = [kind_of(n) for n in range(args.letters)]
        print(f"backlog: {args.letters} letters in {min(args.letters, len(LANGUAGES))} languages "
              f"({kinds.count('text')} text PDF, {kinds.count('scan')} scans, "
              f"{kinds.count('docx')} DOCX, {kinds.count('photo')} photos); {os.cpu_count()} CPUs",
              flush=True)
        runs = []
        for workers in args.workers:
            runs.append(run(server, mails, workers, root))
            print(report(runs[-1]), flush=True)  # each run as soon as it ends
        base = runs[0]
        for r in runs[1:]:
            print(f"{r.workers} workers / {base.workers}: throughput x"
                  f"{r.per_minute / base.per_minute:.2f}")


if __name__ == "__main__":
    main()
