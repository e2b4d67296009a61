"""The `check --json` object of CONTRACT.md section 5, built from a decided submission."""

from __future__ import annotations

from typing import Any

from extractors.model import (ANNEX2_FIELDS, Country, Nomination, Nominee, Signatory,
                              SignatureEvidence, Submission)
from rules.base import Decision


def case_result(file: str | None, submission: Submission, nomination: Nomination,
                decision: Decision) -> dict[str, Any]:
    """Every key present; a key without a value is null or []."""
    signature = nomination.signature
    country = nomination.country
    nominees = _people(nomination.nominees)
    return {
        "file": file,
        "message_id": submission.message_id,
        "sender": submission.sender,
        "decision": decision.kind,
        "language": nomination.language,
        "country": {"code": country.code, "name": country.name} if country else None,
        "participant_type": nomination.participant_type,
        "observer": nomination.observer_name,
        "ministry": nomination.ministry,
        "signatory": {"name": nomination.signatory.name, "title": nomination.signatory.title},
        "signature": {
            "present": signature.kind != "none",
            "kind": signature.kind,
            "valid": {"handwritten": True, "digital": bool(signature.valid)}.get(signature.kind),
        },
        "nominees": nominees,
        "intent": nomination.intent,
        "withdrawn": _people(nomination.withdrawn),
        "issues": [issue.as_dict() for issue in decision.issues],
        "digital_signatures": [signed.as_dict() for signed in nomination.signed_files],
    }


def _people(people: list[Nominee]) -> list[dict[str, str | None]]:
    """The seven Annex 2 keys of each person, the e-mail lower-cased."""
    rows = [n.as_dict() for n in people]
    for row in rows:
        if row["email"]:
            row["email"] = row["email"].lower()
    return rows


def nomination_from_result(result: dict[str, Any]) -> Nomination:
    """The inverse of case_result, for decisions edited by a person (the review queue)."""
    country = result.get("country") or None
    signatory = result.get("signatory") or {}
    signature = result.get("signature") or {}
    return Nomination(
        language=result.get("language"),
        country=Country(country["code"], country.get("name") or country["code"])
        if country and country.get("code") else None,
        participant_type=result.get("participant_type"),
        observer_name=result.get("observer"),
        ministry=result.get("ministry"),
        signatory=Signatory(signatory.get("name"), signatory.get("title")),
        signature=SignatureEvidence(kind=signature.get("kind") or "none",
                                    valid=signature.get("valid")),
        nominees=[Nominee(**{key: (n.get(key) or None) for key in ANNEX2_FIELDS})
                  for n in result.get("nominees") or []],
        intent=result.get("intent") or "nominate",
        withdrawn=[Nominee(**{key: (n.get(key) or None) for key in ANNEX2_FIELDS}, action="withdraw")
                   for n in result.get("withdrawn") or []],
        is_letter=True,
        relevant=True,
    )
