"""Opening the state database, migrating it, and the few queries everyone needs.

Claims (of messages and of outgoing mail) are leases: a row taken by a worker
that died (its process is gone, or the lease is old) can be taken again, so a
crash never leaves a message or a reply stuck.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Engine, create_engine, event, false, func, or_, select, text, update
from sqlalchemy.orm import Session, defer, sessionmaker

from bot.models import CursorRow, MessageRow, NomineeRow, OutgoingRow, utcnow
from extractors.model import Nominee

LEASE = dt.timedelta(minutes=15)
WORKER = f"{socket.gethostname()}:{os.getpid()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (run at every start)."""
    config = Config()
    config.set_main_option("script_location", str(files("bot") / "migrations"))
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # workers starting together wait here
            connection.execute(text("SELECT pg_advisory_xact_lock(4711)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """SQLite runs DDL outside transactions: a lock file beside the database serialises
    the first start of several processes."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_database(url: str) -> sessionmaker[Session]:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions.begin() as session:
        yield session


def _worker_alive(worker: str | None) -> bool:
    if not worker:
        return False
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: trust its lease
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claimable(status: str, worker: str | None, claimed_at: dt.datetime | None, wanted: str) -> bool:
    """A row can be taken when it waits, when the worker holding it is gone, or when the
    lease is over (also our own: a poll that failed half-way must not strand its row)."""
    if status == wanted:
        return True
    if claimed_at is not None and claimed_at.tzinfo is None:
        claimed_at = claimed_at.replace(tzinfo=dt.timezone.utc)
    stale = claimed_at is None or utcnow() - claimed_at > LEASE
    if worker == WORKER:
        return stale
    return stale or not _worker_alive(worker)


def _take(session: Session, model: type[MessageRow] | type[OutgoingRow],
          row: MessageRow | OutgoingRow, status: str) -> bool:
    """Compare-and-set: the row becomes ours only if nobody took it since we read it."""
    taken = cast(CursorResult[Any], session.execute(  # an UPDATE gives a cursor's result
        update(model)
        .where(model.id == row.id, model.status == row.status,
               or_(model.worker.is_(None), model.worker == row.worker))
        .values(status=status, worker=WORKER, claimed_at=utcnow(), attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    ))
    return taken.rowcount == 1


def store_message(session: Session, key: str, raw: bytes) -> bool:
    """Keep a message's bytes under its mailbox key; False when it is stored already (by an
    earlier poll or another worker at the same moment: one statement, no error either way)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stored = session.scalar(dialect.insert(MessageRow).values(key=key, raw=raw)
                            .on_conflict_do_nothing(index_elements=[MessageRow.key])
                            .returning(MessageRow.id))
    return stored is not None


@dataclass(frozen=True)
class ClaimedMessage:
    """A message taken for deciding, with what deciding it needs."""

    key: str
    raw: bytes


def claim_message(session: Session, row_id: int) -> ClaimedMessage | None:
    """Take a message for deciding; None when another live worker has it or it is decided.
    Its bytes are read only once it is ours, in the same transaction."""
    row = session.get(MessageRow, row_id, with_for_update={"skip_locked": True},
                      options=[defer(MessageRow.raw)])
    if row is None or row.status not in {"new", "processing"}:
        return None
    if not claimable(row.status, row.worker, row.claimed_at, "new"):
        return None
    if not _take(session, MessageRow, row, "processing"):
        return None
    raw = session.scalar(select(MessageRow.raw).where(MessageRow.id == row_id))
    return ClaimedMessage(row.key, raw or b"")


def lock_party(session: Session, party: str) -> None:
    """Serialise decisions about one party's roster across workers, until the transaction
    ends: a PostgreSQL advisory lock; on SQLite, taking the (single) write lock now."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(party))))
    else:
        session.execute(update(CursorRow).where(false()).values(value=CursorRow.value))


def in_force(session: Session, party: str) -> list[Nominee]:
    rows = session.scalars(
        select(NomineeRow).where(NomineeRow.party == party, NomineeRow.in_force.is_(True))
        .order_by(NomineeRow.id)
    )
    return [nominee_of(r) for r in rows]


def nominee_of(row: NomineeRow) -> Nominee:
    """A roster row as the rules see a nominee."""
    return Nominee(title=row.title, first_name=row.first_name, last_name=row.last_name,
                   job_title=row.job_title, role=row.role,  # type: ignore[arg-type]
                   organization=row.organization, email=row.email)


def sendable(session: Session, limit: int = 100) -> list[int]:
    """Ids of outgoing mail due now: pending, or abandoned by a dead worker."""
    now = utcnow()
    rows = session.execute(
        select(OutgoingRow.id, OutgoingRow.status, OutgoingRow.worker, OutgoingRow.claimed_at)
        .where(OutgoingRow.status.in_(("pending", "sending")), OutgoingRow.next_attempt_at <= now)
        .order_by(OutgoingRow.id).limit(limit)
    )
    return [r.id for r in rows if claimable(r.status, r.worker, r.claimed_at, "pending")]


@dataclass(frozen=True)
class Claimed:
    """An outgoing message taken for sending; `resumed` when a dead worker had it mid-send,
    so it may already have left and must be looked for before sending again."""

    raw: bytes
    message_id: str
    attempts: int
    resumed: bool


def claim_outgoing(session: Session, row_id: int) -> Claimed | None:
    row = session.get(OutgoingRow, row_id, with_for_update={"skip_locked": True})
    if row is None or row.status not in {"pending", "sending"}:
        return None
    if not claimable(row.status, row.worker, row.claimed_at, "pending"):
        return None
    claimed = Claimed(row.raw, row.message_id, row.attempts + 1, row.status == "sending")
    return claimed if _take(session, OutgoingRow, row, "sending") else None


class DatabaseCursor:
    """The Cursor protocol of bot.transports.base, kept in the cursors table."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, name: str) -> str | None:
        with self._sessions() as session:
            row = session.get(CursorRow, name)
            return row.value if row else None

    def set(self, name: str, value: str) -> None:
        with transaction(self._sessions) as session:
            session.merge(CursorRow(name=name, value=value))
