"""Act only on a letter read with confidence; a doubtful reading goes to a human."""

from __future__ import annotations

from extractors.model import Nomination, Nominee
from rules.base import Issue, LetterRule, RuleContext, per_nominee

THRESHOLD = 0.6
"""Below this overall confidence a reading is not acted upon."""
FIELD_THRESHOLD = 0.5
"""An OCRed field whose least sure word Tesseract gave less than this is a guess (good print reads 0.85+)."""


class Confident(LetterRule):
    name = "confident"
    description = "The letter was read with enough confidence to act on it."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        issues = []
        if nomination.confidence < THRESHOLD:
            issues.append(Issue("low_confidence",
                                f"The letter could not be read with confidence "
                                f"({nomination.confidence:.0%}); a person will check it."))
        if nomination.read_by_ocr:
            issues += per_nominee(nomination, _unsure_fields)
        return issues


def _unsure_fields(number: int, nominee: Nominee) -> list[Issue]:
    return [Issue("low_confidence", f"OCR was unsure of the {key} of nominee {number} ({score:.0%}); "
                  "a person will check the scan.", field=key, nominee=number)
            for key, score in nominee.confidence.items()
            if getattr(nominee, key, None) and score < FIELD_THRESHOLD]


rule = Confident()
