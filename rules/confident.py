"""Act only on a letter read with confidence; a doubtful reading goes to a human."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext

THRESHOLD = 0.6
"""Below this overall confidence a reading is not acted upon."""
FIELD_THRESHOLD = 0.5
"""An OCRed field whose least sure word Tesseract gave less than this is a guess (good print reads 0.85+)."""


class Confident:
    name = "confident"
    description = "The letter was read with enough confidence to act on it."

    def check(self, submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
        if not nomination.is_letter:
            return []
        issues = []
        if nomination.confidence < THRESHOLD:
            issues.append(Issue("low_confidence",
                                f"The letter could not be read with confidence "
                                f"({nomination.confidence:.0%}); a person will check it."))
        for number, nominee in enumerate(nomination.nominees if nomination.read_by_ocr else [], 1):
            for key, score in nominee.confidence.items():
                if getattr(nominee, key, None) and score < FIELD_THRESHOLD:
                    issues.append(Issue("low_confidence",
                                        f"OCR was unsure of the {key} of nominee {number} ({score:.0%}); "
                                        "a person will check the scan.", field=key, nominee=number))
        return issues


rule = Confident()
