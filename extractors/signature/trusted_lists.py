"""Trust from trusted lists (ETSI TS 119 612): the EU member states' lists of qualified
trust service providers, or a national list, as XML files the secretariat keeps.

A certificate authority counts as a trust root when the list names it as a qualified CA
service (CA/QC) whose status is granted now: pyHanko's parser reads the services and
their history, and a service withdrawn since is no longer in force. The lists are read
offline from files (`[security] trusted_lists`); their XML signatures are the business of
whoever fetched them, as for the PEM files of `trust_roots`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from asn1crypto import x509


def trusted_list_authorities(xml: str, moment: dt.datetime) -> tuple[x509.Certificate, ...]:
    """The certificates of the qualified CA services the list grants at `moment`."""
    from pyhanko.sign.validation.qualified.eutl_parse import trust_list_to_registry_unsafe
    from pyhanko_certvalidator.authority import AuthorityWithCert

    registry, _errors = trust_list_to_registry_unsafe(xml)  # a service it cannot read is left out
    granted = {authority.certificate.sha256: authority.certificate
               for authority in registry.known_certificate_authorities
               if isinstance(authority, AuthorityWithCert)
               and any(True for _ in registry.applicable_service_definitions(authority, moment))}
    return tuple(granted[key] for key in sorted(granted))


def list_files(paths: tuple[Path, ...]) -> list[Path]:
    """The XML files named, and those in the folders named."""
    return [file for path in paths
            for file in (sorted(path.rglob("*.xml")) if path.is_dir() else [path])]


def load_trusted_lists(paths: tuple[Path, ...]) -> tuple[x509.Certificate, ...]:
    """The CA certificates every list in `paths` grants today; a file that is no trusted
    list is named, so that a wrong setting stops the bot at start and not mid-poll."""
    stamps = tuple((file, file.stat().st_mtime_ns) for file in list_files(paths))
    return _load(stamps, dt.datetime.now(dt.timezone.utc).date())


@cache
def _load(files: tuple[tuple[Path, int], ...], day: dt.date) -> tuple[x509.Certificate, ...]:
    """Read again when a file changes, or on a new day (a service's status has a date)."""
    moment = dt.datetime.combine(day, dt.time(12), dt.timezone.utc)
    found: list[x509.Certificate] = []
    for file, _stamp in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        try:
            found.extend(trusted_list_authorities(text, moment))
        except Exception as error:  # noqa: BLE001 - xsdata and lxml raise many kinds
            if "PointersToOtherTSL" in text and "TrustServiceProviderList" not in text:
                raise ValueError(f"{file} is a list of lists: it only points to the member "
                                 "states' lists; name those") from error
            raise ValueError(f"{file} is not a readable trusted list "
                             f"({type(error).__name__}: {str(error)[:200]})") from error
    return tuple(found)
