"""Reading and judging one raw message, with no state and nothing sent: what `check` does
for a file and what the flow does for each message before it stores the decision. The
outcome is a Judgement; its CheckResult is the `check --json` object of CONTRACT.md
section 5, the one typed form of what was read that cases store and replies are made of.

Kept apart from the flow so that `check` loads neither the database layer nor the readers
it does not need: a letter is read in a reader process that imports what letters take.
"""

from __future__ import annotations

import hashlib
import json
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.intake import parse_mail
from bot.limits import LimitExceeded, ReadingFailed
from bot.party import party_of
from bot.reader import Request, read_in_time, read_request
from bot.settings import Settings
from extractors.model import (Country, Intent, Nomination, Nominee, NomineeAction,
                              ParticipantType, Role, SignedFile, Signatory, SignatureEvidence,
                              SignatureKind, Submission)
from rules.base import Decision, DecisionKind, Issue, RuleContext
from rules.decide import decide

log = logging.getLogger(__name__)


def case_id_for(message_id: str) -> str:
    """Stable across retries and restarts, so outgoing Message-IDs are too."""
    return "GCC-" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()[:10].upper()


def evidence_of(nomination: Nomination) -> dict[str, Any]:
    """What a person reviewing the case should see of the reading, kept with the case so
    that nobody needs to read the letter again."""
    return {"signature": nomination.signature.detail, "confidence": nomination.confidence,
            "letter": nomination.letter, "conflicts": nomination.conflicts,
            "unreadable": nomination.unreadable, "notes": nomination.notes,
            "intent_doubts": nomination.intent_doubts,
            "digital_signatures": [f"{s.file}: {s.verdict}: {s.detail}"
                                   for s in nomination.signed_files]}


# ------------------------------------------------ the check --json object


class _Part(BaseModel):
    """Results stored by earlier versions may lack a key or carry one more: both are fine."""

    model_config = ConfigDict(extra="ignore")


class CountryResult(_Part):
    code: str | None = None
    name: str | None = None


class SignatoryResult(_Part):
    name: str | None = None
    title: str | None = None


class SignatureResult(_Part):
    present: bool = False
    kind: SignatureKind = "none"
    valid: bool | None = None
    """True for a found handwritten one, the verdict for a digital one, None when none."""


class PersonResult(_Part):
    """The seven Annex 2 keys of a nominee (or of a person withdrawn), e-mail lower-cased."""

    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    job_title: str | None = None
    role: Role | None = None
    organization: str | None = None
    email: str | None = None

    def nominee(self, action: NomineeAction = "nominate") -> Nominee:
        """The person as the rules see them; an empty text is no value."""
        return Nominee(title=self.title or None, first_name=self.first_name or None,
                       last_name=self.last_name or None, job_title=self.job_title or None,
                       role=self.role or None, organization=self.organization or None,
                       email=self.email or None, action=action)


class IssueResult(_Part):
    code: str
    field: str | None = None
    nominee: int | None = None
    message: str = ""


class CheckResult(_Part):
    """The `check --json` object of CONTRACT.md section 5: every key present, a key without
    a value null or []. What `check` prints, what a case stores, what replies are made of."""

    file: str | None = None
    message_id: str = ""
    sender: str | None = None
    decision: DecisionKind
    language: str | None = None
    country: CountryResult | None = None
    participant_type: ParticipantType | None = None
    observer: str | None = None
    ministry: str | None = None
    signatory: SignatoryResult = Field(default_factory=SignatoryResult)
    signature: SignatureResult = Field(default_factory=SignatureResult)
    nominees: list[PersonResult] = Field(default_factory=list)
    intent: Intent | None = None
    withdrawn: list[PersonResult] = Field(default_factory=list)
    issues: list[IssueResult] = Field(default_factory=list)
    digital_signatures: list[SignedFile] = Field(default_factory=list)

    def as_json(self) -> str:
        """One line of `check --json`."""
        return json.dumps(self.stored(), ensure_ascii=False)

    def stored(self) -> dict[str, Any]:
        """The same object as the case keeps it (a JSON column)."""
        return self.model_dump(mode="json")

    def decided(self, decision: Decision) -> CheckResult:
        """The same letter under another decision (a person's, from the review queue)."""
        return self.model_copy(update={"decision": decision.kind,
                                       "issues": [_issue(i) for i in decision.issues]})

    def nomination(self) -> Nomination:
        """The letter as the rules see it, for decisions edited by a person."""
        country = self.country
        return Nomination(
            language=self.language,
            country=Country(country.code, country.name or country.code)
            if country and country.code else None,
            participant_type=self.participant_type, observer_name=self.observer,
            ministry=self.ministry,
            signatory=Signatory(self.signatory.name, self.signatory.title),
            signature=SignatureEvidence(kind=self.signature.kind, valid=self.signature.valid),
            nominees=[n.nominee() for n in self.nominees],
            intent=self.intent or "nominate",
            withdrawn=[n.nominee(action="withdraw") for n in self.withdrawn],
            is_letter=True, relevant=True)


def _issue(issue: Issue) -> IssueResult:
    return IssueResult(code=issue.code, field=issue.field, nominee=issue.nominee,
                       message=issue.message)


def _people(people: list[Nominee]) -> list[PersonResult]:
    return [PersonResult(title=n.title, first_name=n.first_name, last_name=n.last_name,
                         job_title=n.job_title, role=n.role, organization=n.organization,
                         email=n.email.lower() if n.email else n.email) for n in people]


def check_result(file: str | None, submission: Submission, nomination: Nomination,
                 decision: Decision) -> CheckResult:
    signature, country = nomination.signature, nomination.country
    return CheckResult(
        file=file, message_id=submission.message_id, sender=submission.sender,
        decision=decision.kind, language=nomination.language,
        country=CountryResult(code=country.code, name=country.name) if country else None,
        participant_type=nomination.participant_type, observer=nomination.observer_name,
        ministry=nomination.ministry,
        signatory=SignatoryResult(name=nomination.signatory.name,
                                  title=nomination.signatory.title),
        signature=SignatureResult(
            present=signature.kind != "none", kind=signature.kind,
            valid={"handwritten": True, "digital": bool(signature.valid)}.get(signature.kind)),
        nominees=_people(nomination.nominees), intent=nomination.intent,
        withdrawn=_people(nomination.withdrawn),
        issues=[_issue(i) for i in decision.issues],
        digital_signatures=list(nomination.signed_files))


# ------------------------------------------------------------- judging


@dataclass
class Judgement:
    """A submission read and judged: what `check` prints and what `poll` stores."""

    submission: Submission
    nomination: Nomination
    decision: Decision
    result: CheckResult
    in_force: tuple[Nominee, ...] = ()
    """The roster in force the rules saw (the party's nominees)."""


def _unread(submission: Submission, file: str | None, why: str) -> Judgement:
    """A letter the bot did not read (a limit, a reader failure): a person looks at it."""
    nomination = Nomination(relevant=True)
    decision = Decision("needs_review", (Issue("low_confidence", why),))
    return Judgement(submission, nomination, decision,
                     check_result(file, submission, nomination, decision))


def own_addresses(settings: Settings) -> frozenset[str]:
    """Our own addresses: mail from them is a loop, never a letter to answer."""
    return frozenset({settings.sender_address.lower(), *(a.lower() for a in settings.digest.to)})


def parse_submission(raw: bytes, settings: Settings) -> Submission:
    """The raw mail as the rules read it: our own authentication results, our addresses."""
    return parse_mail(raw, authserv_id=settings.security.authserv_id,
                      own_addresses=own_addresses(settings))


def judge(raw: bytes, settings: Settings,
          in_force_for: Callable[[str], list[Nominee]] | None = None,
          file: str | None = None, isolate: bool = False,
          submission: Submission | None = None) -> Judgement:
    """Read and judge one raw message. `in_force_for(party)` gives the roster in force;
    `isolate` reads in the reader process, held to the time budget ([limits] letter_seconds).
    `submission` is `raw` already parsed by `parse_submission`, so that it is parsed once."""
    submission = submission or parse_submission(raw, settings)
    case = case_id_for(submission.message_id)
    request = Request(raw, submission, settings.limits, tuple(settings.participants.observers),
                      tuple(settings.security.trust_roots), tuple(settings.security.trusted_lists))
    try:
        nomination = read_in_time(request) if isolate else read_request(request)
    except LimitExceeded as exc:
        log.warning("case %s: not read, to review: %s", case, exc)
        return _unread(submission, file, f"The letter was not read: {exc}.")
    except Exception as exc:  # a reader bug must not lose the message: a human looks at it
        reason = str(exc).splitlines()[0] if isinstance(exc, ReadingFailed) else type(exc).__name__
        log.error("case %s: reading failed, to review: %s", case,
                  " | ".join(traceback.format_exception(exc)[-3:]).replace("\n", " "))
        return _unread(submission, file, f"The letter could not be read ({reason}).")
    party = party_of(nomination)
    roster = tuple(in_force_for(party)) if in_force_for and party else ()
    return rule(submission, nomination, settings, roster, file)


def rule(submission: Submission, nomination: Nomination, settings: Settings,
         roster: tuple[Nominee, ...], file: str | None = None) -> Judgement:
    """Judge what was read against the party's roster in force: pure and cheap, so it is
    run again when another worker changed the roster while this letter was being read."""
    context = RuleContext(
        max_nominees=settings.rules.max_nominees,
        in_force=roster,
        own_addresses=own_addresses(settings),
        authserv_configured=settings.security.judges_authentication,
        require_authentication=(settings.security.judges_authentication
                                and settings.security.require_authentication),
    )
    decision = decide(submission, nomination, context)
    return Judgement(submission, nomination, decision,
                     check_result(file, submission, nomination, decision), roster)
