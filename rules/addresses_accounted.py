"""An address read from an image is acted on only when its reading is accounted for.

A meeting link sent to a misread address is the worst failure the bot can
have, and Tesseract misreads addresses confidently: a dot lost between two
letters, an 'l' read as 'i'. Either the ink shows a mark the reading left
out (extractors.readers.address_ink), or the address is the nominee's name
but for look-alike glyphs (extractors.lookalike_names), or its domain ends in
a top-level domain that does not exist ('gov.ig' for 'gov.iq'), or its domain is
one or two letters away from another domain of the same letter ('miatc.gov.sd' beside
'mdtc.gov.sd'): a person checks.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from extractors.country import is_country_code
from extractors.lookalike_names import lookalike_of_name
from extractors.model import Nomination, Nominee
from rules.base import Issue, LetterRule, RuleContext, per_nominee


GENERIC_TLDS = frozenset("org int com net edu gov mil info eu biz africa asia museum aero coop".split())
"""Top-level domains other than countries' that governments and IGOs write from."""
WELL_FORMED_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


class AddressesAccounted(LetterRule):
    name = "addresses_accounted"
    description = "Every e-mail address read by OCR is accounted for by its ink and the nominee's name."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        domains = [_domain(nominee.email) for nominee in nomination.nominees]
        doubts = per_nominee(nomination, lambda number, nominee: _doubts(number, nominee, domains))
        return doubts if nomination.read_by_ocr else []


def _domain(address: str | None) -> str:
    """The address's domain when it is well formed; a malformed one is valid_emails' to name."""
    domain = (address or "").rpartition("@")[2].lower()
    return domain if "@" in (address or "") and WELL_FORMED_DOMAIN.fullmatch(domain) else ""


def near_domain(domain: str, others: list[str]) -> str | None:
    """Another domain of the letter that `domain` is one or two edits away from, in a name long
    enough for that to be a slip ('gov.fi' and 'dvv.fi' are two bodies): a ministry writes
    its own domain the same way each time, OCR does not."""
    return next((other for other in others if domain and other and other != domain
                 and Levenshtein.distance(domain, other) <= 2
                 and Levenshtein.normalized_distance(domain, other) <= 0.2), None)


def _doubts(number: int, nominee: Nominee, domains: list[str]) -> list[Issue]:
    reasons = [nominee.doubts["email"]] if "email" in nominee.doubts else []
    domain = _domain(nominee.email)
    if near := near_domain(domain, domains):
        reasons.append(f"its domain {domain} is one or two letters away from {near}, "
                       "written for another nominee of the same letter")
    local = (nominee.email or "").split("@", 1)[0]
    lookalike = lookalike_of_name(local, nominee.first_name, nominee.last_name) if local else None
    if lookalike:
        reasons.append(f"{nominee.email} differs from '{lookalike}', a form of the name "
                       f"{nominee.first_name} {nominee.last_name}, only by letters OCR confuses")
    tld = domain.rpartition(".")[2]
    if domain and tld not in GENERIC_TLDS and not (len(tld) == 2 and is_country_code(tld)):
        reasons.append(f"{nominee.email} ends in '.{tld}', which is no top-level domain")
    return [Issue("low_confidence", f"The e-mail address of nominee {number} may be misread: {reason}; "
                  "a person will check the scan before a meeting link is sent.", field="email", nominee=number)
            for reason in reasons]


rule = AddressesAccounted()
