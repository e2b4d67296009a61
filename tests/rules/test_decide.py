"""Issues become exactly one decision (CONTRACT.md section 3); doubt outranks defects."""

from __future__ import annotations

from extractors.model import AuthResult, SignatureEvidence
from rules.base import RuleContext
from rules.decide import decide
from tests.rules.helpers import nomination, nominee, origin, submission

CONTEXT = RuleContext(max_nominees=3, authserv_configured=True)
FAILED_AUTH = (AuthResult("dkim", "fail", "ict.go.ke"), AuthResult("spf", "fail", "ict.go.ke"),
               AuthResult("dmarc", "fail", "ict.go.ke"))


def kind(sub=None, nom=None) -> str:  # type: ignore[no-untyped-def]
    return decide(sub or submission(), nom or nomination(), CONTEXT).kind


def test_a_clean_signed_letter_is_confirmed() -> None:
    assert kind() == "confirmed"


def test_machine_made_mail_is_ignored_whatever_it_carries() -> None:
    assert kind(submission(automatic="Auto-Submitted: auto-replied")) == "ignored"


def test_mail_that_is_not_about_a_nomination_is_ignored() -> None:
    assert kind(nom=nomination(is_letter=False, relevant=False, nominees=[])) == "ignored"


def test_a_nomination_mail_without_its_letter_asks_for_it() -> None:
    decision = decide(submission(), nomination(is_letter=False, nominees=[]), CONTEXT)
    assert decision.kind == "corrections_requested"
    assert [i.code for i in decision.issues] == ["no_letter"]


def test_the_checks_of_a_letter_say_nothing_where_there_is_no_letter() -> None:
    """A reading that never happened raises no doubt: only the missing letter is reported."""
    nothing_read = nomination(is_letter=False, nominees=[], confidence=0.1, intent_doubts=["no one named"],
                              signature=SignatureEvidence(kind="none", certain=False),
                              origin=origin(country=None, participant_type=None))
    decision = decide(submission(), nothing_read, CONTEXT)
    assert [i.code for i in decision.issues] == ["no_letter"]


def test_an_unparseable_message_goes_to_review() -> None:
    assert kind(submission(parse_error="HeaderParseError: boom")) == "needs_review"


def test_a_company_is_not_eligible_even_with_other_defects() -> None:
    company = nomination(nominee(1, email=None),
                         origin=origin(country=None, participant_type=None, sender_kind="private"))
    assert kind(nom=company) == "not_eligible"


def test_fixable_defects_are_all_listed_in_one_request() -> None:
    nom = nomination(nominee(1, email="bad@@x"), nominee(2, role="primary"),
                     signature=SignatureEvidence(kind="none"))
    decision = decide(submission(), nom, CONTEXT)
    assert decision.kind == "corrections_requested"
    assert {i.code for i in decision.issues} == {"unsigned", "invalid_email",
                                                  "multiple_primary_contacts"}


def test_failed_sender_authentication_goes_to_review_even_with_defects() -> None:
    nom = nomination(signature=SignatureEvidence(kind="none"))
    decision = decide(submission(auth=FAILED_AUTH), nom, CONTEXT)
    assert decision.kind == "needs_review"
    assert "sender_unverified" in {i.code for i in decision.issues}


def test_an_uncertain_signature_or_a_poor_reading_is_never_confirmed() -> None:
    unsure = SignatureEvidence(kind="handwritten", valid=True, certain=False)
    assert kind(nom=nomination(signature=unsure)) == "needs_review"
    assert kind(nom=nomination(confidence=0.2)) == "needs_review"


def test_an_altered_digital_signature_asks_for_a_new_letter() -> None:
    altered = SignatureEvidence(kind="digital", valid=False)
    decision = decide(submission(), nomination(signature=altered), CONTEXT)
    assert decision.kind == "corrections_requested"
    assert [i.code for i in decision.issues] == ["signature_invalid"]


REQUIRED = RuleContext(max_nominees=3, authserv_configured=True, require_authentication=True)


def test_a_letter_without_our_authentication_header_goes_to_review_when_it_is_required() -> None:
    decision = decide(submission(auth=None), nomination(), REQUIRED)
    assert decision.kind == "needs_review"
    assert [i.code for i in decision.issues] == ["sender_unverified"]


def test_unauthenticated_mail_without_a_letter_is_never_answered() -> None:
    """No backscatter: a forged From would otherwise receive our reply."""
    for auth, context in ((None, REQUIRED), (FAILED_AUTH, CONTEXT)):
        no_letter = nomination(is_letter=False, nominees=[], relevant=True)
        assert decide(submission(auth=auth), no_letter, context).kind == "ignored"
        unreadable = nomination(is_letter=False, nominees=[], unreadable=["a.pdf is encrypted"])
        assert decide(submission(auth=auth), unreadable, context).kind == "needs_review"
