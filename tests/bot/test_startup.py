"""`gcc-bot check` pays at start for what the mail needs, not for every reader it has: a
one-line mail that is no letter loads neither the image, PDF, Word and signature readers nor
the language pipelines, the database layer or the templates, in the command or in its
reader process. (How long it takes is measured by benchmarks/startup.py, not timed here.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.letters import mail

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("cv2", "numpy", "PIL", "tesserocr", "pyhanko", "pyhanko_certvalidator", "asn1crypto",
         "spacy", "pdfplumber", "pdfminer", "pypdfium2", "docx", "extract_msg", "sqlalchemy",
         "alembic", "jinja2", "icalendar", "apscheduler", "imapclient", "aiosmtplib", "psycopg",
         "email_validator", "extractors.country", "extractors.fields.prose", "rapidocr", "onnxruntime",
         "extractors.signature", "rules.valid_emails")
"""What a one-line mail must not load: each is a tenth of a second or more, or pulls one in."""


def one_line_mail(tmp_path: Path) -> Path:
    path = tmp_path / "one-line.eml"
    path.write_bytes(mail(sender="jane@example.org", subject="Hello", body="Just one line of text.\n",
                          authenticated=False))
    return path


def loaded_by_check(path: Path, cwd: Path) -> tuple[dict[str, object], set[str]]:
    """`check --json`'s object for `path`, and every module the command and its reader
    process imported (Python's -X importtime, which a forked reader inherits)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GCC_BOT_")}
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "from bot.cli import app; app()",
                           "check", str(path), "--json"],
                          capture_output=True, text=True, timeout=300, cwd=cwd, env=environment)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", done.stderr, re.MULTILINE))
    return json.loads(done.stdout), modules


def test_a_one_line_mail_loads_none_of_the_heavy_readers(tmp_path: Path) -> None:
    result, modules = loaded_by_check(one_line_mail(tmp_path), tmp_path)
    assert result["decision"] == "ignored"
    assert result["language"] == "en"  # it was read, in the reader process:
    assert {"bot.cli", "extractors.letter", "langdetect"} <= modules
    loaded = sorted(name for name in HEAVY
                    if name in modules or any(m.startswith(name + ".") for m in modules))
    assert loaded == []
