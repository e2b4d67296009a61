"""The review queue folder: a person decides from the folder alone, safely.

Each test builds the state in code: a SQLite database with a case that needs
review (its message built by tests.letters), the flow with its local outbox,
and the queue over a folder in tmp_path.
"""

from __future__ import annotations

import io
import os
import threading
import tomllib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from bot.flow import Flow
from bot.judge import CheckResult
from bot.models import CaseRow, MessageRow, NomineeRow, OutgoingRow
from bot.review import ReviewQueue
from bot.review.names import MAX_NAME, safe_filename
from bot.settings import DatabaseSettings, LocalSettings, ReviewSettings, Settings
from bot.store import DatabaseCursor, open_database
from bot.transports.local import LocalMailbox, LocalOutbox
from rules.base import Decision
from tests.letters import mail

CASE = "GCC-0123456789"
NASTY_NAME = "../../etc/passwd\x07\x1b[31m.pdf"


def nominee(n: int, role: str, email: str | None = None) -> dict[str, str | None]:
    return {"title": "Ms", "first_name": f"Amina{n}", "last_name": "Otieno",
            "job_title": "Director", "role": role, "organization": "Ministry of ICT",
            "email": email or f"a{n}.otieno@ict.go.ke"}


def result(*nominees: dict[str, str | None]) -> dict[str, object]:
    return {
        "file": None, "message_id": "<letter-1@ict.go.ke>", "sender": "registry@ict.go.ke",
        "decision": "needs_review", "language": "en",
        "country": {"code": "KEN", "name": "Kenya"}, "participant_type": "member_state",
        "observer": None, "ministry": "Ministry of ICT",
        "signatory": {"name": "John Kariuki", "title": "Principal Secretary"},
        "signature": {"present": False, "kind": "none", "valid": None},
        "nominees": list(nominees) or [nominee(1, "primary")], "intent": "nominate",
        "issues": [{"code": "sender_unverified", "field": None, "nominee": None,
                    "message": "DKIM failed for ict.go.ke."}],
    }


def signature_crop() -> bytes:
    """What the letter reader kept as evidence with the case: a crop of the signature."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(buffer, format="PNG")
    return buffer.getvalue()


class World:
    """The bot's state for one test: database, flow, queue."""

    def __init__(self, tmp_path: Path, database_url: str) -> None:
        self.settings = Settings(database=DatabaseSettings(url=database_url),
                                 review=ReviewSettings(folder=tmp_path / "review"),
                                 local=LocalSettings(folder=tmp_path / "mail"))
        self.folder = self.settings.review.folder
        self.sessions = open_database(self.settings.database.url)
        self.flow = Flow(self.settings, self.sessions, LocalMailbox(tmp_path / "mail"),
                         LocalOutbox(tmp_path / "mail"), DatabaseCursor(self.sessions))
        self.queue = self.worker()

    def worker(self) -> ReviewQueue:
        """Another worker: its own database connections, the same folder."""
        sessions = open_database(self.settings.database.url)
        flow = Flow(self.settings, sessions, self.flow.mailbox, self.flow.outbox,
                    DatabaseCursor(sessions))
        return ReviewQueue(self.settings, sessions, flow.apply_decision)

    def add_case(self, case_id: str = CASE, **values: object) -> None:
        raw = mail(message_id="<letter-1@ict.go.ke>", attachments=[
            (NASTY_NAME, "application/pdf", b"%PDF-1.4 letter"),
            ("annex.pdf", "application/pdf", b"%PDF-1.4 annex")])
        with self.sessions.begin() as session:
            fields = {"id": case_id, "message_id": "<letter-1@ict.go.ke>",
                      "sender": "registry@ict.go.ke", "subject": "Nomination", "party": "KEN",
                      "language": "en", "decision": "needs_review",
                      "issues": result()["issues"], "result": result(), "letter_hash": "h1",
                      "signature_png": signature_crop(),
                      "evidence": {"signature": "ink strokes above the name",
                                   "confidence": 0.9}}
            session.add(CaseRow(**{**fields, **values}))
            session.flush()
            session.add(MessageRow(key=f"local:{case_id}", message_id="<letter-1@ict.go.ke>",
                                   content_hash="c1", raw=raw, status="decided",
                                   case_id=case_id))

    def case(self, case_id: str = CASE) -> CaseRow:
        with self.sessions() as session:
            case = session.get(CaseRow, case_id)
            assert case is not None
            return case

    def replies(self) -> list[OutgoingRow]:
        with self.sessions() as session:
            return list(session.scalars(select(OutgoingRow).where(OutgoingRow.case_id == CASE)))

    def roster(self) -> list[str | None]:
        with self.sessions() as session:
            return list(session.scalars(select(NomineeRow.email).where(
                NomineeRow.in_force.is_(True)).order_by(NomineeRow.id)))

    def decide(self, text: str, case_id: str = CASE) -> Path:
        path = self.folder / case_id / "decision.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def edit_case(self, old: str, new: str) -> None:
        path = self.folder / CASE / "case.toml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> World:
    return World(tmp_path, database_url)


# ----------------------------------------------------------------- export


def test_a_case_needing_review_becomes_a_folder_with_everything_a_person_needs(world: World):
    world.add_case()
    world.queue.sync()
    folder = world.folder / CASE
    assert {p.name for p in folder.iterdir()} >= {
        "message.eml", "attachments", "case.toml", "issues.txt", "HOW-TO.txt", "signature.png"}
    assert b"letter-1@ict.go.ke" in (folder / "message.eml").read_bytes()
    names = sorted(p.name for p in (folder / "attachments").iterdir())
    assert names == ["annex.pdf", "passwd_[31m.pdf"]  # no path, no control characters
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    assert case["country"] == "KEN" and case["participant_type"] == "member_state"
    assert case["nominees"] == [nominee(1, "primary")]
    issues = (folder / "issues.txt").read_text(encoding="utf-8")
    assert "sender_unverified" in issues and "DKIM failed" in issues
    assert "ink strokes above the name" in issues
    assert [item.case_id for item in world.queue.items()] == [CASE]


def test_a_case_is_exported_once_and_decided_cases_not_at_all(world: World):
    world.add_case()
    world.add_case("GCC-CONFIRMED", decision="confirmed", message_id="<2@x>")
    assert world.queue.export_pending() == [CASE]
    assert world.queue.export_pending() == []
    assert not (world.folder / "GCC-CONFIRMED").exists()


def test_attachment_names_from_senders_are_made_safe():
    assert safe_filename("..", "application/pdf", 1) == "attachment-1.pdf"
    assert safe_filename("C:\\Users\\x\\letter.pdf", "application/pdf", 1) == "letter.pdf"
    assert safe_filename(".hidden", "text/plain", 2) == "hidden"
    assert safe_filename("a\x00b\nc.docx", "x/y", 1) == "a_b_c.docx"
    long = safe_filename("x" * 5000 + ".pdf", "application/pdf", 1)
    assert len(long) == MAX_NAME and long.endswith(".pdf")
    assert safe_filename("letter.pdf", "application/pdf", 2, ["LETTER.pdf"]) == "letter-2.pdf"


# -------------------------------------------------------------- round trip


def test_a_confirmation_written_in_the_folder_registers_the_corrected_letter(world: World):
    world.add_case()
    world.queue.sync()
    world.edit_case("a1.otieno@ict.go.ke", "amina.otieno@ict.go.ke")
    world.decide('decision = "confirm"\n')
    assert world.queue.apply_ready() == [CASE]

    case = world.case()
    assert (case.decision, case.decided_by, case.revision) == ("confirmed", "secretariat", 1)
    assert world.roster() == ["amina.otieno@ict.go.ke"]
    [reply] = world.replies()
    assert b"amina.otieno@ict.go.ke" in reply.raw
    done = world.folder / "done" / CASE
    assert not (world.folder / CASE).exists()
    assert "confirmed" in (done / "outcome.txt").read_text(encoding="utf-8")
    assert world.queue.items() == []


def test_corrections_are_requested_in_the_secretariats_own_words(world: World):
    world.add_case()
    world.queue.sync()
    world.decide('decision = "corrections"\n'
                 'message = """\nPlease have the letter signed by the Principal Secretary.\n"""\n')
    world.queue.sync()
    assert world.case().decision == "corrections_requested"
    [reply] = world.replies()
    assert b"signed by the Principal Secretary" in reply.raw.replace(b"=\n", b"")
    assert world.roster() == []


def test_ignore_sends_nothing_and_changes_nothing(world: World):
    world.add_case()
    world.queue.sync()
    world.decide('decision = "ignore"\n')
    world.queue.sync()
    assert world.case().decision == "ignored"
    assert world.replies() == [] and world.roster() == []


# ----------------------------------------------------------- broken files


@pytest.mark.parametrize(("text", "line", "words"), [
    ('decision = "confirm\n', 1, "not valid TOML"),
    ('# the secretariat\ndecision = "aprove"\n', 2, "write one of confirm"),
    ('message = "forgot the decision"\n', None, "decision is missing"),
    ('decision = "confirm"\ncountry = "XXX"\n', 2, "not an ISO 3166-1 code"),
    ('decision = "confirm"\nsignatory_name = "X"\n', 2, "unknown key"),
])
def test_a_decision_file_that_does_not_parse_is_answered_with_an_error_file(
        world: World, text: str, line: int | None, words: str):
    world.add_case()
    world.queue.sync()
    world.decide(text)
    assert world.queue.apply_ready() == []
    error = (world.folder / CASE / "error.txt").read_text(encoding="utf-8")
    assert words in error
    assert (f"decision.toml, line {line}:" if line else "decision.toml:") in error
    assert world.case().decision == "needs_review" and world.replies() == []
    assert (world.folder / CASE / "decision.toml").read_text(encoding="utf-8") == text


def test_a_confirmation_the_rules_refuse_names_the_line_and_is_applied_once_fixed(world: World):
    world.add_case()
    world.queue.sync()
    world.edit_case('email = "a1.otieno@ict.go.ke"', 'email = "a1.otieno@@ict"')
    world.decide('decision = "confirm"\n')
    world.queue.sync()
    error = (world.folder / CASE / "error.txt").read_text(encoding="utf-8")
    text = (world.folder / CASE / "case.toml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if "a1.otieno@@ict" in t)
    assert f"case.toml, line {line}: cannot confirm" in error and "not valid" in error
    assert world.case().decision == "needs_review" and world.roster() == []

    world.edit_case('"a1.otieno@@ict"', '"a1.otieno@ict.go.ke"')
    world.queue.sync()
    assert world.case().decision == "confirmed"
    assert not (world.folder / "done" / CASE / "error.txt").exists()


MORE_NOMINEES = "".join(
    f'\n[[nominees]]\ntitle = "Mr"\nfirst_name = "B{n}"\nlast_name = "K"\njob_title = "D"\n'
    f'role = "alternate"\norganization = "M"\nemail = "b{n}@ict.go.ke"\n' for n in range(3))


@pytest.mark.parametrize(("edit", "words"), [
    (('role = "primary"', 'role = "alternate"'), "primary contact"),
    (('email = "a1.otieno@ict.go.ke"', 'email = "a1.otieno@ict.go.ke"\n' + MORE_NOMINEES),
     "at most 3"),
])
def test_a_confirmation_of_a_letter_the_rules_refuse_is_not_applied(
        world: World, edit: tuple[str, str], words: str):
    world.add_case()
    world.queue.sync()
    world.edit_case(*edit)
    world.decide('decision = "confirm"\n')
    world.queue.sync()
    assert words in (world.folder / CASE / "error.txt").read_text(encoding="utf-8")
    assert world.case().decision == "needs_review"


# ----------------------------------------------------------------- racing


def test_two_workers_applying_the_same_decision_apply_it_once(world: World):
    world.add_case()
    world.queue.sync()
    world.decide('decision = "confirm"\n')
    workers = [world.worker() for _ in range(4)]
    start = threading.Barrier(len(workers))
    applied: list[list[str]] = []

    def work(queue: ReviewQueue) -> None:
        start.wait()
        applied.append(queue.apply_ready())

    threads = [threading.Thread(target=work, args=(q,)) for q in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(applied) == [[], [], [], [CASE]]
    assert world.case().revision == 1 and len(world.replies()) == 1
    assert world.roster() == ["a1.otieno@ict.go.ke"]


def test_a_decision_claimed_by_a_worker_that_died_is_applied_by_another(world: World):
    world.add_case()
    world.queue.sync()
    dead = f".applying@{os.uname().nodename}:{2**22 + 12345}"
    world.decide('decision = "confirm"\n').rename(world.folder / CASE / dead)
    world.queue.sync()
    assert world.case().decision == "confirmed"


def test_a_worker_that_died_after_applying_is_not_followed_by_a_second_application(world: World):
    world.add_case()
    world.queue.sync()
    world.flow.apply_decision(CASE, *_confirmed(world), "secretariat")  # applied, not moved
    world.decide('decision = "confirm"\n')
    world.queue.sync()
    assert world.case().revision == 1 and len(world.replies()) == 1
    assert (world.folder / "done" / CASE).is_dir()


def _confirmed(world: World) -> tuple[Decision, CheckResult]:
    return Decision("confirmed"), CheckResult.model_validate(world.case().result)


# ----------------------------------------------------------------- reopen


def test_any_decided_case_can_be_reopened_and_decided_again(world: World):
    world.add_case()
    world.queue.sync()
    world.decide('decision = "confirm"\n')
    world.queue.sync()
    world.queue.reopen(CASE)
    assert [item.case_id for item in world.queue.items()] == [CASE]
    assert "Case GCC-0123456789: confirmed" in (
        world.folder / CASE / "issues.txt").read_text(encoding="utf-8")

    world.decide('decision = "not_eligible"\nmessage = "Companies cannot nominate."\n')
    world.queue.sync()
    assert world.case().decision == "not_eligible" and world.case().revision == 2
    assert (world.folder / "done" / CASE).is_dir() and (world.folder / "done" / f"{CASE}.1").is_dir()
    assert len(world.replies()) == 2
    with world.sessions() as session:
        assert session.scalar(select(func.count(OutgoingRow.id))) == 2


# ------------------------------------------------------------ command line


def test_the_command_line_lists_shows_and_reopens_cases(world: World, tmp_path: Path):
    from typer.testing import CliRunner

    from bot.cli import app

    config = tmp_path / "gcc-bot.toml"
    config.write_text(f'[database]\nurl = "{world.settings.database.url}"\n'
                      f'[review]\nfolder = "{world.folder}"\n', encoding="utf-8")
    run = CliRunner().invoke
    assert "The review queue is empty." in run(app, ["review", "list", "--config", str(config)]).output
    world.add_case()
    world.queue.sync()
    listed = run(app, ["review", "list", "--config", str(config)]).output
    assert CASE in listed and "Kenya (KEN)" in listed and "sender_unverified" in listed

    world.decide('decision = "maybe"\n')
    world.queue.sync()
    shown = run(app, ["review", "show", CASE, "--config", str(config)])
    assert shown.exit_code == 0
    assert "## error.txt" in shown.output and "## case.toml" in shown.output
    assert "decision is 'maybe'" in shown.output

    world.decide('decision = "ignore"\n')
    world.queue.sync()
    assert "## outcome.txt" in run(app, ["review", "show", CASE, "--config", str(config)]).output
    reopened = run(app, ["review", "reopen", CASE, "--config", str(config)])
    assert reopened.exit_code == 0 and (world.folder / CASE / "case.toml").is_file()
    assert run(app, ["review", "reopen", "GCC-NONE", "--config", str(config)]).exit_code == 1
    assert run(app, ["review", "show", "GCC-NONE", "--config", str(config)]).exit_code == 1


def test_each_poll_writes_the_queue_and_applies_its_decisions(world: World):
    world.flow.review = world.queue
    world.add_case()
    world.flow.poll()
    assert (world.folder / CASE / "case.toml").is_file()
    world.decide('decision = "confirm"\n')
    report = world.flow.poll()
    assert report.sent == 1 and world.case().decision == "confirmed"
    [sent] = list((world.folder.parent / "mail" / "outbox").iterdir())
    assert sent.name.startswith(CASE) and b"X-GCC-Decision: confirmed" in sent.read_bytes()
