"""The letter's own domains as a witness to an address whose readings dispute its domain.

On a 150 dpi scan or a photo Tesseract reads a domain's small print several
ways ('mdtc.gov.sd' as 'miatc', 'matc', 'madtc'; 'mdai.gov.kz' as
'mdaigov.kz'), and the address stays with a person although the letter says
which domain it is: a ministry writes its own domain the same way each time,
OCR does not. Two domains vouch for themselves:
- the sender's, when our own receiving server authenticated it
  (auth_results.authenticated_domain): the government wrote from it;
- one another nominee's address of the same letter was read with beyond doubt
  (its ink all read, no doubt raised, Tesseract sure of the word).
Such a domain is one more witness, never the only one, and never made up:
- where a second engine settles a disputed address (address_witness.settles),
  it may stand for the Tesseract reading that must give the address's domain;
- where the page's reading of an address is a letter or two off a vouched-for
  domain (a 'd' read as 'ia'), a reading of its ink that gives the vouched-for
  domain is taken instead, but only one actually seen, with the local part
  every reading gives (the readings dispute the domain alone), all its ink
  read, and the second engine reading exactly that address with the same bar
  as any witness (settles: sure of it, no reading with a mark more or other
  look-alike glyphs in the domain).
What the readings leave in doubt otherwise stays with a person; and an address
printed a letter or two off the sender's domain is one by rule
(rules.addresses_accounted), whichever way it is read.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from extractors.lookalike_names import folded
from extractors.model import Nominee, Page
from extractors.readers.address_rereads import NOT_ADDRESS, letters_of, rereadings, same_reading

FIRM = 0.8
"""Tesseract's score of an address's word from which its reading is firm (good print reads 0.85+; the
confident rule takes a field below 0.5 for a guess): only such an address vouches for its domain."""


def near_domain(domain: str, others: list[str], edits: int = 2) -> str | None:
    """Another domain that `domain` is `edits` edits or fewer away from, in a name long enough for that
    to be a slip ('gov.fi' and 'dvv.fi' are two bodies): a ministry writes its own domain the same way
    each time, OCR does not."""
    return next((other for other in others if domain and other and other != domain
                 and Levenshtein.distance(domain, other) <= edits
                 and Levenshtein.normalized_distance(domain, other) <= 0.2), None)


def near_sender(domain: str, sender: str) -> bool:
    """The domain is a slip of the sender's: one edit away, or the same but for look-alike glyphs
    (lookalike_names.folded: 'rn' for 'm'). Two other edits are as often two bodies of one government
    ('mpt.gov.by' written by 'mfa.gov.by') as a misreading."""
    return bool(domain and sender and domain != sender
                and (near_domain(domain, [sender], edits=1) or folded(domain) == folded(sender)))


def domain_of(address: str | None) -> str:
    """The address's domain in lower case; empty when there is none."""
    return (address or "").rpartition("@")[2].lower() if "@" in (address or "") else ""


def firm_domain(nominee: Nominee) -> str:
    """The domain the nominee's address vouches for: its own when its reading is beyond doubt, else none."""
    firm = ("email" in nominee.accounted and "email" not in nominee.doubts
            and nominee.confidence.get("email", 1.0) >= FIRM)
    return domain_of(nominee.email) if firm else ""


def vouched_domains(firm: list[str], own: int, sender_domain: str | None) -> frozenset[str]:
    """The domains vouched for to nominee `own` (0-based): the authenticated sender's, and those the
    other nominees' addresses were read with beyond doubt (`firm`, per nominee, see firm_domain)."""
    others = {domain for number, domain in enumerate(firm) if number != own and domain}
    return frozenset(others | ({sender_domain.lower()} if sender_domain else set()))


def backed_reading(pages: list[Page], address: str, domain: str, names: frozenset[str]) -> str | None:
    """The address with the vouched-for `domain` where a reading of its page word's ink gives it, every
    reading gives the same local part, all ink of that reading is read and the second engine settles it
    (see above); None otherwise. (Imported here: only an address near a vouched-for domain needs them.)"""
    from extractors.readers.address_ink import ink_blobs, unread, word_strip
    from extractors.readers.address_witness import settles

    found = word_strip(pages, address)
    if found is None:
        return None
    strip, seen = found
    local = address.rpartition("@")[0]
    candidate = f"{local}@{domain}"
    readings = list(rereadings(strip, strip.shape[0]))
    texts = [seen.strip(NOT_ADDRESS), *(reading.text for reading in readings)]
    if any(letters_of(text.rpartition("@")[0]) != letters_of(local) for text in texts if "@" in text):
        return None
    if not any(same_reading(reading.text, candidate)
               and unread(ink_blobs(reading.image), reading.symbols, candidate, (0.0, float(reading.image.shape[1])))
               is None for reading in readings):
        return None
    return candidate if settles(strip, candidate, texts, names) is None else None
