"""How much a poll costs on a big, mostly processed mailbox (a benchmark, not a test).

Fills a private Dovecot with PROCESSED messages the bot has already settled
in place (flagged \\Seen and $GCCDone) plus NEW unseen ones, then times:

- the bot's mailbox poll (ImapMailbox.fetch_new: login, UID SEARCH, BODY.PEEK[]
  of the new messages) next to the bare minimum any client needs (imapclient:
  login, SEARCH UNSEEN, fetch the same messages); their ratio is the figure;
- the same two on an idle mailbox (nothing new);
- the whole `gcc-bot poll` command on that mailbox, once with the new
  messages to decide and once idle, for scale.

Run: .venv/bin/python benchmarks/imap_poll.py [--processed 10000] [--new 10]
Needs Dovecot (Debian package dovecot-imapd).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.transports.imap import DONE_KEYWORD, ImapMailbox  # noqa: E402
from tests.servers import DovecotServer, make_tls_files, running  # noqa: E402


def message(number: int, sender: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "gcc-secretariat@itu.int"
    mail["Subject"] = f"GCC nomination {number}"
    mail["Message-ID"] = f"<bench-{number}@{sender.split('@')[1]}>"
    mail["Date"] = "Wed, 20 Nov 2024 10:00:00 +0000"
    mail.set_content(f"Dear Secretariat,\n\nPlease find our nomination number {number}.\n" + "Regards.\n" * 40)
    return bytes(mail)


def fill(server: DovecotServer, processed: int, new: int) -> None:
    with server.client() as client:
        done = (b"\\Seen", DONE_KEYWORD.encode())
        for start in range(0, processed, 500):
            batch = [{"msg": message(n, f"registry{n}@ministry.gov.example"), "flags": done}
                     for n in range(start, min(processed, start + 500))]
            client.multiappend("INBOX", batch)
        for n in range(processed, processed + new):
            client.append("INBOX", message(n, f"office{n}@ministry{n}.gov.example"), flags=())


def bare_poll(server: DovecotServer) -> int:
    """The least any client does to get new mail: SEARCH UNSEEN and fetch what it finds."""
    with server.client() as client:
        client.select_folder("INBOX")
        uids = client.search(["UNSEEN"])
        return len(client.fetch(uids, ["BODY.PEEK[]"])) if uids else 0


class _Cursor(dict):
    def set(self, name: str, value: str) -> None:
        self[name] = value


def bot_poll(server: DovecotServer) -> int:
    """What the bot's mailbox does in a poll, from login to the last body."""
    box = ImapMailbox(server.host, server.port, "none", server.username, server.password)
    try:
        return sum(1 for _ in box.fetch_new(_Cursor()))
    finally:
        box.close()


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Median seconds over `repeat` runs, after one warm-up; and what the run returned."""
    found = run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), found


def gcc_bot_poll(server: DovecotServer, folder: Path) -> float:
    config = folder / "gcc-bot.toml"
    config.write_text(server.mailbox_settings() + f"""
[database]
url = "sqlite:///{folder / 'state.db'}"

[review]
folder = "{folder / 'review'}"

[local]
folder = "{folder / 'mail'}"
""")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from bot.cli import app; app()", "poll", "--config", str(config)],
                   cwd=folder, check=True, capture_output=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processed", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="gcc-bench-"))
    root.chmod(0o755)
    with running(DovecotServer(root, make_tls_files(root)), root) as server:
        started = time.perf_counter()
        fill(server, options.processed, options.new)
        print(f"mailbox: {options.processed} processed + {options.new} new messages in INBOX "
              f"(filled in {time.perf_counter() - started:.1f}s; Dovecot on loopback)")

        bare, bare_found = timed(lambda: bare_poll(server), options.repeat)
        bot, bot_found = timed(lambda: bot_poll(server), options.repeat)
        assert bare_found == bot_found == options.new, (bare_found, bot_found)
        print(f"bare imapclient (login, SEARCH UNSEEN, fetch {bare_found}):  median {bare * 1000:7.1f} ms")
        print(f"bot mailbox poll (login, UID SEARCH, fetch {bot_found}):    median {bot * 1000:7.1f} ms")
        print(f"ratio bot / bare: {bot / bare:.2f}")

        with server.client() as client:  # the new ones settled: nothing is left to fetch
            client.select_folder("INBOX")
            client.add_flags(client.search(["UNSEEN"]), [b"\\Seen", DONE_KEYWORD.encode()])
        idle_bare, _ = timed(lambda: bare_poll(server), options.repeat)
        idle_bot, found = timed(lambda: bot_poll(server), options.repeat)
        assert found == 0
        print(f"idle poll (nothing new): bare {idle_bare * 1000:.1f} ms, bot {idle_bot * 1000:.1f} ms, "
              f"ratio {idle_bot / idle_bare:.2f}")

        with server.client() as client:  # new mail again, for the whole command
            client.select_folder("INBOX")
            fresh = client.search(["FROM", "office"])
            client.remove_flags(fresh, [b"\\Seen", DONE_KEYWORD.encode()])
        work = root / "bot"
        work.mkdir()
        full = gcc_bot_poll(server, work)
        idle = gcc_bot_poll(server, work)
        print(f"gcc-bot poll, whole command (start-up, {options.new} mails decided and answered): {full:.1f} s; "
              f"idle: {idle:.1f} s")


if __name__ == "__main__":
    main()
