"""Submission -> Nomination: find the letter among what the mail carries, then read it.

This is the one place where the readers, the language and origin resolvers,
the field parser and the signature finder meet; each of them stays a pure
function of its input.
"""

from __future__ import annotations

import hashlib
import re

from extractors.country import resolve_origin
from extractors.fields import letter_score, parse_letter
from extractors.language import detect_language
from extractors.model import Document, Nomination, Submission, UnreadableDocument
from extractors.readers import read_attachment, read_body, unpack
from extractors.signature import find_signature

LETTER_THRESHOLD = 0.35
"""letter_score above which a document is taken for a nomination letter."""

_RELEVANT = re.compile(
    r"GCC|OpenWallet|nominat|désign|designa|назначени|ترشيح|تسمية|提名|Circular\s*006",
    re.IGNORECASE,
)


def _candidates(submission: Submission) -> tuple[list[Document], list[str]]:
    documents: list[Document] = []
    unreadable: list[str] = []
    unpacked = unpack(submission.attachments)
    unreadable.extend(f"{container.filename or 'a container'}: {exc}"
                      for container, exc in unpacked.failed)
    for attachment in unpacked.files:
        try:
            document = read_attachment(attachment)
        except UnreadableDocument as exc:
            unreadable.append(f"{attachment.filename or attachment.content_type}: {exc}")
            continue
        if document is not None:
            documents.append(document)
    body = read_body(submission.text_body, submission.html_body, submission.attachments)
    if body is not None:
        documents.append(body)
    return documents, unreadable


def _pick_letter(documents: list[Document]) -> tuple[Document | None, str]:
    """The candidate that looks most like a nomination letter, and why it was chosen."""
    scored = sorted(((letter_score(d.text), i, d) for i, d in enumerate(documents)),
                    key=lambda item: (-item[0], item[1]))
    if not scored or scored[0][0] < LETTER_THRESHOLD:
        return None, "no candidate looked like a nomination letter"
    score, _, best = scored[0]
    others = ", ".join(f"{d.name} ({s:.2f})" for s, _, d in scored[1:])
    why = f"{best.name}: letter score {score:.2f}" + (f"; others: {others}" if others else "")
    return best, why


def _letter_hash(document: Document) -> str:
    content = document.data if document.kind != "body" else " ".join(document.text.split()).encode()
    return hashlib.sha256(content).hexdigest()


def read_nomination(submission: Submission) -> Nomination:
    """Everything the bot can read from a submission; judging is left to the rules."""
    mail_text = f"{submission.subject}\n{submission.text_body}"
    nomination = Nomination(relevant=bool(_RELEVANT.search(mail_text)))
    if submission.automatic or submission.parse_error:
        return nomination
    documents, nomination.unreadable = _candidates(submission)
    letter, nomination.letter = _pick_letter(documents)
    if letter is None:
        nomination.relevant = nomination.relevant or bool(nomination.unreadable)
        nomination.language = detect_language(mail_text)
        return nomination
    language = detect_language(letter.text)
    parsed = parse_letter(letter, language)
    if letter.kind == "body" and not parsed.nominees:
        # a cover note that talks about the letter is not the letter (it was not attached)
        nomination.language = detect_language(mail_text)
        nomination.letter = "the mail body mentions a letter but names no representative"
        return nomination
    nomination.is_letter = nomination.relevant = True
    nomination.letter_hash = _letter_hash(letter)
    nomination.language = language
    nomination.nominees = parsed.nominees
    nomination.ministry = parsed.ministry
    nomination.signatory = parsed.signatory
    nomination.intent = parsed.intent
    origin = resolve_origin(letter.text, parsed.ministry, submission.sender, mail_text)
    nomination.country = origin.country
    nomination.participant_type = origin.participant_type
    nomination.observer_name = origin.observer_name
    nomination.eligible_sender = origin.eligible
    nomination.conflicts = list(origin.conflicts)
    nomination.signature = find_signature(letter, submission.attachments)
    ocr = letter.ocr_confidence
    nomination.read_by_ocr = ocr is not None
    nomination.confidence = min(parsed.confidence, origin.confidence,
                                1.0 if ocr is None else max(ocr + 0.2, 0.0))
    nomination.notes.append(f"letter read as {parsed.layout} layout from {letter.kind}")
    return nomination
