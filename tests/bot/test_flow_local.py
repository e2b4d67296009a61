"""The whole flow on the embedded defaults: a mail dropped in mail/inbox/, a reply in
mail/outbox/, the roster in state.db; once per decision, whatever happens."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from bot.flow import Flow, PollReport
from bot.judge import CheckResult
from bot.outbox import SendCounts
from bot.roster import roster_tree
from bot.runtime import open_flow
from bot.settings import DatabaseSettings, LocalSettings, MeetingSettings, ReviewSettings, Settings
from tests.letters import Letter, letter_mail, letter_pdf, mail, person

pytestmark = pytest.mark.slow

LINK = "https://meet.example.org/gcc-1"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        local=LocalSettings(folder=tmp_path / "mail"),
        database=DatabaseSettings(url=database_url),
        review=ReviewSettings(folder=tmp_path / "review"),
        meeting=MeetingSettings(title="GCC first meeting", start="2999-12-06T13:00:00+01:00",
                                end="2999-12-06T14:30:00+01:00", link=LINK),
    )


def drop(settings: Settings, name: str, raw: bytes) -> None:
    inbox = settings.local.folder / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / name).write_bytes(raw)


def poll(settings: Settings) -> PollReport:
    with open_flow(settings) as flow:
        return flow.poll()


def outbox(settings: Settings) -> list[email.message.EmailMessage]:
    folder = settings.local.folder / "outbox"
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


def roster(settings: Settings) -> dict:  # type: ignore[type-arg]
    with open_flow(settings) as flow:
        return roster_tree(flow.sessions)


def three_nominees() -> Letter:
    return Letter(nominees=[person(1, "primary"), person(2, "alternate"), person(3, "advisor")])


def test_a_signed_letter_is_confirmed_with_the_link_to_sender_and_nominees(
        settings: Settings) -> None:
    drop(settings, "kenya.eml", letter_mail(three_nominees()))
    report = poll(settings)
    assert report.decided == {"confirmed": 1} and report.sent == 1
    [reply] = outbox(settings)
    assert reply["X-GCC-Decision"] == "confirmed"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["Subject"].startswith("Re: ")
    recipients = {a.lower() for h in ("To", "Cc") for a in
                  [x.addr_spec for x in reply[h].addresses] if reply[h]} if reply["Cc"] else set()
    assert recipients == {"registry@ict.go.ke", "a.otieno@ict.go.ke", "b.kamau@ict.go.ke",
                          "c.wanjiru@ict.go.ke"}
    assert LINK in reply.as_string()
    assert [n["email"] for n in roster(settings)["member_states"]["KEN"]] == [
        "a.otieno@ict.go.ke", "b.kamau@ict.go.ke", "c.wanjiru@ict.go.ke"]
    assert not (settings.local.folder / "inbox" / "kenya.eml").exists()
    assert (settings.local.folder / "done" / "confirmed" / "kenya.eml").exists()


def test_a_second_poll_sends_nothing(settings: Settings) -> None:
    drop(settings, "kenya.eml", letter_mail())
    poll(settings)
    again = poll(settings)
    assert again.fetched == 0 and again.sent == 0
    assert len(outbox(settings)) == 1


def test_a_copy_of_the_same_message_gets_no_second_reply(settings: Settings) -> None:
    raw = letter_mail(message_id="<same@ict.go.ke>")
    drop(settings, "first.eml", raw)
    poll(settings)
    drop(settings, "copy-from-another-folder.eml", raw + b"\n")
    report = poll(settings)
    assert report.duplicates == 1 and report.sent == 0
    assert len(outbox(settings)) == 1


def test_an_identical_letter_resent_in_a_new_mail_gets_no_new_decision(
        settings: Settings) -> None:
    pdf = letter_pdf(Letter())
    attachment = [("nomination.pdf", "application/pdf", pdf)]
    drop(settings, "1.eml", mail(attachments=attachment, body="Our letter."))
    drop(settings, "2.eml", mail(attachments=attachment, body="Resending our letter."))
    report = poll(settings)
    assert report.decided == {"confirmed": 1} and report.duplicates == 1
    assert len(outbox(settings)) == 1


def test_an_unsigned_letter_gets_a_request_for_corrections_and_no_link(
        settings: Settings) -> None:
    drop(settings, "unsigned.eml", letter_mail(Letter(signed=False, placeholder=True)))
    poll(settings)
    [reply] = outbox(settings)
    assert reply["X-GCC-Decision"] == "corrections_requested"
    assert LINK not in reply.as_string()
    assert roster(settings)["member_states"] == {}


def test_an_out_of_office_reply_is_never_answered(settings: Settings) -> None:
    drop(settings, "ooo.eml", mail(subject="Automatic reply: Nomination",
                                    headers={"Auto-Submitted": "auto-replied"}))
    report = poll(settings)
    assert report.decided == {"ignored": 1}
    assert outbox(settings) == []


def test_a_file_that_is_not_a_mail_is_set_aside_and_the_poll_goes_on(
        settings: Settings) -> None:
    drop(settings, "notes.txt", b"\x89PNG\r\n\x1a\n this is not a mail")
    drop(settings, "kenya.eml", letter_mail())
    report = poll(settings)
    assert report.decided == {"confirmed": 1}
    assert (settings.local.folder / "not-mail" / "notes.txt").exists()


def test_a_reply_written_before_a_crash_is_not_written_again(settings: Settings) -> None:
    drop(settings, "kenya.eml", letter_mail())
    with open_flow(settings) as flow:
        report = PollReport()
        flow.fetch(report)
        flow.decide_pending(report)
        flow.settle()
        # the process dies after the outbox wrote the file but before the database knew
        from bot.models import OutgoingRow
        from sqlalchemy import select
        with flow.sessions() as session:
            raw = session.scalars(select(OutgoingRow.raw)).one()
        flow.outbox.send(email.message_from_bytes(raw, policy=policy.SMTP))  # type: ignore[arg-type]
    poll(settings)
    assert len(outbox(settings)) == 1


def queue_replies(flow: Flow, count: int) -> None:
    """`count` replies queued as decisions queue them, more than one batch of the outbox."""
    from email.message import EmailMessage

    from bot.outbox import enqueue
    from bot.store import transaction

    with transaction(flow.sessions) as session:
        for n in range(count):
            message = EmailMessage()
            message["From"], message["To"] = "gcc@example.org", f"registry{n}@ict.go.ke"
            message["Subject"], message["Message-ID"] = "Re: nomination", f"<reply-{n}@example.org>"
            message.set_content("Received.\n")
            enqueue(session, message, "digest", None)


def test_a_backlog_of_replies_all_leave_in_one_poll(settings: Settings) -> None:
    with open_flow(settings) as flow:
        queue_replies(flow, 230)
        assert flow.send_pending() == SendCounts(sent=230, failures=0)
    assert len(outbox(settings)) == 230


def test_a_server_that_is_down_is_not_tried_for_every_reply_of_a_backlog(
        settings: Settings) -> None:
    """The first batch fails for now: the rest waits for the next poll, not one timeout each."""
    from bot.transports.base import TemporaryFailure

    class Down:
        def send(self, message: email.message.EmailMessage) -> None:
            raise TemporaryFailure("connection refused")

        def close(self) -> None:
            pass

    with open_flow(settings) as flow:
        queue_replies(flow, 230)
        flow.outbox = Down()
        counts = flow.send_pending()
    assert counts.sent == 0 and 0 < counts.failures < 230


def test_a_second_letter_adding_names_beyond_the_limit_is_refused(settings: Settings) -> None:
    drop(settings, "1.eml", letter_mail(Letter(nominees=[person(1, "primary"),
                                                         person(2, "alternate")])))
    poll(settings)
    adding = Letter(nominees=[person(3, "advisor"), person(4, "advisor")],
                    intro="I have the honour to nominate the following additional "
                          "representatives of the Republic of Kenya, in addition to those "
                          "already nominated.")
    drop(settings, "2.eml", letter_mail(adding))
    report = poll(settings)
    assert report.decided == {"corrections_requested": 1}
    assert len(roster(settings)["member_states"]["KEN"]) == 2


def test_a_replacing_letter_replaces_the_nominees_in_force(settings: Settings) -> None:
    drop(settings, "1.eml", letter_mail(three_nominees()))
    poll(settings)
    replacing = Letter(nominees=[person(5, "primary")],
                       intro="This letter replaces and supersedes our earlier nomination. "
                             "The Government of the Republic of Kenya nominates:")
    drop(settings, "2.eml", letter_mail(replacing))
    poll(settings)
    assert [n["email"] for n in roster(settings)["member_states"]["KEN"]] == [
        "e.njeri@ict.go.ke"]


def test_check_is_offline_and_prints_every_contract_key(settings: Settings, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from bot.cli import app

    path = tmp_path / "letter.eml"
    path.write_bytes(letter_mail())
    with pytest.raises(SystemExit) as exit_info:
        app(["check", str(path), "--json"])
    assert exit_info.value.code == 0
    result = json.loads(capsys.readouterr().out)
    assert {"file", "message_id", "sender", "decision", "language", "country",
            "participant_type", "ministry", "signatory", "signature", "nominees",
            "issues"} <= set(result)
    assert result["decision"] == "confirmed" and result["country"]["code"] == "KEN"
    assert not (tmp_path / "state.db").exists()


def test_each_step_of_the_flow_does_its_own_part_and_no_more(settings: Settings) -> None:
    """fetch stores, decide records the case and its reply, settle moves the mail, send
    sends: a crash between two steps leaves the next one its whole work."""
    from sqlalchemy import func, select

    from bot.models import CaseRow, MessageRow, OutgoingRow

    drop(settings, "kenya.eml", letter_mail())
    inbox = settings.local.folder / "inbox" / "kenya.eml"
    with open_flow(settings) as flow:
        def count(model: type) -> int:
            with flow.sessions() as session:
                return session.scalar(select(func.count()).select_from(model)) or 0

        report = PollReport()
        flow.fetch(report)
        assert (report.fetched, count(MessageRow), count(CaseRow)) == (1, 1, 0)
        flow.decide_pending(report)
        assert (report.decided, count(CaseRow), count(OutgoingRow)) == ({"confirmed": 1}, 1, 1)
        assert inbox.exists() and outbox(settings) == []
        flow.settle()
        assert not inbox.exists() and outbox(settings) == []
        assert flow.send_pending() == SendCounts(sent=1, failures=0)
        assert len(outbox(settings)) == 1
        assert flow.send_pending() == SendCounts(sent=0, failures=0)


def test_the_stored_mail_is_parsed_once_for_its_decision(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch stores the bytes unread; the decision's parse is the only one, and the
    message's identity is written from it."""
    import mailparser
    from sqlalchemy import select

    from bot.models import MessageRow

    parsed: list[bytes] = []
    real = mailparser.parse_from_bytes

    def counted(raw: bytes) -> mailparser.MailParser:
        parsed.append(raw)
        return real(raw)

    monkeypatch.setattr(mailparser, "parse_from_bytes", counted)
    raw = letter_mail()
    drop(settings, "kenya.eml", raw)
    assert poll(settings).decided == {"confirmed": 1}
    assert parsed == [raw]
    with open_flow(settings) as flow, flow.sessions() as session:
        row = session.scalars(select(MessageRow)).one()
    assert row.message_id == email.message_from_bytes(raw)["Message-ID"]
    assert len(row.content_hash) == 64


def test_only_the_entry_points_depend_on_the_flow() -> None:
    """The flow tells the story; every room it uses stands without it."""
    import ast

    import bot

    root = Path(bot.__file__).parent
    importers = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                  for alias in node.names}
        if "bot.flow" in names:
            importers.add(path.relative_to(root).as_posix())
    assert "runtime.py" in importers  # the scan sees imports at all
    assert importers <= {"cli.py", "daemon.py", "runtime.py"}


def test_a_confirmed_case_decided_again_as_not_eligible_leaves_the_roster(
        settings: Settings) -> None:
    from sqlalchemy import select

    from bot.models import CaseRow
    from rules.base import Decision

    drop(settings, "kenya.eml", letter_mail())
    poll(settings)
    with open_flow(settings) as flow:
        with flow.sessions() as session:
            case = session.scalars(select(CaseRow)).one()
        flow.apply_decision(case.id, Decision("not_eligible"),
                            CheckResult.model_validate(case.result), "secretariat")
        flow.send_pending()
    assert roster(settings)["member_states"] == {}
    decisions = sorted(m["X-GCC-Decision"] for m in outbox(settings))
    assert decisions == ["confirmed", "not_eligible"]


def test_each_new_meeting_link_reaches_every_nominee_in_force_once_and_no_one_else(
        settings: Settings) -> None:
    drop(settings, "1.eml", letter_mail(Letter(nominees=[person(1, "primary"),
                                                         person(2, "alternate")])))
    poll(settings)
    assert poll(settings).sent == 0  # the confirmation already carried the first meeting

    second = MeetingSettings(title="GCC second meeting", start="2999-12-01T13:00:00+01:00",
                             end="2999-12-01T14:00:00+01:00", link="https://meet.example.org/2")
    settings.meetings = [second]  # sooner than the first: it is now the next meeting
    assert poll(settings).sent == 2
    invitations = [m for m in outbox(settings) if "meet.example.org/2" in m.as_string()]
    assert sorted(m["To"].addresses[0].addr_spec for m in invitations) == [
        "a.otieno@ict.go.ke", "b.kamau@ict.go.ke"]
    assert all(m.get_content_type() == "multipart/mixed" for m in invitations)
    assert poll(settings).sent == 0

    replacing = Letter(nominees=[person(3, "primary")],
                       intro="This letter replaces and supersedes our earlier nomination. "
                             "The Government of the Republic of Kenya nominates:")
    drop(settings, "2.eml", letter_mail(replacing))
    poll(settings)
    third = MeetingSettings(title="GCC third meeting", start="2999-11-01T13:00:00+01:00",
                            end="2999-11-01T14:00:00+01:00", link="https://meet.example.org/3")
    settings.meetings = [second, third]
    poll(settings)
    receivers = [m["To"].addresses[0].addr_spec for m in outbox(settings)
                 if "meet.example.org/3" in m.as_string()]
    assert receivers == ["c.wanjiru@ict.go.ke"]


def test_the_local_inbox_is_watched_like_imap_idle(settings: Settings) -> None:
    import threading

    from bot.transports.local import LocalMailbox

    mailbox = LocalMailbox(settings.local.folder)
    assert mailbox.wait_for_new(0.3) is False
    timer = threading.Timer(0.5, drop, (settings, "new.eml", letter_mail()))
    timer.start()
    assert mailbox.wait_for_new(10) is True
    timer.join()


def test_the_roster_command_prints_json_and_csv_per_the_contract(
        settings: Settings, tmp_path: Path) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from bot.cli import app

    drop(settings, "kenya.eml", letter_mail(Letter(nominees=[person(1, "primary"),
                                                             person(2, "alternate")])))
    poll(settings)
    config = tmp_path / "roster.toml"
    config.write_text(f'[database]\nurl = "{settings.database.url}"\n', encoding="utf-8")
    printed = CliRunner().invoke(app, ["roster", "--format", "json", "--config", str(config)])
    tree = json.loads(printed.output)
    assert set(tree) == {"member_states", "observers"} and tree["observers"] == {}
    [first, second] = tree["member_states"]["KEN"]
    assert set(first) == {"title", "first_name", "last_name", "job_title", "role",
                          "organization", "email"}
    assert (first["role"], second["role"]) == ("primary", "alternate")
    printed = CliRunner().invoke(app, ["roster", "--format", "csv", "--config", str(config)])
    rows = list(csv.DictReader(io.StringIO(printed.output)))
    assert [(r["party"], r["email"]) for r in rows] == [
        ("KEN", "a.otieno@ict.go.ke"), ("KEN", "b.kamau@ict.go.ke")]
