"""A signed attachment beside the letter must not have been altered after signing either.

The letter's own signature is the `signed` rule's business. An annex (a signed PDF next to
the letter, or inside a ZIP or an Outlook message) whose signature no longer holds, or that
shows something else than what was signed, is surprising in a government's mail: a person
looks at the case before anyone is answered. A field with no usable signature in it is
reported in the evidence only (producers write such fields).
"""

from __future__ import annotations

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext

_HARMLESS = frozenset({"valid", "not a signature"})


class AnnexesUnaltered(LetterRule):
    name = "annexes_unaltered"
    description = "No signed attachment beside the letter was altered after signing."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        return [Issue("low_confidence",
                      f"The attachment \"{signed.file}\" carries a digital signature judged "
                      f"{signed.verdict} ({signed.detail}); a person will look at it.")
                for signed in nomination.signed_files
                if not signed.letter and signed.verdict not in _HARMLESS]


rule = AnnexesUnaltered()
