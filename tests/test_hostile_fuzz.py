"""Fuzzing: whatever bytes arrive, intake returns a Submission and `judge` a decision;
nothing raises, and every result can be stored as JSON."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.judge import judge
from bot.intake import MAX_MESSAGE_ID, parse_mail
from bot.settings import Settings
from rules.base import DecisionKind
from tests.letters import Letter, letter_mail, mail, person

KINDS = set(get_args(DecisionKind))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def real_mails() -> tuple[bytes, ...]:
    """A letter as a PDF attachment, a letter in the body, an HTML cover note."""
    letter = Letter(nominees=[person(1, "primary"), person(2, "alternate")])
    body = ("The Government of the Republic of Kenya nominates:\nFirst name: Amina\n"
            "Last name: Otieno\nE-mail: a.otieno@ict.go.ke\nRole: Primary contact\n")
    return (letter_mail(letter, message_id="<pdf@ict.go.ke>"),
            mail(body=body, message_id="<body@ict.go.ke>"),
            mail(body="<html><body><p>Nomination</p><script>x()</script></body></html>",
                 headers={"Content-Type": "text/html; charset=utf-8"},
                 message_id="<html@ict.go.ke>"))


REAL_MAILS = real_mails()  # built here: Hypothesis wants no randomness inside strategies


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real mail with a few bytes replaced, inserted, deleted or the tail cut off."""
    raw = bytearray(draw(st.sampled_from(REAL_MAILS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        piece = draw(st.one_of(
            st.binary(min_size=1, max_size=40),
            st.sampled_from([b"\r\n--", b"\x00", b"=?utf-8?b?", b"Content-Type: multipart/mixed;"
                             b" boundary=\"x\"\r\n", b"\r\n\r\n", b"Content-Transfer-Encoding:"
                             b" base64\r\n", b"\xff\xfe", b"filename*=utf-8''%2e%2e%2f"])))
        if op == "replace":
            raw[at:at + len(piece)] = piece
        elif op == "insert":
            raw[at:at] = piece
        elif op == "delete":
            del raw[at:at + len(piece)]
        else:
            del raw[at:]
    return bytes(raw)


@FUZZ
@given(st.binary(max_size=4000))
def test_intake_takes_any_bytes(raw: bytes) -> None:
    submission = parse_mail(raw)
    assert submission.message_id and len(submission.message_id) <= MAX_MESSAGE_ID


@FUZZ
@given(mutated())
def test_intake_takes_any_mutation_of_a_real_mail(raw: bytes) -> None:
    submission = parse_mail(raw, authserv_id="mx.itu.int")
    assert submission.message_id and isinstance(submission.attachments, tuple)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_judge_decides_any_mutation_of_a_real_mail(raw: bytes) -> None:
    judgement = judge(raw, Settings())
    assert judgement.decision.kind in KINDS
    judgement.result.as_json()  # storable as the case's JSON
    if judgement.decision.kind == "confirmed":
        assert judgement.nomination.nominees  # a link only ever goes with named nominees
