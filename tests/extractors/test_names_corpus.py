"""The safety net on every development corpus's expected nominees (no reading involved).

The truth of every case must raise no alarm, and every shuffle must that gives someone the
address of another person (another given and family name) which spells its owner at all.
Skips when ../shared is absent.
"""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import pytest

from extractors.names import Person, address_fit, slid_addresses

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CASES = sorted(p for corpus in ("corpus", "corpus-wide") for p in (SHARED / corpus / "cases").glob("*/expected.json"))
pytestmark = pytest.mark.skipif(not CASES, reason="../shared corpora are absent")


def people(expected: Path) -> list[Person]:
    nominees = json.loads(expected.read_text(encoding="utf-8")).get("nominees") or []
    return [Person(n.get("first_name"), n.get("last_name"), n.get("email")) for n in nominees]


def misplaced(address: str | None, new: Person, old: Person) -> bool:
    """An address that spells its owner moved to a person with another given and family name."""
    other = (new.first_name or "").casefold() != (old.first_name or "").casefold() and (
        (new.last_name or "").casefold() != (old.last_name or "").casefold())
    return other and address_fit(address, old.first_name, old.last_name) >= 0.5


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.parent.name)
def test_the_truth_raises_no_alarm(expected: Path) -> None:
    assert slid_addresses(people(expected)) == []


@pytest.mark.parametrize("expected", [c for c in CASES if len(people(c)) > 1], ids=lambda p: p.parent.name)
def test_every_misplaced_address_is_caught(expected: Path) -> None:
    truth = people(expected)
    complete = [p for p in truth if p.first_name and p.last_name and p.email]
    for order in permutations(range(len(complete))):
        moved = [Person(p.first_name, p.last_name, complete[k].email) for p, k in zip(complete, order)]
        if any(misplaced(complete[k].email, p, complete[k]) for p, k in zip(complete, order)):
            assert slid_addresses(moved), [p.email for p in moved]
