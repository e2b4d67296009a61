"""A field that OCR could not find may be there on paper: a person looks before we ask.

Asking a government to correct a field its letter does contain would be a
wrong answer; sending the case to review instead is the cheap mistake. A
missing field whose label the page shows alone, with no ink beside it
(extractors.readers.blank_fields), is truly empty and asked for at once, and
so is an address missing a whole part ('gabrielav@') that every witness read
alike with all its ink accounted for (extractors.readers.address_ink): the
ink proves no character was lost, though not which character a mark is, so
an address with a wrong character (a comma for a dot) still goes to a person.
"""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext
from rules.required_fields import rule as required_fields
from rules.valid_emails import rule as valid_emails


class LegibleFields:
    name = "legible_fields"
    description = "Field defects found in an OCRed letter are checked by a person first."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        doubtful = (required_fields.check(submission, nomination, context)
                    + valid_emails.check(submission, nomination, context)) if nomination.read_by_ocr else []
        doubtful = [issue for issue in doubtful
                    if not _shown_blank(issue, nomination) and not _part_surely_missing(issue, nomination)]
        if not doubtful:
            return []
        fields = ", ".join(sorted({f"{i.field} of nominee {i.nominee}" for i in doubtful}))
        return [Issue("low_confidence",
                      f"The letter was read by OCR and {fields} could not be read; "
                      "a person will check the scan before corrections are requested.")]


def _shown_blank(issue: Issue, nomination: Nomination) -> bool:
    """A missing field the page shows empty (its label alone, no ink beside it): no misreading to check."""
    if issue.code != "missing_field" or issue.nominee is None or issue.field is None:
        return False
    return issue.field in nomination.nominees[issue.nominee - 1].blank


def _part_surely_missing(issue: Issue, nomination: Nomination) -> bool:
    """An invalid address with nothing on one side of its one '@', its ink all read: nothing was lost."""
    if issue.code != "invalid_email" or issue.nominee is None:
        return False
    nominee = nomination.nominees[issue.nominee - 1]
    local, at, domain = (nominee.email or "").partition("@")
    accounted = "email" in nominee.accounted and "email" not in nominee.doubts
    return accounted and at == "@" and "@" not in domain and not (local.strip() and domain.strip())


rule = LegibleFields()
