"""Sender authentication as our own receiving server saw it (RFC 8601).

Anyone can write an Authentication-Results header into a mail; only the
ones our border server added are evidence. Those sit at the top of the
header block, carry our authserv-id, and come before any Received header
written by a server further away. Whether they authenticate the sender's
domain (DMARC, or an aligned DKIM or SPF pass) is judged here too: the rule
sender_authenticated says so, and a domain they vouch for may back an
address the letter prints (readers.domain_witness).
"""

from __future__ import annotations

from extractors.model import AuthResult

METHODS = frozenset({"dkim", "spf", "dmarc", "arc", "iprev", "auth", "bimi"})
DOMAIN_PROPERTIES = {
    "dkim": ("header.d", "header.i"),
    "spf": ("smtp.mailfrom", "smtp.helo"),
    "dmarc": ("header.from",),
}


def strip_comments(value: str) -> str:
    """Remove RFC 5322 comments "( ... )", nested ones too, outside quoted strings."""
    out: list[str] = []
    depth = 0
    quoted = False
    for char in value:
        if char == '"' and depth == 0:
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
            continue
        elif not quoted and char == ")" and depth:
            depth -= 1
            continue
        if depth == 0:
            out.append(char)
    return "".join(out)


def parse_header(value: str) -> tuple[str, tuple[AuthResult, ...]]:
    """(authserv-id, the method results) of one Authentication-Results value."""
    parts = [part.strip() for part in strip_comments(" ".join(value.split())).split(";")]
    authserv_id = parts[0].split()[0].lower() if parts and parts[0] else ""
    results: list[AuthResult] = []
    for part in parts[1:]:
        tokens = part.split()
        if not tokens or "=" not in tokens[0]:
            continue  # "none", or an empty trailing part
        method, result = tokens[0].split("=", 1)
        method = method.split("/")[0].lower()
        if method not in METHODS:
            continue
        props = {}
        for token in tokens[1:]:
            if "=" in token:
                key, val = token.split("=", 1)
                props[key.lower()] = val.strip('"')
        results.append(AuthResult(method, result.strip('"').lower(), _domain(method, props)))
    return authserv_id, tuple(results)


def _domain(method: str, props: dict[str, str]) -> str | None:
    for key in DOMAIN_PROPERTIES.get(method, ()):
        if props.get(key):
            return props[key].rsplit("@", 1)[-1].lower().rstrip(".")
    return None


def trusted_auth_results(
    headers: tuple[tuple[str, str], ...], authserv_id: str | None
) -> tuple[AuthResult, ...] | None:
    """RFC 8601: only the topmost Authentication-Results header(s) whose authserv-id equals ours;
    None when authserv_id is None or no such header."""
    if not authserv_id:
        return None
    ours = authserv_id.strip().lower()
    found: list[AuthResult] = []
    seen_ours = False
    for name, value in headers:
        key = name.lower()
        if key == "received" and seen_ours:
            break  # below this line the headers were written before our server got the mail
        if key != "authentication-results":
            continue
        server, results = parse_header(value)
        if server == ours:
            seen_ours = True
            found.extend(results)
    return tuple(found) if seen_ours else None


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


def authenticated_domain(results: tuple[AuthResult, ...] | None, from_domain: str | None) -> str | None:
    """The sender's domain when our own server's results authenticate it (see failure); else None:
    no results, or results that fail, vouch for no domain."""
    if results is None or not from_domain or failure(results, from_domain) is not None:
        return None
    return from_domain
