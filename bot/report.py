"""The `check --json` object of CONTRACT.md section 5, built from a decided submission."""

from __future__ import annotations

from typing import Any

from extractors.model import Nomination, Submission
from rules.base import Decision


def case_result(file: str | None, submission: Submission, nomination: Nomination,
                decision: Decision) -> dict[str, Any]:
    """Every key present; a key without a value is null or []."""
    signature = nomination.signature
    country = nomination.country
    nominees = [n.as_dict() for n in nomination.nominees]
    for nominee in nominees:
        if nominee["email"]:
            nominee["email"] = nominee["email"].lower()
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
        "issues": [issue.as_dict() for issue in decision.issues],
    }
