"""The SMTP outbox against a real aiosmtpd server: delivered, retry later, or never."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bot.transports.base import PermanentFailure, TemporaryFailure
from bot.transports.smtp import RecipientsRefused, SmtpOutbox
from tests.servers import SmtpServer

pytestmark = pytest.mark.slow


def reply(*to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "gcc-secretariat@itu.int"
    message["To"] = ", ".join(to)
    message["Subject"] = "Re: Nomination"
    message["Message-ID"] = "<reply-1@gcc.itu.int>"
    message["Auto-Submitted"] = "auto-replied"
    message.set_content("Your nomination is confirmed.")
    return message


def outbox(server: SmtpServer, **options: object) -> SmtpOutbox:
    options.setdefault("security", server.security)
    return SmtpOutbox(server.host, server.port, **options)  # type: ignore[arg-type]


def test_a_reply_is_delivered_to_every_recipient_and_a_copy_is_kept(smtp_server):
    copies: list[bytes] = []
    sender = outbox(smtp_server, sent_copy=copies.append)
    sender.send(reply("a.otieno@ict.go.ke", "j.kamau@ict.go.ke"))
    sender.close()

    [envelope] = smtp_server.messages
    assert envelope.mail_from == "gcc-secretariat@itu.int"
    assert envelope.rcpt_tos == ["a.otieno@ict.go.ke", "j.kamau@ict.go.ke"]
    assert b"Message-ID: <reply-1@gcc.itu.int>" in envelope.content
    assert len(copies) == 1 and b"Message-ID: <reply-1@gcc.itu.int>\r\n" in copies[0]


def test_a_server_that_is_down_is_a_temporary_failure_and_sending_works_once_it_is_up(smtp_server):
    sender = outbox(smtp_server)
    smtp_server.stop()
    with pytest.raises(TemporaryFailure, match="unavailable"):
        sender.send(reply("a.otieno@ict.go.ke"))
    smtp_server.start()
    sender.send(reply("a.otieno@ict.go.ke"))
    assert len(smtp_server.messages) == 1


def test_an_unknown_recipient_is_a_permanent_failure_that_names_it(smtp_server):
    smtp_server.handler.refuse_recipients["nobody@ict.go.ke"] = "550 5.1.1 No such user"
    copies: list[bytes] = []
    with pytest.raises(RecipientsRefused, match="nobody@ict.go.ke: 550") as refused:
        outbox(smtp_server, sent_copy=copies.append).send(reply("nobody@ict.go.ke"))
    assert isinstance(refused.value, PermanentFailure)
    assert refused.value.delivered is False
    assert smtp_server.messages == [] and copies == []


def test_a_message_refused_for_some_recipients_is_delivered_to_the_others_and_says_so(smtp_server):
    smtp_server.handler.refuse_recipients["nobody@ict.go.ke"] = "550 5.1.1 No such user"
    copies: list[bytes] = []
    with pytest.raises(RecipientsRefused) as refused:
        outbox(smtp_server, sent_copy=copies.append).send(reply("a.otieno@ict.go.ke", "nobody@ict.go.ke"))
    assert refused.value.delivered is True
    assert list(refused.value.refused) == ["nobody@ict.go.ke"]
    assert [e.rcpt_tos for e in smtp_server.messages] == [["a.otieno@ict.go.ke"]]
    assert len(copies) == 1, "what went out is kept in Sent even when some recipients were refused"


def test_recipients_deferred_with_4xx_are_a_temporary_failure(smtp_server):
    smtp_server.handler.refuse_recipients["a.otieno@ict.go.ke"] = "451 4.3.0 Try again later"
    with pytest.raises(TemporaryFailure, match="deferred"):
        outbox(smtp_server).send(reply("a.otieno@ict.go.ke"))


@pytest.mark.parametrize(
    ("answer", "failure"),
    [("554 5.7.1 Rejected as spam", PermanentFailure), ("452 4.3.1 Insufficient storage", TemporaryFailure)],
)
def test_a_refused_message_maps_5xx_to_permanent_and_4xx_to_temporary(smtp_server, answer, failure):
    smtp_server.handler.refuse_data = answer
    with pytest.raises(failure, match=answer[:3]) as raised:
        outbox(smtp_server).send(reply("a.otieno@ict.go.ke"))
    assert raised.type is failure


def test_a_failing_sent_copy_does_not_turn_a_delivered_reply_into_a_failure(smtp_server):
    def broken_copy(message: bytes) -> None:
        raise OSError("IMAP is down")

    outbox(smtp_server, sent_copy=broken_copy).send(reply("a.otieno@ict.go.ke"))
    assert len(smtp_server.messages) == 1


def test_starttls_with_login(smtp_server, tls_files):
    smtp_server.restart(security="starttls", username="bot", password="pw")
    sender = outbox(smtp_server, username="bot", password="pw", ssl_context=tls_files.client_context())
    sender.send(reply("a.otieno@ict.go.ke"))
    assert len(smtp_server.messages) == 1


def test_a_refused_login_is_temporary_so_the_reply_waits_for_a_fixed_password(smtp_server, tls_files):
    smtp_server.restart(security="starttls", username="bot", password="pw")
    sender = outbox(smtp_server, username="bot", password="wrong", ssl_context=tls_files.client_context())
    with pytest.raises(TemporaryFailure, match="login"):
        sender.send(reply("a.otieno@ict.go.ke"))
    assert smtp_server.messages == []


def test_implicit_tls_verifies_the_server_certificate(smtp_server, tls_files):
    smtp_server.restart(security="ssl")
    outbox(smtp_server, ssl_context=tls_files.client_context()).send(reply("a.otieno@ict.go.ke"))
    assert len(smtp_server.messages) == 1
    with pytest.raises(TemporaryFailure, match="CERTIFICATE_VERIFY_FAILED"):
        outbox(smtp_server).send(reply("a.otieno@ict.go.ke"))
