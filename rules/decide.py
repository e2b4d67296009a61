"""Issues -> decision, per CONTRACT.md section 3.

Doubt outranks defects: when anything calls for a human, the letter goes to
review even if it also has fixable defects, because a wrong automatic answer
costs more than a slower one.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from extractors.model import Nomination, Submission
from rules.base import Decision, Issue, Rule, RuleContext

RULE_MODULES = (
    "letter_found",
    "eligible",
    "country_known",
    "signed",
    "signer_is_signatory",
    "annexes_unaltered",
    "senior_signatory",
    "sender_authenticated",
    "required_fields",
    "valid_emails",
    "fields_agree",
    "names_whole",
    "withdrawn_in_force",
    "intent_clear",
    "nominee_limit",
    "primary_contact",
    "legible_fields",
    "confident",
    "addresses_accounted",
)
"""Every check, in the order its issues are listed to the sender."""


@cache
def rules() -> tuple[Rule, ...]:
    """The checks, imported on first use: a mail decided before any check runs (machine-made,
    unparseable, about something else) loads none of them, nor what they read with."""
    return tuple(import_module(f"rules.{name}").rule for name in RULE_MODULES)


REVIEW_CODES = frozenset({"sender_unverified", "low_confidence", "country_unknown", "not_in_force",
                          "fields_mismatch"})
NOT_ELIGIBLE_CODES = frozenset({"not_eligible"})


def run_rules(submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
    return [issue for rule in rules() for issue in rule.check(submission, nomination, context)]


def decide(submission: Submission, nomination: Nomination, context: RuleContext) -> Decision:
    if submission.automatic:
        return Decision("ignored", reason=submission.automatic)
    if submission.parse_error:
        return Decision("needs_review", (Issue("low_confidence",
                        f"The message could not be parsed: {submission.parse_error}."),),
                        reason="unparseable message")
    if not nomination.is_letter and not nomination.relevant and not nomination.unreadable:
        return Decision("ignored", reason="not about a GCC nomination")
    issues = run_rules(submission, nomination, context)
    codes = {issue.code for issue in issues}
    if "sender_unverified" in codes and not nomination.is_letter and not nomination.unreadable:
        # a forged sender would receive our answer: mail from an unproven address that
        # carries no letter is never answered (no backscatter)
        return Decision("ignored", reason="unauthenticated mail without a nomination letter")
    if codes & NOT_ELIGIBLE_CODES and not codes & {"sender_unverified"}:
        return Decision("not_eligible", tuple(i for i in issues if i.code in NOT_ELIGIBLE_CODES))
    if codes & REVIEW_CODES:
        return Decision("needs_review", tuple(issues))
    if issues:
        return Decision("corrections_requested", tuple(issues))
    return Decision("confirmed")
