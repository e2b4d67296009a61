"""The shape every rule shares: a name, a why, and a check that returns issues.

Most rules judge a letter's content (LetterRule) or each nominee on their own (NomineeRule):
those bases hold the guard and the numbering once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol

from extractors.model import Nomination, Nominee, Submission

DecisionKind = Literal[
    "confirmed", "corrections_requested", "needs_review", "not_eligible", "ignored"
]


@dataclass(frozen=True)
class Issue:
    """A defect or doubt, with a CONTRACT.md section 4 code."""

    code: str
    message: str
    field: str | None = None
    nominee: int | None = None
    """1-based position of the nominee in the letter."""

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "field": self.field,
            "nominee": self.nominee,
            "message": self.message,
        }


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the letter: settings and the roster in force."""

    max_nominees: int = 3
    in_force: tuple[Nominee, ...] = ()
    """Nominees already in force for the same country or IGO."""
    own_addresses: frozenset[str] = frozenset()
    authserv_configured: bool = False
    require_authentication: bool = False
    """A mail without our own Authentication-Results is unverified (our MX is named and
    [security] require_authentication is on)."""


class Rule(Protocol):
    name: str
    description: str

    def check(
        self, submission: Submission, nomination: Nomination, context: RuleContext
    ) -> list[Issue]: ...


class LetterRule(ABC):
    """A check of what a letter says: a mail that carries no letter gives it nothing to judge
    (letter_found says so once)."""

    name: ClassVar[str]
    description: ClassVar[str]

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        return self.judge(nomination, context) if nomination.is_letter else []

    @abstractmethod
    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]: ...


def per_nominee(nomination: Nomination, issues: Callable[[int, Nominee], Iterable[Issue]]) -> list[Issue]:
    """The issues of each nominee in the letter's order, numbered from 1 as the sender counts them."""
    return [issue for number, nominee in enumerate(nomination.nominees, start=1)
            for issue in issues(number, nominee)]


class NomineeRule(ABC):
    """A check of each nominee on their own, whose issues name the nominee by number."""

    name: ClassVar[str]
    description: ClassVar[str]

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        return per_nominee(nomination, self.judge_nominee)

    @abstractmethod
    def judge_nominee(self, number: int, nominee: Nominee) -> list[Issue]: ...


@dataclass(frozen=True)
class Decision:
    """The outcome for one message: its kind and every issue behind it."""

    kind: DecisionKind
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    reason: str = ""
