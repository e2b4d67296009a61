"""Fixtures shared by every test package: the state database on SQLite and on PostgreSQL,
and the real mail servers (Dovecot, aiosmtpd)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.postgres import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.servers import dovecot, smtp_server, tls_files  # noqa: F401  (fixtures)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh state database for one test: a SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return str(request.getfixturevalue("postgres_url"))
