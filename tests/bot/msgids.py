"""Message-IDs as real mail programs write them, generated at any length (issue 17).

Each style keeps its program's shape (alphabet, separators, id-right); the
length is reached by growing or cutting the id-left, and by a longer host
name where the id-left alone cannot reach it.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable

HEX = "0123456789ABCDEF"
Style = Callable[[random.Random], tuple[str, str, str]]
"""A style gives (id-left, id-right, the alphabet to grow the id-left with)."""


def _pick(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def exchange(rng: random.Random) -> tuple[str, str, str]:
    server = f"{_pick(rng, 'ABDV', 2)}{rng.randint(1, 9)}PR{rng.randint(1, 9):02d}MB{rng.randint(1000, 9999)}"
    region = rng.choice(["eurprd07", "namprd12", "apcprd06", "gbrprd01", "mrzprd03"])
    return f"{server}{_pick(rng, HEX, 28)}", f"{server}.{region}.prod.outlook.com", HEX


def gmail(rng: random.Random) -> tuple[str, str, str]:
    alphabet = string.ascii_letters + string.digits + "+=_-"
    return f"CA{_pick(rng, alphabet, 44)}", "mail.gmail.com", alphabet


def apple_mail(rng: random.Random) -> tuple[str, str, str]:
    return str(uuid.UUID(int=rng.getrandbits(128))).upper(), "mofa.gov.example", HEX + "-"


def lotus_notes(rng: random.Random) -> tuple[str, str, str]:
    blocks = [_pick(rng, HEX, 8) for _ in range(6)]
    left = f"OF{blocks[0]}.{blocks[1]}-ON{blocks[2]}.{blocks[3]}-{blocks[4]}.{blocks[5]}"
    return left, rng.choice(["notes.gov.example", "LocalDomain"]), HEX


def zimbra(rng: random.Random) -> tuple[str, str, str]:
    left = f"{rng.randint(10**8, 10**10)}.{rng.randint(1, 99999)}.{rng.randint(10**12, 2 * 10**12)}.JavaMail.zimbra"
    return left, "mail.ict.gov.example", string.digits


def thunderbird(rng: random.Random) -> tuple[str, str, str]:
    return str(uuid.UUID(int=rng.getrandbits(128))), "ministry.gov.example", "0123456789abcdef-"


STYLES: dict[str, Style] = {"exchange": exchange, "gmail": gmail, "apple-mail": apple_mail,
                            "lotus-notes": lotus_notes, "zimbra": zimbra, "thunderbird": thunderbird}
LENGTHS = (20, 41, 77, 78, 79, 98, 131, 176, 213, 250)


def msg_id(style: str, length: int, rng: random.Random) -> str:
    """A msg-id of exactly `length` characters in the given style."""
    left, right, alphabet = STYLES[style](rng)
    room = length - 3 - len(right)  # '<', '@' and '>'
    if room < 8:  # a short id keeps the style's id-left and drops to a short host
        right = "ab.example"[: max(4, length - 3 - 8)]
        room = length - 3 - len(right)
    while room > len(left) + 63:  # a long id also has a long host name, label by label
        label = _pick(rng, string.ascii_lowercase, min(40, room - len(left) - 63 + 1))
        right, room = f"{label}.{right}", room - len(label) - 1
    left = (left + _pick(rng, alphabet.replace("-", ""), max(0, room - len(left))))[:room]
    left = left[:-1] + "0" if left.endswith(".") else left  # a dot-atom never ends in a dot
    made = f"<{left}@{right}>"
    assert len(made) == length, (made, length)
    return made


def chain(rng: random.Random, count: int) -> list[str]:
    """A References chain of `count` earlier messages, written by assorted programs."""
    return [msg_id(rng.choice(list(STYLES)), rng.choice(LENGTHS), rng) for _ in range(count)]
