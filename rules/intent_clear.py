"""What the letter asks for must be clear before the roster is changed."""

from __future__ import annotations

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext


class IntentClear(LetterRule):
    name = "intent_clear"
    description = "The letter says plainly whom it nominates, replaces or withdraws."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        return [Issue("low_confidence", f"What the letter asks for is unclear: {doubt}; "
                      "a person will check it.") for doubt in nomination.intent_doubts]


rule = IntentClear()
