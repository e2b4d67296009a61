"""How much a text looks like a GCC nomination letter (to pick the letter among attachments)."""

from __future__ import annotations

from functools import cache

from extractors.fields.intent_cues import says
from extractors.fields.labels import label_field, match_label, vocabulary
from extractors.fields.normalize import EMAIL, clean_line, fold


@cache
def _folded(group: str) -> tuple[str, ...]:
    """The letter vocabulary's words of one group, folded once."""
    return tuple(fold(word) for word in vocabulary()["letter"][group])


def letter_score(text: str) -> float:
    """0..1 from filled Annex 2 fields, nominee e-mails, 'nominate' (or 'withdraw'), 'GCC' and 'Circular 006'.

    The circular itself mentions the GCC, Annex 2 and nominations too, but carries no
    filled fields nor nominees' addresses, and is addressed to administrations; those
    phrases cost it points.
    """
    key = fold(" ".join(text.split()))
    lines = [clean_line(line) for line in text.splitlines()]
    filled = {hit.field for hit in map(match_label, lines) if hit and hit.value}
    labels_only = {label_field(line) for line in lines} - {None}
    emails = {m.group(0).lower() for m in EMAIL.finditer(text)}
    nominee_emails = [e for e in emails if not e.endswith("itu.int")]
    score = 0.3 * min(len(filled | labels_only), 7) / 7
    score += 0.1 * min(len(filled), 7) / 7
    score += 0.15 * min(len(nominee_emails), 2) / 2
    score += 0.15 * (any(w in key for w in _folded("nominate")) or says("withdraw", key))
    score += 0.15 * any(w in key for w in _folded("gcc"))
    score += 0.15 * any(w in key for w in _folded("circular"))
    if any(w in key for w in _folded("circular_itself")):
        score -= 0.4
    return round(max(0.0, min(1.0, score)), 3)
