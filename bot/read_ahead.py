"""While `check` loads what its readers share, a child process reads its files' PDFs ahead.

`gcc-bot check` on many files loads the reading modules and the language pipelines once,
before its readers fork, so that they share them: two seconds on one core, while the
other has nothing to do. Parsing a text PDF's pages (pdfminer) is over half of reading a
text letter and needs none of that: a child forked as soon as the PDF reader is loaded
reads the files' PDFs in their order meanwhile, and leaves each file's pages in a private
folder, where the reader of that file is handed them (extractors/readers/ahead.py) with
the mail as the child parsed it, which `check` takes instead of parsing it again.

Nothing but the time depends on it. A mail over [limits], an automatic one and a PDF that
needs OCR are left to their reader; the child ends when it has read every file, the first
time a reader is handed a file it has not read yet (the readers caught up with it, or it
is stuck on a hostile file: either way, what is left is theirs), and with the command.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from bot.limits import apply_process_limits, over_limit
from bot.settings import LimitsSettings
from extractors.model import Page, Submission
from extractors.readers.lifetime import die_with_parent

YOUNG_OBJECTS = 20_000
"""As in a reader (bot/reader.py): parsing a page makes and drops tens of thousands of objects."""


class AheadPlan(NamedTuple):
    """The files `check` reads, in its order, and how their mails are parsed and measured."""

    paths: Sequence[Path]
    parse: Callable[[bytes], Submission]
    limits: LimitsSettings


def _name(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _pdfs_read(submission: Submission, raw: bytes, plan: AheadPlan) -> dict[bytes, list[Page]]:
    """The text-layer pages of a mail's PDFs by their key, as its reader would read them;
    nothing for a mail its reader would not read them in (automatic, over a limit)."""
    from extractors.readers import unpack
    from extractors.readers.ahead import key
    from extractors.readers.pdf import text_layer
    from extractors.readers.sniff import sniff

    if submission.automatic or submission.parse_error or over_limit(raw, submission, plan.limits):
        return {}
    apply_process_limits(plan.limits)
    found: dict[bytes, list[Page]] = {}
    for attachment in unpack(submission.attachments).files:
        if sniff(attachment.data) == "pdf":
            try:
                pages = text_layer(attachment.data)
            except Exception:  # a damaged PDF: its reader says why
                continue
            if pages is not None:
                found[key(attachment.data)] = pages
    return found


def _read_one(raw: bytes, plan: AheadPlan) -> tuple[Submission | None, bytes]:
    """A mail parsed, and its PDFs' pages pickled (empty: none to hand over); nothing when
    it cannot be parsed (its reader meets it again, and says what it is)."""
    try:
        submission = plan.parse(raw)  # what parsing says is said once: `check` takes this
        logging.disable(logging.CRITICAL)  # what reading says, the file's reader says again
        found = _pdfs_read(submission, raw, plan)
    except Exception:
        return None, b""
    finally:
        logging.disable(logging.NOTSET)
    return submission, pickle.dumps(found, pickle.HIGHEST_PROTOCOL) if found else b""


def _read_all(plan: AheadPlan, folder: Path, parent: int) -> None:
    """The child: what it read of each file pickled to `folder` under the mail's hash,
    written whole, in the order of the files."""
    die_with_parent(parent)
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    for path in plan.paths:
        try:
            raw = path.read_bytes()
        except OSError:  # `check` says so
            continue
        part = folder / f"{_name(raw)}.part"
        part.write_bytes(pickle.dumps(_read_one(raw, plan), pickle.HIGHEST_PROTOCOL))
        part.replace(folder / _name(raw))


class ReadAhead:
    """The child reading `plan`'s PDFs ahead, and what it left for each mail."""

    def __init__(self, plan: AheadPlan) -> None:
        import extractors.readers  # noqa: F401  (what the child reads with, loaded once before it forks)
        import extractors.readers.ahead  # noqa: F401
        import extractors.readers.pdf  # noqa: F401

        self._folder = tempfile.TemporaryDirectory(prefix="gcc-bot-ahead-")
        self._lock = threading.Lock()
        context = multiprocessing.get_context("fork")
        self._process: multiprocessing.process.BaseProcess | None = context.Process(
            target=_read_all, args=(plan, Path(self._folder.name), os.getpid()), daemon=True)
        self._process.start()

    def _left(self, raw: bytes) -> tuple[Submission | None, bytes] | None:
        done = Path(self._folder.name) / _name(raw)
        if not done.exists():
            return None
        left: tuple[Submission | None, bytes] = pickle.loads(done.read_bytes())
        return left

    def parsed(self, raw: bytes) -> Submission | None:
        """The mail as the child parsed it (None: not yet), so that it is not parsed again."""
        left = self._left(raw)
        return left[0] if left is not None else None

    def pages_for(self, raw: bytes) -> bytes:
        """What the child read of this mail's PDFs (pickled pages by key; empty: nothing).
        A mail it has not read yet ends it: the readers have caught up with it."""
        left = self._left(raw)
        if left is None:
            self._end()
            return b""
        return left[1]

    def _end(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        if process.exitcode is None and process.pid is not None:
            os.kill(process.pid, signal.SIGKILL)
        process.join()
        process.close()

    def close(self) -> None:
        """The child ended (if it still reads) and what it left removed."""
        self._end()
        self._folder.cleanup()
