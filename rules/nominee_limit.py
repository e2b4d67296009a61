"""At most `max_nominees` per Member State in force at once, counting every role."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext
from rules.roster_after import roster_after


class NomineeLimit:
    name = "nominee_limit"
    description = "No more nominees than the limit, in the letter and with those in force."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        limit = context.max_nominees
        if len(nomination.nominees) > limit:
            return [Issue("too_many_nominees",
                          f"The letter names {len(nomination.nominees)} representatives; "
                          f"at most {limit} may be nominated.")]
        total = len(roster_after(nomination, context))
        if total > limit:
            return [Issue("too_many_nominees",
                          f"With the {len(context.in_force)} representative(s) already "
                          f"nominated, this letter would bring the total to {total}; at most "
                          f"{limit} may be in force. Please say which nominations it replaces.")]
        return []


rule = NomineeLimit()
