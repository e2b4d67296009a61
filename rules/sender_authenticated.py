"""The sender's domain must pass authentication, as our own server saw it.

DMARC already ties SPF or DKIM to the From domain, so its verdict decides
when present. Without one, an aligned DKIM pass (d= is the From domain or
a parent of it) or an SPF pass for the From domain is enough; a mail that
passes neither is not trusted. With [security] require_authentication, a mail that
carries no results from our server at all is not trusted either: silence is not a pass.
"""

from __future__ import annotations

from extractors.model import AuthResult, Nomination, Submission
from rules.base import Issue, RuleContext

FAILING_DMARC = frozenset({"fail", "permerror", "temperror"})


def aligned(domain: str | None, from_domain: str | None) -> bool:
    """Relaxed alignment (RFC 7489): same domain, or one is a subdomain of the other."""
    if not domain or not from_domain:
        return False
    return domain == from_domain or from_domain.endswith("." + domain) or domain.endswith("." + from_domain)


def _passes(results: tuple[AuthResult, ...], method: str, from_domain: str | None) -> bool:
    return any(
        r.method == method and r.result == "pass" and (r.domain is None or aligned(r.domain, from_domain))
        for r in results
    )


def failure(results: tuple[AuthResult, ...], from_domain: str | None) -> str | None:
    """Why these results do not authenticate the From domain, or None when they do."""
    dmarc = [r.result for r in results if r.method == "dmarc"]
    if any(result in FAILING_DMARC for result in dmarc):
        return "DMARC failed"
    if "pass" in dmarc:
        return None
    if _passes(results, "dkim", from_domain) or _passes(results, "spf", from_domain):
        return None
    return "neither an aligned DKIM signature nor SPF passed"


class SenderAuthenticated:
    name = "sender_authenticated"
    description = "The sender's domain passed DKIM/SPF/DMARC at our own receiving server."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if submission.auth is None:
            if not context.require_authentication:
                return []
            return [Issue(
                "sender_unverified",
                "The message carries no Authentication-Results from our own receiving server, "
                "so the sender's domain is not verified (it did not come through our MX, or "
                "the MX does not stamp mail).",
            )]
        why = failure(submission.auth, submission.sender_domain)
        if why is None:
            return []
        summary = ", ".join(f"{r.method}={r.result}" for r in submission.auth) or "no results"
        return [Issue(
            "sender_unverified",
            f"The sender's domain {submission.sender_domain or '(unknown)'} could not be authenticated: "
            f"{why} ({summary}).",
        )]


rule = SenderAuthenticated()
