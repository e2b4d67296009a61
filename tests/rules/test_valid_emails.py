"""Internationalised nominee addresses (issue 17): an IDN domain is a valid address,
read from a letter as written and writable by the outbox in a form servers accept."""

from __future__ import annotations

import pytest

from bot.outgoing import mailbox
from extractors.fields.normalize import find_email
from rules import valid_emails
from tests.rules.helpers import nomination, nominee, submission

CONTEXT = None
LOCAL_PARTS = ("ivan.petrov", "li_wei", "a-hassan", "m.o'brien")
IDN_DOMAINS = ("минцифры.рф", "мвд.рф", "工信部.中国", "外交部.政务", "وزارة.مصر", "mcit.gov.مصر",
               "ministère.gouv.fr", "bundesämter.de", "xn--h1aakfqxm7b.xn--p1ai")
LABELS = ("E-mail: {}", "电子邮件：{}", "Адрес электронной почты: {}", "البريد الإلكتروني: {}",
          "Courriel : {}.")


def issues(email: str) -> list[tuple[str, int | None]]:
    nom = nomination(nominee(1, email=email))
    return [(i.code, i.nominee) for i in valid_emails.rule.check(submission(), nom, CONTEXT)]  # type: ignore[arg-type]


@pytest.mark.parametrize("domain", IDN_DOMAINS)
@pytest.mark.parametrize("local", LOCAL_PARTS)
def test_an_idn_address_is_read_from_the_letter_accepted_and_deliverable(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    label = LABELS[len(address) % len(LABELS)]  # each label in turn
    assert find_email(label.format(address)) == address.lower()
    assert issues(address) == []
    written = mailbox(address)
    assert written is not None and written.addr_spec.isascii()


@pytest.mark.parametrize("address", ["ivan@минцифры", "ivan@минцифры..рф", "ivan@-минцифры.рф",
                                     "ivan petrov@минцифры.рф", "ivan@минцифры.рф."])
def test_a_broken_idn_address_is_invalid(address: str) -> None:
    assert issues(address) == [("invalid_email", 1)]
