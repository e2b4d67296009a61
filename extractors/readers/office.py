"""Legacy office letters (.doc, .odt, .rtf): LibreOffice turns them into a PDF first.

No Python library reads all three faithfully (layout, tables, the signature
picture); LibreOffice does. It runs headless, without network or macros,
with a throw-away profile in a private folder (so that two conversions never
share or corrupt one profile), and is killed with everything it started when
the time is up, or when the reader that started it ends (killed for overrunning
its budget, or with the bot). For that, the office program itself (soffice.bin)
is started, not the launcher: the launcher's child would outlive it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from extractors.model import UnreadableDocument
from extractors.readers.lifetime import die_with_parent

CONVERT_SECONDS = 90.0
"""A page of a letter converts in a second or two; a file that takes this long is hostile."""
_SUFFIX = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf"}


_RESTART = 81
"""soffice.bin's exit code after it set up a new profile: start it again (the launcher's job)."""
_STARTS = 3


def _soffice() -> str:
    """The office program beside the launcher on PATH (the launcher where there is none)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UnreadableDocument("the bot cannot read this format here (LibreOffice is not "
                                 "installed); please send a PDF")
    program = Path(os.path.realpath(found)).with_name("soffice.bin")
    return str(program) if program.is_file() else found


def office_to_pdf(kind: str, data: bytes, seconds: float = CONVERT_SECONDS) -> bytes:
    """The PDF that LibreOffice prints of a .doc, .odt or .rtf file."""
    program = _soffice()
    with tempfile.TemporaryDirectory(prefix="gcc-office-") as work:
        folder = Path(work)
        source = folder / f"letter{_SUFFIX[kind]}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck",
                   "--convert-to", "pdf", "--outdir", str(folder / "out"), str(source)]
        deadline = time.monotonic() + seconds
        for _ in range(_STARTS):
            if _convert(command, folder, deadline, seconds) != _RESTART:
                break
        result = folder / "out" / "letter.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableDocument("the file is damaged or not a document LibreOffice can open")
        return result.read_bytes()


def _convert(command: list[str], folder: Path, deadline: float, seconds: float) -> int:
    """One run of LibreOffice, its exit code; UnreadableDocument when the `seconds` allowed
    to the conversion are up at `deadline`."""
    parent = os.getpid()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True,
                               env={**os.environ, "HOME": str(folder)},
                               preexec_fn=lambda: die_with_parent(parent))
    try:
        return process.wait(timeout=max(deadline - time.monotonic(), 0.0))
    except subprocess.TimeoutExpired:
        raise UnreadableDocument(f"converting it took longer than {seconds:g} s") from None
    finally:
        _kill_group(process.pid)
        process.wait()


def _kill_group(pid: int) -> None:
    """End LibreOffice and any helper it left behind (they share its session)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
