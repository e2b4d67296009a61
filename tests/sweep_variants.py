"""Hostile variants of signed letters, for the sweep (benchmarks/sweep.py): pyHanko signs a
letter that bears no ink, then something changes what it shows or breaks it. None of them
may be confirmed. A name holding "tampered" marks a change beyond what pyHanko allows after
signing (the signature must be reported invalid); "shadow" a form fill or an annotation
that paints over the signed page (reported as showing something else, for review).

    python -m tests.sweep_variants OUT_FOLDER [--rounds 3]   # then: benchmarks/sweep.py OUT_FOLDER
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Callable
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import signers

from tests.extractors.containers_build import outlook_message, tnef, zip_of
from tests.extractors.signing import fill_field, person_signer, sign, update, with_text_field
from tests.letters import Letter, letter_pdf, person

SIGNATORIES = ("John Kariuki", "Hery Rakotomalala", "Lucía Fernández Ortega", "Grace Wambui",
               "Amadou Diallo", "Søren Østergaard")
"""Each signs with a certificate in their own name: only the change after signing may stop a
confirmation, never a signer who is not the signatory."""
FIELD = (60.0, 560.0, 400.0, 600.0)
"""Where the letter's form field lies: over the nominee's lines."""

Variant = Callable[[bytes, signers.SimpleSigner], bytes]
"""From an unsigned letter (with an empty form field) and a signer, a hostile file."""


def _write(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rect(values: tuple[float, float, float, float]) -> generic.ArrayObject:
    return generic.ArrayObject([generic.FloatObject(v) for v in values])


def overlay(signed: bytes) -> bytes:
    """After signing, a second content stream paints a white box and a new address over the page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    paint = generic.StreamObject(stream_data=b"q 1 1 1 rg 60 560 340 40 re f Q "
                                             b"BT /Helv 11 Tf 62 575 Td (x.y@example.com) Tj ET")
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), writer.add_object(paint)])
    writer.update_container(page)
    return _write(writer)


def annotation_over(signed: bytes) -> bytes:
    """After signing, a square annotation whose appearance hides the nominee's lines."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    look = writer.add_object(generic.StreamObject({
        generic.NameObject("/Type"): generic.NameObject("/XObject"),
        generic.NameObject("/Subtype"): generic.NameObject("/Form"),
        generic.NameObject("/BBox"): _rect((0, 0, 340, 200))}, stream_data=b"1 1 1 rg 0 0 340 200 re f"))
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Square"),
        generic.NameObject("/Rect"): _rect((60, 500, 400, 700)),
        generic.NameObject("/F"): generic.NumberObject(4),
        generic.NameObject("/P"): page_ref,
        generic.NameObject("/AP"): generic.DictionaryObject({generic.NameObject("/N"): look})}))
    annots = page.get("/Annots")
    page["/Annots"] = generic.ArrayObject([*(annots or []), note])
    writer.update_container(page)
    return _write(writer)


def new_page(signed: bytes) -> bytes:
    """After signing, a page added at the end (a forged annex)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    content = writer.add_object(generic.StreamObject(
        stream_data=b"BT /Helv 12 Tf 72 700 Td (Additional nominee: x.y@example.com) Tj ET"))
    writer.insert_page(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): _rect((0, 0, 595, 842)),
        generic.NameObject("/Contents"): content,
        generic.NameObject("/Resources"): generic.DictionaryObject()}))
    return _write(writer)


def flipped_byte(signed: bytes) -> bytes:
    """One byte of the signed page content changed in place."""
    data = bytearray(signed)
    data[data.index(b"stream") + 40] ^= 0x01
    return bytes(data)


def broken_cms(signed: bytes) -> bytes:
    """The signature's CMS blob overwritten: a signature field with no usable signature."""
    data = bytearray(signed)
    start = data.index(b"/Contents <") + len(b"/Contents <")
    data[start:start + 60] = b"0" * 60
    return bytes(data)


def truncated(data: bytes) -> bytes:
    """The file cut short, as a mail client that gave up sends it."""
    return data[: len(data) * 2 // 3]


def encrypted(data: bytes) -> bytes:
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(data)))
    writer.encrypt("owner-secret", "user-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def garbled(data: bytes, seed: int) -> bytes:
    """Random bytes written over a tenth of the file, its header kept."""
    rng, out = random.Random(seed), bytearray(data)
    for _ in range(len(out) // 10):
        out[rng.randrange(16, len(out))] = rng.randrange(256)
    return bytes(out)


def _signed(letter: bytes, signer: signers.SimpleSigner) -> bytes:
    return sign(letter, signer)


VARIANTS: dict[str, Variant] = {
    "content.tampered.pdf": lambda letter, s: update(_signed(letter, s), "content"),
    "overlay.tampered.pdf": lambda letter, s: overlay(_signed(letter, s)),
    "new-page.tampered.pdf": lambda letter, s: new_page(_signed(letter, s)),
    "flipped-byte.tampered.pdf": lambda letter, s: flipped_byte(_signed(letter, s)),
    "form-fill.shadow.pdf": lambda letter, s: fill_field(_signed(letter, s), "x.y@example.com", True),
    "annotation.shadow.pdf": lambda letter, s: annotation_over(_signed(letter, s)),
    "broken-cms.pdf": lambda letter, s: broken_cms(_signed(letter, s)),
    "truncated.pdf": lambda letter, s: truncated(_signed(letter, s)),
    "encrypted.pdf": lambda letter, s: encrypted(_signed(letter, s)),
    "garbled.pdf": lambda letter, s: garbled(_signed(letter, s), len(letter)),
    "content.tampered.zip": lambda letter, s: zip_of([
        ("letter.pdf", update(_signed(letter, s), "content"))]),
    "overlay.tampered.msg": lambda letter, s: outlook_message([
        ("Nomination.pdf", overlay(_signed(letter, s)))]),
    "form-fill.shadow.dat": lambda letter, s: tnef([
        ("Nomination.pdf", fill_field(_signed(letter, s), "x.y@example.com", True))]),
}


def unsigned_letter(round_: int, index: int) -> tuple[bytes, str]:
    """A letter with no ink on it and an empty form field over the nominees, and its signatory."""
    signatory = SIGNATORIES[(round_ + index) % len(SIGNATORIES)]
    nominees = [person(1, "primary")] + [person(k, "alternate") for k in range(2, 2 + index % 3)]
    letter = Letter(signed=False, signatory=signatory, nominees=nominees)
    return with_text_field(letter_pdf(letter), FIELD), signatory


def write_variants(folder: Path, rounds: int = 1) -> list[Path]:
    """Every variant, `rounds` times, each round with other signatories and nominees."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for round_ in range(rounds):
        for index, (name, make) in enumerate(VARIANTS.items()):
            letter, signatory = unsigned_letter(round_, index)
            path = folder / f"{round_:02d}-{index:02d}-{name}"
            path.write_bytes(make(letter, person_signer(signatory)))
            written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write hostile signed-letter variants for the sweep.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    print(f"{len(write_variants(arguments.folder, arguments.rounds))} files in {arguments.folder}")
