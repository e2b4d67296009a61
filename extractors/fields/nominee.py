"""Annex 2 values found under their labels (lines or table cells) -> a Nominee."""

from __future__ import annotations

from extractors.fields.normalize import find_email
from extractors.fields.roles import normalise_role
from extractors.model import ANNEX2_FIELDS, Nominee


def nominee_from_labels(values: dict[str, str | None]) -> Nominee:
    """The role normalised, the e-mail read out of its cell (a malformed one kept as
    written, without spaces, so that the e-mail rule can name it)."""
    raw_email = values.get("email")
    email = (find_email(raw_email) or raw_email.replace(" ", "").lower()) if raw_email else None
    return Nominee(
        title=values.get("title"),
        first_name=values.get("first_name"),
        last_name=values.get("last_name"),
        job_title=values.get("job_title"),
        role=normalise_role(values.get("role")),
        organization=values.get("organization"),
        email=email,
        confidence={key: 1.0 if values.get(key) else 0.0 for key in ANNEX2_FIELDS},
    )
