"""No input stalls a worker: pathological headers and bodies are decided in seconds, a letter
over its time budget goes to review with the limit named (in `check` as in `poll`), and a
killed `check` leaves none of its processes behind, LibreOffice included."""

from __future__ import annotations

import base64
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import get_args

import pytest

from bot.judge import judge
from bot.intake import parse_mail
from bot.limits import over_limit
from bot.settings import LimitsSettings, Settings
from rules.base import DecisionKind
from tests.extractors.test_signature_digital import sign, signer  # noqa: F401 (a fixture)
from tests.letters import Letter, letter_mail, letter_pdf, mail
from tests.test_hostile_input import _pdf as pdf_of

ROOT = Path(__file__).resolve().parents[1]
RUN = 120_000
"""Characters in each hostile run: past 100 KB, where a quadratic pattern costs minutes."""
SECONDS = 20
"""Generous for a loaded 2-core machine: the point is to catch minutes, not to time."""


def raw_mail(subject: bytes, body: bytes, content_type: bytes = b"text/plain; charset=utf-8") -> bytes:
    return (b"From: registry@ict.go.ke\r\nTo: gcc-secretariat@itu.int\r\nSubject: " + subject
            + b"\r\nMessage-ID: <hostile-%d@ict.go.ke>\r\nMIME-Version: 1.0\r\n" % len(body)
            + b"Content-Type: " + content_type + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body + b"\r\n")


def encoded_word(text: bytes) -> bytes:
    return b"=?utf-8?b?" + base64.b64encode(text) + b"?="


HOSTILE = {
    "a 240 KB encoded-word subject of one letter": raw_mail(encoded_word(b"a" * 240_000), b"GCC"),
    "8,000 encoded words in the subject": raw_mail(
        b"\r\n ".join([b"=?utf-8?q?Nomination_GCC?="] * 8_000), b"Nomination"),
    "a 120 KB run of one letter": raw_mail(b"Nomination", b"a" * RUN),
    "a 120 KB run of one capital": raw_mail(b"GCC", b"A" * RUN),
    "a 120 KB run of one Cyrillic letter": raw_mail(b"GCC", "Ж".encode() * RUN),
    "a 120 KB run of digits": raw_mail(b"GCC", b"1" * RUN),
    "a 120 KB run of spaces before an address": raw_mail(b"GCC", b"nominate" + b" " * RUN + b"@x"),
    "a long line of address characters": raw_mail(b"GCC", b"ab.cd-" * (RUN // 6)),
    "a long line of half addresses": raw_mail(b"GCC", b"a@" * (RUN // 2)),
    "a field label with a 120 KB value": raw_mail(
        b"Nomination to the GCC", b"First name: " + b"A" * RUN + b"\r\nE-mail: " + b"a" * RUN
        + b"@ict.go.ke\r\n"),
    "quotes nested 2,000 deep": raw_mail(
        b"Re: nomination", b"\r\n".join([b"> " * 2_000 + b"First name: Amina"] * 60)),
    "HTML blockquotes nested 20,000 deep": raw_mail(
        b"Nomination", b"<blockquote>" * 20_000 + b"GCC nomination" + b"</blockquote>" * 20_000,
        b"text/html; charset=utf-8"),
    "a 120 KB sender name": (b"From: " + b"a" * RUN + b" <registry@ict.go.ke>\r\nSubject: GCC\r\n"
                             b"Message-ID: <long-from@ict.go.ke>\r\n\r\nNomination\r\n"),
}


@pytest.fixture(scope="module")
def warm() -> None:
    """Modules and models loaded once, so that each case below is timed alone."""
    judge(letter_mail(), Settings())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_pathological_mail_is_decided_in_seconds(name: str, warm: None) -> None:
    start = time.monotonic()
    judgement = judge(HOSTILE[name], Settings())  # in this process: no budget hides a stall
    assert time.monotonic() - start < SECONDS
    assert judgement.decision.kind in get_args(DecisionKind)
    assert judgement.decision.kind != "confirmed"


def soft_masked_scan(width: int = 992, height: int = 1403) -> bytes:
    """A one-page 120 dpi greyscale JPEG scan with a soft mask: a Flate stream that unpacks
    past one reading chunk and ends, as usual, with an end of line before 'endstream'."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (width, height), 235)
    ImageDraw.Draw(page).text((100, 120), "Nomination to the GCC\nFirst name: Amina", fill=20)
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=75)
    mask = zlib.compress(b"\xff" * (width * height))
    image = b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray " \
            b"/BitsPerComponent 8" % (width, height)
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 6 0 R >>",
               b"<< %s /Filter /DCTDecode /SMask 5 0 R /Length %d >>\nstream\n" % (image, len(
                   jpeg.getvalue())) + jpeg.getvalue() + b"\nendstream",
               b"<< %s /Filter /FlateDecode /Length %d >>\nstream\n" % (image, len(mask)) + mask
               + b"\nendstream",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    return pdf_of(objects)


def test_a_soft_masked_scan_is_measured_and_decided_in_seconds(warm: None) -> None:
    raw = mail(attachments=[("scan.pdf", "application/pdf", soft_masked_scan())])
    start = time.monotonic()
    assert over_limit(raw, parse_mail(raw), LimitsSettings()) is None
    judgement = judge(raw, Settings())
    assert time.monotonic() - start < SECONDS
    assert judgement.decision.kind != "confirmed"


def shadow_hidden(signed: bytes, hidden: int) -> bytes:
    """After signing, the page's resources are pointed at an object the signed revision
    carried but never referenced (the first step of a shadow attack)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Resources"]["/XObject"] = generic.DictionaryObject(
        {generic.NameObject("/Hidden"): generic.IndirectObject(hidden, 0, writer)})
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_small_signed_letter_pointed_at_a_hidden_object_is_decided_in_seconds(
        warm: None, signer) -> None:  # noqa: F811
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(letter_pdf(Letter())))
    overlay = generic.StreamObject({"/Type": generic.NameObject("/XObject"),
                                    "/Subtype": generic.NameObject("/Image"),
                                    "/Width": generic.NumberObject(1240),
                                    "/Height": generic.NumberObject(1754),
                                    "/ColorSpace": generic.NameObject("/DeviceGray"),
                                    "/BitsPerComponent": generic.NumberObject(8)},
                                   stream_data=b"\xff" * (1240 * 1754))  # a white page over it
    overlay.compress()
    hidden = writer.add_object(overlay).idnum
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = shadow_hidden(sign(buffer.getvalue(), signer), hidden)
    assert len(pdf) < 100_000
    raw = mail(attachments=[("letter.pdf", "application/pdf", pdf)])
    start = time.monotonic()
    assert over_limit(raw, parse_mail(raw), LimitsSettings()) is None
    judgement = judge(raw, Settings())
    assert time.monotonic() - start < SECONDS
    assert judgement.decision.kind in get_args(DecisionKind)  # whether it shows is sig's matter


def gcc_bot(*args: str) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import app; app()", *args]


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
            **extra}


def test_check_holds_a_letter_to_its_time_budget_and_names_the_limit(tmp_path: Path) -> None:
    import json

    path = tmp_path / "letter.eml"
    path.write_bytes(letter_mail())
    done = subprocess.run(gcc_bot("check", str(path), "--json"), capture_output=True, text=True,
                          timeout=300, cwd=tmp_path,
                          env=environment(GCC_BOT_LIMITS__LETTER_SECONDS="0.01"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["decision"] == "needs_review"
    assert any("limit letter_seconds = 0.01" in issue["message"] for issue in result["issues"])


def _descendants(pid: int) -> dict[int, str]:
    """Every living process under `pid`, with its start time (so a reused pid is not mistaken)."""
    parents: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = (int(fields[1]), fields[19])
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, started) in parents.items():
            if ppid == parent and child not in found:
                found[child] = started
                frontier.append(child)
    return found


def _alive(processes: dict[int, str]) -> list[int]:
    alive = []
    for pid, started in processes.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[19] == started and fields[0] != "Z":
            alive.append(pid)
    return alive


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("files", [1, 4], ids=["one letter", "four letters over the workers"])
def test_a_killed_check_leaves_no_process_behind(tmp_path: Path, files: int) -> None:
    slow = b"\r\n".join([b"Mr A. Bcdef"] * 60_000)  # read for a minute: alive when check is killed
    paths = []
    for n in range(files):
        paths.append(tmp_path / f"letter-{n}.eml")
        paths[-1].write_bytes(raw_mail(b"Nomination %d" % n, slow))
    check = subprocess.Popen(gcc_bot("check", *map(str, paths)), cwd=tmp_path, env=environment(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        seen: dict[int, str] = {}
        while time.monotonic() < deadline and check.poll() is None:
            seen.update(_descendants(check.pid))
            if len(seen) >= min(files, os.cpu_count() or 1):  # a reader per core at work
                break
            time.sleep(0.05)
        assert seen and check.poll() is None, "check ended before its readers could be seen"
        check.send_signal(signal.SIGKILL)
        check.wait()
        gone_by = time.monotonic() + 10
        while _alive(seen) and time.monotonic() < gone_by:
            time.sleep(0.1)
        assert _alive(seen) == []
    finally:
        if check.poll() is None:
            check.kill()
            check.wait()


def _office_programs(root: int) -> dict[int, str]:
    """LibreOffice processes under `root`, with their start times."""
    found = {}
    for pid, started in _descendants(root).items():
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip().startswith("soffice"):
                found[pid] = started
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_ends_with_the_reader_that_started_it() -> None:
    from bot.limits import ReadingFailed
    from bot.reader import Reader, Request

    raw = mail(attachments=[("letter.rtf", "application/rtf",
                             rb"{\rtf1\ansi Nomination to the GCC\par First name: Amina\par}")])
    seen: dict[int, str] = {}

    def kill_the_reader_once_libreoffice_runs() -> None:
        deadline = time.monotonic() + 120
        while not seen and time.monotonic() < deadline:
            seen.update(_office_programs(os.getpid()))
            time.sleep(0.02)
        for pid in seen:
            os.kill(int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]),
                    signal.SIGKILL)  # its parent: the reader

    watcher = threading.Thread(target=kill_the_reader_once_libreoffice_runs)
    watcher.start()
    reader = Reader()
    try:
        with pytest.raises(ReadingFailed):
            reader.read(Request(raw, parse_mail(raw), LimitsSettings(letter_seconds=150)))
    finally:
        watcher.join()
        reader.close(kill=True)
    assert seen, "LibreOffice was never seen running"
    gone_by = time.monotonic() + 10
    while _alive(seen) and time.monotonic() < gone_by:
        time.sleep(0.1)
    assert _alive(seen) == []
