"""Several `gcc-bot` processes on one PostgreSQL share the work: every letter is decided
once and answered once, a worker killed mid-way loses nothing, the digest goes out once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.models import CaseRow, MessageRow, OutgoingRow
from bot.store import open_database
from tests.letters import Letter, letter_mail, person

pytestmark = pytest.mark.slow

LETTERS = 20
GCC_BOT = Path(sys.executable).with_name("gcc-bot")


def write_config(tmp_path: Path, url: str) -> Path:
    config = tmp_path / "gcc-bot.toml"
    config.write_text(f"""
[database]
url = "{url}"

[local]
folder = "{tmp_path / 'mail'}"

[review]
folder = "{tmp_path / 'review'}"

[meeting]
start = "2999-12-06T13:00:00+01:00"
end = "2999-12-06T14:30:00+01:00"
link = "https://meet.example.org/gcc-1"
""", encoding="utf-8")
    return config


def fill_inbox(tmp_path: Path, count: int = LETTERS) -> None:
    """`count` different letters from `count` different senders (no per-sender limit)."""
    inbox = tmp_path / "mail" / "inbox"
    inbox.mkdir(parents=True)
    for n in range(count):
        letter = Letter(nominees=[person(1 + n % 5, "primary")], signatory=f"Signatory {n}")
        raw = letter_mail(letter, sender=f"registry{n}@ict.go.ke",
                          message_id=f"<letter-{n}@ict.go.ke>")
        (inbox / f"{n:03}.eml").write_bytes(raw)


def start(config: Path, *command: str) -> subprocess.Popen[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.Popen([str(GCC_BOT), *command, "--config", str(config)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=config.parent)


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    return out


def decided_by(poll_output: str) -> int:
    match = re.search(r"decided (\d+)", poll_output)
    assert match, poll_output
    return int(match.group(1))


def assert_everything_answered_once(tmp_path: Path, url: str) -> None:
    sessions = open_database(url)
    with sessions() as session:
        statuses = session.execute(select(MessageRow.status, func.count())
                                   .group_by(MessageRow.status)).all()
        assert dict(statuses) == {"decided": LETTERS}
        assert session.scalar(select(func.count(CaseRow.id))) == LETTERS
        replies = session.execute(select(OutgoingRow.case_id, OutgoingRow.status)
                                  .where(OutgoingRow.kind == "reply")).all()
    sessions.kw["bind"].dispose()
    assert len(replies) == LETTERS and {s for _, s in replies} == {"sent"}
    assert len({case for case, _ in replies}) == LETTERS  # one reply per case
    assert len(list((tmp_path / "mail" / "outbox").glob("*.eml"))) == LETTERS
    assert list((tmp_path / "mail" / "inbox").glob("*.eml")) == []
    assert len(list((tmp_path / "mail" / "done").rglob("*.eml"))) == LETTERS


def test_three_workers_share_one_inbox_and_decide_every_letter_once(
        tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path, postgres_url)
    fill_inbox(tmp_path)
    open_database(postgres_url).kw["bind"].dispose()  # migrate once, as a deployment does
    workers = [start(config, "poll") for _ in range(3)]
    outputs = [finish(w) for w in workers]
    assert sum(decided_by(out) for out in outputs) == LETTERS
    assert sum(1 for out in outputs if decided_by(out) > 0) >= 2  # the work was shared
    assert_everything_answered_once(tmp_path, postgres_url)


def test_a_worker_killed_mid_way_leaves_nothing_stuck(tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path, postgres_url)
    fill_inbox(tmp_path)
    sessions = open_database(postgres_url)
    victim = start(config, "poll")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with sessions() as session:
            if session.scalar(select(func.count()).where(MessageRow.status == "decided")) >= 3:
                break
        time.sleep(0.1)
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    with sessions() as session:
        left = session.scalar(select(func.count()).where(MessageRow.status != "decided"))
    sessions.kw["bind"].dispose()
    assert left > 0, "the worker finished before it could be killed"
    finish(start(config, "poll"))
    assert_everything_answered_once(tmp_path, postgres_url)


def test_two_workers_send_the_daily_digest_once(tmp_path: Path, postgres_url: str) -> None:
    config = write_config(tmp_path, postgres_url)
    open_database(postgres_url).kw["bind"].dispose()
    outputs = [finish(w) for w in [start(config, "digest"), start(config, "digest")]]
    assert sorted(outputs) == ["digest queued and sent\n", "today's digest was already queued\n"]
    sessions = open_database(postgres_url)
    with sessions() as session:
        digests = session.scalars(select(OutgoingRow.status)
                                  .where(OutgoingRow.kind == "digest")).all()
    sessions.kw["bind"].dispose()
    assert digests == ["sent"]
    assert len(list((tmp_path / "mail" / "outbox").glob("*.eml"))) == 1


def test_letters_of_one_party_read_at_the_same_time_respect_the_delegate_limit(
        tmp_path: Path, database_url: str) -> None:
    """Two workers read two letters of Kenya at once, each seeing an empty roster; the one
    recorded second is judged again on the roster the first one left."""
    from bot.flow import PollReport, judge
    from bot.roster import roster_tree
    from bot.runtime import open_flow
    from bot.settings import DatabaseSettings, LocalSettings, ReviewSettings, Settings
    from bot.store import claim_message, transaction

    settings = Settings(local=LocalSettings(folder=tmp_path / "mail"),
                        database=DatabaseSettings(url=database_url),
                        review=ReviewSettings(folder=tmp_path / "review"))
    first = letter_mail(Letter(nominees=[person(1, "primary"), person(2, "alternate")]),
                        message_id="<first@ict.go.ke>")
    second = letter_mail(Letter(nominees=[person(3, "primary"), person(4, "alternate")]),
                         sender="minister@ict.go.ke", message_id="<second@ict.go.ke>")
    (tmp_path / "mail" / "inbox").mkdir(parents=True)
    for name, raw in (("1.eml", first), ("2.eml", second)):
        (tmp_path / "mail" / "inbox" / name).write_bytes(raw)
    with open_flow(settings) as flow:
        report = PollReport()
        flow.fetch(report)
        with flow.sessions() as session:
            rows = session.execute(select(MessageRow.id, MessageRow.key, MessageRow.raw)
                                   .order_by(MessageRow.key)).all()
        read_at_once = [judge(raw, settings, flow._in_force) for _, _, raw in rows]
        assert [j.decision.kind for j in read_at_once] == ["confirmed", "confirmed"]
        for (row_id, key, _), judgement in zip(rows, read_at_once):
            with transaction(flow.sessions) as session:
                assert claim_message(session, row_id)
            flow._record(row_id, key, judgement, report)
        assert report.decided == {"confirmed": 1, "corrections_requested": 1}
        assert len(roster_tree(flow.sessions)["member_states"]["KEN"]) == 2


def test_a_lease_is_taken_back_when_its_worker_is_gone_or_its_time_is_over() -> None:
    import datetime as dt
    import socket

    from bot.models import utcnow
    from bot.store import LEASE, WORKER, claimable

    now, old = utcnow(), utcnow() - LEASE - dt.timedelta(minutes=1)
    dead = f"{socket.gethostname()}:{2**22 + 12345}"  # above pid_max: no such process
    elsewhere = "another-host:42"
    assert claimable("new", None, None, "new")
    assert not claimable("processing", WORKER, now, "new")  # ours, in hand
    assert claimable("processing", WORKER, old, "new")  # ours, left by a failed poll
    assert claimable("processing", dead, now, "new")
    assert not claimable("processing", elsewhere, now, "new")  # trusted until the lease ends
    assert claimable("processing", elsewhere, old, "new")
