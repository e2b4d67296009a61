"""A private PostgreSQL server for the tests, from Debian's `postgresql` binaries.

One cluster per test session (initdb in a temporary folder, loopback on a free
port, its unix socket in that folder), one fresh database per test. As root the
server runs as an unprivileged user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, wait_for_port


def postgres_bin() -> Path | None:
    """The newest installed /usr/lib/postgresql/<version>/bin, or None."""
    found = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
               default=None)


def _server_user() -> str | None:
    """Who runs the server: ourselves, or (as root) `postgres` or else `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither user postgres nor nobody exists")


class PostgresServer:
    """initdb + pg_ctl around a temporary folder; `url(name)` for SQLAlchemy (psycopg 3)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="gcc-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = _server_user()
        self._names = itertools.count(1)
        if self.user:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, self.user)

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        command = [*(["runuser", "-u", self.user, "--"] if self.user else []), *argv]
        return subprocess.run(command, check=True, capture_output=True, text=True,
                              cwd=self.root, timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "gcc",
                  "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self.root} -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", options, "-w", "start")
        wait_for_port(self.port)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://gcc@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=gcc dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries are not installed (Debian package postgresql)")
    server = PostgresServer(bindir)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}") from exc
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return postgres_server.create_database()
