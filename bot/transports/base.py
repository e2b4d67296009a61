"""What the flow needs from a mailbox and an outbox, whatever is behind them."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal, Protocol, get_args


Security = Literal["ssl", "starttls", "none"]
"""How a connection to a mail server is protected (CONTRACT.md section 6)."""


def checked_security(security: str) -> Security:
    """The setting itself, or ValueError naming what is allowed."""
    if security not in get_args(Security):
        raise ValueError(f"security must be ssl, starttls or none, not {security!r}")
    return security  # type: ignore[return-value]


class MailServer:
    """Where a mail server is and how we log in: what the IMAP mailbox and the SMTP outbox
    share. The password is kept out of repr and logs."""

    def __init__(self, host: str, port: int, security: Security, username: str | None,
                 password: str | None, ssl_context: ssl.SSLContext | None,
                 timeout: float) -> None:
        self.host = host
        self.port = port
        self.security = checked_security(security)
        self.username = username
        self._password = password
        self._ssl_context = ssl_context
        self._timeout = timeout


@dataclass(frozen=True)
class IncomingMail:
    """Raw bytes of one message and a key that names it forever.

    The key is stable across polls and restarts: for IMAP it is built from
    account, folder, UIDVALIDITY and UID; for the local folder, the file name.
    """

    key: str
    raw: bytes


class Cursor(Protocol):
    """A small persistent memory a mailbox keeps between polls (e.g. last UID)."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class Mailbox(Protocol):
    def fetch_new(self, cursor: Cursor) -> Iterator[IncomingMail]:
        """Yield messages not yet settled, oldest first; never deletes anything."""
        ...

    def settle(self, mail: IncomingMail, outcome: str) -> None:
        """Mark a message as done after its decision is durably stored (flag, move)."""
        ...

    def wait_for_new(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for new mail (IMAP IDLE, a folder watch); True when
        some arrived, so the daemon polls at once instead of at its next tick."""
        ...

    def append_sent(self, message_bytes: bytes, folder: str) -> None:
        """Keep a copy of a sent message in the account's `folder` (its Sent folder).
        A mailbox without one keeps nothing."""
        ...

    def sent_contains(self, message_id: str, folder: str) -> bool:
        """Whether `folder` holds the message with this Message-ID: a send cut short by a
        crash may have left it there. A mailbox without a Sent folder finds nothing."""
        ...

    def close(self) -> None: ...


class TemporaryFailure(Exception):
    """Sending failed in a way worth retrying later (4xx, connection refused)."""


class PermanentFailure(Exception):
    """Sending can never succeed as is (5xx: unknown recipient, rejected)."""


class Outbox(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand one message over for delivery; raise Temporary/PermanentFailure."""
        ...

    def close(self) -> None: ...
