"""Submission -> Nomination: find the letter among what the mail carries, then read it.

This is the one place where the readers, the language and origin resolvers,
the field parser and the signature finder meet; each of them stays a pure
function of its input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from extractors.fields import ParsedLetter, letter_score, parse_letter
from extractors.auth_results import authenticated_domain
from extractors.language import detect_language
from extractors.model import (ANNEX2_FIELDS, Attachment, Document, Nomination, Nominee, Signatory,
                              SignedFile, Submission, UnreadableDocument)
from extractors.readers import read_attachment, read_body, unpack
from extractors.readers.sniff import sniff
from extractors.readers.picture_pages import join_picture_pages
from extractors.readers.arabic_name_doubt import ARABIC_DOUBT, contradicted_fields
from extractors.readers.han_name_doubt import PINYIN_DOUBT, contradicted
from extractors.readers.mended_fields import mend_doubtful_fields
from extractors.readers.word_confidence import value_confidence

LETTER_THRESHOLD = 0.35
"""letter_score above which a document is taken for a nomination letter."""

_RELEVANT = re.compile(
    r"\bGCC\b|Open\s?Wallet|\bTSB\b|\bБСЭ\b|Circular\w*\s*(?:TSB\s*)?0*6\b|government(?:al)? committee"
    r"|comit[ée] (?:gouvernemental|gubernamental|de gobiernos)|правительственн\w* комитет|اللجنة الحكومية"
    r"|政府(?:咨询)?委员会",
    re.IGNORECASE,
)
"""What a nomination attempt names: the committee, the forum or the circular. 'Nomination' alone
does not make a mail one: award scams and newsletters talk of nominations too, and an answer to
them is backscatter."""


def _candidates(submission: Submission) -> tuple[list[Document], list[str], list[SignedFile]]:
    """The documents that may be the letter, the files that could not be read, and every
    digital signature of every PDF (read or not: a signed annex is evidence too)."""
    documents: list[Document] = []
    unreadable: list[str] = []
    signed: list[SignedFile] = []
    unpacked = unpack(submission.attachments)
    unreadable.extend(f"{container.filename or 'a container'}: {exc}"
                      for container, exc in unpacked.failed)
    for attachment in unpacked.files:
        if sniff(attachment.data) == "pdf":
            signed.extend(_signed_files(attachment))
        try:
            document = read_attachment(attachment)
        except UnreadableDocument as exc:
            unreadable.append(f"{attachment.filename or attachment.content_type}: {exc}")
            continue
        if document is not None:
            documents.append(document)
    documents = join_picture_pages(documents)
    body = read_body(submission.text_body, submission.html_body, submission.attachments)
    if body is not None:
        documents.append(body)
    return documents, unreadable, signed


def _signed_files(attachment: Attachment) -> list[SignedFile]:
    """pyHanko is imported only for a PDF whose bytes may hold a signature (the same test as the letter's)."""
    from extractors.signature.signed_bytes import may_hold_signature  # a mail without PDFs loads no signature code

    if not may_hold_signature(attachment.data):
        return []
    from extractors.signature.digital import signed_files

    return signed_files(attachment.filename or "attachment", attachment.data)


def _pick_letter(documents: list[Document]) -> tuple[Document | None, str, ParsedLetter | None]:
    """The candidate that looks most like a nomination letter and names someone, and why.

    A cover note that talks about the letter can score above a letter whose table reads
    poorly: the best-scoring candidate that names a representative is the letter, and the
    best-scoring one only when none does.
    """
    scored = sorted(((letter_score(d.text), i, d) for i, d in enumerate(documents)),
                    key=lambda item: (-item[0], item[1]))
    ranked = [(score, d) for score, _, d in scored if score >= LETTER_THRESHOLD]
    if not ranked:
        return None, "no candidate looked like a nomination letter", None
    parsed = [(score, d, parse_letter(d, detect_language(d.text))) for score, d in ranked]
    score, best, reading = next((c for c in parsed if c[2].nominees or c[2].withdrawn), parsed[0])
    others = ", ".join(f"{d.name} ({s:.2f})" for s, _, d in scored if d is not best)
    why = f"{best.name}: letter score {score:.2f}" + (f"; others: {others}" if others else "")
    return best, why, reading


def _letter_hash(document: Document) -> str:
    content = document.data if document.kind != "body" else " ".join(document.text.split()).encode()
    return hashlib.sha256(content).hexdigest()


def _field_confidences(nomination: Nomination, letter: Document) -> None:
    """Each OCRed field as sure as its least sure word, so that one doubtful value is seen."""
    for nominee in nomination.nominees:
        for key in ANNEX2_FIELDS:
            value = getattr(nominee, key)
            score = value_confidence(letter.pages, value) if isinstance(value, str) and key != "role" else None
            if score is not None:
                nominee.confidence[key] = min(nominee.confidence.get(key, 1.0), score)
        doubted = contradicted(nominee.email, nominee.first_name, nominee.last_name)
        for key in ("first_name", "last_name"):
            if doubted & set(getattr(nominee, key) or ""):
                nominee.confidence[key] = min(nominee.confidence.get(key, 1.0), PINYIN_DOUBT)
        for key in contradicted_fields(nominee.email, nominee.first_name, nominee.last_name):
            nominee.confidence[key] = min(nominee.confidence.get(key, 1.0), ARABIC_DOUBT)


def _address_doubts(nomination: Nomination, letter: Document) -> None:
    """Each OCRed address checked against its ink: a meeting link must not go to a misreading.
    The local parts the nominee's name makes are a witness to a disputed one. An address its ink
    accounts for is read by the second engine too (address_crosscheck): Tesseract's readings may all
    take one glyph for another alike; an address it doubts stays accounted for by its ink, which a
    vouched-for domain the witness reads may still back (_witnessed_domain). (OpenCV and Tesseract are
    imported here: only a scanned letter needs them.)"""
    from extractors.readers.address_crosscheck import cross_check
    from extractors.readers.address_ink import ink_doubt
    from extractors.readers.address_witness import nominee_local_parts

    for number, nominee in enumerate(nomination.nominees, start=1):
        if not nominee.email or "@" not in nominee.email:
            continue
        names = nominee_local_parts(nominee.first_name, nominee.last_name)
        doubt = ink_doubt(letter.pages, nominee.email, names)
        checked = cross_check(letter.pages, nominee.email, names) if doubt is None else None
        if checked and checked.name_form:
            nomination.notes.append(f"nominee {number}: {nominee.email} read as {checked.name_form}: a second "
                                    "engine reads the form of the name where Tesseract read look-alike glyphs")
            nominee.email = checked.name_form
        if doubt is None:
            nominee.accounted.add("email")
        doubt = doubt or (checked.doubt if checked else None)
        if doubt:
            nominee.doubts["email"] = doubt


def _signatory_under_stamp(nomination: Nomination, letter: Document) -> None:
    """A signed scan whose page pass named no signatory: the block's print read again without the stamp
    over it (signature/under_stamp.py). A name read there replaces none; a title only fills a missing one."""
    if nomination.signature.kind != "handwritten" or nomination.signatory.name:
        return
    from extractors.seniority import seniority
    from extractors.signature.under_stamp import reread_signatory

    found = reread_signatory(letter, nomination.signature, nomination.language)
    title = nomination.signatory.title or found.title
    if found.name or title != nomination.signatory.title:
        nomination.signatory = Signatory(found.name, title, seniority(title, nomination.language))


def _vouched_domains(nomination: Nomination, letter: Document, sender_domain: str | None) -> None:
    """Each address whose readings dispute its domain, witnessed by a domain the letter vouches for
    (readers.domain_witness): the authenticated sender's, or one other nominees' addresses were read
    with beyond doubt. Those are taken from the first reading of all, so that no address backed here
    backs another."""
    from extractors.readers.domain_witness import firm_domain, vouched_domains

    firm = [firm_domain(nominee) for nominee in nomination.nominees]
    for number, nominee in enumerate(nomination.nominees):
        note = _witnessed_domain(letter, nominee, vouched_domains(firm, number, sender_domain))
        if note:
            nomination.notes.append(f"nominee {number + 1}: {note}")


def _witnessed_domain(letter: Document, nominee: Nominee, vouched: frozenset[str]) -> str | None:
    """What the vouched-for domains settled about the nominee's address (see _vouched_domains), if anything:
    a disputed address with one of them is read again with it as a witness; an address a letter or two
    off one of them, which Tesseract was not sure of itself, takes a reading of its ink that gives it, if
    the second engine settles that (a firm reading against the witness is a person's to weigh). An
    address the second engine doubted (address_crosscheck) is not settled by a vouched domain alone:
    only a reading the second engine reads exactly may replace it."""
    from extractors.readers.address_ink import ink_doubt
    from extractors.readers.address_witness import WITNESS_SURE, nominee_local_parts
    from extractors.readers.domain_witness import FIRM, backed_reading, domain_of, near_domain

    address, names = nominee.email or "", nominee_local_parts(nominee.first_name, nominee.last_name)
    if "email" in nominee.doubts and len(address.split()) > 1:
        return _mended_address(letter, nominee, vouched, names)
    if "email" in nominee.doubts and "email" not in nominee.accounted and domain_of(address) in vouched:
        if ink_doubt(letter.pages, address, names, vouched) is not None:
            return None
        del nominee.doubts["email"]
        nominee.accounted.add("email")
        return f"{address}: its domain, vouched for by the letter, settles what its readings disputed"
    unsure = ("email" in nominee.accounted and nominee.confidence.get("email", 1.0) < FIRM
              and domain_of(address) not in vouched)
    near = near_domain(domain_of(address), sorted(vouched)) if unsure else None
    backed = backed_reading(letter.pages, address, near, names) if near else None
    if backed is None:
        return None
    nominee.email = backed
    nominee.doubts.pop("email", None)  # the second engine's, which read the backed address
    nominee.confidence["email"] = max(nominee.confidence.get("email", 0.0), WITNESS_SURE)
    return f"{address} read as {backed}: its ink and a second engine give {near}, vouched for by the letter"


def _mended_address(letter: Document, nominee: Nominee, vouched: frozenset[str], names: frozenset[str]) -> str | None:
    """An address read with a space in it ('zhang_si@mddi.gov 5g': a dot read as a space) whose domain so
    read is a letter or two off a vouched-for one: the address with that domain, when its print, found
    under the reading, accounts for it (address_ink, the vouched domain a witness) and the second
    engine settles it (address_witness: it reads exactly that address; a reading with a space is
    no reading of any address, so the domain always takes the witness)."""
    from extractors.readers.address_ink import address_strips, ink_doubt
    from extractors.readers.address_rereads import rereadings
    from extractors.readers.address_witness import settles
    from extractors.readers.domain_witness import domain_of, near_domain

    address = nominee.email or ""
    near = near_domain(domain_of(address), sorted(vouched))
    strips = address_strips(letter.pages, address) if near else []
    if near is None or len(strips) != 1:
        return None
    candidate = f"{address.rpartition('@')[0]}@{near}"
    texts = [address, *(reading.text for reading in rereadings(strips[0], strips[0].shape[0]))]
    if ink_doubt(letter.pages, candidate, names, vouched, read=address) or settles(strips[0], candidate, texts,
                                                                                   names, vouched):
        return None
    del nominee.doubts["email"]
    nominee.email = candidate
    nominee.accounted.add("email")
    return f"{address} read as {candidate}: its print and a second engine give {near}, vouched for by the letter"


def _blank_fields(nomination: Nomination, letter: Document) -> None:
    """Each field OCR read empty that the page shows empty: its defect is certain, not a misreading.
    (OpenCV is imported here: only a scanned letter needs it.)"""
    from extractors.readers.blank_fields import blank_fields

    missing = [{key for key in ANNEX2_FIELDS if not (getattr(nominee, key) or "").strip()}
               for nominee in nomination.nominees]
    if any(missing):
        for nominee, blank in zip(nomination.nominees, blank_fields(letter.pages, missing)):
            nominee.blank = blank


def load_readers() -> None:
    """Import what reading most letters takes (spaCy, pdfplumber, pdfium, OpenCV, Tesseract,
    python-docx, Pillow's file formats, the field parsers, the origin and signature readers),
    for a process that starts reader processes from itself: they begin with it loaded instead
    of each loading it again. (pyHanko waits for a signed PDF.)"""
    from PIL import Image

    from extractors.fields.intent_cues import load_cues
    from extractors.seniority import load_markers
    import extractors.country  # noqa: F401
    import extractors.fields.intent  # noqa: F401
    import extractors.fields.ministry  # noqa: F401
    import extractors.fields.prose  # noqa: F401
    import extractors.fields.signatory  # noqa: F401
    import extractors.fields.table  # noqa: F401
    import extractors.fields.template  # noqa: F401
    import extractors.fields.word_table  # noqa: F401
    import extractors.readers.image  # noqa: F401
    import extractors.readers.pdf  # noqa: F401
    import extractors.readers.word  # noqa: F401
    import extractors.signature.docx_image  # noqa: F401
    import extractors.signature.handwritten  # noqa: F401

    Image.preinit()  # the common formats' plugins, which saving a crop would load in each reader
    load_cues()
    load_markers()


def _take_reading(nomination: Nomination, parsed: ParsedLetter) -> None:
    """What the fields parsers read in the letter, onto the nomination."""
    nomination.nominees = parsed.nominees
    nomination.ministry = parsed.ministry
    nomination.signatory = parsed.signatory
    nomination.intent = parsed.intent
    nomination.withdrawn = parsed.withdrawn
    nomination.intent_doubts = parsed.intent_doubts


def read_nomination(submission: Submission, observers: tuple[str, ...] = ()) -> Nomination:
    """Everything the bot can read from a submission; judging is left to the rules.

    `observers`: IGOs the secretariat added to the built-in list ([participants] observers)."""
    mail_text = f"{submission.subject}\n{submission.text_body}"
    nomination = Nomination(relevant=bool(_RELEVANT.search(mail_text)))
    if submission.automatic or submission.parse_error:
        return nomination
    documents, nomination.unreadable, nomination.signed_files = _candidates(submission)
    letter, nomination.letter, parsed = _pick_letter(documents)
    if letter is None or parsed is None:
        nomination.relevant = nomination.relevant or bool(nomination.unreadable)
        nomination.language = detect_language(mail_text)
        return nomination
    language = detect_language(letter.text)
    if letter.kind == "body" and not parsed.nominees and not parsed.withdrawn:
        # a cover note that talks about the letter is not the letter (it was not attached)
        nomination.language = detect_language(mail_text)
        nomination.letter = "the mail body mentions a letter but names no representative"
        return nomination
    from extractors.country import resolve_origin  # a letter's, not a mail's: loaded for one
    from extractors.signature import find_signature

    nomination.is_letter = nomination.relevant = True
    nomination.signed_files = [replace(s, letter=s.file == letter.name)
                               for s in nomination.signed_files]
    nomination.letter_hash = _letter_hash(letter)
    nomination.language = language
    _take_reading(nomination, parsed)
    nomination.origin = resolve_origin(letter.text, parsed.ministry, submission.sender, mail_text,
                                       observers)
    nomination.signature = find_signature(letter, submission.attachments)
    ocr = letter.ocr_confidence
    nomination.read_by_ocr = ocr is not None
    if ocr is not None:
        _signatory_under_stamp(nomination, letter)
        _field_confidences(nomination, letter)
        nomination.notes += mend_doubtful_fields(nomination, letter.pages)
        _address_doubts(nomination, letter)
        _vouched_domains(nomination, letter, authenticated_domain(submission.auth, submission.sender_domain))
        _blank_fields(nomination, letter)
    nomination.confidence = min(parsed.confidence, nomination.origin.confidence,
                                1.0 if ocr is None else max(ocr + 0.2, 0.0))
    nomination.notes.append(f"letter read as {parsed.layout} layout from {letter.kind}")
    return nomination
