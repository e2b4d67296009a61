"""Sender authentication as our own receiving server saw it (RFC 8601).

Anyone can write an Authentication-Results header into a mail; only the
ones our border server added are evidence. Those sit at the top of the
header block, carry our authserv-id, and come before any Received header
written by a server further away.
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
