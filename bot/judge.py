"""Reading and judging one raw message, with no state and nothing sent: what `check` does
for a file and what the flow does for each message before it stores the decision.

Kept apart from the flow so that `check` loads neither the database layer nor the readers
it does not need: a letter is read in a child process that imports what that letter takes.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.intake import parse_mail
from bot.limits import LimitExceeded, ReadingFailed, apply_process_limits, over_limit, read_in_time
from bot.report import case_result
from bot.settings import LimitsSettings, Settings
from extractors.model import Nomination, Nominee, Submission
from rules.base import Decision, Issue, RuleContext
from rules.decide import decide

log = logging.getLogger(__name__)


def case_id_for(message_id: str) -> str:
    """Stable across retries and restarts, so outgoing Message-IDs are too."""
    return "GCC-" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()[:10].upper()


def party_of(nomination: Nomination) -> str | None:
    if nomination.participant_type == "member_state" and nomination.country:
        return nomination.country.code
    if nomination.participant_type == "observer" and nomination.observer_name:
        return f"IGO:{nomination.observer_name}"
    return None


@dataclass
class Judgement:
    """A submission read and judged: what `check` prints and what `poll` stores."""

    submission: Submission
    nomination: Nomination
    decision: Decision
    result: dict[str, Any]
    in_force: tuple[Nominee, ...] = ()
    """The roster in force the rules saw (the party's nominees)."""


def _unread(submission: Submission, file: str | None, why: str) -> Judgement:
    """A letter the bot did not read (a limit, a reader failure): a person looks at it."""
    nomination = Nomination(relevant=True)
    decision = Decision("needs_review", (Issue("low_confidence", why),))
    return Judgement(submission, nomination, decision,
                     case_result(file, submission, nomination, decision))


def own_addresses(settings: Settings) -> frozenset[str]:
    """Our own addresses: mail from them is a loop, never a letter to answer."""
    return frozenset({settings.sender_address.lower(), *(a.lower() for a in settings.digest.to)})


def judge(raw: bytes, settings: Settings,
          in_force_for: Callable[[str], list[Nominee]] | None = None,
          file: str | None = None, isolate: bool = False, warm: bool = True) -> Judgement:
    """Read and judge one raw message. `in_force_for(party)` gives the roster in force;
    `isolate` reads in a child process held to the time budget ([limits] letter_seconds),
    after loading the readers once in this process when `warm` (see read_in_time)."""
    submission = parse_mail(raw, authserv_id=settings.security.authserv_id,
                            own_addresses=own_addresses(settings))
    case = case_id_for(submission.message_id)
    _trust(settings)
    try:
        broken = over_limit(raw, submission, settings.limits)
        if broken:
            raise LimitExceeded(broken)
        observers = tuple(settings.participants.observers)
        nomination = (read_in_time(submission, settings.limits, warm, observers) if isolate
                      else _read_here(submission, settings.limits, observers))
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
                     case_result(file, submission, nomination, decision), roster)


def _trust(settings: Settings) -> None:
    """The configured trust roots and the CAs of the trusted lists, for every later signature
    check here and in reader forks. pyHanko is only loaded for it when trust is configured
    or it is loaded already: until then the default (no roots) holds."""
    security = settings.security
    if security.trust_roots or security.trusted_lists \
            or "extractors.signature.digital" in sys.modules:
        from extractors.signature.digital import load_trust_roots, use_trust_roots
        from extractors.signature.trusted_lists import load_trusted_lists

        use_trust_roots(load_trust_roots(tuple(security.trust_roots))
                        + load_trusted_lists(tuple(security.trusted_lists)))


def _read_here(submission: Submission, limits: LimitsSettings, observers: tuple[str, ...]) -> Nomination:
    """read_nomination in this process (tests, benchmarks): no budget, no isolation."""
    from extractors.letter import read_nomination

    apply_process_limits(limits)
    return read_nomination(submission, observers)
