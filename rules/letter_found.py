"""A nomination letter must be there, readable, and name at least one representative."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext


def _unreadable(reason: str) -> Issue:
    """One issue per file, naming it (`field`), so that two files are two lines of the reply."""
    name, _, why = reason.partition(": ")  # file names never hold ": " (Windows forbids ':')
    return Issue("unreadable_attachment",
                 f"The attachment \"{name}\" could not be read: {why or 'unknown reason'}.",
                 field=name)


class LetterFound:
    name = "letter_found"
    description = "The mail carries a readable nomination letter naming someone."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if nomination.is_letter:
            if nomination.nominees or nomination.withdrawn:
                return []
            return [Issue("low_confidence",
                          "A nomination letter was found but no representative could be read "
                          "from it.")]
        if nomination.unreadable:
            return [_unreadable(reason) for reason in nomination.unreadable]
        return [Issue("no_letter",
                      "No nomination letter was found in the message: please attach the signed "
                      "letter (PDF, scan or Word file).")]


rule = LetterFound()
