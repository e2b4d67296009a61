"""PDFs read ahead while `check` loads its readers: what a reader is handed is what it would
have read itself (and the mail what `check` would have parsed), a scan is left to it, and the
child that reads ahead ends the first time a reader is handed a file it has not read, leaving
nothing behind."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

import bot.read_ahead
from bot.cli import app
from bot.judge import judge, parse_submission
from bot.read_ahead import AheadPlan, ReadAhead
from bot.settings import Settings
from extractors.model import Submission
from extractors.readers.ahead import key, pages_read_ahead
from extractors.readers.pdf import read_pdf, text_layer
from tests.extractors.test_readers_inputs import arabic_pdf, scanned_pdf, text_pdf
from tests.extractors.test_readers_pdf import ARABIC_LINES
from tests.letters import Letter, letter_mail, letter_pdf, mail, person


def _mails(folder: Path) -> list[Path]:
    """Letters of one, three and five nominees (five run over a page), signed or not, an
    Arabic form, and a mail with no letter: each in a file of its own."""
    arabic = arabic_pdf(ARABIC_LINES)
    raws = [letter_mail(Letter(nominees=[person(n, "primary" if n == 1 else "alternate")
                                         for n in range(1, count + 1)], signed=signed),
                        message_id=f"<{count}-{signed}@ict.go.ke>")
            for count, signed in ((1, True), (3, False), (5, True))]
    raws.append(mail(attachments=[("nomination.pdf", "application/pdf", arabic)]))
    raws.append(mail(subject="Hello", body="Just one line.\n"))
    paths = [folder / f"{number}.eml" for number in range(len(raws))]
    for path, raw in zip(paths, raws):
        path.write_bytes(raw)
    return paths


def test_a_text_layer_is_the_pages_read_pdf_reads_and_a_scan_has_none() -> None:
    for data in (text_pdf(), letter_pdf(Letter(nominees=[person(n) for n in range(1, 6)])),
                 arabic_pdf(ARABIC_LINES)):
        assert text_layer(data) == read_pdf("letter.pdf", data).pages
    assert text_layer(scanned_pdf(Image.new("L", (1654, 2339), 255))) is None


def test_read_pdf_takes_the_pages_read_ahead_for_its_bytes_only_while_they_are_given() -> None:
    letter, other = text_pdf(), letter_pdf(Letter())
    given = text_layer(other)
    assert given is not None
    with pages_read_ahead({key(letter): given}):
        assert read_pdf("letter.pdf", letter).pages == given
        assert read_pdf("other.pdf", other).pages == given  # parsed: nothing given for it
    assert read_pdf("letter.pdf", letter).pages != given


def test_check_hands_readers_the_pages_read_ahead_and_decides_as_without_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _mails(tmp_path)
    handed: list[int] = []
    pages_for = ReadAhead.pages_for

    def after_the_child(ahead: ReadAhead, raw: bytes) -> bytes:
        process = ahead._process
        if process is not None:  # a loaded machine may slow it: it is waited for here
            process.join(120)
        found = pages_for(ahead, raw)
        handed.append(len(pickle.loads(found)) if found else 0)
        return found

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(ReadAhead, "pages_for", after_the_child)
    run = CliRunner().invoke(app, ["check", "--json", *map(str, paths)])
    assert run.exit_code == 0, run.output
    assert sorted(handed) == [0, 1, 1, 1, 1]  # every PDF, none for the mail without one
    alone = [judge(path.read_bytes(), Settings(), file=str(path)).result.as_json()
             for path in paths]
    assert run.output.splitlines() == alone
    assert json.loads(alone[0])["decision"] == "confirmed"


def test_a_file_the_child_has_not_read_when_asked_for_ends_it(tmp_path: Path) -> None:
    paths = _mails(tmp_path)[:3]
    stuck = paths[1].read_bytes()

    def parse(raw: bytes) -> Submission:
        if raw == stuck:  # a file that takes it for ever
            time.sleep(3600)
        return parse_submission(raw, Settings())

    ahead = ReadAhead(AheadPlan(paths, parse, Settings().limits))
    child = ahead._process
    assert child is not None and child.pid is not None
    pid = child.pid
    for _ in range(600):  # the first file is read: the child is on the second, for ever
        if (Path(ahead._folder.name) / bot.read_ahead._name(paths[0].read_bytes())).exists():
            break
        time.sleep(0.1)
    first = paths[0].read_bytes()
    assert ahead.parsed(first) == parse_submission(first, Settings())
    assert ahead.pages_for(first)
    assert ahead.parsed(stuck) is None  # not yet: `check` parses it itself, the child reads on
    assert child.is_alive()
    assert ahead.pages_for(stuck) == b""
    assert not Path(f"/proc/{pid}").exists()
    assert ahead.pages_for(paths[2].read_bytes()) == b""
    folder = Path(ahead._folder.name)
    ahead.close()
    assert not folder.exists()
