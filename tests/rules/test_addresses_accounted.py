"""An address OCR read is acted on only when its ink and the nominee's name account for it."""

from __future__ import annotations

from rules.addresses_accounted import rule
from rules.base import RuleContext
from rules.decide import decide
from tests.rules.helpers import nomination, nominee, submission

LOST_DOT = "olivierrousseau@finances.gouv.fr: its ink shows 3 dots or dashes on the line but 2 were read"


def test_ink_the_reading_left_out_sends_the_letter_to_review() -> None:
    letter = nomination(nominee(first_name="Olivier", last_name="Rousseau", email="olivierrousseau@finances.gouv.fr",
                                doubts={"email": LOST_DOT}), read_by_ocr=True)
    issues = rule.check(submission(), letter, RuleContext())
    assert [(i.code, i.field, i.nominee) for i in issues] == [("low_confidence", "email", 1)]
    assert LOST_DOT in issues[0].message
    assert decide(submission(), letter, RuleContext()).kind == "needs_review"


def test_a_name_read_with_a_look_alike_letter_sends_the_letter_to_review() -> None:
    letter = nomination(nominee(first_name="Rémi", last_name="Lefèvre", email="riefevre@francophonie.org"),
                        read_by_ocr=True)
    issues = rule.check(submission(), letter, RuleContext())
    assert len(issues) == 1 and "'rlefevre'" in issues[0].message and "riefevre@francophonie.org" in issues[0].message


def test_an_address_accounted_for_is_acted_on() -> None:
    letter = nomination(nominee(first_name="Rémi", last_name="Lefèvre", email="rlefevre@francophonie.org"),
                        read_by_ocr=True)
    assert rule.check(submission(), letter, RuleContext()) == []


def test_a_text_letter_prints_what_the_ministry_typed() -> None:
    letter = nomination(nominee(first_name="Rémi", last_name="Lefèvre", email="riefevre@francophonie.org"))
    assert rule.check(submission(), letter, RuleContext()) == []


def test_a_domain_ending_in_no_top_level_domain_is_a_misreading() -> None:
    letter = nomination(nominee(first_name="Ali", last_name="Al-Hilli", email="a.al-hilli@moi.gov.ig"),
                        read_by_ocr=True)
    issues = rule.check(submission(), letter, RuleContext())
    assert len(issues) == 1 and "'.ig'" in issues[0].message


def test_country_and_generic_domains_are_real() -> None:
    for email in ("a.al-hilli@moi.gov.iq", "r.lefevre@francophonie.org", "k.ndiaye@itu.int", "a@ict.go.ke"):
        letter = nomination(nominee(first_name="X", last_name="Y", email=email), read_by_ocr=True)
        assert rule.check(submission(), letter, RuleContext()) == [], email


def test_a_domain_a_letter_or_two_from_another_nominees_is_a_misreading() -> None:
    """A ministry writes its own domain the same way each time; OCR does not (d read as 'ia')."""
    for read in ("miatc.gov.sd", "mdtc.gov.so", "mdtcc.gov.sd", "mdt.gov.sd"):
        letter = nomination(nominee(first_name="Mariam", last_name="Najjar", email="mariame@mdtc.gov.sd"),
                            nominee(first_name="Mohamed", last_name="Masri", email=f"mohamede@{read}"),
                            read_by_ocr=True)
        issues = rule.check(submission(), letter, RuleContext())
        assert {i.nominee for i in issues} == {1, 2}, read
        assert all(read in i.message or "mdtc.gov.sd is" in i.message for i in issues), read


def test_nominees_of_distinct_bodies_keep_their_domains() -> None:
    for first, second in (("mdtc.gov.sd", "mdtc.gov.sd"), ("ict.go.ke", "treasury.go.ke"),
                          ("mfa.gov.sd", "mdtc.gov.sd"), ("itu.int", "un.org"),
                          ("gov.fi", "dvv.fi")):
        letter = nomination(nominee(first_name="Mariam", last_name="Najjar", email=f"mariame@{first}"),
                            nominee(first_name="Mohamed", last_name="Masri", email=f"m.masri@{second}"),
                            read_by_ocr=True)
        assert rule.check(submission(), letter, RuleContext()) == [], (first, second)


def test_a_malformed_address_is_left_to_the_validity_rule() -> None:
    """'digital.gov,ru' is a defect to be corrected (valid_emails), not a sign the others are misread."""
    letter = nomination(nominee(first_name="Ivan", last_name="Petrov", email="i.petrov@digital.gov,ru"),
                        nominee(first_name="Olga", last_name="Smirnova", email="o.smirnova@digital.gov.ru"),
                        read_by_ocr=True)
    assert [i.nominee for i in rule.check(submission(), letter, RuleContext())
            if "one or two letters away" in i.message] == []


def test_an_address_with_no_domain_is_left_to_valid_emails() -> None:
    """'gabrielav@' has no top-level domain to doubt: its defect is the missing domain, named once."""
    letter = nomination(nominee(first_name="Gabriela", last_name="Vargas Llosa", email="gabrielav@"), read_by_ocr=True)
    assert rule.check(submission(), letter, RuleContext()) == []
