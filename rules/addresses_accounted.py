"""An address read from an image is acted on only when its reading is accounted for.

A meeting link sent to a misread address is the worst failure the bot can
have, and Tesseract misreads addresses confidently: a dot lost between two
letters, an 'l' read as 'i'. Either the ink shows a mark the reading left
out (extractors.readers.address_ink), or the address is the nominee's name
but for look-alike glyphs (extractors.lookalike_names), or its domain ends in
a top-level domain that does not exist ('gov.ig' for 'gov.iq'), or its domain is
one or two letters away from another domain of the same letter ('miatc.gov.sd' beside
'mdtc.gov.sd') or a slip of the sender's ('mdal.gov.kz' from 'mdai.gov.kz'): a person
checks. (A reading a letter or two off a domain the letter vouches for may have been
settled already by extractors.readers.domain_witness; what is left is a person's.)
"""

from __future__ import annotations

import re

from extractors.country import is_country_code
from extractors.lookalike_names import lookalike_of_name
from extractors.model import Nomination, Nominee, Submission
from extractors.readers.domain_witness import near_domain, near_sender
from rules.base import Issue, RuleContext, per_nominee


GENERIC_TLDS = frozenset("org int com net edu gov mil info eu biz africa asia museum aero coop".split())
"""Top-level domains other than countries' that governments and IGOs write from."""
WELL_FORMED_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


class AddressesAccounted:
    name = "addresses_accounted"
    description = "Every e-mail address read by OCR is accounted for by its ink and the nominee's name."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if not nomination.is_letter or not nomination.read_by_ocr:
            return []
        domains = [_domain(nominee.email) for nominee in nomination.nominees]
        sender = (submission.sender_domain or "").lower()
        return per_nominee(nomination, lambda number, nominee: _doubts(number, nominee, domains, sender))


def _domain(address: str | None) -> str:
    """The address's domain when it is well formed; a malformed one is valid_emails' to name."""
    domain = (address or "").rpartition("@")[2].lower()
    return domain if "@" in (address or "") and WELL_FORMED_DOMAIN.fullmatch(domain) else ""


def _doubts(number: int, nominee: Nominee, domains: list[str], sender: str) -> list[Issue]:
    reasons = [nominee.doubts["email"]] if "email" in nominee.doubts else []
    domain = _domain(nominee.email)
    if near := near_domain(domain, domains):
        reasons.append(f"its domain {domain} is one or two letters away from {near}, "
                       "written for another nominee of the same letter")
    elif near_sender(domain, sender):
        reasons.append(f"its domain {domain} is a letter or look-alike glyphs away from {sender}, the sender's")
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
