"""The sweep (benchmarks/sweep.py) over files from elsewhere and hostile variants made here:
no crash, no confirmation, every tampered signature reported invalid, each decided within
[limits] letter_seconds. Third-party files are kept in tests/data/sweep (see its README):
PDFs from pyHanko's test suite (coverage anomalies, sneaky form updates, broken CMS,
broken cross-reference tables) and mails from CPython's email test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.sweep import broken_promises, sweep, sweep_one
from bot.settings import Settings
from tests.extractors.signing import person_signer, sign
from tests.letters import Letter, letter_pdf
from tests.sweep_variants import VARIANTS, write_variants

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data" / "sweep"


def test_an_honest_signed_letter_breaks_the_no_confirmation_promise_so_the_sweep_can_fail(
        tmp_path: Path) -> None:
    """The control: the sweep's mail passes our MX's checks, so a real letter is confirmed."""
    path = tmp_path / "honest.pdf"
    path.write_bytes(sign(letter_pdf(Letter(signed=False)), person_signer("John Kariuki")))
    outcome = sweep_one(path, Settings())
    assert outcome.decision == "confirmed" and outcome.broken == ["confirmed"]


def result(decision: str = "needs_review", verdicts: tuple[str, ...] = (),
           message: str = "A field is missing.") -> dict[str, object]:
    return {"decision": decision, "issues": [{"code": "low_confidence", "message": message}],
            "digital_signatures": [{"verdict": v} for v in verdicts]}


@pytest.mark.parametrize(("name", "outcome", "seconds", "broken"), [
    ("a.pdf", result(), 1.0, []),
    ("a.pdf", result("confirmed"), 1.0, ["confirmed"]),
    ("a.pdf", result(message="The letter could not be read (KeyError)."), 1.0, ["crash"]),
    ("a.tampered.pdf", result(verdicts=("valid",)), 1.0, ["tampered"]),
    ("a.tampered.pdf", result(verdicts=("invalid",)), 1.0, []),
    ("a.shadow.pdf", result(verdicts=("valid", "not a signature")), 1.0, ["shadowed"]),
    ("a.shadow.pdf", result(verdicts=("valid, but the page shows something else since signing",)),
     1.0, []),
    ("a.pdf", result(), 400.0, ["decided"]),
])
def test_each_promise_is_checked(name: str, outcome: dict[str, object], seconds: float,
                                 broken: list[str]) -> None:
    found = broken_promises(name, outcome, seconds, letter_seconds=300)
    assert [b.split()[0].rstrip(":,") for b in found] == broken, found


def test_hostile_variants_of_signed_letters_keep_every_promise(tmp_path: Path) -> None:
    write_variants(tmp_path / "variants")
    outcomes = sweep([tmp_path / "variants"], Settings())
    assert len(outcomes) == len(VARIANTS)
    assert [(o.file, o.broken) for o in outcomes if o.broken] == []
    tampered = [o for o in outcomes if "tampered" in o.file]
    assert len(tampered) >= 6 and all(o.decision != "confirmed" for o in tampered)
    assert {o.decision for o in outcomes if "form-fill.shadow" in o.file} == {"needs_review"}


@pytest.mark.parametrize("source", ["pyhanko", "cpython-email"])
def test_third_party_files_keep_every_promise(source: str) -> None:
    outcomes = sweep([DATA / source], Settings())
    assert len(outcomes) >= 15
    assert [(o.file, o.broken) for o in outcomes if o.broken] == []
