"""Only someone in force can be withdrawn or replaced by name: anyone else goes to a person.

A letter that withdraws a name the roster does not hold may be a misspelling, an old
letter, or another country's nominee; acting on a guess would remove the wrong person.
"""

from __future__ import annotations

from extractors.model import Nomination, Nominee
from rules.base import Issue, LetterRule, RuleContext
from rules.roster_after import roster_change


class WithdrawnInForce(LetterRule):
    name = "withdrawn_in_force"
    description = "Each person the letter withdraws or replaces is exactly one nominee in force."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if not nomination.withdrawn:
            return []
        return [Issue("not_in_force",
                      f"The letter withdraws {_who(person)}, who is not among the representatives "
                      "in force; a person will check it.")
                for person in roster_change(nomination, context.in_force).unmatched]


def _who(person: Nominee) -> str:
    name = " ".join(filter(None, (person.title, person.first_name, person.last_name)))
    if name and person.email:
        return f"{name} ({person.email})"
    return name or person.email or "someone"


rule = WithdrawnInForce()
