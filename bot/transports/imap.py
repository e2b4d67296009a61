"""The secretariat's IMAP account as the bot's mailbox.

Cheap and safe by construction: a poll asks the server which messages are
not yet marked done (a server-side UID SEARCH, no bodies), downloads only
those with BODY.PEEK[] in batches, and names each one by account, folder,
UIDVALIDITY and UID. Nothing is flagged, moved or expunged until the flow
calls ``settle`` after its decision is durably stored, and an expunge only
ever names our own UID.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from bot.transports.base import Cursor, IncomingMail, MailServer, Security, TemporaryFailure

log = logging.getLogger(__name__)

T = TypeVar("T")

DONE_KEYWORD = "$GCCDone"
DEFAULT_DONE_FOLDERS: dict[str, str] = {
    "confirmed": "GCC/Confirmed",
    "corrections_requested": "GCC/Corrections",
    "needs_review": "GCC/Review",
    "not_eligible": "GCC/NotEligible",
    "ignored": "GCC/Ignored",
    "duplicate": "GCC/Duplicates",
}
CONNECTION_LOST = (OSError, IMAPClientAbortError)


class MailboxUnavailable(TemporaryFailure):
    """The IMAP server cannot be used right now; the daemon logs it and polls again later."""


class LoginFailed(MailboxUnavailable):
    """The server refused our credentials; retried only after a growing pause (no lockouts)."""


class _Backoff:
    """Remembers consecutive failures so that a daemon polling every minute does not hammer the server."""

    def __init__(self, base: float, ceiling: float = 900.0):
        self.base = base
        self.ceiling = ceiling
        self.failures = 0
        self.not_before = 0.0

    def check(self, what: str) -> None:
        wait = self.not_before - time.monotonic()
        if wait > 0:
            raise MailboxUnavailable(f"{what}: still backing off after {self.failures} failure(s), next attempt in {wait:.0f}s")

    def failed(self) -> float:
        self.failures += 1
        pause = min(self.ceiling, self.base * 2.0 ** (self.failures + 1))
        self.not_before = time.monotonic() + pause
        return pause

    def succeeded(self) -> None:
        self.failures = 0
        self.not_before = 0.0


class ImapMailbox(MailServer):
    """Mailbox over IMAP (imapclient): incremental fetch, settle by flag and MOVE, IDLE.

    ``done_folders`` maps a decision (outcome) to the folder its message is
    moved to after settling; an outcome missing from the map is only flagged.
    The flow must call ``settle`` for every message it fetched, duplicates
    included: a message left unsettled is offered again on the next poll.
    """

    def __init__(
        self,
        host: str,
        port: int,
        security: Security,
        username: str,
        password: str,
        folder: str = "INBOX",
        done_folders: dict[str, str] | None = None,
        batch_size: int = 50,
        ssl_context: ssl.SSLContext | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        super().__init__(host, port, security, username, password, ssl_context, timeout)
        self.folder = folder
        self.done_folders = dict(DEFAULT_DONE_FOLDERS if done_folders is None else done_folders)
        self.batch_size = max(1, batch_size)
        self._retries = max(1, retries)
        self._delay = backoff
        self._backoff = _Backoff(backoff)
        self._client: IMAPClient | None = None
        self._idle_client: IMAPClient | None = None
        self._validity = 0
        self._keywords = False
        self._known_folders: dict[str, str] = {}
        self._warned_no_expunge = False

    @property
    def name(self) -> str:
        """Account and folder, as they appear in keys, cursor entries and log lines."""
        return f"imap:{self.username}@{self.host}/{self.folder}"

    # -- Mailbox protocol -------------------------------------------------

    def fetch_new(self, cursor: Cursor) -> Iterator[IncomingMail]:
        """Yield every message of the folder not yet settled, oldest first.

        The cursor remembers UIDVALIDITY and the highest UID handed over; a
        message counts as handed over once the caller asks for the next one.
        When UIDVALIDITY changes, the cursor starts over (keys change with it,
        and the flow recognises decided messages by Message-ID and content).
        """
        validity, uids = self._call(lambda client: self._unsettled(client, cursor))
        for start in range(0, len(uids), self.batch_size):
            batch = uids[start : start + self.batch_size]
            bodies = self._call(lambda client: self._bodies(client, validity, batch))
            for uid in batch:
                raw = bodies.get(uid)
                if raw is None:  # expunged by someone else since the search
                    continue
                yield IncomingMail(key=f"{self.name}/{validity}/{uid}", raw=raw)
                if uid > int(cursor.get(f"{self.name}:last_uid") or 0):
                    cursor.set(f"{self.name}:last_uid", str(uid))

    def settle(self, mail: IncomingMail, outcome: str) -> None:
        """Flag the message \\Seen and done, then move it to its outcome's folder."""
        head, _, uid = mail.key.rpartition("/")
        prefix, _, validity = head.rpartition("/")
        if prefix != self.name or not (validity.isdigit() and uid.isdigit()):
            log.warning("%s: %s is not a message of this mailbox (settings changed?); left alone", self.name, mail.key)
            return
        self._call(lambda client: self._settle(client, int(validity), int(uid), outcome))

    def close(self) -> None:
        for client in (self._client, self._idle_client):
            if client is not None:
                _quietly_logout(client)
        self._client = self._idle_client = None

    # -- extras the bot uses ----------------------------------------------

    def append_sent(self, message_bytes: bytes, folder: str = "Sent") -> None:
        """Keep a copy of a sent reply in the account's Sent folder (created if missing)."""

        def append(client: IMAPClient) -> None:
            target = self._ensure_folder(client, folder)
            client.append(target, message_bytes, flags=(b"\\Seen",))

        self._call(append, idempotent=False)

    def sent_contains(self, message_id: str, folder: str = "Sent") -> bool:
        """Whether a copy of the message with this Message-ID is in the Sent folder.

        Lets the flow tell a reply that went out just before a crash from one
        that never left, before sending it again.
        """
        if not message_id.isascii():
            raise ValueError("Message-IDs are ASCII")

        def look(client: IMAPClient) -> bool:
            sent = self._ensure_folder(client, folder)
            client.select_folder(sent, readonly=True)
            try:
                return bool(client.search(["HEADER", "Message-ID", message_id]))
            finally:
                self._note_selected(client.select_folder(self.folder))

        return self._call(look)

    def wait_for_new(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds on a second connection; True when new mail arrived.

        Uses IDLE where the server offers it; elsewhere it waits and then asks
        with NOOP. Raises MailboxUnavailable when the connection fails, so the
        scheduled poll stays the safety net.
        """
        try:
            if self._idle_client is None:
                self._idle_client, _ = self._open()
            return _wait_for_exists(self._idle_client, timeout)
        except CONNECTION_LOST as exc:
            if self._idle_client is not None:
                _quietly_logout(self._idle_client)
            self._idle_client = None
            raise MailboxUnavailable(f"{self.name}: connection lost while waiting for new mail ({exc})") from exc

    # -- internals ----------------------------------------------------------

    def _unsettled(self, client: IMAPClient, cursor: Cursor) -> tuple[int, list[int]]:
        validity_key, last_key = f"{self.name}:uidvalidity", f"{self.name}:last_uid"
        stored = cursor.get(validity_key)
        if stored != str(self._validity):
            if stored is not None:
                log.warning(
                    "%s: UIDVALIDITY changed from %s to %s; starting over (decided messages are recognised by content)",
                    self.name, stored, self._validity,
                )
            cursor.set(validity_key, str(self._validity))
            cursor.set(last_key, "0")
        if self._keywords:
            uids = client.search(["UNKEYWORD", DONE_KEYWORD])
        else:  # no custom keywords here: rely on the cursor alone
            last = int(cursor.get(last_key) or 0)
            uids = [uid for uid in client.search(["UID", f"{last + 1}:*"]) if uid > last]
        return self._validity, sorted(uids)

    def _bodies(self, client: IMAPClient, validity: int, uids: list[int]) -> dict[int, bytes]:
        if self._validity != validity:
            raise MailboxUnavailable(f"{self.name}: UIDVALIDITY changed during the poll; the next poll starts over")
        answer = client.fetch(uids, ["BODY.PEEK[]"])
        return {uid: data[b"BODY[]"] for uid, data in answer.items() if b"BODY[]" in data}

    def _settle(self, client: IMAPClient, validity: int, uid: int, outcome: str) -> None:
        if validity != self._validity:
            log.warning("%s: UID %s belongs to UIDVALIDITY %s, now %s; left in place", self.name, uid, validity, self._validity)
            return
        if not client.search(["UID", str(uid)]):  # settled before, e.g. by a run that crashed after moving it
            return
        flags = [b"\\Seen", DONE_KEYWORD.encode()] if self._keywords else [b"\\Seen"]
        client.add_flags([uid], flags, silent=True)
        target = self.done_folders.get(outcome)
        if not target:
            return
        folder = self._ensure_folder(client, target)
        try:
            self._move(client, uid, folder)
        except IMAPClientAbortError:
            raise
        except IMAPClientError:
            if client.search(["UID", str(uid)]):
                raise
            log.info("%s: UID %s was settled by another worker meanwhile", self.name, uid)

    def _move(self, client: IMAPClient, uid: int, folder: str) -> None:
        """MOVE where offered; else COPY, then flag and expunge this one UID (never a plain EXPUNGE)."""
        if client.has_capability("MOVE"):
            client.move([uid], folder)
            return
        client.copy([uid], folder)
        if client.has_capability("UIDPLUS"):
            client.add_flags([uid], [b"\\Deleted"], silent=True)
            client.uid_expunge([uid])
        elif not self._warned_no_expunge:
            self._warned_no_expunge = True
            log.warning("%s: server has neither MOVE nor UIDPLUS; settled messages are copied and left flagged", self.name)

    def _ensure_folder(self, client: IMAPClient, name: str) -> str:
        """The server's name for a folder given with '/' separators, created if missing."""
        if name in self._known_folders:
            return self._known_folders[name]
        folder = _server_folder_name(client, name)
        if not client.folder_exists(folder):
            try:
                client.create_folder(folder)
                client.subscribe_folder(folder)
                log.info("%s: created folder %s", self.name, folder)
            except IMAPClientError:
                if not client.folder_exists(folder):  # not a race with another worker
                    raise
        self._known_folders[name] = folder
        return folder

    def _call(self, operation: Callable[[IMAPClient], T], idempotent: bool = True) -> T:
        """Run one operation, reconnecting once if the connection was lost under it."""
        for attempt in (1, 2):
            if self._client is None:
                self._client, selected = self._open()
                self._note_selected(selected)
            try:
                return operation(self._client)
            except CONNECTION_LOST as exc:
                _quietly_logout(self._client)
                self._client = None
                self._known_folders.clear()
                log.warning("%s: connection lost (%s)%s", self.name, exc, "; reconnecting" if attempt == 1 else "")
                if attempt == 2 or not idempotent:
                    raise MailboxUnavailable(f"{self.name}: connection lost ({exc})") from exc
            except IMAPClientError as exc:  # a NO or BAD: the server refused this command
                raise MailboxUnavailable(f"{self.name}: the server refused ({_text(exc)})") from exc
        raise AssertionError("unreachable")

    def _note_selected(self, selected: dict[bytes, object]) -> None:
        """Remember what SELECT said about the folder: its UIDVALIDITY and whether keywords stick."""
        self._validity = int(selected[b"UIDVALIDITY"])  # type: ignore[call-overload]
        permanent = selected.get(b"PERMANENTFLAGS", ())
        self._keywords = b"\\*" in permanent or DONE_KEYWORD.encode() in permanent  # type: ignore[operator]

    def _open(self) -> tuple[IMAPClient, dict[bytes, object]]:
        """Connect, log in and select the folder, with a short backoff between attempts."""
        self._backoff.check(self.name)
        delay = self._delay
        for attempt in range(1, self._retries + 1):
            client: IMAPClient | None = None
            try:
                client = IMAPClient(
                    self.host,
                    port=self.port,
                    ssl=self.security == "ssl",
                    ssl_context=self._ssl_context,
                    timeout=self._timeout,
                )
                if self.security == "starttls":
                    client.starttls(self._ssl_context)
                client.login(self.username, self._password)
                selected = client.select_folder(self.folder)
            except LoginError as exc:
                _quietly_logout(client)
                pause = self._backoff.failed()
                log.error("%s: login refused (%s); next attempt in %.0fs at the earliest", self.name, _text(exc), pause)
                raise LoginFailed(f"{self.name}: login refused ({_text(exc)})") from exc
            except (*CONNECTION_LOST, IMAPClientError) as exc:
                _quietly_logout(client)
                if attempt == self._retries:
                    pause = self._backoff.failed()
                    log.error("%s: unreachable after %d attempts (%s); next attempt in %.0fs", self.name, attempt, _text(exc), pause)
                    raise MailboxUnavailable(f"{self.name}: unreachable ({_text(exc)})") from exc
                log.warning("%s: cannot connect (%s); retry %d/%d in %.1fs", self.name, _text(exc), attempt, self._retries - 1, delay)
                time.sleep(delay)
                delay *= 2
                continue
            self._backoff.succeeded()
            return client, selected
        raise AssertionError("unreachable")


def _wait_for_exists(client: IMAPClient, timeout: float) -> bool:
    """True as soon as the server reports a new message (EXISTS) within the timeout."""
    deadline = time.monotonic() + timeout
    if not client.has_capability("IDLE"):
        time.sleep(timeout)
        return any(_is_exists(response) for response in client.noop()[1])
    client.idle()
    try:
        while (left := deadline - time.monotonic()) > 0:
            responses = client.idle_check(timeout=left)
            if any(response[0] == b"BYE" for response in responses if isinstance(response, tuple)):
                raise IMAPClientAbortError("the server said BYE")
            if any(_is_exists(response) for response in responses):
                return True
        return False
    finally:
        client.idle_done()


def _is_exists(response: object) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"


def _server_folder_name(client: IMAPClient, name: str) -> str:
    """Map 'GCC/Confirmed' onto the server's personal namespace prefix and hierarchy separator."""
    if name.upper() == "INBOX":
        return name
    prefix, separator = "", "/"
    if client.has_capability("NAMESPACE"):
        personal = client.namespace().personal
        if personal:
            prefix, separator = personal[0][0], personal[0][1] or "/"
    name = name.replace("/", separator)
    return name if name.startswith(prefix) else prefix + name


def _quietly_logout(client: IMAPClient | None) -> None:
    """Close a connection that may already be dead, without raising."""
    if client is None:
        return
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection is being discarded either way
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            pass


def _text(exc: BaseException) -> str:
    """An exception's message as readable text (imaplib hands over bytes)."""
    if exc.args and isinstance(exc.args[0], bytes):
        return exc.args[0].decode("utf-8", "replace")
    return str(exc) or type(exc).__name__
