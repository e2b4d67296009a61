"""The secretariat's own list of observers reaches the reader, in the process and in its child."""

from __future__ import annotations

import pytest

from bot.judge import judge
from bot.settings import ParticipantsSettings, Settings
from tests.letters import Letter, letter_mail, person

SCO = Letter(nominees=[person(1, "primary", domain="sectsco.org")], country_line="SHANGHAI COOPERATION ORGANISATION",
             ministry="Secretariat", intro="the Shanghai Cooperation Organisation wishes to take part in the GCC "
                                           "and nominates the following representative.")


@pytest.mark.parametrize("isolate", [False, True], ids=["in process", "child process"])
def test_an_observer_the_secretariat_listed_is_read_as_one(isolate: bool) -> None:
    raw = letter_mail(SCO, sender="registry@sectsco.org")
    plain = judge(raw, Settings(), isolate=isolate).nomination
    listed = judge(raw, Settings(participants=ParticipantsSettings(observers=["sectsco.org"])),
                   isolate=isolate).nomination
    assert plain.origin.participant_type is None
    assert (listed.origin.participant_type, listed.origin.observer_name) == ("observer", "sectsco.org")
