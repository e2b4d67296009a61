"""The letter must be signed: handwritten ink, or a valid digital signature."""

from __future__ import annotations

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext


class Signed(LetterRule):
    name = "signed"
    description = (
        "The letter bears a handwritten signature or a valid digital signature, "
        "and not the template's signature placeholder."
    )

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        signature = nomination.signature
        issues: list[Issue] = []
        if signature.placeholder:
            issues.append(Issue(
                "unsigned",
                "The letter still shows the template's placeholder "
                "\"[To be signed by a senior official of the relevant ministry]\" instead of a signature. "
                "Please send the letter signed by a senior official.",
            ))
        elif signature.kind == "none" and signature.certain:
            issues.append(Issue(
                "unsigned",
                "The letter is not signed. Please send it with a handwritten signature "
                "or a valid digital signature of a senior official.",
            ))
        elif signature.kind == "digital" and signature.valid is False:
            issues.append(Issue(
                "signature_invalid",
                "The digital signature of the letter is not valid: the document was changed after it was "
                "signed, or the signature is broken. Please sign the final letter again and resend it.",
            ))
        if not signature.certain:
            issues.append(Issue(
                "low_confidence",
                f"The signature could not be judged with certainty ({signature.detail or 'no detail'}); "
                "a person will check it.",
            ))
        return issues


rule = Signed()
