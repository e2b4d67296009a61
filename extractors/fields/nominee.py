"""Annex 2 values found under their labels (lines or table cells) -> a Nominee."""

from __future__ import annotations

from extractors.fields.normalize import find_email
from extractors.fields.roles import normalise_role
from extractors.model import ANNEX2_FIELDS, Nominee


def nominee_from_labels(values: dict[str, str | None]) -> Nominee:
    """The role normalised, the e-mail read out of its cell as printed (a malformed one
    kept whole, so that the e-mail rule can name it; the addressee's own is none)."""
    return Nominee(
        title=values.get("title"),
        first_name=values.get("first_name"),
        last_name=values.get("last_name"),
        job_title=values.get("job_title"),
        role=normalise_role(values.get("role")),
        organization=values.get("organization"),
        email=_email(values.get("email")),
        confidence={key: 1.0 if values.get(key) else 0.0 for key in ANNEX2_FIELDS},
    )


def _email(raw: str | None) -> str | None:
    """The address under an e-mail label; text without '@' is kept, without spaces, for the rule to judge."""
    if not raw:
        return None
    if "@" in raw:
        return find_email(raw)
    return raw.replace(" ", "").lower()
