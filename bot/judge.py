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
from dataclasses import asdict, dataclass, fields
from typing import Annotated, Any

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer,
                      SerializerFunctionWrapHandler, TypeAdapter, model_serializer,
                      model_validator)

from bot.intake import parse_mail
from bot.limits import LimitExceeded, ReadingFailed
from bot.party import party_of
from bot.reader import Request, read_in_time, read_request
from bot.settings import Settings
from extractors.model import (Country, Nomination, Nominee, NomineeAction, Origin,
                              SignatureFacts, SignedFile, Signatory, SignatureEvidence,
                              Submission)
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
            "letter": nomination.letter, "conflicts": list(nomination.origin.conflicts),
            "unreadable": nomination.unreadable, "notes": nomination.notes,
            "intent_doubts": nomination.intent_doubts,
            "digital_signatures": [f"{s.file}: {s.verdict}: {s.detail}"
                                   for s in nomination.signed_files]}


# ------------------------------------------------ the check --json object


class IssueResult(BaseModel):
    """Results stored by earlier versions may carry one more key: it is ignored."""

    model_config = ConfigDict(extra="ignore")

    code: str
    field: str | None = None
    nominee: int | None = None
    message: str = ""


_FACTS: tuple[str, ...] = tuple(f.name for f in fields(SignatureFacts))


def _flat_signed_file(signed: SignedFile) -> dict[str, Any]:
    """One flat object per signature, as `check --json` has always written it: the facts
    beside the file, null for a field with no usable signature in it."""
    facts: dict[str, Any] = asdict(signed.facts) if signed.facts else dict.fromkeys(_FACTS)
    return {"file": signed.file, "field": signed.field, "verdict": signed.verdict,
            "kind": facts.pop("kind"), "letter": signed.letter, **facts, "detail": signed.detail}


def _nested_signed_file(data: Any) -> Any:
    """A flat object back into the file and its facts. One stored before time stamps were
    told apart names no kind: it was a signature."""
    if not isinstance(data, dict):
        return data
    facts = {key: data.get(key) for key in _FACTS}
    rest = {key: value for key, value in data.items() if key not in _FACTS}
    usable = facts["intact"] is not None
    return {**rest, "facts": {**facts, "kind": facts["kind"] or "signature"} if usable else None}


SignedFileObject = Annotated[SignedFile, BeforeValidator(_nested_signed_file),
                             PlainSerializer(_flat_signed_file)]
"""A SignedFile as the `check --json` object and a stored case write it."""


class CheckResult(BaseModel):
    """The `check --json` object of CONTRACT.md section 5: every key present, a key without
    a value null or []. What `check` prints, what a case stores, what replies are made of.

    What the letter says is the Nomination in `letter` (declared once, in extractors.model):
    `letter_keys` writes its keys into the object and `letter_of` reads them back, so that a
    stored case gives back the letter its replies were made of."""

    model_config = ConfigDict(extra="ignore")

    file: str | None = None
    message_id: str = ""
    sender: str | None = None
    decision: DecisionKind
    letter: Nomination = Field(default_factory=Nomination, exclude=True)
    issues: list[IssueResult] = Field(default_factory=list)
    digital_signatures: list[SignedFileObject] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _read_letter(cls, data: Any) -> Any:
        if isinstance(data, dict) and "letter" not in data:
            return {**data, "letter": letter_of(data)}
        return data

    @model_serializer(mode="wrap")
    def _write_letter(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The letter's keys between the decision and the issues, as the contract orders them."""
        data: dict[str, Any] = handler(self)
        tail = {key: data.pop(key) for key in ("issues", "digital_signatures")}
        return {**data, **letter_keys(self.letter), **tail}

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


def letter_keys(nomination: Nomination) -> dict[str, Any]:
    """The letter's keys of the `check --json` object, in the contract's order."""
    signature, origin, signatory = nomination.signature, nomination.origin, nomination.signatory
    country = origin.country
    return {
        "language": nomination.language,
        "country": {"code": country.code, "name": country.name} if country else None,
        "participant_type": origin.participant_type, "observer": origin.observer_name,
        "ministry": nomination.ministry,
        "signatory": {"name": signatory.name, "title": signatory.title},
        "signature": {"present": signature.kind != "none", "kind": signature.kind,
                      # True for a found handwritten one, the verdict for a digital one
                      "valid": {"handwritten": True, "digital": bool(signature.valid)}
                      .get(signature.kind)},
        "nominees": _people(nomination.nominees), "intent": nomination.intent,
        "withdrawn": _people(nomination.withdrawn)}


def _people(people: list[Nominee]) -> list[dict[str, str | None]]:
    """The seven Annex 2 keys of each person, e-mail lower-cased."""
    return [{**n.as_dict(), "email": n.email.lower() if n.email else n.email} for n in people]


_PEOPLE: TypeAdapter[list[Nominee]] = TypeAdapter(list[Nominee])


def letter_of(data: dict[str, Any]) -> Nomination:
    """The letter as the rules see it, from the object's keys (a stored case, or one a person
    corrected): the values as printed; a key missing is no value."""
    signatory, signature = data.get("signatory") or {}, data.get("signature") or {}
    return Nomination(
        language=data.get("language"), origin=_origin_of(data),
        ministry=data.get("ministry"),
        signatory=Signatory(signatory.get("name"), signatory.get("title")),
        signature=SignatureEvidence(kind=signature.get("kind") or "none",
                                    valid=signature.get("valid")),
        nominees=_read_people(data.get("nominees"), "nominate"),
        intent=data.get("intent") or "nominate",
        withdrawn=_read_people(data.get("withdrawn"), "withdraw"),
        is_letter=True, relevant=True)


def _origin_of(data: dict[str, Any]) -> Origin:
    """The sender as the object names it, taken as given; what the object does not keep (the
    kind of sender, the contradictions) is not known."""
    country = data.get("country") or {}
    return Origin(country=Country(country["code"], country.get("name") or country["code"])
                  if country.get("code") else None,
                  participant_type=data.get("participant_type"), observer_name=data.get("observer"),
                  sender_kind=None, conflicts=(), confidence=1.0)


def _read_people(people: Any, action: NomineeAction) -> list[Nominee]:
    read = _PEOPLE.validate_python(people or [])
    for person in read:
        person.action = action
    return read


def _issue(issue: Issue) -> IssueResult:
    return IssueResult(code=issue.code, field=issue.field, nominee=issue.nominee,
                       message=issue.message)


def check_result(file: str | None, submission: Submission, nomination: Nomination,
                 decision: Decision) -> CheckResult:
    """Made from its own keys, so that the letter it holds is the one a stored case gives back."""
    return CheckResult.model_validate({
        "file": file, "message_id": submission.message_id, "sender": submission.sender,
        "decision": decision.kind, **letter_keys(nomination),
        "issues": [_issue(i) for i in decision.issues],
        "digital_signatures": list(nomination.signed_files)})


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
