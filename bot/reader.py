"""Letters are read in a reader process that the bot kills when a letter takes too long.

A public mailbox receives letters that never finish reading and files that crash native
libraries; reading happens in a child process so that neither takes the bot down with it.
The reader lives on from one letter to the next: what it loads for a letter (spaCy
pipelines, language profiles, Tesseract models, OpenCV) serves the following ones, instead
of being loaded again for each. It is replaced when a letter overruns its budget (killed
with everything it started), when it dies, and after `LETTERS_PER_READER` letters or once
it holds more than `MAX_READER_MB`, so that memory stays bounded whatever it met.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import pickle
import queue
import resource
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.limits import LimitExceeded, ReadingFailed, apply_process_limits, over_limit
from bot.settings import LimitsSettings
from extractors.model import Nomination, Submission
from extractors.readers.lifetime import die_with_parent

if TYPE_CHECKING:
    from bot.read_ahead import AheadPlan, ReadAhead

LETTERS_PER_READER = 200
"""A reader is replaced after this many letters (a slow leak in a native library stays small)."""
MAX_READER_MB = 520
"""A reader holding more than this after a letter is replaced: Tesseract models of every
script stay loaded otherwise, and a worker must stay under 700 MB."""
YOUNG_OBJECTS = 20_000
"""A reader collects its young objects after this many more were made than freed (Python's
default: 700). Reading a PDF page makes and drops tens of thousands (pdfminer's tokens):
collecting every 700 cost a reader about 6 % of its time, for no memory it keeps."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    """One letter to read, with what the reader needs to read it as the settings say."""

    raw: bytes
    submission: Submission
    limits: LimitsSettings
    observers: tuple[str, ...] = ()
    trust_roots: tuple[Path, ...] = ()
    trusted_lists: tuple[Path, ...] = ()
    read_ahead: bytes = b""
    """The pages of its PDFs read ahead by another process, pickled (bot/read_ahead.py)."""


def read_request(request: Request) -> Nomination:
    """Measure the letter against [limits] (LimitExceeded), then read it: in the reader, so
    that measuring a hostile file is held to the time budget as well. (Pages read ahead
    say it was measured already, within the same limits, by the process that read them.)"""
    from extractors.letter import read_nomination
    from extractors.readers.ahead import pages_read_ahead

    broken = None if request.read_ahead else over_limit(request.raw, request.submission,
                                                        request.limits)
    if broken:
        raise LimitExceeded(broken)
    if request.submission.attachments:  # Pillow reads attachments only: none, no Pillow to load
        apply_process_limits(request.limits)
    _trust(request.trust_roots, request.trusted_lists)
    with pages_read_ahead(pickle.loads(request.read_ahead) if request.read_ahead else {}):
        return read_nomination(request.submission, request.observers)


def _trust(roots: tuple[Path, ...], lists: tuple[Path, ...]) -> None:
    """The configured trust roots and the CAs of the trusted lists, for every later signature
    check in this process (set again only when they change: a trusted list takes a while to
    read). pyHanko is only loaded for it when trust is configured or it is loaded already:
    until then the default (no roots) holds."""
    if _trusted == [(roots, lists)]:
        return
    if roots or lists or "extractors.signature.digital" in sys.modules:
        from extractors.signature.digital import load_trust_roots, use_trust_roots
        from extractors.signature.trusted_lists import load_trusted_lists

        use_trust_roots(load_trust_roots(roots) + load_trusted_lists(lists))
        _trusted[:] = [(roots, lists)]


_trusted: list[tuple[tuple[Path, ...], tuple[Path, ...]]] = []
"""The trust last set in this process."""


def _resident_mb() -> float:
    """This process's resident memory now (Linux /proc), or its peak elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _give_back_memory() -> None:
    """Return the heap a letter freed to the system (glibc keeps it otherwise: a page image
    read on two threads leaves a hundred megabytes behind)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


def _serve(connection: Connection, parent: int) -> None:
    """The reader's loop: one request in, one outcome out, until told to stop or worn out.
    Its own process group, so that a kill also ends Tesseract and LibreOffice."""
    die_with_parent(parent)
    os.setpgid(0, 0)
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    for count in range(1, LETTERS_PER_READER + 1):
        try:
            request = connection.recv()
        except EOFError:
            break
        if request is None:  # told to stop
            break
        start, ocr = time.perf_counter(), _ocr_seconds()
        kind, value, trace = _outcome(request)
        seconds, tesseract = time.perf_counter() - start, _ocr_seconds() - ocr
        _give_back_memory()
        resident = _resident_mb()
        last = count == LETTERS_PER_READER or resident > MAX_READER_MB
        log.info("letter read in %.2f s, Tesseract %.2f s, reader at %.0f MB%s", seconds,
                 tesseract, resident, " (freed): replaced" if last else " (freed)")
        connection.send((kind, value, trace, last))  # `last`: the owner starts a new reader
        if last:
            break
    connection.close()


def _outcome(request: Request) -> tuple[str, Any, str]:
    try:
        return "ok", read_request(request), ""
    except LimitExceeded as exc:
        return "limit", str(exc), ""
    except Exception as exc:
        return "error", f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc))


def _ocr_seconds() -> float:
    """Tesseract's time so far in this process (none until a letter needed it)."""
    tesseract = sys.modules.get("extractors.readers.tesseract")
    return float(tesseract.busy_seconds()) if tesseract is not None else 0.0


class Reader:
    """A reader process of this process, started on the first letter and replaced as needed."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def read(self, request: Request) -> Nomination:
        """The letter read within `letter_seconds`: LimitExceeded over a limit or the budget,
        ReadingFailed when reading raised or the reader died (memory, a native crash)."""
        connection = self.start()
        seconds = request.limits.letter_seconds
        try:
            connection.send(request)
            if not connection.poll(seconds):
                self.close(kill=True)
                raise LimitExceeded(f"reading took longer than {seconds:g} s "
                                    f"(limit letter_seconds = {seconds:g})")
            kind, value, trace, last = connection.recv()
        except (EOFError, OSError):
            code = self._exit_code()
            self.close(kill=True)
            raise ReadingFailed(f"the reader process ended with code {code}") from None
        if last:
            self.close()
        if kind == "limit":
            raise LimitExceeded(value)
        if kind == "error":
            raise ReadingFailed(value + "\n" + trace)
        nomination: Nomination = value
        return nomination

    def start(self) -> Connection:
        """The running reader's end of the pipe; a new reader when there is none alive (it
        wore out, was killed, or died between letters)."""
        if self._process is not None and not self._process.is_alive():
            self.close()
        if self._process is None or self._connection is None:
            context = multiprocessing.get_context("fork")
            ours, theirs = context.Pipe()
            self._process = context.Process(target=_serve, args=(theirs, os.getpid()), daemon=True)
            self._process.start()
            theirs.close()
            self._connection = ours
        return self._connection

    def _exit_code(self) -> int | None:
        if self._process is None:
            return None
        self._process.join(5)
        return self._process.exitcode

    def close(self, kill: bool = False) -> None:
        """End the reader: told to stop, or killed with everything it started when `kill` or
        when it does not stop at once. (Told in words: its pipe's closing alone does not reach
        it while a copy of our end lives on in a process forked since, itself among them.)"""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            if not kill:
                try:
                    connection.send(None)
                except OSError:  # it is gone already
                    pass
            connection.close()
        if process is None:
            return
        if not kill:
            process.join(1)
        if process.exitcode is None and process.pid is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()
        process.join()
        process.close()


_own: dict[int, Reader] = {}
"""Each process's own reader (a forked worker gets a new one, not its parent's)."""
_lent: queue.SimpleQueue[Reader] | None = None
"""The readers of `readers()`, while it lasts: each thread takes one for a letter."""
_ahead: ReadAhead | None = None
"""The process reading the PDFs of `readers()`'s files ahead, while it lasts."""


def read_in_time(request: Request) -> Nomination:
    """Read a letter in a reader process (see Reader.read): one of `readers()` when they are
    running, else this process's own (a worker's: the reading modules are loaded in this
    process first, so that every reader it starts begins with them)."""
    if _lent is None:
        reader = _own.get(os.getpid())
        if reader is None:
            reader = _own[os.getpid()] = Reader()
            atexit.register(reader.close)
            _load_readers()  # a worker's reader is replaced now and then: each starts loaded
        return reader.read(request)
    reader = _lent.get()
    if _ahead is not None:  # asked now that a reader is free: the latest it may have read
        request = replace(request, read_ahead=_ahead.pages_for(request.raw))
    try:
        return reader.read(request)
    finally:
        _lent.put(reader)


def parsed_ahead(raw: bytes) -> Submission | None:
    """The mail as the process reading `readers()`'s files ahead parsed it, if it has yet."""
    return _ahead.parsed(raw) if _ahead is not None else None


def _load_readers() -> None:
    """The reading modules, with the pipelines and name tables every reader builds on first
    use: built here, before readers fork, they are built once for all of them."""
    from extractors.country import load_names
    from extractors.fields.nlp import build_pipelines
    from extractors.letter import load_readers

    with _frozen_when_loaded():
        load_readers()
        build_pipelines()
        load_names()


@contextmanager
def _frozen_when_loaded() -> Iterator[None]:
    """Loading makes a million objects that live as long as the process: the collector is
    kept from scanning them while they are made, and afterwards (gc.freeze), so that neither
    this process nor a reader forked from it scans them again at every full collection,
    each scan writing to pages the reader would otherwise share with this process. (Objects
    made later are collected as usual.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def readers(count: int, ahead: AheadPlan | None = None) -> Iterator[None]:
    """`count` readers for threads reading letters side by side (`check` on many files).
    Started here, from this thread, so that they end with it; with more than one, the
    reading modules are loaded here first, so that each reader starts with them loaded,
    while a child reads the PDFs of `ahead`'s files (bot/read_ahead.py); with one, only
    what reading any mail takes (the rules read with it too, so it is loaded once for
    both processes)."""
    global _lent, _ahead
    started: list[Reader] = []
    try:
        if count > 1:
            _ahead = _read_ahead(ahead)
            _load_readers()
        else:
            import extractors.letter  # noqa: F401
        _lent = queue.SimpleQueue()
        for _ in range(count):
            started.append(Reader())
            started[-1].start()
            _lent.put(started[-1])
        yield
    finally:
        _lent = None
        for reader in started:
            reader.close()
        if _ahead is not None:
            _ahead.close()
            _ahead = None


def _read_ahead(plan: AheadPlan | None) -> ReadAhead | None:
    """The child reading `plan`'s PDFs ahead, when there is one."""
    if plan is None:
        return None
    from bot.read_ahead import ReadAhead

    return ReadAhead(plan)
