"""The checks a nomination goes through, and how their issues become a decision.

Each rule lives in its own module and exposes `rule`, an object with a
`name`, a `description` and `check(submission, nomination, context)`.
"""

from __future__ import annotations

from importlib import import_module

from rules.base import Decision, Issue, Rule, RuleContext

RULE_MODULES = (
    "letter_found",
    "eligible",
    "country_known",
    "signed",
    "senior_signatory",
    "sender_authenticated",
    "required_fields",
    "valid_emails",
    "nominee_limit",
    "primary_contact",
    "confident",
)

RULES: tuple[Rule, ...] = tuple(import_module(f"rules.{name}").rule for name in RULE_MODULES)

__all__ = ["RULES", "Decision", "Issue", "Rule", "RuleContext"]
