"""A signed annex altered after signing sends the mail to a person; the letter's own
signature is judged by the `signed` rule, and a field with no usable signature is evidence."""

from __future__ import annotations

import pytest

from extractors.model import SignedFile
from rules.base import RuleContext
from rules.decide import decide
from tests.rules.helpers import nomination, submission

SHOWN = "valid, but the page shows something else since signing"


@pytest.mark.parametrize(("verdict", "letter", "review"), [
    ("valid", False, False),
    ("not a signature", False, False),
    ("invalid", False, True),
    (SHOWN, False, True),
    ("invalid", True, False),  # the letter's own: the signed rule's business
])
def test_an_altered_signed_annex_goes_to_review_naming_the_file(
        verdict: str, letter: bool, review: bool) -> None:
    signed = SignedFile("annexes.zip/Annex 1.pdf", "Signature1", verdict, letter=letter,
                        detail="changes after signing OTHER")
    decision = decide(submission(), nomination(signed_files=[signed]), RuleContext())
    assert (decision.kind == "needs_review") is review, decision
    if review:
        [issue] = decision.issues
        assert issue.code == "low_confidence" and "annexes.zip/Annex 1.pdf" in issue.message
        assert verdict in issue.message
    else:
        assert decision.kind == "confirmed"


def test_no_letter_no_annex_issue() -> None:
    from rules.annexes_unaltered import rule

    signed = SignedFile("annex.pdf", "Signature1", "invalid")
    assert rule.check(submission(), nomination(signed_files=[signed], is_letter=False),
                      RuleContext()) == []
