"""A backlog of mixed letters through `gcc-bot poll` on PostgreSQL, with 1 and 2 workers
(a benchmark, not a test).

The backlog is 60 % text PDFs, 20 % scans (the same letters rendered at 200 dpi
and wrapped as image-only PDFs) and 20 % DOCX, each from its own sender. For
each worker count the inbox and a fresh database are filled, then that many
`gcc-bot poll` processes start together; printed per run: letters per minute,
the share of the workers' time spent inside Tesseract (a wrapper on PATH times
every tesseract call), and the peak resident memory of a worker process
(its reader children included).

Run: .venv/bin/python benchmarks/backlog.py [--letters 20] [--workers 1 2]
Needs Debian's postgresql, tesseract-ocr (+ language packs) and poppler-utils.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docx import Document  # noqa: E402
from PIL import Image  # noqa: E402

from tests.letters import Letter, letter_mail, letter_pdf, mail, person  # noqa: E402
from tests.postgres import PostgresServer, postgres_bin  # noqa: E402

GCC_BOT = Path(sys.executable).with_name("gcc-bot")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def kind_of(n: int) -> str:
    return {0: "scan", 5: "docx", 3: "scan", 8: "docx"}.get(n % 10, "text")


def scanned(pdf: bytes, folder: Path) -> bytes:
    """The letter printed and scanned: pages rendered at 200 dpi, grey, as an image-only PDF."""
    source = folder / "letter.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(source), str(folder / "page")],
                   check=True)
    pages = [Image.open(p).convert("L") for p in sorted(folder.glob("page*.png"))]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=200, save_all=True, append_images=pages[1:])
    for p in folder.glob("page*.png"):
        p.unlink()
    return out.getvalue()


def docx_letter(letter: Letter) -> bytes:
    document = Document()
    document.add_heading(letter.country_line, level=1)
    document.add_paragraph(letter.ministry)
    document.add_paragraph("Subject: Nomination of representatives to the Government Committee "
                           "(GCC) of the OpenWallet Forum")
    document.add_paragraph("With reference to TSB Circular 006, " + letter.intro)
    for number, nominee in enumerate(letter.nominees, start=1):
        document.add_paragraph(f"Representative {number}")
        for label, value in (("Title or rank", nominee.title), ("First name", nominee.first_name),
                             ("Last name", nominee.last_name), ("Job title", nominee.job_title),
                             ("Role in GCC", "Primary contact"),
                             ("Organization name", nominee.organization),
                             ("E-mail", nominee.email)):
            document.add_paragraph(f"{label}: {value or ''}")
    document.add_paragraph(f"{letter.signatory}\n{letter.signatory_title}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def backlog(count: int, scratch: Path) -> list[bytes]:
    mails = []
    for n in range(count):
        letter = Letter(nominees=[person(1 + n % 5, "primary")], signatory=f"Joseph Kariuki {n}")
        sender, message_id = f"registry{n}@ict.go.ke", f"<backlog-{n}@ict.go.ke>"
        kind = kind_of(n)
        if kind == "text":
            mails.append(letter_mail(letter, sender=sender, message_id=message_id))
            continue
        attachment = (("letter.pdf", "application/pdf", scanned(letter_pdf(letter), scratch))
                      if kind == "scan" else ("letter.docx", DOCX_TYPE, docx_letter(letter)))
        mails.append(mail(sender=sender, message_id=message_id, attachments=[attachment]))
    return mails


TESSERACT_WRAPPER = """#!/bin/sh
start=$(date +%s.%N)
"{real}" "$@"
status=$?
echo "$start $(date +%s.%N)" >> "{log}"
exit $status
"""


@dataclass
class Run:
    workers: int
    letters: int
    seconds: float
    ocr_seconds: float
    peak_mb: float

    @property
    def per_minute(self) -> float:
        return self.letters / self.seconds * 60

    @property
    def ocr_share(self) -> float:
        return self.ocr_seconds / (self.seconds * self.workers)


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
    bindir, log = folder / "bin", folder / "tesseract.log"
    bindir.mkdir()
    wrapper = bindir / "tesseract"
    wrapper.write_text(TESSERACT_WRAPPER.format(real=shutil.which("tesseract"), log=log))
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "OMP_THREAD_LIMIT": "1"}
    subprocess.run([str(GCC_BOT), "doctor", "--config", str(config)], env=env, check=False,
                   capture_output=True)  # migrates the fresh database outside the timing
    started = time.monotonic()
    processes = [subprocess.Popen([str(GCC_BOT), "poll", "--config", str(config)], env=env,
                                  cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                 for _ in range(workers)]
    peak = 0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss)
        if process.returncode:
            raise SystemExit(f"a worker failed with exit code {process.returncode}")
    seconds = time.monotonic() - started
    calls = [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    decided = len(list((folder / "mail" / "done").rglob("*.eml")))
    if decided != len(mails):
        raise SystemExit(f"only {decided} of {len(mails)} letters were settled")
    return Run(workers, len(mails), seconds, sum(float(b) - float(a) for a, b in calls),
               peak / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if postgres_bin() is None:
        raise SystemExit("PostgreSQL is not installed (Debian package postgresql)")
    root = Path(tempfile.mkdtemp(prefix="gcc-backlog-"))
    server = PostgresServer(postgres_bin())  # type: ignore[arg-type]
    try:
        server.start()
        mails = backlog(args.letters, root)
        kinds = [kind_of(n) for n in range(args.letters)]
        print(f"backlog: {args.letters} letters ({kinds.count('text')} text PDF, "
              f"{kinds.count('scan')} scans, {kinds.count('docx')} DOCX); {os.cpu_count()} CPUs")
        runs = [run(server, mails, workers, root) for workers in args.workers]
        for r in runs:
            print(f"{r.workers} worker(s): {r.seconds:7.1f} s, {r.per_minute:6.1f} letters/min, "
                  f"OCR {r.ocr_share:5.1%} of worker time, peak RSS {r.peak_mb:6.0f} MB")
        base = runs[0]
        for r in runs[1:]:
            print(f"{r.workers} workers / {base.workers}: throughput x"
                  f"{r.per_minute / base.per_minute:.2f}")
        print(f"this process's children peak RSS: "
              f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
