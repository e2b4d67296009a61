"""Annex 2 values found under their labels (lines or table cells) -> a Nominee."""

from __future__ import annotations

import re

from extractors.fields.normalize import find_email, is_ours
from extractors.fields.roles import normalise_role
from extractors.fields.titles import read_title, split_person
from extractors.model import ANNEX2_FIELDS, Nominee

_AT = re.compile(r"\s*@\s*")
_ADDRESS_ONLY = re.compile(r"[A-Za-z0-9._%+'@,-]+(?: [A-Za-z0-9._%+'@,-]+)*")


def nominee_from_labels(values: dict[str, str | None]) -> Nominee:
    """The role normalised, an OCR-damaged title repaired, the e-mail read out of its cell as printed (a malformed one
    kept whole, so that the e-mail rule can name it; the addressee's own is none); a whole name under one label
    ('Full name: Dr Tangeni Shikongo', 'ФИО', '姓名') split as running text splits it, the address helping."""
    email = _email(values.get("email"))
    title, first, last = values.get("title"), values.get("first_name"), values.get("last_name")
    whole = values.get("full_name")
    if whole and not (first or last):
        named_title, first, last = split_person(whole, email)
        title = title or named_title
    return Nominee(
        title=read_title(title),
        first_name=first,
        last_name=last,
        job_title=values.get("job_title"),
        role=normalise_role(values.get("role")),
        organization=values.get("organization"),
        email=email,
        confidence={key: 1.0 if values.get(key) else 0.0 for key in ANNEX2_FIELDS},
    )


def _email(raw: str | None) -> str | None:
    """The address under an e-mail label, as printed: a value made only of address
    characters is the address even with a space or a comma inside ('liu_ha@pbc. gov.cn');
    text without '@' is kept, without spaces, for the rule to judge."""
    if not raw:
        return None
    compact = _AT.sub("@", raw).strip(" .;")
    if "@" in compact and _ADDRESS_ONLY.fullmatch(compact):
        return None if is_ours(compact) else compact.lower()
    if "@" in raw:
        return find_email(raw)
    return raw.replace(" ", "").lower()
