"""The reader process: one process reads letter after letter, and is replaced, never
reused, when a letter overruns its budget, when it dies, or when it wore out."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

import bot.reader
from bot.limits import LimitExceeded, ReadingFailed
from bot.reader import Reader, Request
from bot.settings import LimitsSettings
from extractors.model import Nomination, Submission


def request(subject: str, seconds: float = 60) -> Request:
    submission = Submission(
        message_id=f"<{subject}@example.gov>", sender="registry@example.gov", sender_name=None,
        subject=subject, date=None, text_body="", html_body="", attachments=(), headers=(),
        content_hash="")
    return Request(b"", submission, LimitsSettings(letter_seconds=seconds))


def fake_reading(request: Request) -> Nomination:
    """Says which process read the letter; 'slow' never ends, 'crash' kills the reader."""
    if request.submission.subject == "slow":
        time.sleep(3600)
    if request.submission.subject == "crash":
        os._exit(3)
    return Nomination(notes=[str(os.getpid())])


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[Reader]:
    monkeypatch.setattr(bot.reader, "read_request", fake_reading)  # inherited by the fork
    reader = Reader()
    yield reader
    reader.close(kill=True)


def read_by(reader: Reader, subject: str) -> str:
    return reader.read(request(subject)).notes[0]


def test_one_reader_reads_letter_after_letter(reader: Reader) -> None:
    first = read_by(reader, "one")
    assert read_by(reader, "two") == first != str(os.getpid())


def test_a_letter_over_its_budget_kills_the_reader_and_the_next_gets_a_new_one(
        reader: Reader) -> None:
    first = read_by(reader, "one")
    with pytest.raises(LimitExceeded, match="limit letter_seconds = 0.5"):
        reader.read(request("slow", seconds=0.5))
    assert not os.path.exists(f"/proc/{first}") or _is_zombie(first)
    assert read_by(reader, "two") != first


def test_a_reader_that_dies_fails_that_letter_only(reader: Reader) -> None:
    first = read_by(reader, "one")
    with pytest.raises(ReadingFailed, match="ended with code 3"):
        reader.read(request("crash"))
    assert read_by(reader, "two") != first


def test_a_worn_out_reader_is_replaced_between_letters(reader: Reader,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.reader, "LETTERS_PER_READER", 2)
    readers = [read_by(reader, f"letter {n}") for n in range(5)]
    assert readers[0] == readers[1] != readers[2] == readers[3] != readers[4]


def _is_zombie(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
