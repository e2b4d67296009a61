"""A local part that is the nominee's name but for glyphs OCR confuses is a misreading."""

from __future__ import annotations

import pytest

from extractors.lookalike_names import lookalike_of_name, name_forms

NAMES = [("Rémi", "Lefèvre"), ("Julien", "Le Goff"), ("Camille", "Dumont"), ("Lili", "Illich")]
FORMS = ["{f}.{l}", "{i}{l}", "{i}.{l}", "{f}_{l}", "{l}.{f}", "{f}{l}"]
SWAPS = [("l", "i"), ("l", "1"), ("m", "rn"), ("d", "cl"), ("o", "0"), ("s", "5")]


def _form(pattern: str, first: str, last: str) -> str:
    f, l = (name.lower().replace("é", "e").replace("è", "e").replace(" ", "") for name in (first, last))
    return pattern.format(f=f, l=l, i=f[0])


@pytest.mark.parametrize(("first", "last"), NAMES)
@pytest.mark.parametrize("pattern", FORMS)
def test_the_name_exactly_is_not_doubted(first: str, last: str, pattern: str) -> None:
    assert lookalike_of_name(_form(pattern, first, last), first, last) is None


MISREADINGS = [(first, last, _form(pattern, first, last), right, wrong)
               for first, last in NAMES for pattern in FORMS for right, wrong in SWAPS
               if right in _form(pattern, first, last)]
"""Every form of every name with one of its letters read as a look-alike."""


@pytest.mark.parametrize(("first", "last", "local", "right", "wrong"), MISREADINGS)
def test_one_confused_glyph_is_doubted(first: str, last: str, local: str, right: str, wrong: str) -> None:
    misread = local.replace(right, wrong, 1)
    assert lookalike_of_name(misread, first, last) == local


def test_an_address_unlike_the_name_is_left_to_the_other_checks() -> None:
    assert lookalike_of_name("secretariat", "Rémi", "Lefèvre") is None
    assert lookalike_of_name("riefevre", None, "Lefèvre") is None


def test_forms_cover_compound_names() -> None:
    assert {"julien.legoff", "julien.le.goff", "jlegoff", "j.le-goff"} <= name_forms("Julien", "Le Goff")


@pytest.mark.parametrize("misread", ["micastillo", "mijcastillo"])
def test_a_j_read_as_i_or_ij_is_doubted(misread: str) -> None:
    """'mjcastillo' (María José's initials) comes out of a 1-bit scan as 'micastillo' or 'mijcastillo'."""
    assert lookalike_of_name(misread, "María José", "Castillo") == "mjcastillo"


def test_a_name_misread_beside_a_right_address_is_doubted_too() -> None:
    """The surname read 'Castilio' and the address read 'micastillo': neither may confirm the other."""
    assert lookalike_of_name("micastillo", "María José", "Castilio") == "mjcastilio"
    assert lookalike_of_name("mjcastillo", "María José", "Castilio") == "mjcastilio"
