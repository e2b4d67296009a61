"""Field parsing of a nomination letter: Annex 2 nominees, ministry, signatory and intent.

Three layouts are tried (a table, label/value lines, prose) and the one that fits the
text best is kept; the vocabulary for all six ITU languages is data in labels.toml.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from extractors.fields.normalize import EMAIL
from extractors.fields.score import letter_score
from extractors.model import Document, Nominee, Signatory

if TYPE_CHECKING:
    from extractors.fields.intent import Intent

Layout = Literal["template", "table", "prose", "none"]
_USUAL = ("title", "first_name", "last_name", "job_title", "organization", "email")

__all__ = ["ParsedLetter", "letter_score", "parse_letter"]


@dataclass
class ParsedLetter:
    nominees: list[Nominee]
    ministry: str | None
    signatory: Signatory
    intent: Intent
    layout: Layout
    confidence: float
    notes: list[str] = field(default_factory=list)
    withdrawn: list[Nominee] = field(default_factory=list)
    """People the letter takes off the roster: never among `nominees`."""
    intent_doubts: list[str] = field(default_factory=list)


def parse_letter(document: Document, language: str | None) -> ParsedLetter:
    """Read every field of a letter; the layout with the best fit provides the nominees.
    (The parsers are imported here, prose with spaCy: a mail that is no letter, scored by
    `letter_score` alone, never needs them.)"""
    from extractors.fields.intent import read_intent, reading_confidence
    from extractors.fields.ministry import find_ministry
    from extractors.fields.prose import parse_prose
    from extractors.fields.signatory import find_signatory
    from extractors.fields.table import parse_tables
    from extractors.fields.template import parse_template
    from extractors.fields.word_table import word_tables
    from extractors.seniority import seniority

    text = document.text
    readings: list[tuple[Layout, list[Nominee], float]] = [
        ("table", *parse_tables(document.tables + word_tables(document.pages))),
        ("template", *parse_template(text)),
        ("prose", *parse_prose(text, language)),
    ]
    layout, nominees, fit = max(readings, key=lambda r: (bool(r[1]), r[2] * min(len(r[1]), 4) ** 0.25))
    if not nominees:
        layout, fit = "none", 0.0
    signatory = find_signatory(text, language)
    signatory = replace(signatory, seniority=seniority(signatory.title, language))
    reading = read_intent(text, nominees, signatory)
    nominees = reading.nominees
    confidence, notes = (_confidence(nominees, fit, document) if nominees
                         else reading_confidence(reading, document))
    return ParsedLetter(
        nominees=nominees,
        ministry=find_ministry(document, language),
        signatory=signatory,
        intent=reading.intent,
        layout=layout,
        confidence=confidence,
        notes=notes,
        withdrawn=reading.withdrawn,
        intent_doubts=reading.doubts,
    )


def _confidence(nominees: list[Nominee], fit: float, document: Document) -> tuple[float, list[str]]:
    """Start from the layout fit; lower it for usual fields left empty and doubtful e-mails."""
    notes: list[str] = []
    if not nominees:
        return 0.0, ["no nominee found"]
    missing = sum(1 for n in nominees for key in _USUAL if not getattr(n, key))
    roles = sum(1 for n in nominees if n.role)
    confidence = fit * (1 - 0.5 * missing / (len(_USUAL) * len(nominees)))
    if missing:
        notes.append(f"{missing} usual field(s) empty")
    if roles == 0:
        confidence *= 0.9
        notes.append("no role marked")
    odd = [n.email for n in nominees if n.email and not EMAIL.fullmatch(n.email)]
    if odd and document.ocr_confidence is not None:
        confidence *= 0.7
        notes.append("e-mail read by OCR looks damaged: " + ", ".join(odd))
    if document.ocr_confidence is not None:
        confidence *= 0.5 + 0.5 * document.ocr_confidence
    return round(max(0.0, min(1.0, confidence)), 3), notes
