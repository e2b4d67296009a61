"""A nominee's e-mail must be a deliverable-looking address: the link goes there."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext


def is_valid_address(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class ValidEmails:
    name = "valid_emails"
    description = "Each nominee's e-mail address is syntactically valid."

    def check(self, submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
        return [
            Issue("invalid_email",
                  f"The e-mail address of nominee {number} ({nominee.email}) is not valid.",
                  field="email", nominee=number)
            for number, nominee in enumerate(nomination.nominees, start=1)
            if nominee.email and not is_valid_address(nominee.email)
        ]


rule = ValidEmails()
