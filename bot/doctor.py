"""`gcc-bot doctor`: is this installation able to work? Each check says what is wrong.

Run before starting the service (and after changing gcc-bot.toml): settings,
the state database (connect and migrate), the mailbox (IMAP login and folder, or
the local inbox writable), SMTP (connect, STARTTLS/TLS, login, or the local
outbox writable), the review folder and Tesseract with the six language packs.
Nothing is read from or sent to anyone.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.settings import MailboxSettings, Settings, SmtpSettings

TESSERACT_LANGUAGES = ("ara", "chi_sim", "eng", "fra", "rus", "spa")
TIMEOUT = 15

Level = Literal["ok", "warning", "problem"]


@dataclass(frozen=True)
class Finding:
    check: str
    level: Level
    detail: str

    def __str__(self) -> str:
        return f"{self.level.upper():<8} {self.check}: {self.detail}"


def _writable(folder: Path) -> str | None:
    """None when `folder` exists (or can be made) and is writable, else why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{folder} cannot be created: {exc.strerror}"
    return None if os.access(folder, os.W_OK | os.X_OK) else f"{folder} is not writable"


def check_database(settings: Settings) -> Finding:
    from sqlalchemy import text

    from bot.store import open_database

    url = settings.database.url
    shown = url.split("@")[-1] if "@" in url else url  # never print a password in the URL
    try:
        engine = open_database(url).kw["bind"]
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        engine.dispose()
    except Exception as exc:
        return Finding("database", "problem", f"{shown}: {type(exc).__name__}: "
                       f"{str(exc).splitlines()[0] if str(exc) else ''}")
    return Finding("database", "ok", f"{shown}: connected, schema at revision {revision}")


@contextmanager
def _imap_folder(box: MailboxSettings) -> Iterator[tuple[Any, dict[bytes, Any]]]:
    """A logged-in client with the mailbox folder selected read-only, and what SELECT said."""
    from imapclient import IMAPClient

    context = ssl.create_default_context()
    with IMAPClient(box.host, port=box.port, ssl=box.security == "ssl", ssl_context=context,
                    timeout=TIMEOUT) as client:
        if box.security == "starttls":
            client.starttls(context)
        client.login(box.username, box.password or "")
        yield client, client.select_folder(box.folder, readonly=True)
        client.logout()


def _imap_login(box: MailboxSettings) -> str:
    with _imap_folder(box) as (_, selected):
        count = selected.get(b"EXISTS", 0)
    return f"{box.username}@{box.host}:{box.port} logged in, {box.folder} has {count} messages"


def check_mailbox(settings: Settings) -> Finding:
    if settings.mailbox is None:
        inbox = settings.local.folder / "inbox"
        why = _writable(inbox)
        return Finding("mailbox", "problem" if why else "ok", why or f"local folder {inbox}")
    box = settings.mailbox
    try:
        return Finding("mailbox", "ok", _imap_login(box))
    except Exception as exc:
        return Finding("mailbox", "problem",
                       f"{box.username}@{box.host}:{box.port}: {type(exc).__name__}: {exc}")


def _smtp_login(smtp: SmtpSettings) -> str:
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
    with client:
        client.ehlo()
        if smtp.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if smtp.username:
            client.login(smtp.username, smtp.password or "")
        client.noop()
    return f"{smtp.host}:{smtp.port} ({smtp.security}) accepted the connection" + (
        f" and the login of {smtp.username}" if smtp.username else "")


def check_smtp(settings: Settings) -> Finding:
    if settings.smtp is None:
        outbox = settings.local.folder / "outbox"
        why = _writable(outbox)
        return Finding("smtp", "problem" if why else "ok", why or f"local folder {outbox}")
    try:
        return Finding("smtp", "ok", _smtp_login(settings.smtp))
    except Exception as exc:
        return Finding("smtp", "problem", f"{settings.smtp.host}:{settings.smtp.port}: "
                       f"{type(exc).__name__}: {exc}")


def check_review(settings: Settings) -> Finding:
    why = _writable(settings.review.folder)
    return Finding("review", "problem" if why else "ok", why or str(settings.review.folder))


def check_tesseract(_settings: Settings) -> Finding:
    try:
        import tesserocr

        version = tesserocr.tesseract_version().split()[1]
        installed = set(tesserocr.get_languages()[1])
    except Exception as exc:  # no library, or built against another Tesseract
        return Finding("tesseract", "problem", f"not usable ({type(exc).__name__}): install "
                       "the Debian packages tesseract-ocr and libtesseract-dev, then rebuild "
                       "tesserocr (./dev run does both)")
    missing = [lang for lang in TESSERACT_LANGUAGES if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m.replace('_', '-')}" for m in missing)
        return Finding("tesseract", "problem", f"language packs missing: {', '.join(missing)} "
                       f"(apt-get install {packages})")
    return Finding("tesseract", "ok", f"{version}, languages {' '.join(TESSERACT_LANGUAGES)}")


def check_meeting(settings: Settings) -> Finding:
    meeting = settings.next_meeting()
    if meeting is None:
        return Finding("meeting", "warning", "no future meeting configured: confirmations "
                       "will carry no link ([meeting] or [[meetings]])")
    return Finding("meeting", "ok", f"next: {meeting.title} at {meeting.start.isoformat()}")


def check_trust(settings: Settings) -> Finding:
    """Whom digital signatures can be trusted to come from: the roots and trusted lists."""
    from extractors.signature.digital import load_trust_roots
    from extractors.signature.trusted_lists import list_files, load_trusted_lists

    security = settings.security
    if not security.trust_roots and not security.trusted_lists:
        return Finding("trust", "ok", "no trust root or trusted list: intact signatures count, "
                       "their signers are reported untrusted ([security] trust_roots, trusted_lists)")
    try:
        roots = load_trust_roots(tuple(security.trust_roots))
        listed = load_trusted_lists(tuple(security.trusted_lists))
    except (OSError, ValueError) as exc:
        return Finding("trust", "problem", str(exc))
    files = len(list_files(tuple(security.trusted_lists)))
    detail = (f"{len(roots)} root(s); {len(listed)} qualified CA(s) granted today by "
              f"{files} trusted list(s)")
    if security.trusted_lists and not listed:
        return Finding("trust", "warning", f"{detail}: the lists grant no CA service")
    return Finding("trust", "ok", detail)


LATEST = 20
"""How many of the newest messages the authentication check looks at."""


def _latest_headers_imap(box: MailboxSettings) -> list[bytes]:
    with _imap_folder(box) as (client, _):
        uids = sorted(client.search("ALL"))[-LATEST:]
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER]"]) if uids else {}
    return [data[b"BODY[HEADER]"] for _, data in sorted(fetched.items())]


def _latest_headers_local(settings: Settings) -> list[bytes]:
    inbox = settings.local.folder / "inbox"
    folders = [inbox, inbox / "new", inbox / "cur"]
    files = [p for folder in folders if folder.is_dir() for p in folder.iterdir()
             if p.is_file() and not p.name.startswith(".")]
    newest = sorted(files, key=lambda p: p.stat().st_mtime)[-LATEST:]
    return [p.read_bytes()[:65536] for p in newest]


def check_authentication(settings: Settings) -> Finding:
    """Whether our MX stamps the mail we receive: without its Authentication-Results and
    with require_authentication on, every letter would go to review."""
    from email.parser import BytesHeaderParser

    from extractors.auth_results import trusted_auth_results

    security = settings.security
    if not security.judges_authentication:
        return Finding("authentication", "warning", "[security] authserv_id is not set: "
                       "senders are not authenticated (anyone can write as a ministry)")
    try:
        latest = (_latest_headers_imap(settings.mailbox) if settings.mailbox
                  else _latest_headers_local(settings))
    except Exception as exc:
        return Finding("authentication", "warning", f"the latest messages cannot be read "
                       f"({type(exc).__name__}: {exc})")
    if not latest:
        return Finding("authentication", "warning", "no message in the mailbox yet: run doctor "
                       f"again once mail has arrived, to see whether {security.authserv_id} "
                       "stamps it")
    stamped = sum(1 for raw in latest if trusted_auth_results(
        tuple(BytesHeaderParser().parsebytes(raw).items()), security.authserv_id) is not None)
    summary = (f"{stamped} of the latest {len(latest)} messages carry Authentication-Results "
               f"from {security.authserv_id}")
    if stamped == len(latest):
        return Finding("authentication", "ok", summary)
    consequence = ("they go to review (require_authentication = true)"
                   if security.require_authentication else "their senders are not verified")
    level: Level = "problem" if stamped == 0 else "warning"
    return Finding("authentication", level,
                   f"{summary}: our MX does not stamp them, or authserv_id is wrong; "
                   f"{consequence}")


CHECKS: tuple[Callable[[Settings], Finding], ...] = (
    check_database, check_mailbox, check_smtp, check_review, check_tesseract, check_meeting,
    check_trust, check_authentication)


def diagnose(settings: Settings) -> list[Finding]:
    """Every check, in order; one failing check does not stop the others."""
    return [check(settings) for check in CHECKS]
