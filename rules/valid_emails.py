"""A nominee's e-mail must be a deliverable-looking address: the link goes there."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from extractors.model import Nominee
from rules.base import Issue, NomineeRule


def is_valid_address(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class ValidEmails(NomineeRule):
    name = "valid_emails"
    description = "Each nominee's e-mail address is syntactically valid."

    def judge_nominee(self, number: int, nominee: Nominee) -> list[Issue]:
        if nominee.email and not is_valid_address(nominee.email):
            return [Issue("invalid_email", f"The e-mail address of nominee {number} ({nominee.email}) is not valid.",
                          field="email", nominee=number)]
        return []


rule = ValidEmails()
