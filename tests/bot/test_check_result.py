"""The `check --json` object: its keys in the contract's order, and a stored case that gives
back the letter it was made of."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bot.judge import CheckResult, check_result
from bot.party import party_of
from extractors.model import (Country, Nomination, Nominee, Origin, Signatory, SignatureEvidence,
                              SignatureFacts, SignedFile, Submission)
from rules.base import Decision, Issue

CONTRACT_KEYS = ["file", "message_id", "sender", "decision", "language", "country",
                 "participant_type", "observer", "ministry", "signatory", "signature",
                 "nominees", "intent", "withdrawn", "issues", "digital_signatures"]


KENYA = Origin(Country("KEN", "Kenya"), "member_state", None, "government",
               ("letterhead Kenya, sender's domain .ug",), 0.5)
APT = Origin(None, "observer", "Asia-Pacific Telecommunity", "intergovernmental", (), 0.9)


def _submission() -> Submission:
    return Submission(message_id="<l1@ict.go.ke>", sender="ps@ict.go.ke", sender_name=None,
                      subject="Nomination", date=None, text_body="", html_body="",
                      attachments=(), headers=(), content_hash="0" * 64)


def _letter() -> Nomination:
    return Nomination(
        language="en", origin=KENYA,
        ministry="Ministry of ICT", signatory=Signatory("John Kariuki", "Principal Secretary",
                                                        seniority="senior"),
        signature=SignatureEvidence(kind="handwritten", detail="ink", crop_png=b"\x89PNG"),
        nominees=[Nominee(title="Ms", first_name="Amina", last_name="Otieno", job_title="",
                          role="primary", organization="ICT", email="A.Otieno@ICT.go.ke",
                          confidence={"email": 0.9})],
        intent="replace",
        withdrawn=[Nominee(first_name="Brian", last_name="Kamau", email="b.kamau@ict.go.ke",
                           action="withdraw")],
        is_letter=True, relevant=True, notes=["read as template layout"])


def test_the_keys_stand_in_the_contracts_order_and_say_only_what_the_contract_says() -> None:
    result = check_result("a.eml", _submission(), _letter(), Decision("confirmed"))
    printed = json.loads(result.as_json())
    assert list(printed) == CONTRACT_KEYS
    assert printed["signatory"] == {"name": "John Kariuki", "title": "Principal Secretary"}
    assert printed["signature"] == {"present": True, "kind": "handwritten", "valid": True}
    assert printed["nominees"][0] == {"title": "Ms", "first_name": "Amina",
                                      "last_name": "Otieno", "job_title": "", "role": "primary",
                                      "organization": "ICT", "email": "a.otieno@ict.go.ke"}


def test_a_stored_case_gives_back_the_letter_its_replies_were_made_of() -> None:
    result = check_result("a.eml", _submission(), _letter(),
                          Decision("corrections_requested", (Issue("unsigned", "No ink."),)))
    again = CheckResult.model_validate(json.loads(json.dumps(result.stored())))
    assert again.as_json() == result.as_json()
    assert again.letter == result.letter
    [nominee] = again.letter.nominees
    assert (nominee.email, nominee.job_title, nominee.action) == (
        "a.otieno@ict.go.ke", "", "nominate")  # as printed
    assert [p.action for p in again.letter.withdrawn] == ["withdraw"]


@pytest.mark.parametrize(("origin", "party"), [(KENYA, "KEN"), (APT, "IGO:Asia-Pacific Telecommunity")],
                         ids=["member state", "observer"])
def test_a_stored_case_gives_back_who_sent_the_letter(origin: Origin, party: str) -> None:
    """The contract's keys say the country or the IGO; what they do not keep (the kind of
    sender, the contradictions, which went into the decision) is not made up on reading back."""
    letter = dataclasses.replace(_letter(), origin=origin)
    result = check_result("a.eml", _submission(), letter, Decision("confirmed"))
    again = CheckResult.model_validate(json.loads(json.dumps(result.stored()))).letter
    assert again.origin == dataclasses.replace(origin, sender_kind=None, conflicts=(), confidence=1.0)
    assert party_of(again) == party_of(letter) == party


def test_a_decision_taken_again_keeps_the_letter() -> None:
    result = check_result(None, _submission(), _letter(), Decision("needs_review"))
    decided = result.decided(Decision("confirmed", reason="secretariat"))
    assert (decided.decision, decided.issues, decided.letter) == ("confirmed", [], result.letter)


SIGNED = SignedFile("letter.pdf", "Signature1", "valid",
                    SignatureFacts("signature", intact=True, valid=True, trusted=False,
                                   coverage="ENTIRE_FILE", modification="NONE",
                                   signer="Common Name: John Kariuki",
                                   signing_time="2026-03-02T10:00:00+00:00"),
                    letter=True, detail="Signature1: signed by John Kariuki")
BROKEN = SignedFile("annex.pdf", "Signature1", "not a signature",
                    detail="Signature1: not a usable signature (ValueError)")


def test_each_signature_is_one_flat_object_that_reads_back_into_its_facts() -> None:
    letter = dataclasses.replace(_letter(), signed_files=[SIGNED, BROKEN])
    result = check_result("a.eml", _submission(), letter, Decision("confirmed"))
    signed, broken = result.stored()["digital_signatures"]
    assert signed == {"file": "letter.pdf", "field": "Signature1", "verdict": "valid",
                      "kind": "signature", "letter": True, "intact": True, "valid": True,
                      "trusted": False, "coverage": "ENTIRE_FILE", "modification": "NONE",
                      "signer": "Common Name: John Kariuki",
                      "signing_time": "2026-03-02T10:00:00+00:00",
                      "detail": "Signature1: signed by John Kariuki"}
    assert list(broken) == list(signed)
    assert [broken[key] for key in ("kind", "intact", "signer", "signing_time")] == [None] * 4
    again = CheckResult.model_validate(json.loads(result.as_json()))
    assert again.digital_signatures == [SIGNED, BROKEN]
    assert again.as_json() == result.as_json()


def test_a_signature_stored_before_time_stamps_were_told_apart_reads_back_as_a_signature() -> None:
    stored = {"file": "letter.pdf", "field": "Signature1", "verdict": "valid", "intact": True,
              "valid": True, "trusted": False, "coverage": "ENTIRE_FILE", "modification": "NONE",
              "signer": "Common Name: John Kariuki",
              "signing_time": "2026-03-02T10:00:00+00:00",
              "detail": "Signature1: signed by John Kariuki"}
    again = CheckResult.model_validate({"decision": "confirmed", "digital_signatures": [stored]})
    assert again.digital_signatures == [dataclasses.replace(SIGNED, letter=False)]
