"""decision.toml -> the decision it states, checked against the (corrected) letter.

Pure: the files' texts and the roster in force go in, a Verdict comes out, or
InvalidFile naming each problem's file and line. A confirmation re-runs the
data rules on the edited letter, so a person cannot confirm what the bot
would have to refuse (an invalid address, no primary contact, too many nominees).
"""

from __future__ import annotations

import re
import tomllib
from importlib import import_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.judge import CheckResult
from bot.party import party_of
from bot.review.casefile import LETTER_KEYS, InvalidFile, Problem, Source, letter_fields
from extractors.model import Nominee, Submission
from rules.base import Decision, DecisionKind, Issue, RuleContext

CASE_FILE = "case.toml"
DECISION_FILE = "decision.toml"
DECISIONS: dict[str, DecisionKind] = {"confirm": "confirmed", "corrections": "corrections_requested",
             "not_eligible": "not_eligible", "ignore": "ignored"}
"""What the secretariat writes -> the decision kind of CONTRACT.md section 3."""

DATA_RULES = ("country_known", "required_fields", "valid_emails", "withdrawn_in_force",
              "nominee_limit", "primary_contact")
"""The rules about the letter's content, in rules.decide's order; doubts (signature,
sender) are the person's call."""

REVIEW_ISSUE = "secretariat_request"
"""The issue code carrying the secretariat's own words in a request for corrections."""


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    result: CheckResult
    """The case's `check --json` result with the corrected letter fields."""


def _parse(source: Source) -> dict[str, Any]:
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        text = re.sub(r"\s*\(at line .*\)$", "", str(exc))
        raise InvalidFile([Problem(source.name, int(found.group(1)) if found else None,
                                   f"not valid TOML: {text}")]) from None


def _party_problems(fields: dict[str, Any], sources: dict[str, Source]) -> list[Problem]:
    """A confirmation must say whose roster it changes."""
    def at(key: str) -> Source:
        return sources.get(key, sources["participant_type"])

    kind = fields["participant_type"]
    if kind == "member_state" and not fields["country"]:
        return [at("country").problem("a Member State needs its country code", "country")]
    if kind == "observer" and not fields["observer"]:
        return [at("observer").problem("an observer needs the IGO's name", "observer")]
    if kind is None:
        return [at("participant_type").problem(
            "participant_type must be member_state or observer to confirm", "participant_type")]
    return []


def _rule_problems(issues: list[Issue], source: Source) -> list[Problem]:
    problems = []
    for issue in issues:
        if issue.nominee:
            line = source.problem("", issue.field or "", "nominees", issue.nominee - 1).line
            line = line or source.problem("", "", "nominees", issue.nominee - 1).line
        else:
            line = source.problem("", "", "nominees", 0).line
        problems.append(Problem(source.name, line, f"cannot confirm: {issue.message}"))
    return problems


def _data_issues(result: CheckResult, max_nominees: int,
                 in_force_for: Callable[[str], Sequence[Nominee]]) -> list[Issue]:
    nomination = result.letter
    party = party_of(nomination)
    context = RuleContext(max_nominees=max_nominees,
                          in_force=tuple(in_force_for(party)) if party else ())
    submission = Submission(message_id=result.message_id, sender=result.sender,
                            sender_name=None, subject="", date=None, text_body="", html_body="",
                            attachments=(), headers=(), content_hash="")
    return [issue for name in DATA_RULES
            for issue in import_module(f"rules.{name}").rule.check(submission, nomination, context)]


@dataclass(frozen=True)
class _Stated:
    """What the two files say: the decision, the secretariat's message, the letter's fields."""

    decided: DecisionKind
    message: str
    fields: dict[str, Any]
    sources: dict[str, Source]
    decision_source: Source


def _stated(case_text: str, decision_text: str) -> _Stated:
    """The files read and checked; raises InvalidFile with every problem found."""
    case_source, decision_source = Source(CASE_FILE, case_text), Source(DECISION_FILE, decision_text)
    problems: list[Problem] = []
    try:
        case_values = _parse(case_source)
    except InvalidFile as exc:
        problems += exc.problems
        case_values = {}
    decision_values = _parse(decision_source)  # nothing to check without it
    for key in decision_values:
        if key not in ("decision", "message", *LETTER_KEYS):
            problems.append(decision_source.problem(
                f"unknown key {key!r}; write decision, message, or a key of case.toml", key))
    kind = decision_values.get("decision")
    if kind not in DECISIONS:
        shown = repr(kind) if kind is not None else "missing"
        problems.append(decision_source.problem(
            f"decision is {shown}; write one of {', '.join(DECISIONS)}", "decision"))
    message = decision_values.get("message")
    if message is not None and not isinstance(message, str):
        problems.append(decision_source.problem("message must be text in quotes", "message"))
        message = None
    values = {k: v for k, v in case_values.items() if k in LETTER_KEYS}
    values.update({k: v for k, v in decision_values.items() if k in LETTER_KEYS})
    sources = {k: decision_source if k in decision_values else case_source for k in LETTER_KEYS}
    try:
        fields = letter_fields(values, sources)
    except InvalidFile as exc:
        raise InvalidFile(problems + exc.problems) from None
    if problems:
        raise InvalidFile(problems)
    return _Stated(DECISIONS[str(kind)], (message or "").strip(), fields, sources,
                   decision_source)


def _confirmation(stated: _Stated, result: CheckResult, max_nominees: int,
                  in_force_for: Callable[[str], Sequence[Nominee]]) -> Verdict:
    """A confirmation, unless the rules about the letter's content would refuse it."""
    fields, sources = stated.fields, stated.sources
    problems = _party_problems(fields, sources)
    problems += _rule_problems(_data_issues(result, max_nominees, in_force_for),
                               sources["nominees"])
    if not fields["nominees"] and fields["intent"] != "withdraw":
        problems.append(sources["nominees"].problem("cannot confirm a letter with no nominee"))
    if fields["intent"] == "withdraw" and not fields["withdrawn"]:
        problems.append(sources["withdrawn"].problem(
            "cannot confirm a withdrawal that names no one: add a [[withdrawn]] block "
            "(first_name, last_name, email) per person withdrawn", "withdrawn"))
    if problems:
        raise InvalidFile(problems)
    return Verdict(Decision("confirmed", reason="secretariat"), result)


def read_verdict(case_text: str, decision_text: str, base_result: CheckResult, *,
                 max_nominees: int,
                 in_force_for: Callable[[str], Sequence[Nominee]]) -> Verdict:
    """The decision the files state. Raises InvalidFile with every problem found."""
    stated = _stated(case_text, decision_text)
    result = CheckResult.model_validate({**base_result.model_dump(), **stated.fields})
    decided, message = stated.decided, stated.message
    if decided == "confirmed":
        return _confirmation(stated, result, max_nominees, in_force_for)
    if decided == "corrections_requested":
        issues = [Issue(REVIEW_ISSUE, message)] if message else \
            _data_issues(result, max_nominees, in_force_for)
        if not issues:
            raise InvalidFile([stated.decision_source.problem(
                "corrections need a message: write message = \"...\" with what the sender "
                "must correct", "decision")])
        return Verdict(Decision(decided, tuple(issues), reason="secretariat"), result)
    if decided == "not_eligible":
        issue = Issue("not_eligible", message or "The sender is not eligible to nominate.")
        return Verdict(Decision(decided, (issue,), reason="secretariat"), result)
    return Verdict(Decision("ignored", reason=message or "secretariat"), result)
