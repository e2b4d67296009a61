"""The embedded transports: a local folder as mailbox and another as outbox.

Drop `.eml` files (or a Maildir's `new/` and `cur/`) into `mail/inbox/`;
replies appear as `.eml` files in `mail/outbox/`. Settled messages move to
`mail/done/<outcome>/`, files that are not mail to `mail/not-mail/`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from pathlib import Path

from bot.transports.base import Cursor, IncomingMail

log = logging.getLogger(__name__)

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?")
_MAIL_HEADERS = ("from", "to", "subject", "message-id", "date", "received")


def looks_like_mail(raw: bytes) -> bool:
    """A mail starts with header lines and names at least a sender or a subject."""
    first = raw.lstrip(b"\r\n").split(b"\n", 1)[0]
    if not _HEADER_LINE.match(first):
        return False
    headers = BytesHeaderParser().parsebytes(raw[:65536])
    return any(headers.get(name) for name in _MAIL_HEADERS)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class LocalMailbox:
    """Mailbox protocol over a folder of .eml files (Maildir `new`/`cur` included)."""

    def __init__(self, root: Path) -> None:
        self.inbox = root / "inbox"
        self.done = root / "done"
        self.rejected = root / "not-mail"
        self.inbox.mkdir(parents=True, exist_ok=True)

    def _files(self) -> list[Path]:
        folders = [self.inbox, self.inbox / "new", self.inbox / "cur"]
        found = [p for folder in folders if folder.is_dir() for p in folder.iterdir()
                 if p.is_file() and not p.name.startswith(".")]
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))

    def fetch_new(self, cursor: Cursor) -> Iterator[IncomingMail]:
        for path in self._files():
            try:
                raw = path.read_bytes()
            except OSError as exc:
                log.warning("inbox file %s cannot be read: %s", path, exc)
                continue
            if not looks_like_mail(raw):
                self.rejected.mkdir(parents=True, exist_ok=True)
                os.replace(path, self.rejected / path.name)
                log.warning("inbox file %s is not a mail; moved to %s", path.name, self.rejected)
                continue
            digest = hashlib.sha256(raw).hexdigest()[:16]
            yield IncomingMail(key=f"local:{path.relative_to(self.inbox)}:{digest}", raw=raw)

    def wait_for_new(self, timeout: float) -> bool:
        """Watch the inbox folder (the local stand-in for IMAP IDLE): True as soon as a file
        appears that was not there when the watch began."""
        before = {p.name for p in self._files()}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            if {p.name for p in self._files()} - before:
                return True
        return False

    def append_sent(self, message_bytes: bytes, folder: str) -> None:
        """No Sent folder here: the local outbox folder is the record of what was sent."""

    def sent_contains(self, message_id: str, folder: str) -> bool:
        return False  # the local outbox writes each message once by its Message-ID anyway

    def settle(self, mail: IncomingMail, outcome: str) -> None:
        name = mail.key.split(":", 2)[1]
        source = self.inbox / name
        if not source.exists():
            return  # already moved by an earlier run
        target = self.done / outcome
        target.mkdir(parents=True, exist_ok=True)
        os.replace(source, target / Path(name).name)

    def close(self) -> None:
        pass


def _file_name(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]", "_", message_id.strip("<>")) + ".eml"


class LocalOutbox:
    """Outbox protocol writing each message once as `<message-id>.eml`."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "outbox"
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, message: EmailMessage) -> None:
        path = self.folder / _file_name(str(message["Message-ID"]))
        if path.exists():
            return  # written before a crash: sending again would double it
        _atomic_write(path, message.as_bytes())

    def close(self) -> None:
        pass
