"""Only our own server's Authentication-Results count (RFC 8601 section 5)."""

from __future__ import annotations

from extractors.auth_results import parse_header, trusted_auth_results
from extractors.model import AuthResult

OURS = "mx.itu.int"


def test_our_header_is_read_with_its_domains() -> None:
    headers = (
        ("Received", "from mail.ict.go.ke by mx.itu.int"),
        ("Authentication-Results", "mx.itu.int; dkim=pass (good sig) header.d=ict.go.ke header.s=s1; "
                                   "spf=pass smtp.mailfrom=registry@ict.go.ke; dmarc=pass header.from=ict.go.ke"),
    )
    assert trusted_auth_results(headers, OURS) == (
        AuthResult("dkim", "pass", "ict.go.ke"),
        AuthResult("spf", "pass", "ict.go.ke"),
        AuthResult("dmarc", "pass", "ict.go.ke"),
    )


def test_another_servers_pass_above_ours_is_ignored() -> None:
    headers = (
        ("Authentication-Results", "relay.example.org; dkim=pass header.d=ict.go.ke; dmarc=pass"),
        ("Authentication-Results", "mx.itu.int; dkim=fail header.d=ict.go.ke; spf=fail; dmarc=fail"),
    )
    results = trusted_auth_results(headers, OURS)
    assert results is not None and {r.result for r in results} == {"fail"}


def test_a_forged_header_with_our_name_below_the_senders_received_is_ignored() -> None:
    headers = (
        ("Received", "from relay.example.org by mx.itu.int"),
        ("Authentication-Results", "mx.itu.int; dmarc=fail header.from=ict.go.ke"),
        ("Received", "from attacker by relay.example.org"),
        ("Authentication-Results", "mx.itu.int; dmarc=pass header.from=ict.go.ke"),
    )
    assert trusted_auth_results(headers, OURS) == (AuthResult("dmarc", "fail", "ict.go.ke"),)


def test_not_judged_without_our_id_or_our_header() -> None:
    headers = (("Authentication-Results", "other.example; dmarc=pass"),)
    assert trusted_auth_results(headers, None) is None
    assert trusted_auth_results(headers, OURS) is None


def test_authserv_id_is_case_blind_and_none_means_no_results() -> None:
    assert trusted_auth_results((("Authentication-Results", "MX.ITU.INT 1; none"),), OURS) == ()
    assert parse_header("mx.itu.int; dkim/1=pass (comment; with semicolon) header.i=@Sub.Gov.ke")[1] == (
        AuthResult("dkim", "pass", "sub.gov.ke"),
    )
