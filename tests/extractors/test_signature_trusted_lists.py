"""Trust from trusted lists (ETSI TS 119 612), as the EU member states and national schemes
publish them: a letter signed under a qualified CA the list grants is from a trusted signer;
under a CA the list does not name, or no longer grants, it is intact but untrusted. The lists
are built here with CAs made here: nothing is fetched."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.judge import judge
from bot.settings import SecuritySettings, Settings
from extractors.signature.digital import digital_signature, use_trust_roots
from extractors.signature.trusted_lists import load_trusted_lists
from tests.extractors.signing import Authority, authority, person_signer, sign
from tests.letters import Letter, letter_pdf, mail

TSL = "http://uri.etsi.org/TrstSvc/TrustedList"
CA_QC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
TSA_QTST = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"


def service(ca: Authority, status: str = "granted", kind: str = CA_QC,
            since: str = "2020-01-01T00:00:00Z") -> str:
    der = base64.b64encode(ca.der).decode()
    return f"""<TSPService><ServiceInformation>
      <ServiceTypeIdentifier>{kind}</ServiceTypeIdentifier>
      <ServiceName><Name xml:lang="en">{ca.certificate.subject.rfc4514_string()}</Name></ServiceName>
      <ServiceDigitalIdentity><DigitalId><X509Certificate>{der}</X509Certificate></DigitalId>
      </ServiceDigitalIdentity>
      <ServiceStatus>{TSL}/Svcstatus/{status}</ServiceStatus>
      <StatusStartingTime>{since}</StatusStartingTime>
    </ServiceInformation></TSPService>"""


def trusted_list(*services: str, territory: str = "XX") -> str:
    """A trusted list in the shape member states publish (unsigned: signing it is the
    publisher's business, checking it the business of whoever fetched it)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>5</TSLVersionIdentifier><TSLSequenceNumber>42</TSLSequenceNumber>
    <TSLType>{TSL}/TSLType/EUgeneric</TSLType>
    <SchemeTerritory>{territory}</SchemeTerritory>
  </SchemeInformation>
  <TrustServiceProviderList><TrustServiceProvider>
    <TSPInformation><TSPName><Name xml:lang="en">Trust Service Provider</Name></TSPName></TSPInformation>
    <TSPServices>{"".join(services)}</TSPServices>
  </TrustServiceProvider></TrustServiceProviderList>
</TrustServiceStatusList>"""


@pytest.fixture(scope="module")
def cas() -> dict[str, Authority]:
    return {name: authority(f"{name} Qualified CA") for name in ("Listed", "Other", "Withdrawn", "TSA")}


@pytest.fixture()
def lists(tmp_path: Path, cas: dict[str, Authority]) -> Iterator[Path]:
    """Two national lists in a folder: one grants 'Listed', the other lists a CA whose
    service was withdrawn and a time-stamping service (which certifies no signer)."""
    folder = tmp_path / "trusted-lists"
    folder.mkdir()
    (folder / "XX.xml").write_text(trusted_list(service(cas["Listed"])), encoding="utf-8")
    (folder / "YY.xml").write_text(trusted_list(
        service(cas["Withdrawn"], status="withdrawn"), service(cas["TSA"], kind=TSA_QTST),
        territory="YY"), encoding="utf-8")
    yield folder
    use_trust_roots(())


SIGNERS = [("John Kariuki", "en"), ("Hery Rakotomalala", "fr"), ("Иван Петров", "ru"),
           ("王晓明", "zh"), ("راشد الكعبي", "ar")]


@pytest.mark.parametrize(("name", "language"), SIGNERS)
@pytest.mark.parametrize(("issuer", "trusted"), [("Listed", True), ("Other", False),
                                                 ("Withdrawn", False), ("TSA", False)])
def test_a_signer_certified_by_a_granted_qualified_ca_of_a_list_is_trusted(
        lists: Path, cas: dict[str, Authority], name: str, language: str, issuer: str,
        trusted: bool) -> None:
    use_trust_roots(load_trusted_lists((lists,)))
    letter = sign(letter_pdf(Letter(signed=False)), person_signer(name, cas[issuer]))
    evidence = digital_signature(letter)
    assert evidence is not None and evidence.kind == "digital" and evidence.valid is True
    assert ("untrusted signer" not in evidence.detail) is trusted, evidence.detail
    if trusted:
        assert f"Common Name: {issuer} Qualified CA" in evidence.detail  # the chain shown


def test_only_granted_qualified_ca_services_become_roots(lists: Path, cas: dict[str, Authority]) -> None:
    roots = load_trusted_lists((lists,))
    assert [root.subject.native["common_name"] for root in roots] == ["Listed Qualified CA"]


def test_the_bot_trusts_the_lists_its_settings_name_and_reports_it_in_the_evidence(
        lists: Path, cas: dict[str, Authority]) -> None:
    settings = Settings(security=SecuritySettings(trusted_lists=[lists / "XX.xml"]))
    for issuer, trusted in (("Listed", True), ("Other", False)):
        pdf = sign(letter_pdf(Letter(signed=False)), person_signer("John Kariuki", cas[issuer]))
        result = judge(mail(attachments=[("letter.pdf", "application/pdf", pdf)]), settings).result.stored()
        assert result["signature"] == {"present": True, "kind": "digital", "valid": True}
        [signed] = result["digital_signatures"]
        assert (signed["file"], signed["verdict"], signed["trusted"]) == ("letter.pdf", "valid", trusted)


def test_a_file_that_is_no_trusted_list_is_named_in_the_settings_error(tmp_path: Path) -> None:
    wrong = tmp_path / "roots.xml"
    wrong.write_text("<html><body>not a list</body></html>", encoding="utf-8")
    with pytest.raises(ValidationError, match="roots.xml is not a readable trusted list"):
        SecuritySettings(trusted_lists=[wrong])
    lotl = tmp_path / "eu-lotl.xml"
    lotl.write_text(trusted_list().replace(
        "<TrustServiceProviderList><TrustServiceProvider>", "<PointersToOtherTSL/><X>").replace(
        "</TrustServiceProvider></TrustServiceProviderList>", "</X>"), encoding="utf-8")
    with pytest.raises(ValidationError, match="eu-lotl.xml is a list of lists"):
        SecuritySettings(trusted_lists=[lotl])
    with pytest.raises(ValidationError, match="trusted list.s. not found"):
        SecuritySettings(trusted_lists=[tmp_path / "missing.xml"])


def test_doctor_counts_what_signatures_can_be_trusted_to(lists: Path, tmp_path: Path) -> None:
    from bot.doctor import check_trust

    assert "untrusted" in check_trust(Settings()).detail
    finding = check_trust(Settings(security=SecuritySettings(trusted_lists=[lists])))
    assert (finding.level, finding.detail) == (
        "ok", "0 root(s); 1 qualified CA(s) granted today by 2 trusted list(s)")
    (tmp_path / "only-withdrawn.xml").write_text((lists / "YY.xml").read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    finding = check_trust(Settings(security=SecuritySettings(
        trusted_lists=[tmp_path / "only-withdrawn.xml"])))
    assert finding.level == "warning" and "grant no CA service" in finding.detail


def test_a_real_member_states_list_gives_its_granted_qualified_cas() -> None:
    """Estonia's list as published (tests/data/trusted-lists/COPYRIGHT): the national eID
    and qualified-signature CAs are in, time-stamping services are not."""
    real = Path(__file__).parents[1] / "data" / "trusted-lists" / "EE.xml"
    names = {root.subject.native["common_name"] for root in load_trusted_lists((real,))}
    assert {"ESTEID-SK 2015", "SK ID Solutions EID-Q 2021E"} <= names
    assert not any("TSA" in name or "Time" in name for name in names), names


def test_without_a_validated_chain_the_certificates_the_signature_carries_are_named(
        cas: dict[str, Authority]) -> None:
    use_trust_roots(())
    letter = sign(letter_pdf(Letter(signed=False)), person_signer("John Kariuki", cas["Other"]))
    evidence = digital_signature(letter)
    assert evidence is not None and "untrusted signer" in evidence.detail
    assert "no validated chain; the signature carries Organization: Trust Service Provider, " \
           "Common Name: Other Qualified CA" in evidence.detail
