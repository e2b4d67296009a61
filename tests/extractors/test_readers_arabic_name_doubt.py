"""An Arabic name OCR misread is doubted when its address spells the rest of the name but not that word.

Names as Gulf, Levantine, Egyptian and Maghrebi ministries write them, with the addresses their
officials are given in three common shapes (given.family, initial.family, given.family with the
article); misreads as OCR makes them (one letter's dots for another's, a word taken for Latin letters).
"""

from __future__ import annotations

import pytest

from extractors.readers.arabic_name_doubt import contradicted_fields

NAMES = [
    # given name, family name, the given name and the family name in Latin letters
    ("خالد", "العنزي", "khaled", "alenezi"),
    ("نورة", "الصباح", "noura", "alsabah"),
    ("فهد", "الرشيدي", "fahad", "alrashidi"),
    ("عمر", "الحوراني", "omar", "hourani"),
    ("يوسف", "الزعبي", "yousef", "zoubi"),
    ("محمد", "المصري", "mohamed", "elmasry"),
    ("عبدالله", "الشمري", "abdullah", "alshammari"),
    ("ثامر", "الدوسري", "thamer", "aldosari"),
    ("غادة", "بن علي", "ghada", "benali"),
    ("أحمد", "عبد الفتاح", "ahmed", "abdelfattah"),
    ("رنا", "أبو زيد", "rana", "abuzeid"),
    ("ريم", "آل سعود", "reem", "alsaud"),
]


def _addresses(given: str, family: str) -> list[str]:
    return [f"{given}.{family}@gov.example", f"{given[0]}.{family}@gov.example", f"{given}_{family}@gov.example"]


@pytest.mark.parametrize(("first", "last", "given", "family"), NAMES)
def test_a_name_read_as_printed_is_never_doubted(first: str, last: str, given: str, family: str) -> None:
    for address in _addresses(given, family):
        assert contradicted_fields(address, first, last) == set(), address


@pytest.mark.parametrize(("first", "last", "address", "doubted"), [
    ("عمر", "الحوراتي", "omar.hourani@modee.gov.jo", {"last_name"}),  # ن read as ت
    ("عمر", "الحوراني", "omar.hourani@modee.gov.jo", set()),
    ("يوسف", "الزعني", "yousef.zoubi@modee.gov.jo", {"last_name"}),  # ب read as ن
    ("بوسف", "الزعبي", "yousef.zoubi@modee.gov.jo", {"first_name"}),  # ي read as ب
    ("خالد", "العبري", "khaled.alenezi@moc.gov.kw", {"last_name"}),  # a word of other letters
    ("رنا", "أبو ربد", "rana.abuzeid@mdtc.gov.sd", {"last_name"}),  # ز read as ر, ي as ب
    ("عمر", "wiljgall", "omar.hourani@modee.gov.jo", {"last_name"}),  # the word taken for Latin letters
    ("جالد", "العنزي", "khaled.alenezi@moc.gov.kw", {"first_name"}),  # خ read as ج
])
def test_a_misread_word_is_doubted_when_the_address_spells_the_rest(first: str, last: str, address: str,
                                                                    doubted: set[str]) -> None:
    assert contradicted_fields(address, first, last) == doubted


@pytest.mark.parametrize("address", ["dg.office@moc.gov.kw", "registry@mict.gov.na", "k7@moc.gov.kw", "", None])
def test_an_address_that_spells_nothing_of_the_name_contradicts_nothing(address: str | None) -> None:
    assert contradicted_fields(address, "خالد", "العبري") == set()


def test_a_latin_name_is_left_to_the_other_checks() -> None:
    """Only names holding Arabic letters are compared here (Latin and Cyrillic ones by extractors.names)."""
    assert contradicted_fields("amina.otieno@ict.go.ke", "Amina", "Otleno") == set()
