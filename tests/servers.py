"""Real mail servers for the tests: Dovecot (IMAP) and aiosmtpd (SMTP) on loopback.

Each server runs on a free unprivileged port with its own files in a private
temporary folder, can be stopped, started and restarted mid-test, and is
killed on teardown so that no process outlives the test. Import the fixtures
with ``from tests.servers import *``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session, SMTP

__all__ = [
    "DOVECOT_BINARY",
    "DovecotServer",
    "SmtpServer",
    "TlsFiles",
    "dovecot",
    "free_port",
    "make_tls_files",
    "smtp_server",
    "tls_files",
    "wait_for_port",
]

DOVECOT_BINARY = shutil.which("dovecot") or "/usr/sbin/dovecot"
USERNAME = "secretariat@gcc.test"
PASSWORD = "s3cret-pass"


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Block until something accepts connections on the port (servers start asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s") from None
            time.sleep(0.05)


class _Server(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


_S = TypeVar("_S", bound=_Server)


@contextmanager
def running(server: _S, root: Path) -> Iterator[_S]:
    """`server` started; stopped and its folder `root` removed whatever happens, so that no
    server outlives its test (or benchmark)."""
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class TlsFiles:
    """A self-signed certificate for 127.0.0.1 / localhost and a client context trusting it."""

    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context


def make_tls_files(folder: Path) -> TlsFiles:
    """Write a fresh self-signed key and certificate valid for loopback."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    files = TlsFiles(cert=folder / "cert.pem", key=folder / "key.pem")
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    os.chmod(files.key, 0o644)  # Dovecot reads it as root, the folder keeps it private enough for tests
    return files


def _accounts() -> tuple[str, str, int, int]:
    """Dovecot's internal user, login user, mail uid and gid.

    As root, Dovecot drops privileges to the unprivileged users its Debian
    package creates (mail is stored as ``nobody``); as anybody else, every
    process simply runs as that user.
    """
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid
    mail = pwd.getpwnam("nobody")
    return "dovecot", "dovenull", mail.pw_uid, mail.pw_gid


class DovecotServer:
    """A private Dovecot IMAP server: one passwd-file account, Maildir storage."""

    def __init__(self, root: Path, tls: TlsFiles, username: str = USERNAME, password: str = PASSWORD):
        self.root = root
        self.tls = tls
        self.host = "127.0.0.1"
        self.port = free_port()
        self.ssl_port = free_port()
        self.username = username
        self.password = password
        self.imap_capability = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def config_path(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def log_path(self) -> Path:
        return self.root / "dovecot.log"

    def _write_config(self) -> None:
        internal, login, uid, gid = _accounts()
        mail = self.root / "mail"
        mail.mkdir(exist_ok=True)
        os.chown(mail, uid, gid)
        passwd = self.root / "passwd"
        passwd.write_text(f"{self.username}:{{PLAIN}}{self.password}::::::\n")
        passwd.chmod(0o644)
        capability = f"imap_capability = {self.imap_capability}\n" if self.imap_capability else ""
        self.config_path.write_text(
            f"""\
base_dir = {self.root}/run
state_dir = {self.root}/state
instance_name = gcc-test-{self.port}
log_path = {self.log_path}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.tls.cert}
ssl_key = <{self.tls.key}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {min(uid, 500)}
mail_location = maildir:{mail}/%u
mail_plugins =
stats_writer_socket_path =
mail_fsync = never
{capability}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {passwd}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        if self._process is not None:
            return
        self._write_config()
        errors = self.root / "dovecot.stderr"
        with open(errors, "wb") as stderr:
            self._process = subprocess.Popen(
                [DOVECOT_BINARY, "-F", "-c", str(self.config_path)],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            wait_for_port(self.ssl_port)
            self._wait_for_greeting()
        except TimeoutError:
            self.stop()
            log = self.log_path.read_text() if self.log_path.exists() else ""
            raise RuntimeError(f"Dovecot did not start:\n{errors.read_text()}{log[-3000:]}") from None

    def _wait_for_greeting(self, timeout: float = 10.0) -> None:
        """Block until a login process answers with the IMAP greeting (it is then fully started)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection((self.host, self.port), timeout=2) as sock:
                    if sock.recv(200).startswith(b"* OK"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"no IMAP greeting on port {self.port} after {timeout}s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (as an administrator would) and make sure no process of it is left."""
        process, self._process = self._process, None
        if process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):  # then sweep away whatever is left of the group
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=3)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
        process.wait()
        _wait_closed(self.port)

    def restart(self, imap_capability: str | None = None) -> None:
        """Stop and start again on the same ports; optionally override the advertised capabilities."""
        self.stop()
        if imap_capability is not None:
            self.imap_capability = imap_capability
        self.start()

    def client(self, login: bool = True):  # -> imapclient.IMAPClient
        """A bare imapclient connection, for setting up and inspecting the mailbox."""
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        if login:
            client.login(self.username, self.password)
        return client

    def mailbox_settings(self) -> str:
        """The [mailbox] section of gcc-bot.toml that points the bot at this server."""
        return (f'[mailbox]\nhost = "{self.host}"\nport = {self.port}\nsecurity = "none"\n'
                f'username = "{self.username}"\npassword = "{self.password}"\n')

    def deliver(self, *messages: bytes, folder: str = "INBOX") -> None:
        """Put messages into a folder as a mail server would (APPEND, no flags)."""
        with self.client() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            for message in messages:
                client.append(folder, message, flags=())


def _wait_closed(port: int, timeout: float = 10.0) -> None:
    """Block until the port stops accepting, so a restart cannot hit the old process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                pass
        except OSError:
            return
        time.sleep(0.05)


@dataclass
class _Collector:
    """aiosmtpd handler: keeps every accepted envelope and refuses what the test asks."""

    messages: list[Envelope] = field(default_factory=list)
    refuse_recipients: dict[str, str] = field(default_factory=dict)
    refuse_data: str | None = None
    interrupt: Callable[[str], str | None] | None = None
    """Called at each MAIL and DATA command before it is accepted; an answer it returns refuses it."""

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        if self.interrupt is not None and (answer := self.interrupt("MAIL")):
            return answer
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        answer = self.refuse_recipients.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refuse_data:
            return self.refuse_data
        if self.interrupt is not None and (answer := self.interrupt("DATA")):
            return answer
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real aiosmtpd server on loopback that collects what it is sent.

    ``security`` is ``none`` (plain), ``starttls`` (STARTTLS required) or
    ``ssl`` (implicit TLS); with ``username`` set, AUTH is required; with
    ``smtputf8`` set, it offers SMTPUTF8 (RFC 6531).
    """

    def __init__(self, tls: TlsFiles):
        self.tls = tls
        self.host = "127.0.0.1"
        self.port = free_port()
        self.handler = _Collector()
        self.security = "none"
        self.username: str | None = None
        self.password: str | None = None
        self.smtputf8 = False
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[Envelope]:
        return self.handler.messages

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.username
            and data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)

    def start(self) -> None:
        if self._controller is not None:
            return
        server_kwargs: dict[str, object] = {"enable_SMTPUTF8": self.smtputf8}
        controller_kwargs: dict[str, object] = {}
        if self.security == "starttls":
            server_kwargs.update(tls_context=self.tls.server_context(), require_starttls=True)
        elif self.security == "ssl":
            controller_kwargs["ssl_context"] = self.tls.server_context()
        if self.username is not None:
            server_kwargs.update(
                authenticator=self._authenticate,
                auth_required=True,
                auth_require_tls=self.security != "none",
            )
        self._controller = Controller(
            self.handler,
            hostname=self.host,
            port=self.port,
            server_hostname="localhost",
            ready_timeout=10,
            **controller_kwargs,
            **server_kwargs,
        )
        self._controller.start()

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def restart(self, security: str | None = None, username: str | None = None, password: str | None = None) -> None:
        """Stop and start again on the same port, optionally with other security or credentials."""
        self.stop()
        if security is not None:
            self.security = security
        if username is not None:
            self.username, self.password = username, password
        self.start()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def dovecot(tls_files: TlsFiles) -> Iterator[DovecotServer]:
    """A running Dovecot with an empty account; skipped where Dovecot is not installed."""
    if not Path(DOVECOT_BINARY).exists():
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd)")
    # Not pytest's tmp_path: Dovecot's unprivileged processes must reach these files.
    root = Path(tempfile.mkdtemp(prefix="gcc-dovecot-"))
    root.chmod(0o755)
    tls = TlsFiles(cert=Path(shutil.copy(tls_files.cert, root)), key=Path(shutil.copy(tls_files.key, root)))
    with running(DovecotServer(root, tls), root) as server:
        yield server


@pytest.fixture
def smtp_server(tls_files: TlsFiles) -> Iterator[SmtpServer]:
    """A running aiosmtpd server, plain and without auth unless the test restarts it otherwise."""
    server = SmtpServer(tls_files)
    try:
        server.start()
        yield server
    finally:
        server.stop()
