"""Table cell text: a narrow column wraps e-mail addresses, which must be whole again."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _continues(previous: str, piece: str) -> bool:
    """A wrapped piece of a domain: it carries a dot or hyphen, or follows one."""
    return "@" not in piece and (previous[-1] in ".-" or any(c in piece for c in ".-"))


def tidy_cell(text: str) -> str:
    """The cell's text; an e-mail address broken over lines is joined back."""
    pieces = text.split()
    if len(pieces) < 2 or "@" not in pieces[0]:
        return text
    if all(_continues(a, b) for a, b in zip(pieces, pieces[1:])) and EMAIL.fullmatch("".join(pieces)):
        return "".join(pieces)
    return text
