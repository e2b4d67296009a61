"""Sender authentication: DMARC decides; else an aligned DKIM or SPF pass."""

from __future__ import annotations

from extractors.model import AuthResult
from rules.base import RuleContext
from rules.sender_authenticated import rule
from tests.rules.helpers import nomination, submission


def codes(*auth: AuthResult, sender: str = "registry@ict.go.ke", judged: bool = True) -> list[str]:
    sub = submission(auth=auth if judged else None, sender=sender)
    return [i.code for i in rule.check(sub, nomination(), RuleContext())]


def test_all_pass_is_authenticated() -> None:
    assert codes(AuthResult("dkim", "pass", "ict.go.ke"), AuthResult("spf", "pass", "ict.go.ke"),
                 AuthResult("dmarc", "pass", "ict.go.ke")) == []


def test_dmarc_fail_is_unverified_whatever_else_passed() -> None:
    assert codes(AuthResult("dkim", "pass", "ict.go.ke"), AuthResult("dmarc", "fail", "ict.go.ke")) == [
        "sender_unverified"]


def test_without_dmarc_dkim_must_be_aligned_with_from() -> None:
    assert codes(AuthResult("dkim", "pass", "mail.ict.go.ke")) == []
    assert codes(AuthResult("dkim", "pass", "bulkmailer.example")) == ["sender_unverified"]
    assert codes(AuthResult("dkim", "fail", "ict.go.ke"), AuthResult("spf", "softfail", "ict.go.ke")) == [
        "sender_unverified"]


def test_not_judged_without_a_trusted_header() -> None:
    assert codes(judged=False) == []


def test_without_our_header_the_sender_is_unverified_when_authentication_is_required() -> None:
    sub = submission(auth=None)
    required = RuleContext(authserv_configured=True, require_authentication=True)
    [issue] = rule.check(sub, nomination(), required)
    assert issue.code == "sender_unverified" and "no Authentication-Results" in issue.message
    assert rule.check(sub, nomination(), RuleContext(authserv_configured=True)) == []
