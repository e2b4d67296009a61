"""Replies leave through a real SMTP server (aiosmtplib).

The flow needs one answer from ``send``: delivered, worth retrying later
(TemporaryFailure: 4xx, connection or login trouble), or never as is
(PermanentFailure: 5xx). A message refused for some recipients but accepted
for others is delivered and must not be sent again, so it raises
RecipientsRefused, a PermanentFailure that names the refused addresses.

The message goes out exactly as bot/outgoing.py built it (aiosmtplib's own
flattening would refold our msg-id headers as free text). A mailbox with a
non-ASCII local part needs SMTPUTF8 (RFC 6531); a server that does not offer
it can never take the message, which is a permanent failure naming them.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable
from email.message import EmailMessage

import aiosmtplib

from bot.outgoing import envelope, needs_smtputf8, wire_bytes
from bot.transports.base import MailServer, PermanentFailure, Security, TemporaryFailure

log = logging.getLogger(__name__)

NO_SMTPUTF8 = "553 5.6.7 the server does not offer SMTPUTF8, which this address needs"


class RecipientsRefused(PermanentFailure):
    """Some or all recipients were refused with a permanent (5xx) answer.

    ``delivered`` says whether the server took the message for anyone else;
    ``refused`` maps each refused address to the server's answer.
    """

    def __init__(self, refused: dict[str, str], delivered: bool):
        self.refused = refused
        self.delivered = delivered
        listing = "; ".join(f"{address}: {answer}" for address, answer in refused.items())
        head = "delivered, but refused for" if delivered else "refused for every recipient:"
        super().__init__(f"{head} {listing}")


class SmtpOutbox(MailServer):
    """Outbox over SMTP: one short connection per message, so no session can go stale."""

    def __init__(
        self,
        host: str,
        port: int,
        security: Security,
        username: str | None = None,
        password: str | None = None,
        sent_copy: Callable[[bytes], None] | None = None,
        *,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = 60.0,
    ) -> None:
        super().__init__(host, port, security, username, password, ssl_context, timeout)
        self._sent_copy = sent_copy
        self._loop = asyncio.new_event_loop()

    def send(self, message: EmailMessage) -> None:
        """Deliver one message; raise TemporaryFailure or PermanentFailure when it did not go out."""
        refused, data = self._loop.run_until_complete(self._deliver(message))
        log.info("sent %s to %s via %s:%s", message.get("Message-ID"), _recipients(message), self.host, self.port)
        if self._sent_copy is not None:
            try:
                self._sent_copy(data)
            except Exception as exc:  # noqa: BLE001 - the reply went out; a missing copy must not resend it
                log.warning("sent %s but could not keep a copy: %s", message.get("Message-ID"), exc)
        if refused:
            raise RecipientsRefused(refused, delivered=True)

    def close(self) -> None:
        self._loop.close()

    async def _deliver(self, message: EmailMessage) -> tuple[dict[str, str], bytes]:
        """Send; return the recipients refused while others accepted it, and what was sent."""
        client = aiosmtplib.SMTP(
            hostname=self.host,
            port=self.port,
            use_tls=self.security == "ssl",
            start_tls=self.security == "starttls",
            tls_context=self._ssl_context,
            username=self.username,
            password=self._password,
            timeout=self._timeout,
        )
        where = f"SMTP {self.host}:{self.port}"
        sender, recipients = envelope(message)
        utf8 = any(map(needs_smtputf8, [sender, *recipients]))
        try:
            async with client:
                if client.is_ehlo_or_helo_needed:
                    await client.ehlo()
                if utf8 and not client.supports_extension("smtputf8"):
                    raise RecipientsRefused({address: NO_SMTPUTF8 for address in recipients
                                             if needs_smtputf8(address)}, delivered=False)
                eight_bit = client.supports_extension("8bitmime")
                options = ["SMTPUTF8"] * utf8 + ["BODY=8BITMIME"] * eight_bit
                data = wire_bytes(message, utf8=utf8, seven_bit=not eight_bit)
                errors, _ = await client.sendmail(sender, recipients, data, mail_options=options)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refused = {error.recipient: f"{error.code} {error.message}" for error in exc.recipients}
            if any(400 <= error.code < 500 for error in exc.recipients):
                raise TemporaryFailure(f"{where} deferred every recipient: {refused}") from exc
            raise RecipientsRefused(refused, delivered=False) from exc
        except aiosmtplib.SMTPAuthenticationError as exc:
            # A wrong or expired password is fixed by the secretariat, not by dropping the reply.
            raise TemporaryFailure(f"{where} refused our login: {exc.code} {exc.message}") from exc
        except aiosmtplib.SMTPResponseException as exc:
            failure = PermanentFailure if 500 <= exc.code < 600 else TemporaryFailure
            raise failure(f"{where} answered {exc.code} {exc.message}") from exc
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as exc:
            raise TemporaryFailure(f"{where} unavailable: {exc}") from exc
        refused = {address: f"{response.code} {response.message}" for address, response in errors.items()}
        return refused, data


def _recipients(message: EmailMessage) -> str:
    return ", ".join(str(value) for name in ("To", "Cc", "Bcc") for value in message.get_all(name, []))
