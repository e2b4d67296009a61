"""Table cell text: a narrow column wraps e-mail addresses, which must be whole again."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def tidy_cell(text: str) -> str:
    """The cell's text; an e-mail address broken over lines is joined back."""
    compact = re.sub(r"\s+", "", text)
    return compact if "@" in compact and _EMAIL.fullmatch(compact) else text
