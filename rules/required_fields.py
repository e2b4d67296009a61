"""Every Annex 2 field of every nominee must be filled in."""

from __future__ import annotations

from extractors.model import ANNEX2_FIELDS, Nominee
from rules.base import Issue, NomineeRule

LABELS = {
    "title": "title or rank",
    "first_name": "first name",
    "last_name": "last name",
    "job_title": "job title",
    "role": "role in the GCC",
    "organization": "organization name",
    "email": "e-mail address",
}


class RequiredFields(NomineeRule):
    name = "required_fields"
    description = "Each nominee has all seven Annex 2 fields."

    def judge_nominee(self, number: int, nominee: Nominee) -> list[Issue]:
        return [Issue("missing_field", f"Nominee {number} has no {LABELS[key]}.", field=key, nominee=number)
                for key in ANNEX2_FIELDS if not (getattr(nominee, key) or "").strip()]


rule = RequiredFields()
