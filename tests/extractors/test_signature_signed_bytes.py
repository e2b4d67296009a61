"""A PDF's bytes tell whether pyHanko need be asked about signatures at all: never wrongly 'no'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyhanko.sign import signers

from extractors.signature import find_signature
from extractors.signature.digital import digital_signature, signature_verdicts
from extractors.signature.signed_bytes import may_hold_signature, shows_signature_dictionary
from tests.extractors.signing import person_signer, sign, time_stamped, update
from tests.extractors.test_signature_digital import empty_signature_field
from tests.letters import Letter, letter_pdf, person

UNSIGNED = [Letter(signed=False), Letter(signed=True),
            Letter(nominees=[person(1, "primary"), person(2, "alternate")], signatory="Ana Pérez"),
            Letter(placeholder=True)]


@pytest.fixture(scope="module")
def signer() -> signers.SimpleSigner:
    return person_signer("Amina Diallo")


@pytest.mark.parametrize("letter", UNSIGNED)
def test_a_letter_without_signature_fields_needs_no_signature_check(letter: Letter) -> None:
    data = letter_pdf(letter)
    assert not may_hold_signature(data)
    assert digital_signature(data) is None  # what pyHanko would have said


def test_every_signed_or_once_signed_file_is_checked(signer: signers.SimpleSigner) -> None:
    signed = sign(letter_pdf(Letter(signed=False)), signer)
    variants = [signed, update(signed, "content"), update(signed, "metadata"),
                time_stamped(letter_pdf(Letter(signed=False))),
                empty_signature_field(letter_pdf(Letter(signed=False)))]
    for data in variants:
        assert may_hold_signature(data)


@pytest.mark.parametrize("name", [b"/AcroForm", b"/Acro#46orm", b"/#41croForm", b"/ByteRange",
                                  b"/Byte#52ange", b"/ObjStm", b"/Obj#53tm", b"/#4f#62#6a#53#74#6d"])
def test_a_name_spelled_with_hex_escapes_still_counts(name: bytes) -> None:
    """PDF names may write any character as '#xx'; an object stream hides every name inside it."""
    data = letter_pdf(Letter(signed=False))
    assert may_hold_signature(data.replace(b"%%EOF", b"<< " + name + b" 1 >>\n%%EOF"))


JUDGE_SIGNATURE = """
import sys
from extractors.readers.pdf import read_pdf
from extractors.signature import find_signature
document = read_pdf("letter.pdf", open(sys.argv[1], "rb").read())
print(find_signature(document, ()).kind, "pyhanko" in sys.modules)
"""


def test_a_letter_signed_in_ink_is_judged_without_loading_pyhanko(tmp_path: Path) -> None:
    """pyHanko takes a second to load: a letter with no signature field never pays for it."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf(Letter(signed=True)))
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", JUDGE_SIGNATURE, str(path)], cwd=root,
                          capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.split() == ["handwritten", "False"]


@pytest.mark.parametrize(("name", "signed"), [(b"/ByteRange", True), (b"/Byte#52ange", True),
                                              (b"/AcroForm", False)])
def test_an_unreadable_pdf_was_signed_when_it_names_a_byte_range(name: bytes, signed: bool) -> None:
    """A signature dictionary's /ByteRange, in any spelling, says a signature was made even when
    the file no longer opens; a bare /AcroForm only offers a field to sign."""
    data = b"%PDF-1.7\n1 0 obj << " + name + b" [0 10 20 30] >> endobj\n%%EOF\n"
    assert shows_signature_dictionary(data) == signed
    assert (signature_verdicts(data) is not None) == signed
