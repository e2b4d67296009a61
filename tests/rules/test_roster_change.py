"""Who leaves and who comes when a letter is applied to the roster in force: the one
reading the rules judge and the bot applies."""

from __future__ import annotations

from extractors.model import Nomination, Nominee
from rules.roster_after import roster_change

AMINA = Nominee(title="Ms", first_name="Amina", last_name="Otieno", role="primary", email="a.otieno@ict.go.ke")
BRIAN = Nominee(title="Mr", first_name="Brian", last_name="Kamau", role="alternate", email="b.kamau@ict.go.ke")
DAVID = Nominee(title="Dr", first_name="David", last_name="Mwangi", role="primary", email="d.mwangi@ict.go.ke")


def test_a_withdrawal_by_name_alone_removes_exactly_that_person() -> None:
    letter = Nomination(intent="withdraw", withdrawn=[Nominee(first_name="Brian", last_name="KAMAU")])
    change = roster_change(letter, [AMINA, BRIAN])
    assert change.leaving == [(BRIAN, "withdrawn")] and change.after == [AMINA] and not change.unmatched


def test_someone_not_in_force_is_unmatched_and_nobody_leaves() -> None:
    letter = Nomination(intent="withdraw", withdrawn=[Nominee(last_name="Otieno", email="other@ict.go.ke")])
    change = roster_change(letter, [AMINA, BRIAN])
    assert change.leaving == [] and len(change.unmatched) == 1 and change.after == [AMINA, BRIAN]


def test_a_named_replacement_replaces_only_that_person() -> None:
    letter = Nomination(intent="replace", nominees=[DAVID], withdrawn=[Nominee(email="a.otieno@ict.go.ke")])
    change = roster_change(letter, [AMINA, BRIAN])
    assert change.leaving == [(AMINA, "replaced")] and change.after == [BRIAN, DAVID]


def test_a_replacement_naming_no_one_replaces_the_whole_team() -> None:
    change = roster_change(Nomination(intent="replace", nominees=[DAVID]), [AMINA, BRIAN])
    assert [why for _, why in change.leaving] == ["replaced", "replaced"] and change.after == [DAVID]


def test_a_nominee_named_again_by_address_is_counted_once_with_the_new_details() -> None:
    again = Nominee(first_name="Brian", last_name="Kamau", role="advisor", email="B.Kamau@ict.go.ke")
    change = roster_change(Nomination(intent="add", nominees=[again]), [AMINA, BRIAN])
    assert change.after == [AMINA, again]
