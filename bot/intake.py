"""Raw mail bytes -> Submission: headers, bodies, attachments, and machine-made mail.

mail-parser does the MIME work (charsets, RFC 2047/2231 names, nested
message/rfc822); this module adds what the secretariat needs on top: a
stable identity for the message, our own authentication results, and the
recognition of mail that must never be answered (RFC 3834).
"""

from __future__ import annotations

import base64
import hashlib
import re
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr

import mailparser

from extractors.auth_results import trusted_auth_results
from extractors.model import Attachment, Submission

_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help", "list-owner")
MAX_MESSAGE_ID = 998
"""RFC 5322's line limit; longer ones are cut so the identity fits the state database."""
_DAEMON = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+@]|$)", re.I)


def _decoded(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


def _message_id(raw: bytes, declared: str | None) -> str:
    """The Message-ID as sent, or a deterministic one when the sender gave none."""
    if declared and declared.strip():
        return " ".join(declared.replace("\x00", "").split())[:MAX_MESSAGE_ID]
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@gcc-bot.invalid>"


def _attachments(parsed: mailparser.MailParser) -> tuple[Attachment, ...]:
    found = []
    for item in parsed.attachments:
        payload = item.get("payload") or ""
        if item.get("binary"):
            try:
                data = base64.b64decode(payload)
            except ValueError:
                continue
        else:
            data = payload.encode("utf-8", "surrogateescape")
        content_type = (item.get("mail_content_type") or "application/octet-stream").lower()
        if content_type == "message/rfc822":
            continue  # mail-parser already lists the forwarded mail's own parts
        cid = (item.get("content-id") or "").strip().strip("<>") or None
        disposition = (item.get("content-disposition") or "").lower()
        found.append(
            Attachment(
                filename=" ".join((item.get("filename") or "").split()) or None,
                content_type=content_type,
                data=data,
                content_id=cid,
                inline=disposition.startswith("inline") or cid is not None,
            )
        )
    return tuple(found)


def automatic_reason(headers: tuple[tuple[str, str], ...], sender: str | None,
                     content_type: str, own_addresses: frozenset[str]) -> str | None:
    """Why a mail is machine-made and must get no answer (RFC 3834, loops), else None."""
    names = {name.lower(): value for name, value in headers}
    auto = names.get("auto-submitted", "no").strip().lower()
    if not auto.startswith("no"):
        return f"Auto-Submitted: {auto}"
    if names.get("precedence", "").strip().lower() in {"bulk", "list", "junk"}:
        return f"Precedence: {names['precedence'].strip()}"
    listed = [h for h in _LIST_HEADERS if h in names]
    if listed:
        return f"mailing list header {listed[0]}"
    if "x-autoreply" in names or "x-autorespond" in names:
        return "auto-responder header"
    if names.get("return-path", "x").strip() in {"<>", ""}:
        return "empty Return-Path (bounce)"
    if content_type == "multipart/report":
        return "delivery status report"
    if sender:
        if sender.lower() in own_addresses:
            return "sent by the bot's own address (loop)"
        if _DAEMON.match(sender.split("@")[0] + "@"):
            return f"sent by {sender}"
    return None


def _content_hash(text_body: str, attachments: tuple[Attachment, ...]) -> str:
    """What identifies the letter itself, so that a resent identical letter is recognised
    even in a new mail with a new cover note."""
    digest = hashlib.sha256()
    documents = sorted(hashlib.sha256(a.data).hexdigest() for a in attachments if not a.inline)
    if documents:
        digest.update("\n".join(documents).encode())
    else:
        digest.update(" ".join(text_body.split()).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def parse_mail(raw: bytes, *, authserv_id: str | None = None,
               own_addresses: frozenset[str] = frozenset()) -> Submission:
    """Read one raw message. Never raises: a mail that cannot be parsed comes back
    with `parse_error` set, so that it is kept and sent to review."""
    try:
        parsed = mailparser.parse_from_bytes(raw)
        message = parsed.message
        headers = tuple((name, _decoded(str(value))) for name, value in message.items())
    except Exception as exc:  # mail-parser surfaces many exception types on broken MIME
        return Submission(
            message_id=_message_id(raw, None), sender=None, sender_name=None, subject="",
            date=None, text_body="", html_body="", attachments=(), headers=(),
            content_hash=hashlib.sha256(raw).hexdigest(),
            parse_error=f"{type(exc).__name__}: {exc}",
        )
    names = {name.lower(): value for name, value in headers}
    sender_name, written = parseaddr(names.get("from", ""))
    if not written:
        addresses = getaddresses([names.get("sender", ""), names.get("return-path", "")])
        written = next((a for _, a in addresses if a), "")
    sender = written.strip().lower() or None
    text_body = "\n".join(parsed.text_plain)
    html_body = "\n".join(parsed.text_html)
    attachments = _attachments(parsed)
    return Submission(
        message_id=_message_id(raw, names.get("message-id")),
        sender=sender,
        sender_name=sender_name or None,
        subject=" ".join(names.get("subject", "").split()),
        date=names.get("date"),
        text_body=text_body,
        html_body=html_body,
        attachments=attachments,
        headers=headers,
        content_hash=_content_hash(text_body, attachments),
        auth=trusted_auth_results(headers, authserv_id),
        automatic=automatic_reason(headers, sender, message.get_content_type(), own_addresses),
    )
