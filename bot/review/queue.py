"""The review queue folder: cases that need a person, and the decisions they write.

    review/<CASE-ID>/          a case waiting: message.eml, attachments/, case.toml,
                               issues.txt, signature.png (when seen), HOW-TO.txt
    review/<CASE-ID>/decision.toml   written by the secretariat; applied at the next tick
    review/<CASE-ID>/error.txt       why a decision file was not applied (nothing was)
    review/done/<CASE-ID>/     a decided case, with outcome.txt

Every step is safe with several workers: a folder appears by renaming a finished
temporary folder; a decision is claimed by renaming its file (only one rename
wins); the case's revision in the database tells a decision already applied by a
worker that died before moving the folder.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.intake import parse_mail
from bot.judge import CheckResult
from bot.models import CaseRow, MessageRow, utcnow
from bot.review.effect import confirm_effect
from bot.review.casefile import InvalidFile, Problem, render_case
from bot.review.decision import CASE_FILE, DECISION_FILE, Verdict, read_verdict
from bot.review.names import safe_filename
from bot.settings import Settings
from bot.store import WORKER, claimable, in_force
from extractors.model import Submission
from rules.base import Decision

log = logging.getLogger(__name__)

DONE = "done"
STATE_FILE = ".state.json"
ERROR_FILE = "error.txt"
OUTCOME_FILE = "outcome.txt"
CLAIM_PREFIX = ".applying@"
HOW_TO = Path(__file__).with_name("HOW-TO.txt")

ApplyDecision = Callable[[str, Decision, CheckResult, str], None]
"""Flow.apply_decision: (case_id, decision, result, decided_by)."""


@dataclass(frozen=True)
class QueueItem:
    case_id: str
    folder: Path
    queued_at: dt.datetime
    party: str | None
    sender: str | None
    issues: tuple[str, ...]
    state: str
    """waiting | decision (a decision file waits for the next tick) | error."""


class ReviewQueue:
    """Writes cases needing a person into the folder, and applies their decisions."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session],
                 apply: ApplyDecision | None = None) -> None:
        """`apply` is None for a queue that only lists, shows and reopens (the CLI)."""
        self.root = settings.review.folder
        self.settings = settings
        self.sessions = sessions
        self.apply = apply

    # ------------------------------------------------------------ one tick

    def sync(self) -> None:
        """Export new cases that need review, then apply every ready decision file."""
        self.export_pending()
        self.apply_ready()

    def export_pending(self) -> list[str]:
        """Every needs_review case gets its folder once (unless already decided there)."""
        with self.sessions() as session:
            ids = list(session.scalars(select(CaseRow.id).where(
                CaseRow.decision == "needs_review").order_by(CaseRow.created_at)))
        done = self.root / DONE
        exported = []
        for case_id in ids:
            if (self.root / case_id).exists() or (done / case_id).exists():
                continue
            try:
                if self.export(case_id):
                    exported.append(case_id)
            except OSError:  # the folder is unwritable: the poll goes on, the next one retries
                log.exception("case %s could not be written to the review queue", case_id)
        return exported

    def apply_ready(self) -> list[str]:
        """Apply each folder's decision file; the ids of the cases decided."""
        applied = []
        for folder in self._folders():
            try:
                self._recover_claims(folder)
                if (folder / DECISION_FILE).is_file() and self._apply_folder(folder):
                    applied.append(folder.name)
            except Exception:  # one bad folder must not stop the others, nor the poll
                log.exception("case %s: applying the decision failed; retried next tick",
                              folder.name)
        return applied

    # -------------------------------------------------------------- export

    def export_read(self, case_id: str, submission: Submission) -> None:
        """Write the folder of a case just decided, from the mail as it was parsed for it;
        an unwritable folder is retried by the next export_pending."""
        try:
            self.export(case_id, submission)
        except OSError:
            log.exception("case %s could not be written to the review queue", case_id)

    def export(self, case_id: str, submission: Submission | None = None) -> bool:
        """Write the case's folder; False when another worker wrote it first. `submission`
        is the case's mail already parsed, if at hand."""
        with self.sessions() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise KeyError(case_id)
            raw = session.scalar(select(MessageRow.raw).where(MessageRow.case_id == case_id)
                                 .order_by(MessageRow.id)) or b""
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f".new-{case_id}-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir()
        self._write_folder(temporary, case, raw, submission or parse_mail(raw))
        try:
            temporary.rename(self.root / case_id)
        except OSError:  # the folder exists: another worker (or reopen) was first
            shutil.rmtree(temporary, ignore_errors=True)
            return False
        log.info("case %s written to the review queue", case_id)
        return True

    def _write_folder(self, folder: Path, case: CaseRow, raw: bytes,
                      submission: Submission) -> None:
        (folder / "message.eml").write_bytes(raw)
        taken: list[str] = []
        if submission.attachments:
            (folder / "attachments").mkdir()
        for number, attachment in enumerate(submission.attachments, start=1):
            name = safe_filename(attachment.filename, attachment.content_type, number, taken)
            taken.append(name)
            (folder / "attachments" / name).write_bytes(attachment.data)
        if case.signature_png:
            (folder / "signature.png").write_bytes(case.signature_png)
        result = CheckResult.model_validate(case.result)
        (folder / CASE_FILE).write_text(render_case(case.id, result), encoding="utf-8")
        (folder / "issues.txt").write_text(issues_text(case), encoding="utf-8")
        how_to = HOW_TO.read_text(encoding="utf-8")
        if case.party:
            how_to += confirm_effect(result, self._in_force(case.party))
        (folder / "HOW-TO.txt").write_text(how_to, encoding="utf-8")
        state = {"case": case.id, "revision": case.revision, "queued_at": utcnow().isoformat(),
                 "decision_before": case.decision}
        (folder / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")

    # --------------------------------------------------------------- apply

    def _apply_folder(self, folder: Path) -> bool:
        state = _state(folder)
        try:
            verdict = self._verdict(folder, folder / DECISION_FILE)
        except InvalidFile as exc:
            _write_error(folder, exc)
            return False
        claim = folder / f"{CLAIM_PREFIX}{WORKER}"
        try:
            (folder / DECISION_FILE).rename(claim)  # only one worker's rename succeeds
        except FileNotFoundError:
            return False
        try:
            verdict = self._verdict(folder, claim)  # the file may have changed meanwhile
            with self.sessions() as session:
                revision = session.scalar(select(CaseRow.revision).where(
                    CaseRow.id == folder.name))
            if revision == state["revision"]:
                assert self.apply is not None, "a read-only queue cannot apply decisions"
                self.apply(folder.name, verdict.decision, verdict.result, "secretariat")
            else:
                log.info("case %s: decision already applied (revision %s)", folder.name, revision)
        except InvalidFile as exc:
            _release(claim, folder)
            _write_error(folder, exc)
            return False
        except Exception:
            _release(claim, folder)
            raise
        claim.rename(folder / DECISION_FILE)
        (folder / ERROR_FILE).unlink(missing_ok=True)
        (folder / OUTCOME_FILE).write_text(outcome_text(folder.name, verdict), encoding="utf-8")
        self._retire(folder)
        log.info("case %s decided by the secretariat: %s", folder.name, verdict.decision.kind)
        return True

    def _verdict(self, folder: Path, decision_file: Path) -> Verdict:
        with self.sessions() as session:
            case = session.get(CaseRow, folder.name)
            result = CheckResult.model_validate(case.result) if case else None
        if result is None:
            raise InvalidFile([Problem(folder.name, None, "no such case in the database")])
        case_file = folder / CASE_FILE
        return read_verdict(
            case_file.read_text(encoding="utf-8") if case_file.is_file() else "",
            decision_file.read_text(encoding="utf-8", errors="replace"), result,
            max_nominees=self.settings.rules.max_nominees, in_force_for=self._in_force)

    def _in_force(self, party: str) -> list[Any]:
        with self.sessions() as session:
            return in_force(session, party)

    def _retire(self, folder: Path) -> None:
        """Move a decided folder to done/, keeping an earlier decision of the same case aside."""
        done = self.root / DONE
        done.mkdir(exist_ok=True)
        target = done / folder.name
        if target.exists():
            number = 1
            while (done / f"{folder.name}.{number}").exists():
                number += 1
            target.rename(done / f"{folder.name}.{number}")
        folder.rename(target)

    def _recover_claims(self, folder: Path) -> None:
        """A decision claimed by a worker that died goes back, to be applied again."""
        for claim in folder.glob(f"{CLAIM_PREFIX}*"):
            worker = claim.name[len(CLAIM_PREFIX):]
            claimed_at = dt.datetime.fromtimestamp(claim.stat().st_mtime, dt.timezone.utc)
            if worker != WORKER and claimable("claimed", worker, claimed_at, "free"):
                _release(claim, folder)

    # -------------------------------------------------------- the commands

    def reopen(self, case_id: str) -> Path:
        """Put any decided case back in the queue, with its current state."""
        folder = self.root / case_id
        if folder.exists():
            return folder
        if not self.export(case_id):
            raise FileExistsError(folder)
        return folder

    def items(self) -> list[QueueItem]:
        """The cases waiting in the folder, oldest first."""
        with self.sessions() as session:
            cases = {c.id: c for c in session.scalars(
                select(CaseRow).where(CaseRow.id.in_([f.name for f in self._folders()])))}
        found = []
        for folder in self._folders():
            state = _state(folder)
            case = cases.get(folder.name)
            found.append(QueueItem(
                case_id=folder.name, folder=folder,
                queued_at=dt.datetime.fromisoformat(state["queued_at"]),
                party=case.party if case else None, sender=case.sender if case else None,
                issues=tuple(i["code"] for i in (case.issues if case else [])),
                state="error" if (folder / ERROR_FILE).exists() else
                "decision" if (folder / DECISION_FILE).exists() else "waiting"))
        return sorted(found, key=lambda item: item.queued_at)

    def find(self, case_id: str) -> Path | None:
        """The case's folder, waiting or done."""
        for folder in (self.root / case_id, self.root / DONE / case_id):
            if folder.is_dir():
                return folder
        return None

    def _folders(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return iter(())
        return (f for f in sorted(self.root.iterdir())
                if f.is_dir() and f.name != DONE and not f.name.startswith(".")
                and (f / STATE_FILE).is_file())


# ------------------------------------------------------------------ texts


def _state(folder: Path) -> dict[str, Any]:
    state: dict[str, Any] = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    return state


def _release(claim: Path, folder: Path) -> None:
    """Give a claimed decision back, unless a newer decision file was written meanwhile."""
    try:
        os.link(claim, folder / DECISION_FILE)
    except FileExistsError:
        pass
    claim.unlink(missing_ok=True)


def _write_error(folder: Path, error: InvalidFile) -> None:
    """error.txt says what to fix; rewritten only when the problems change."""
    text = ("The decision was NOT applied. Fix decision.toml (or case.toml) and save it again;\n"
            "the bot tries again at its next tick.\n\n"
            + "\n".join(f"- {p}" for p in error.problems) + "\n")
    path = folder / ERROR_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        log.warning("case %s: decision file not applied: %s", folder.name, error)


def issues_text(case: CaseRow) -> str:
    """Why the case needs a person, and what the bot saw."""
    result = case.result or {}
    signature = result.get("signature") or {}
    evidence = case.evidence or {}
    lines = [
        f"Case {case.id}: {case.decision}" + ("  (LATE: after the deadline)" if case.late else ""),
        f"From:    {case.sender or '(unknown)'}",
        f"Subject: {case.subject}",
        f"Message-ID: {case.message_id}",
        f"Received: {case.created_at:%Y-%m-%d %H:%M} UTC",
        "",
        "Issues:",
        *([f"- [{i['code']}] {i['message']}" for i in case.issues] or ["- none"]),
        "",
        f"Signature: {signature.get('kind') or 'none'}"
        + (f" (valid: {signature['valid']})" if signature.get("valid") is not None else ""),
    ]
    if evidence.get("signature"):
        lines.append(f"  {evidence['signature']}")
    lines += [f"  Signed file {line}" for line in evidence.get("digital_signatures", [])]
    if case.signature_png:
        lines.append("  See signature.png for what the bot took for the signature.")
    if evidence.get("confidence") is not None:
        lines.append(f"Reading confidence: {evidence['confidence']:.2f}")
    if evidence.get("letter"):
        lines.append(f"Letter: {evidence['letter']}")
    lines += [f"Conflict: {c}" for c in evidence.get("conflicts", [])]
    lines += [f"Unreadable: {u}" for u in evidence.get("unreadable", [])]
    lines += [f"Note: {n}" for n in evidence.get("notes", [])]
    return "\n".join(lines) + "\n"


def outcome_text(case_id: str, verdict: Verdict) -> str:
    decision = verdict.decision
    lines = [f"Case {case_id}: {decision.kind}, decided by the secretariat at "
             f"{utcnow():%Y-%m-%d %H:%M} UTC."]
    lines += [f"- [{i.code}] {i.message}" for i in decision.issues]
    if decision.kind == "confirmed":
        lines += [f"Nominee: {n.first_name or ''} {n.last_name or ''} "
                  f"<{n.email or ''}> ({n.role or '-'})"
                  for n in verdict.result.letter.nominees]
    return "\n".join(lines) + "\n"
