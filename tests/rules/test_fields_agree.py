"""The safety net: a letter whose names and addresses do not line up is never confirmed."""

from __future__ import annotations

import pytest

from extractors.model import Country, Nominee
from rules import fields_agree
from rules.base import RuleContext
from rules.decide import decide
from tests.rules.helpers import nomination, nominee, origin, submission

OURS = RuleContext(max_nominees=3, own_addresses=frozenset({"gcc-bot@itu.int"}))

# Three nominees per script, as a ministry of that language would write them.
LETTERS: dict[str, tuple[Country, list[tuple[str, str, str]]]] = {
    "ru": (Country("RUS", "Russian Federation"), [
        ("Екатерина Андреевна", "Волкова", "e.volkova@digital.gov.ru"),
        ("Ирина Павловна", "Григорян", "igrigoryan@digital.gov.ru"),
        ("Анна Сергеевна", "Кузнецова", "akuznetsova@digital.gov.ru")]),
    "ar": (Country("EGY", "Egypt"), [
        ("محمد", "النجار", "mohamed.elnaggar@mcit.gov.eg"),
        ("يوسف", "الخطيب", "youssefa@mcit.gov.eg"),
        ("سارة", "المصري", "sara.elmasry@mcit.gov.eg")]),
    "zh": (Country("CHN", "China"), [
        ("晓明", "王", "wangxiaoming@miit.gov.cn"),
        ("思雨", "司马", "simasiyu@miit.gov.cn"),
        ("雪梅", "欧阳", "ouyangxuemei@miit.gov.cn")]),
    "en": (Country("KEN", "Kenya"), [
        ("Amina", "Otieno", "a.otieno@ict.go.ke"),
        ("Patrick", "Mugisha", "dg.office@ict.go.ke"),
        ("Grace", "Chirwa", "gchirwa@ict.go.ke")]),
    "es": (Country("MEX", "Mexico"), [
        ("Daniela", "Hernández Ochoa", "hernandezochoa.daniela@atdt.gob.mx"),
        ("José Luis", "de la Garza", "joseluisd@atdt.gob.mx"),
        ("Emiliano", "Castañeda", "e.castaneda@atdt.gob.mx")]),
    "fr": (Country("SEN", "Senegal"), [
        ("Kouassi", "Ndiaye", "kndiaye@numerique.gouv.sn"),
        ("Souleymane", "Kouadio", "kouadio.souleymane@numerique.gouv.sn"),
        ("Marie-Laure", "Dubois-Matignon", "m.duboismatignon@numerique.gouv.sn")]),
}


def letter(script: str, emails: list[str | None] | None = None):  # type: ignore[no-untyped-def]
    country, people = LETTERS[script]
    addresses = emails if emails is not None else [e for _, _, e in people]
    roles = ["primary", "alternate", "advisor"]
    return nomination(*[nominee(k + 1, role=roles[k], first_name=first, last_name=last, email=email)
                        for k, ((first, last, _), email) in enumerate(zip(people, addresses))],
                      origin=origin(country=country))


def mismatches(nom, context: RuleContext = OURS) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(i.code, i.nominee) for i in fields_agree.rule.check(submission(), nom, context)]


@pytest.mark.parametrize("script", LETTERS)
def test_an_honest_letter_is_confirmed(script: str) -> None:
    assert mismatches(letter(script)) == []
    assert decide(submission(), letter(script), OURS).kind == "confirmed"


@pytest.mark.parametrize("script", LETTERS)
def test_our_address_read_as_nominee_1_and_the_rest_slid_down_goes_to_review(script: str) -> None:
    """The failure seen in a Russian DOCX table, in every script."""
    emails = [e for _, _, e in LETTERS[script][1]]
    slid = letter(script, ["gcc-secretariat@itu.int", emails[0], emails[1]])
    found = mismatches(slid)
    assert ("fields_mismatch", 1) in found
    assert ("fields_mismatch", 2) in found
    decision = decide(submission(), slid, OURS)
    assert decision.kind == "needs_review"
    assert any("secretariat's own address" in i.message for i in decision.issues)


@pytest.mark.parametrize("script", LETTERS)
def test_two_addresses_swapped_go_to_review(script: str) -> None:
    emails = [e for _, _, e in LETTERS[script][1]]
    swapped = letter(script, [emails[2], emails[1], emails[0]])
    assert {n for _, n in mismatches(swapped)} == {1, 3}
    assert decide(submission(), swapped, OURS).kind == "needs_review"


def test_a_configured_own_address_is_never_a_nominee() -> None:
    emails = [e for _, _, e in LETTERS["en"][1]]
    assert mismatches(letter("en", ["GCC-Bot@itu.int", *emails[1:]])) == [("fields_mismatch", 1)]


def test_an_address_used_twice_names_both_nominees() -> None:
    emails = [e for _, _, e in LETTERS["fr"][1]]
    twice = letter("fr", [emails[0], emails[1], emails[1]])
    assert ("fields_mismatch", 2) in mismatches(twice) and ("fields_mismatch", 3) in mismatches(twice)


@pytest.mark.parametrize("repaired", ["akuznetsova@digital.gov", "akuznetsova@digital.gouv.fr",
                                      "akuznetsova@mincom.gob.cu", "akuznetsova@digital.gov.r",
                                      "akuznetsova@digital.gouv"])
def test_an_address_at_another_governments_domain_goes_to_review(repaired: str) -> None:
    """'...@digital.gov,ru' cut into '...@digital.gov' lands at the US government's domain; cut at a
    line break, into a government domain of no country."""
    emails = [e for _, _, e in LETTERS["ru"][1]]
    assert mismatches(letter("ru", [*emails[:2], repaired])) == [("fields_mismatch", 3)]


@pytest.mark.parametrize("domain", ["gmail.com", "163.com", "mission-russia.ch", "itu-mission.org",
                                    "digital.gov.ru"])
def test_a_private_or_mission_domain_abroad_is_no_mismatch(domain: str) -> None:
    emails = [e for _, _, e in LETTERS["ru"][1]]
    assert mismatches(letter("ru", [*emails[:2], f"akuznetsova@{domain}"])) == []


def test_an_observer_may_use_its_own_domain() -> None:
    nom = letter("en", ["a.otieno@africa-union.org", "p.mugisha@africa-union.org", "gchirwa@au.int"])
    nom.origin = origin(participant_type="observer", country=None)
    assert mismatches(nom) == []


def test_a_government_domain_under_a_regional_suffix_is_no_mismatch() -> None:
    nom = letter("en", ["a.otieno@gov.scot", "dg.office@gov.wales", "gchirwa@dsit.gov.uk"])
    nom.origin = origin(country=Country("GBR", "United Kingdom"))
    assert mismatches(nom) == []
