"""Every message the bot sends is built here: its headers, its bodies, its templates.

Replies, meeting invitations and the digest share one header builder so that
structured fields stay structured (RFC 5322 section 3.6). The standard
library treats In-Reply-To and References as free text and, once a long
Exchange Message-ID pushes the line past 78 characters, writes them as RFC
2047 encoded-words that thread with nothing; here they are msg-id lists,
kept byte for byte and folded only between msg-ids. Addresses carry their
domain in A-label form (RFC 5890), which every server accepts; only display
names and the subject are ever encoded. A mailbox whose local part is not
ASCII can only travel as an internationalised message (RFC 6532), so such a
message is built with UTF-8 headers and needs SMTPUTF8 on the way out.
"""

from __future__ import annotations

import copy as copy_module
import datetime as dt
import email.policy
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from email.errors import HeaderParseError, InvalidHeaderDefect
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any, cast

import idna
from email_validator import EmailNotValidError, validate_email
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from extractors.model import Submission

TEMPLATES = Path(__file__).resolve().parent / "templates"
MSG_ID = re.compile(r"<[!-;=?-~]+>")
"""A msg-id as mail programs match it: printable ASCII between angle brackets."""
MAX_REFERENCES = 20
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|antw|wg|ответ|回复|回覆|答复|رد)\s*(?:\[\d+\])?\s*[:：]\s*)+",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- policy


class MessageIdsHeader:
    """In-Reply-To and References (RFC 5322 section 3.6.4): msg-ids that are never
    encoded, each kept byte for byte, with folds only in the spaces between them."""

    max_count = 1

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        ids = MSG_ID.findall(value)
        kwds["decoded"] = " ".join(ids)
        kwds["parse_tree"] = None
        if not ids:
            kwds["defects"].append(InvalidHeaderDefect(f"no msg-id in {value!r}"))

    def fold(self, *, policy: EmailPolicy) -> str:
        name = self.name  # type: ignore[attr-defined]
        limit = policy.max_line_length or sys.maxsize
        lines = [f"{name}:"]
        for msg_id in str(self).split():
            if len(lines[-1]) + 1 + len(msg_id) > limit and lines[-1] != f"{name}:":
                lines.append("")
            lines[-1] += " " + msg_id
        return policy.linesep.join(lines) + policy.linesep


def _registry() -> HeaderRegistry:
    registry = HeaderRegistry()
    header = cast(type[BaseHeader], MessageIdsHeader)  # the registry mixes BaseHeader in
    registry.map_to_type("in-reply-to", header)
    registry.map_to_type("references", header)
    return registry


POLICY = email.policy.default.clone(header_factory=_registry(), refold_source="none")
"""The policy of every outgoing message. Headers read back from stored bytes are
written out as they were built (refold_source none): a reparse never refolds them."""
UTF8_POLICY = POLICY.clone(utf8=True)
"""For a message to a mailbox whose local part is not ASCII (RFC 6532)."""


# -------------------------------------------------------------- addresses


def one_line(value: object) -> str | None:
    """The value with its whitespace squeezed; None when nothing is left."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def ascii_domain(domain: str) -> str:
    """The domain as every server accepts it: an IDN in its A-label (punycode) form."""
    if domain.isascii():
        return domain
    return idna.encode(domain.rstrip("."), uts46=True).decode("ascii")


def mailbox(address: str | None, name: str | None = None) -> Address | None:
    """The address as a header value, domain in A-label form, display name in any script;
    None when no mail server would take the address."""
    local, at, domain = (address or "").strip().rpartition("@")
    if not at or not local or not domain:
        return None
    display = one_line(name) or ""
    try:
        domain = ascii_domain(domain)
        if local.isascii():
            return Address(display, addr_spec=f"{local}@{domain}")
        # the standard library refuses a UTF-8 local part; the validator judges it (RFC 6531)
        valid = validate_email(f"{local}@{domain}", check_deliverability=False,
                               test_environment=True)
        return Address(display, username=valid.local_part, domain=domain)
    except (ValueError, HeaderParseError, idna.IDNAError, EmailNotValidError):
        return None


def needs_smtputf8(address: str) -> bool:
    """Whether the address can only travel with SMTPUTF8 (RFC 6531): a non-ASCII local part."""
    return not address.isascii()


def message_id(local: str, sender_address: str) -> str:
    """One of our msg-ids: `local` at a gcc-bot subdomain of our own (ASCII) domain."""
    domain = ascii_domain(sender_address.rsplit("@", 1)[-1]).lower()
    return f"<{local}@gcc-bot.{domain}>"


# --------------------------------------------------------------- threading


def reply_subject(subject: str) -> str:
    """'Re: ' once, whatever reply prefixes (in any language) the original carried."""
    rest = _REPLY_PREFIX.sub("", " ".join(subject.split()))
    return f"Re: {rest or 'GCC nomination'}"


def msg_ids(value: str | None) -> list[str]:
    """The msg-ids in a header value; a bare id-left@id-right (no brackets) counts as one."""
    value = (value or "").strip()
    found = MSG_ID.findall(value)
    if not found and re.fullmatch(r"[!-;=?-~]+@[!-;=?-~]+", value):
        found = [f"<{value}>"]
    return found


def references(original: Submission) -> list[str]:
    """The original's thread with the original last (RFC 5322 section 3.6.4), at most
    MAX_REFERENCES long: the thread's root and its latest messages."""
    ids = msg_ids(original.header("References")) or msg_ids(original.header("In-Reply-To"))[:1]
    own = msg_ids(original.message_id)[:1]
    ids = [i for i in dict.fromkeys(ids) if i not in own] + own
    if len(ids) > MAX_REFERENCES:
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1):]
    return ids


# ----------------------------------------------------------------- builder


def new_message(
    *,
    sender: Address,
    to: Sequence[Address],
    subject: str,
    msg_id: str,
    date: dt.datetime,
    auto_submitted: str,
    cc: Sequence[Address] = (),
    answering: Submission | None = None,
    labels: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A message with every header set and no body yet.

    `answering` makes it a reply (RFC 5322 section 3.6.4): In-Reply-To is the
    original's msg-id as sent, References the original's thread followed by
    it, and the subject says 'Re:' once. `labels` are our X-GCC-* headers.
    """
    addresses = [sender, *to, *cc]
    utf8 = any(needs_smtputf8(a.addr_spec) for a in addresses)
    message = EmailMessage(policy=UTF8_POLICY if utf8 else POLICY)
    message["From"] = sender
    message["To"] = list(to)
    if cc:
        message["Cc"] = list(cc)
    message["Subject"] = reply_subject(subject) if answering is not None else subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = msg_id
    if answering is not None:
        original = msg_ids(answering.message_id)[:1]
        if original:
            message["In-Reply-To"] = original[0]
        thread = references(answering)
        if thread:
            message["References"] = " ".join(thread)
    message["Auto-Submitted"] = auto_submitted  # RFC 3834: no auto-reply answers it
    message["X-Auto-Response-Suppress"] = "All"  # nor an Exchange out-of-office
    for name, value in (labels or {}).items():
        message[name] = value
    return message


def set_bodies(message: EmailMessage, text: str, html: str) -> None:
    """The text and its HTML rendering as alternatives, both UTF-8."""
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")


# ---------------------------------------------------------------- the wire


def wire_bytes(message: EmailMessage, *, utf8: bool, seven_bit: bool = False) -> bytes:
    """The message as SMTP DATA: CRLF lines, no Bcc, headers as built (UTF-8 only with
    SMTPUTF8); seven_bit for a server that does not offer 8BITMIME."""
    policy = POLICY.clone(linesep="\r\n", utf8=utf8, cte_type="7bit" if seven_bit else "8bit")
    copy = copy_module.copy(message)
    del copy["Bcc"]
    return copy.as_bytes(policy=policy)


def envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """The envelope sender (From) and recipients (To, Cc, Bcc) of one of our messages,
    read from the headers as built: UTF-8 mailboxes of a stored message included."""
    found: dict[str, list[str]] = {"from": [], "to": [], "cc": [], "bcc": []}
    for name, value in message.raw_items():
        if name.lower() not in found:
            continue
        if not hasattr(value, "name"):  # read back from bytes: UTF-8 kept as surrogates
            text = "".join(str(value).splitlines())
            value = POLICY.header_factory(name, text.encode("ascii", "surrogateescape")
                                          .decode("utf-8", "replace"))
        found[name.lower()].extend(a.addr_spec for a in value.addresses)
    return (found["from"] or [""])[0], found["to"] + found["cc"] + found["bcc"]


# --------------------------------------------------------------- templates


HTML = "html:"
"""Before a template's name: the same file rendered as HTML, autoescaped (letter values are
untrusted), and so is every template it extends or imports."""


class _Templates(Environment):
    """Text and HTML in one environment: the name says which (HTML + name is the HTML)."""

    def join_path(self, template: str, parent: str) -> str:
        """A template named from an HTML one is HTML too."""
        return HTML + template if parent.startswith(HTML) and not template.startswith(HTML) \
            else template


class _Files(FileSystemLoader):
    """Both renderings of a name come from one file."""

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        return super().get_source(environment, template.removeprefix(HTML))


@cache
def _environment() -> Environment:
    environment = _Templates(loader=_Files(TEMPLATES),
                             autoescape=lambda name: (name or "").startswith(HTML),
                             undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.tests["cjk"] = is_cjk
    return environment


def render_template(name: str, context: dict[str, Any], *, html: bool) -> str:
    """A template of templates/ as plain text or as HTML; `html` is known to the template."""
    return _environment().get_template(HTML + name if html else name).render(context, html=html)


def is_cjk(text: object) -> bool:
    """Chinese names are written family name first, without spaces."""
    return isinstance(text, str) and any("\u2e80" <= ch <= "\u9fff" for ch in text)
