"""The sender's domain must pass authentication, as our own server saw it.

DMARC already ties SPF or DKIM to the From domain, so its verdict decides
when present. Without one, an aligned DKIM pass (d= is the From domain or
a parent of it) or an SPF pass for the From domain is enough; a mail that
passes neither is not trusted. With [security] require_authentication, a mail that
carries no results from our server at all is not trusted either: silence is not a pass.
"""

from __future__ import annotations

from extractors.auth_results import failure
from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext


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
