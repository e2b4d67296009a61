"""An address read with a space for a dot is mended to a vouched-for domain only where its print gives it.

'zhang_si@mddi.gov 5g' is no address; beside two other nominees read
'@mddi.gov.sg' beyond doubt, its print (found under that reading, in its cell)
and the second engine may give 'mddi.gov.sg'. The properties, on cells drawn
in code in three faces, at photo sizes, in grey and in one bit, read by real
Tesseract and real PP-OCR:
- an address printed a letter off the vouched-for domain, read with a space,
  is never mended to the vouched-for one;
- one printed with it is mended, or left to a person, never anything else.
"""

from __future__ import annotations

import pytest

from extractors.letter import _vouched_domains
from extractors.model import Document, Nomination, Nominee
from tests.extractors.test_address_witness import cell_page, photographed_cell

PRINTS = [("zhang_si", "mddi.gov.sg", "mddi.gov.sg"), ("zhang_si", "mddl.gov.sg", "mddi.gov.sg"),
          ("erlan.nazarov", "mdai.gov.kz", "mdai.gov.kz"), ("erlan.nazarov", "mdal.gov.kz", "mdai.gov.kz")]
"""The local part, the domain printed and the one the letter vouches for."""
VARIANTS = [("noto-sans", 13, False), ("dejavu-serif", 16, True), ("mono", 20, True)]


def _spaced(domain: str) -> str:
    """The domain as a reading that took its last dot for a space and an 's' for a '5'."""
    head, _, tld = domain.rpartition(".")
    return f"{head} {tld.replace('s', '5')}"


@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), VARIANTS, ids=[f"{f}-{p}" for f, p, _ in VARIANTS])
def test_an_address_read_with_a_space_takes_the_vouched_domain_only_where_it_is_printed(
        face: str, pixels: int, one_bit: bool) -> None:
    for local, printed, vouched in PRINTS:
        read = f"{local}@{_spaced(printed)}"
        pages = cell_page(photographed_cell(f"{local}@{printed}", face, pixels, one_bit), read, None)
        nominee = Nominee(first_name="Siyu", last_name="Zhang", email=read, doubts={"email": "not found"})
        firm = Nominee(first_name="Wei", last_name="Zhang", email=f"zhang_we@{vouched}", accounted={"email"},
                       confidence={"email": 0.95})
        _vouched_domains(Nomination(nominees=[firm, nominee]), Document(name="scan.pdf", kind="pdf", pages=pages), None)
        assert nominee.email in (read, f"{local}@{printed}"), f"{local}@{printed} read {read!r} became {nominee.email!r}"
        assert ("email" in nominee.doubts) is (nominee.email == read)
