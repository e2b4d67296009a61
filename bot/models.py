"""The state database: the single source of truth (SQLAlchemy 2 ORM tables).

Changes to these tables go through an Alembic migration in bot/migrations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (JSON, Boolean, DateTime, Dialect, ForeignKey, Integer, LargeBinary,
                        UniqueConstraint)
from sqlalchemy import String as SqlString
from sqlalchemy import Text as SqlText
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class String(TypeDecorator[str]):
    """VARCHAR that stores whatever str a hostile mail brings: PostgreSQL refuses NUL
    characters, unpaired surrogates and values longer than the column, SQLite does not
    care; the same mail must be stored on both (the schema is unchanged)."""

    impl = SqlString
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        value = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
        length = getattr(self.impl_instance, "length", None)
        return value[:length] if length else value


class Text(String):
    """TEXT with the same cleaning as String."""

    impl = SqlText
    cache_ok = True


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class MessageRow(Base):
    """Every message that reached the mailbox, with its raw bytes, so nothing is lost."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    message_id: Mapped[str] = mapped_column(String(998), index=True, default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True, default="")
    """Both "" until decided: they come from the decision's parse, the mail's only one."""
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    """new -> processing -> decided | duplicate | failed."""
    worker: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    settled: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseRow(Base):
    """One decision about one message (or about a resubmission series)."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(998), index=True)
    sender: Mapped[str | None] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    party: Mapped[str | None] = mapped_column(String(200), index=True)
    """The Member State's alpha-3 code, or 'IGO:<name>' for an observer."""
    language: Mapped[str | None] = mapped_column(String(8))
    decision: Mapped[str] = mapped_column(String(32), index=True)
    issues: Mapped[list[Any]] = mapped_column(JSON, default=list)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The full `check --json` object, as decided."""
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """What the reading saw, for the person who reviews it (signature, confidence, notes)."""
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    """A crop of the signature block, as the bot judged it."""
    letter_hash: Mapped[str] = mapped_column(String(64), index=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_by: Mapped[str] = mapped_column(String(64), default="bot")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    """How many times the case was decided again (review queue, reopen)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(32))
    """A later case that settled this one (a corrected letter closes a request)."""


class NomineeRow(Base):
    """A nominee of a decided letter; `in_force` while no later letter removed them."""

    __tablename__ = "nominees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party: Mapped[str] = mapped_column(String(200), index=True)
    participant_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(200))
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(16))
    organization: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    in_force: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    removed_by: Mapped[str | None] = mapped_column(String(32))


class RosterEventRow(Base):
    """The audit trail: every change to the roster with the letter that made it."""

    __tablename__ = "roster_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))  # added | replaced | withdrawn
    email: Mapped[str | None] = mapped_column(String(320))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutgoingRow(Base):
    """The outbox: written in the decision's transaction, sent afterwards."""

    __tablename__ = "outgoing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # reply | invitation | digest
    recipients: Mapped[list[Any]] = mapped_column(JSON)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    """pending -> sending -> sent | failed (permanent)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class CursorRow(Base):
    """Small named values a transport keeps between polls (UIDVALIDITY, last UID)."""

    __tablename__ = "cursors"

    name: Mapped[str] = mapped_column(String(512), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class InvitationRow(Base):
    """Which nominee got which meeting's link, so each gets it exactly once."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("meeting_key", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_key: Mapped[str] = mapped_column(String(64), index=True)
    email: Mapped[str] = mapped_column(String(320))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
