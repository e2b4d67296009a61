"""Small builders for rule tests: a signed Kenyan letter and a plain mail around it."""

from __future__ import annotations

import dataclasses

from extractors.model import (AuthResult, Country, Nomination, Nominee, Origin, SignatureEvidence,
                              Signatory, Submission)

KENYA = Origin(Country("KEN", "Kenya"), "member_state", None, "government", (), 1.0)
"""Kenya's government, as the letterhead and the sender's domain both show it."""


def nominee(n: int = 1, role: str | None = "primary", **fields: object) -> Nominee:
    base = Nominee(title="Ms", first_name=f"Amina{n}", last_name="Otieno",
                   job_title="Director", role=role, organization="Ministry of ICT",  # type: ignore[arg-type]
                   email=f"a{n}.otieno@ict.go.ke")
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def nomination(*nominees: Nominee, **fields: object) -> Nomination:
    base = Nomination(
        language="en", origin=KENYA,
        ministry="Ministry of ICT", signatory=Signatory("John Kariuki", "Principal Secretary", "senior"),
        signature=SignatureEvidence(kind="handwritten", valid=True, detail="ink in the block"),
        nominees=list(nominees) or [nominee()], is_letter=True, relevant=True,
        letter_hash="abc", confidence=0.95,
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def origin(**fields: object) -> Origin:
    """Kenya's origin with some facts changed (another country, none, an observer ...)."""
    return dataclasses.replace(KENYA, **fields)  # type: ignore[arg-type]


def submission(**fields: object) -> Submission:
    base = Submission(
        message_id="<1@ict.go.ke>", sender="registry@ict.go.ke", sender_name="Registry",
        subject="Nomination", date=None, text_body="", html_body="", attachments=(),
        headers=(), content_hash="h",
        auth=(AuthResult("dkim", "pass", "ict.go.ke"), AuthResult("spf", "pass", "ict.go.ke"),
              AuthResult("dmarc", "pass", "ict.go.ke")),
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]
