"""The rules that judge the letter's content, one at a time."""

from __future__ import annotations

from rules import country_known, eligible, confident, letter_found, nominee_limit, primary_contact
from rules import required_fields, valid_emails
from rules.base import RuleContext
from tests.rules.helpers import nomination, nominee, origin, submission

CONTEXT = RuleContext(max_nominees=3)


def codes(rule_module, nom, context: RuleContext = CONTEXT) -> list[str]:  # type: ignore[no-untyped-def]
    return [issue.code for issue in rule_module.rule.check(submission(), nom, context)]


def test_a_complete_nominee_has_no_missing_field() -> None:
    assert codes(required_fields, nomination()) == []


def test_each_empty_field_is_named_with_its_nominee() -> None:
    nom = nomination(nominee(1), nominee(2, role="alternate", email=None, job_title="  "))
    issues = required_fields.rule.check(submission(), nom, CONTEXT)
    assert [(i.code, i.field, i.nominee) for i in issues] == [
        ("missing_field", "job_title", 2), ("missing_field", "email", 2)]
    assert "Nominee 2" in issues[0].message


def test_a_malformed_email_is_invalid_and_names_the_nominee() -> None:
    nom = nomination(nominee(1, email="f.nazarov@khs,tj"), nominee(2, role="alternate"))
    issues = valid_emails.rule.check(submission(), nom, CONTEXT)
    assert [(i.code, i.nominee) for i in issues] == [("invalid_email", 1)]


def test_well_formed_emails_pass() -> None:
    nom = nomination(nominee(1, email="k.owusu-ansah@moc.gov.gh"),
                     nominee(2, role="alternate", email="abena.o'neil@dia.govt.nz"))
    assert codes(valid_emails, nom) == []


def test_three_nominees_are_allowed_four_are_too_many() -> None:
    three = [nominee(1)] + [nominee(n, role="alternate") for n in (2, 3)]
    assert codes(nominee_limit, nomination(*three)) == []
    assert codes(nominee_limit, nomination(*three, nominee(4, role="advisor"))) == [
        "too_many_nominees"]


def test_the_limit_is_a_setting() -> None:
    two = nomination(nominee(1), nominee(2, role="alternate"))
    assert codes(nominee_limit, two, RuleContext(max_nominees=1)) == ["too_many_nominees"]


def test_an_addition_counts_those_already_in_force() -> None:
    in_force = (nominee(1), nominee(2, role="alternate"))
    adding_two = nomination(nominee(3, role="alternate"), nominee(4, role="advisor"),
                            intent="add")
    assert codes(nominee_limit, adding_two, RuleContext(3, in_force)) == ["too_many_nominees"]
    adding_one = nomination(nominee(3, role="advisor"), intent="add")
    assert codes(nominee_limit, adding_one, RuleContext(3, in_force)) == []


def test_a_replacement_stands_alone_and_a_renamed_nominee_counts_once() -> None:
    in_force = tuple(nominee(n, role="alternate") for n in (1, 2, 3))
    replacing = nomination(nominee(4), intent="replace")
    assert codes(nominee_limit, replacing, RuleContext(3, in_force)) == []
    repeating = nomination(nominee(1), nominee(2, role="alternate"), nominee(3, role="advisor"))
    assert codes(nominee_limit, repeating, RuleContext(3, in_force)) == []


def test_exactly_one_primary_contact() -> None:
    assert codes(primary_contact, nomination(nominee(1), nominee(2, role="alternate"))) == []
    assert codes(primary_contact, nomination(nominee(1, role="alternate"),
                                             nominee(2, role="advisor"))) == ["no_primary_contact"]
    assert codes(primary_contact, nomination(nominee(1), nominee(2))) == [
        "multiple_primary_contacts"]


def test_an_added_alternate_keeps_the_primary_in_force() -> None:
    context = RuleContext(3, (nominee(1),))
    assert codes(primary_contact, nomination(nominee(2, role="alternate"), intent="add"),
                 context) == []
    assert codes(primary_contact, nomination(nominee(2), intent="add"), context) == [
        "multiple_primary_contacts"]


def test_no_letter_unreadable_attachment_and_a_letter_without_nominees() -> None:
    assert codes(letter_found, nomination(is_letter=False, nominees=[])) == ["no_letter"]
    unreadable = nomination(is_letter=False, nominees=[], unreadable=["x.pdf is encrypted"])
    assert codes(letter_found, unreadable) == ["unreadable_attachment"]
    assert codes(letter_found, nomination(nominees=[])) == ["low_confidence"]
    assert codes(letter_found, nomination()) == []


def test_a_private_sender_or_a_state_outside_itu_is_not_eligible() -> None:
    def sender(kind: str | None, participant_type: str | None = None) -> list[str]:
        return codes(eligible, nomination(origin=origin(
            country=None, participant_type=participant_type, sender_kind=kind)))

    assert sender("private") == ["not_eligible"]
    assert sender("non_member_state") == ["not_eligible"]
    assert sender("non_member_state", "observer") == []  # a state outside ITU with observer status
    assert sender("intergovernmental", "observer") == []
    assert sender(None) == []  # nothing known of the sender: country_known sends it to a person
    assert codes(eligible, nomination(origin=origin(sender_kind="public_body"))) == []


def test_an_unknown_or_contradicted_origin_needs_a_human() -> None:
    assert codes(country_known, nomination(origin=origin(country=None, participant_type=None))) == [
        "country_unknown"]
    assert codes(country_known, nomination(origin=origin(conflicts=("letterhead Kenya, domain .ug",)))) == [
        "low_confidence"]
    assert codes(country_known, nomination(origin=origin(
        country=None, participant_type="observer", observer_name="Asia-Pacific Telecommunity"))) == []


def test_a_doubtful_reading_is_low_confidence() -> None:
    assert codes(confident, nomination(confidence=0.3)) == ["low_confidence"]
    assert codes(confident, nomination(confidence=0.9)) == []


def test_a_field_missing_from_an_ocr_reading_goes_to_a_person_first() -> None:
    from rules import legible_fields

    ocr_missing = nomination(nominee(1, job_title=None), read_by_ocr=True)
    assert codes(legible_fields, ocr_missing) == ["low_confidence"]
    assert codes(legible_fields, nomination(nominee(1, job_title=None))) == []
    assert codes(legible_fields, nomination(read_by_ocr=True)) == []


def test_a_field_the_scan_shows_blank_is_asked_for_without_a_person() -> None:
    from rules import legible_fields

    shown_blank = nominee(1, job_title=None)
    shown_blank.blank = {"job_title"}
    assert codes(legible_fields, nomination(shown_blank, read_by_ocr=True)) == []
    also_missing = nominee(1, job_title=None, email=None)
    also_missing.blank = {"job_title"}
    assert codes(legible_fields, nomination(also_missing, read_by_ocr=True)) == ["low_confidence"]


def test_an_address_missing_a_whole_part_its_ink_all_read_is_asked_for_without_a_person() -> None:
    """The ink proves no character was lost, so 'gabrielav@' is what the page says; it cannot
    prove which character a mark is, so a comma for a dot still goes to a person first."""
    from rules import legible_fields

    for printed in ("gabrielav@", "@mitic.gov.py"):
        sure = nominee(1, email=printed, accounted={"email"})
        assert codes(legible_fields, nomination(sure, read_by_ocr=True)) == [], printed
        unchecked = nominee(1, email=printed)
        assert codes(legible_fields, nomination(unchecked, read_by_ocr=True)) == ["low_confidence"], printed
    for printed in ("a.kuznetsova@digital.gov,ru", "liu_ha@pbc. gov.cn", "s@@finances.gouv.fr", "marlon.forde.mdt.gov.tt"):
        wrong_mark = nominee(1, email=printed, accounted={"email"})
        assert codes(legible_fields, nomination(wrong_mark, read_by_ocr=True)) == ["low_confidence"], printed
