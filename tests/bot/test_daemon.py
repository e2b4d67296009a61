"""`gcc-bot run`: answers what arrives while it runs, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.letters import letter_mail

pytestmark = pytest.mark.slow


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_daemon_answers_new_mail_within_seconds_and_stops_on_sigterm(tmp_path: Path) -> None:
    bot = Path(sys.executable).with_name("gcc-bot")
    (tmp_path / "gcc-bot.toml").write_text('[schedule]\npoll_seconds = 3600\n'
                                           '[digest]\nto = ["digest@itu.int"]\n')
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GCC_BOT_")}
    process = subprocess.Popen([str(bot), "run"], cwd=tmp_path, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        inbox = tmp_path / "mail" / "inbox"
        assert wait_for(inbox.is_dir, 60), "the daemon did not create its mailbox folder"
        (inbox / "kenya.eml").write_bytes(letter_mail())
        outbox = tmp_path / "mail" / "outbox"
        assert wait_for(lambda: any(p.read_bytes().find(b"X-GCC-Decision: confirmed") > 0
                                    for p in outbox.glob("*.eml")), 120)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "gcc-bot stopped" in output
    assert (tmp_path / "state.db").exists()
