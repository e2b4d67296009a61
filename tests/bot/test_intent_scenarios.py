"""Withdrawals, replacements and additions applied exactly, in three languages: the roster
after each letter, the decision, and no meeting link to anyone withdrawn or replaced."""

from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from bot.models import CaseRow, RosterEventRow
from bot.runtime import open_flow
from bot.settings import Settings
from extractors.model import Nominee
from tests.bot.test_flow_local import LINK, drop, outbox, poll, roster, settings  # noqa: F401
from tests.bot.test_real_mail_e2e import REPO, config  # noqa: F401
from tests.letters import Letter, letter_mail, person

pytestmark = pytest.mark.slow

AMINA, BRIAN, CLARA, DAVID = (person(1), person(2), person(3), person(4))

WITHDRAW = {
    "en": "the Government of the Republic of Kenya hereby withdraws the nomination of {who}, "
          "who no longer represents Kenya in the GCC.",
    "fr": "le Gouvernement de la République du Kenya retire la désignation de {who}, qui ne "
          "représente plus le Kenya au GCC.",
    "es": "el Gobierno de la República de Kenya solicita retirar la designación de {who}, que ya "
          "no representa a Kenya en el GCC.",
}
REPLACE_ONE = {
    "en": "we withdraw the nomination of {old} and nominate the representative below in her place.",
    "fr": "nous retirons la désignation de {old} et désignons à sa place le représentant ci-dessous.",
    "es": "retiramos la designación de {old} y designamos en su lugar al representante siguiente.",
}
REPLACE_ALL = {
    "en": "this letter replaces and supersedes our earlier letter; the Government nominates:",
    "fr": "la présente lettre annule et remplace notre lettre précédente ; le Gouvernement désigne :",
    "es": "la presente deja sin efecto nuestra carta anterior; el Gobierno designa a:",
}
ADD = {
    "en": "in addition to those already nominated, the Government nominates the following "
          "additional representative.",
    "fr": "en complément des représentants déjà désignés, le Gouvernement désigne le représentant "
          "supplémentaire suivant.",
    "es": "de manera adicional a los ya designados, el Gobierno designa al siguiente representante.",
}
LANGUAGES = ("en", "fr", "es")


def named(nominee) -> str:  # type: ignore[no-untyped-def]
    return f"{nominee.title} {nominee.first_name} {nominee.last_name} ({nominee.email})"


def three_in_force(settings: Settings) -> None:
    drop(settings, "1.eml", letter_mail(Letter(nominees=[person(1, "primary"), person(2, "alternate"),
                                                         person(3, "advisor")])))
    assert poll(settings).decided == {"confirmed": 1}


def in_force(settings: Settings) -> dict[str, str]:
    return {n["email"]: n["role"] for n in roster(settings)["member_states"].get("KEN", [])}


def last_case(settings: Settings) -> CaseRow:
    with open_flow(settings) as flow, flow.sessions() as session:
        case = session.scalars(select(CaseRow).order_by(CaseRow.created_at.desc())).first()
        assert case is not None
        return case


def mailed_after(settings: Settings, before: list[EmailMessage]) -> list[EmailMessage]:
    """The mail written to the outbox since `before` was read."""
    seen = {str(m["Message-ID"]) for m in before}
    return [m for m in outbox(settings) if str(m["Message-ID"]) not in seen]


def addressees(messages: list[EmailMessage]) -> set[str]:
    return {a.lower() for m in messages for h in ("To", "Cc") for a in
            (x.addr_spec for x in getattr(m[h], "addresses", ()) if m[h])}


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_one_of_three_removes_exactly_that_person_with_no_link(
        settings: Settings, language: str) -> None:
    three_in_force(settings)
    sent = outbox(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[], intro=WITHDRAW[language].format(
        who=named(CLARA)))))
    assert poll(settings).decided == {"confirmed": 1}
    case = last_case(settings)
    assert case.result["intent"] == "withdraw" and case.result["nominees"] == []
    assert in_force(settings) == {AMINA.email: "primary", BRIAN.email: "alternate"}
    replies = mailed_after(settings, sent)
    assert [m["X-GCC-Decision"] for m in replies] == ["confirmed"]
    assert all(LINK not in m.as_string() for m in replies)
    assert CLARA.email not in addressees(replies)
    with open_flow(settings) as flow, flow.sessions() as session:
        events = session.scalars(select(RosterEventRow).where(RosterEventRow.case_id == case.id))
        assert [(e.action, e.email) for e in events] == [("withdrawn", CLARA.email)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_the_primary_leaves_the_party_flagged_without_one(
        settings: Settings, language: str) -> None:
    three_in_force(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[], intro=WITHDRAW[language].format(
        who=named(AMINA)))))
    assert poll(settings).decided == {"confirmed": 1}
    assert in_force(settings) == {BRIAN.email: "alternate", CLARA.email: "advisor"}
    from bot.digest import gather
    import datetime as dt
    with open_flow(settings) as flow:
        digest = gather(flow.sessions, dt.datetime.now(dt.timezone.utc), "UTC")
    assert digest.without_primary == ["Kenya (KEN)"]
    assert [(r.who, r.no_primary) for r in digest.roster_changes] == [("Kenya (KEN)", True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_someone_not_in_force_goes_to_review_and_changes_nothing(
        settings: Settings, language: str) -> None:
    three_in_force(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[], intro=WITHDRAW[language].format(
        who=named(DAVID)))))
    assert poll(settings).decided == {"needs_review": 1}
    assert {i["code"] for i in last_case(settings).issues} >= {"not_in_force"}
    assert len(in_force(settings)) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdraw_one_and_nominate_another_in_her_place_replaces_only_her(
        settings: Settings, language: str) -> None:
    three_in_force(settings)
    sent = outbox(settings)
    newcomer = person(4, "primary")
    drop(settings, "2.eml", letter_mail(Letter(nominees=[newcomer], intro=REPLACE_ONE[language].format(
        old=named(AMINA)))))
    assert poll(settings).decided == {"confirmed": 1}
    assert last_case(settings).result["intent"] == "replace"
    assert in_force(settings) == {BRIAN.email: "alternate", CLARA.email: "advisor",
                                  DAVID.email: "primary"}
    replies = mailed_after(settings, sent)
    assert AMINA.email not in addressees(replies)
    assert DAVID.email in addressees(replies)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_letter_superseding_the_earlier_one_replaces_the_whole_team(
        settings: Settings, language: str) -> None:
    three_in_force(settings)
    sent = outbox(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[person(5, "primary")],
                                               intro=REPLACE_ALL[language])))
    assert poll(settings).decided == {"confirmed": 1}
    assert in_force(settings) == {"e.njeri@ict.go.ke": "primary"}
    assert addressees(mailed_after(settings, sent)) & {AMINA.email, BRIAN.email, CLARA.email} == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_addition_that_fits_is_confirmed_and_one_beyond_the_limit_is_refused(
        settings: Settings, language: str) -> None:
    drop(settings, "1.eml", letter_mail(Letter(nominees=[person(1, "primary"), person(2, "alternate")])))
    poll(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[person(3, "advisor")], intro=ADD[language])))
    assert poll(settings).decided == {"confirmed": 1}
    assert last_case(settings).result["intent"] == "add"
    drop(settings, "3.eml", letter_mail(Letter(nominees=[person(4, "advisor")], intro=ADD[language])))
    assert poll(settings).decided == {"corrections_requested": 1}
    assert {i["code"] for i in last_case(settings).issues} >= {"too_many_nominees"}
    assert in_force(settings) == {AMINA.email: "primary", BRIAN.email: "alternate",
                                  CLARA.email: "advisor"}


# ------------------------------------------------- over real Dovecot and SMTP servers


@pytest.mark.parametrize("language", LANGUAGES)
def test_over_real_servers_each_change_reaches_only_those_newly_in_force(
        language: str, config, dovecot, smtp_server) -> None:  # type: ignore[no-untyped-def]
    """A team of three; one withdrawn; the primary replaced by a newcomer; an addition that
    fits, then one beyond the limit. Mail goes only to the people each letter puts in force,
    never again to anyone withdrawn or replaced."""
    from tests.bot.test_real_mail_e2e import poll as real_poll

    def deliver_and_poll(letter: Letter, number: int) -> set[str]:
        before = len(smtp_server.messages)
        dovecot.deliver(letter_mail(letter, message_id=f"<{language}-{number}@ict.go.ke>"))
        real_poll(config)
        return {address.lower() for e in smtp_server.messages[before:] for address in e.rcpt_tos}

    deliver_and_poll(Letter(nominees=[person(1, "primary"), person(2, "alternate"),
                                      person(3, "advisor")]), 1)
    reached = deliver_and_poll(Letter(nominees=[], intro=WITHDRAW[language].format(
        who=named(CLARA))), 2)
    assert reached == {"registry@ict.go.ke"}
    reached = deliver_and_poll(Letter(nominees=[person(4, "primary")], intro=REPLACE_ONE[language]
                                      .format(old=named(AMINA))), 3)
    assert DAVID.email in reached and AMINA.email not in reached and CLARA.email not in reached
    reached = deliver_and_poll(Letter(nominees=[person(5, "advisor")], intro=ADD[language]), 4)
    assert "e.njeri@ict.go.ke" in reached and not reached & {AMINA.email, CLARA.email}
    extra = Nominee(title="Mr", first_name="Felix", last_name="Omondi", job_title="Adviser",
                    role="advisor", organization="Ministry of ICT", email="f.omondi@ict.go.ke")
    reached = deliver_and_poll(Letter(nominees=[extra], intro=ADD[language]), 5)
    assert reached == {"registry@ict.go.ke"}
    roster_json = subprocess.run(
        [sys.executable, "-c", "from bot.cli import app; app()", "roster", "--format", "json",
         "--config", str(config)], cwd=config.parent, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    kenya = json.loads(roster_json.stdout)["member_states"]["KEN"]
    assert {n["email"]: n["role"] for n in kenya} == {
        BRIAN.email: "alternate", DAVID.email: "primary", "e.njeri@ict.go.ke": "advisor"}


def test_a_withdrawal_confirmed_in_the_review_folder_is_applied_as_its_how_to_says(
        settings: Settings) -> None:
    """A withdrawal from a sender our server could not authenticate waits for a person; the
    HOW-TO says confirm takes the person off the roster, and confirming does exactly that."""
    three_in_force(settings)
    drop(settings, "2.eml", letter_mail(Letter(nominees=[], intro=WITHDRAW["en"].format(
        who=named(CLARA))), authenticated=False, headers={
            "Authentication-Results": "mx.itu.int; dkim=fail; spf=fail; dmarc=fail"}))
    assert poll(settings).decided == {"needs_review": 1}
    case = last_case(settings)
    folder = settings.review.folder / case.id
    how_to = (folder / "HOW-TO.txt").read_text(encoding="utf-8")
    assert f"takes off the roster (withdrawn): Dr Clara Wanjiru <{CLARA.email}>" in how_to
    assert "[[withdrawn]]" in (folder / "case.toml").read_text(encoding="utf-8")
    before = outbox(settings)
    (folder / "decision.toml").write_text('decision = "confirm"\n', encoding="utf-8")
    poll(settings)
    assert last_case(settings).decision == "confirmed"
    assert in_force(settings) == {AMINA.email: "primary", BRIAN.email: "alternate"}
    replies = mailed_after(settings, before)
    assert replies and all(LINK not in m.as_string() for m in replies)
    assert CLARA.email not in addressees(replies)
