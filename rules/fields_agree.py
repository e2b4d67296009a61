"""Each nominee's fields must belong together before a meeting link goes anywhere.

The worst failure seen: in a table, our own address was read as nominee 1's, every other
address slid one nominee down, and a malformed address was cut into one at another
government's domain; the letter was confirmed. Each piece looked valid alone; together they
did not fit. So before any confirmation the names are checked against the addresses
(``extractors.names``), the addresses against each other and against ours, and the domains
against the letter's country. What does not line up goes to a person with the reason, under
its own code ``fields_mismatch``: a reviewer needs to know that the reading is internally
inconsistent, which ``low_confidence`` (a doubtful reading as a whole) does not say.
"""

from __future__ import annotations

from collections import Counter

from extractors.country import GOV_DOMAIN_LABELS, domain_country
from extractors.model import Nomination, Nominee
from extractors.names import Person, slid_addresses
from rules.base import Issue, LetterRule, RuleContext

SECRETARIAT = "gcc-secretariat@itu.int"
"""The address letters are sent to (CONTRACT.md section 1): never a nominee's."""


def _address(nominee: Nominee) -> str:
    return (nominee.email or "").strip().lower()


def _full_name(nominee: Nominee) -> str:
    return " ".join(p for p in (nominee.first_name, nominee.last_name) if p) or "unnamed"


def _ours(nomination: Nomination, context: RuleContext) -> list[Issue]:
    own = context.own_addresses | {SECRETARIAT}
    return [Issue("fields_mismatch",
                  f"The e-mail address read for nominee {number} ({_address(n)}) is the "
                  f"secretariat's own address, so the addresses may have been misread.",
                  field="email", nominee=number)
            for number, n in enumerate(nomination.nominees, start=1) if _address(n) in own]


def _twice(nomination: Nomination) -> list[Issue]:
    counts = Counter(_address(n) for n in nomination.nominees if _address(n))
    return [Issue("fields_mismatch",
                  f"The e-mail address {_address(n)} was read for more than one nominee "
                  f"(nominee {number} among them).", field="email", nominee=number)
            for number, n in enumerate(nomination.nominees, start=1) if counts[_address(n)] > 1]


def _slid(nomination: Nomination) -> list[Issue]:
    nominees = nomination.nominees
    people = [Person(n.first_name, n.last_name, _address(n) or None) for n in nominees]
    return [Issue("fields_mismatch",
                  f"The e-mail address read for nominee {s.owner + 1} ({people[s.owner].email}) "
                  f"spells nominee {s.fits + 1}'s name ({_full_name(nominees[s.fits])}) rather "
                  f"than {_full_name(nominees[s.owner])}: the fields may have slid between nominees.",
                  field="email", nominee=s.owner + 1)
            for s in slid_addresses(people)]


def _foreign_government(nomination: Nomination) -> list[Issue]:
    """An address at another government's domain, or a government domain cut short at a line
    break or a comma ('digital.gov.m', 'mincom.gob'): a Member State nominates its own officials.
    (A government domain under a regional suffix, gov.scot, is left alone.)"""
    country = nomination.origin.country
    if nomination.origin.participant_type != "member_state" or country is None:
        return []
    issues = []
    for number, nominee in enumerate(nomination.nominees, start=1):
        domain = _address(nominee).rpartition("@")[2]
        state, governmental = domain_country(domain) if domain else (None, False)
        tld = domain.rpartition(".")[2]
        cut = state is None and (governmental and len(tld) <= 2 or tld in GOV_DOMAIN_LABELS)
        if (governmental and state is not None and state != country.code) or cut:
            issues.append(Issue(
                "fields_mismatch",
                f"The e-mail address read for nominee {number} ({_address(nominee)}) is at a "
                f"government domain that is not {country.name}'s.",
                field="email", nominee=number))
    return issues


class FieldsAgree(LetterRule):
    name = "fields_agree"
    description = ("Each nominee's address spells their own name, is not ours, is used once, "
                   "and is not at another country's government domain.")

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        return (_ours(nomination, context) + _twice(nomination) + _slid(nomination)
                + _foreign_government(nomination))


rule = FieldsAgree()
