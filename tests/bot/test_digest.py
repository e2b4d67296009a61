"""The daily digest: a day with every kind of event, read as text, HTML and mail.

The state is built in code: cases of every decision, a late letter, doubts,
an old request for corrections, a case in the review folder and a roster over
several regions and an observer, with letter values that try to inject HTML.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import shutil
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from bot.digest import compose, digest_message_id, gather, queue_digest, render
from bot.models import CaseRow, NomineeRow, OutgoingRow
from bot.review import QueueItem
from bot.settings import DigestSettings, Settings
from bot.store import open_database

NOW = dt.datetime(2024, 11, 21, 7, 0, tzinfo=dt.timezone.utc)  # 08:00 in Zurich
ZONE = "Europe/Zurich"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
HOSTILE = "<script>alert('x')</script>"


def hours_ago(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


def case(case_id: str, decision: str, party: str | None, hours: float, *,
         codes: tuple[str, ...] = (), nominees: int = 0, **values: object) -> CaseRow:
    issues = [{"code": c, "field": None, "nominee": None, "message": c} for c in codes]
    result = {"nominees": [{"email": f"n{i}@x.org"} for i in range(nominees)], "issues": issues}
    return CaseRow(id=case_id, message_id=f"<{case_id}@x>", sender=f"registry@{case_id.lower()}.gov",
                   subject="Nomination", party=party, decision=decision, issues=issues,
                   result=result, letter_hash=case_id, created_at=hours_ago(hours),
                   decided_at=hours_ago(hours), **values)


def nominee(case_id: str, party: str, n: int, added_hours: float,
            removed_hours: float | None = None) -> NomineeRow:
    return NomineeRow(case_id=case_id, party=party,
                      participant_type="observer" if party.startswith("IGO:") else "member_state",
                      title="Ms", first_name=f"N{n}", last_name=HOSTILE if n == 1 else "Doe",
                      job_title="Director", role="primary" if n == 1 else "alternate",
                      organization="Ministry", email=f"n{n}@{party[-3:].lower()}.gov",
                      added_at=hours_ago(added_hours), in_force=removed_hours is None,
                      removed_at=hours_ago(removed_hours) if removed_hours else None)


@pytest.fixture
def sessions(database_url: str):  # type: ignore[no-untyped-def]
    sessions = open_database(database_url)
    with sessions.begin() as session:
        session.add_all([
            case("GCC-KEN", "confirmed", "KEN", 5, nominees=2),
            case("GCC-BRA", "confirmed", "BRA", 20, nominees=1, late=True),
            case("GCC-AU", "confirmed", "IGO:African Union Commission", 3, nominees=1),
            case("GCC-FRA", "corrections_requested", "FRA", 2, codes=("unsigned", "missing_field")),
            case("GCC-OLD", "corrections_requested", "EGY", 24 * 6, codes=("invalid_email",)),
            case("GCC-DONE", "corrections_requested", "DEU", 24 * 3, closed_by="GCC-KEN"),
            case("GCC-XSS", "needs_review", "IGO:" + HOSTILE, 4, codes=("sender_unverified",),
                 late=True),
            case("GCC-WAIT", "needs_review", None, 30, codes=("low_confidence",)),
            case("GCC-ACME", "not_eligible", None, 6, codes=("not_eligible",)),
            case("GCC-OOO", "ignored", None, 1),
            case("GCC-OLDCONF", "confirmed", "IND", 24 * 10, nominees=1),
        ])
        session.flush()
        session.add_all([
            nominee("GCC-KEN", "KEN", 1, 5), nominee("GCC-KEN", "KEN", 2, 5),
            nominee("GCC-BRA", "BRA", 1, 20),
            nominee("GCC-AU", "IGO:African Union Commission", 1, 3),
            nominee("GCC-OLDCONF", "IND", 1, 24 * 10), nominee("GCC-OLDCONF", "IND", 2, 24 * 10, 24),
        ])
    return sessions


def folder_item() -> QueueItem:
    return QueueItem(case_id="GCC-XSS", folder=Path("review/GCC-XSS"), queued_at=hours_ago(4),
                     party="IGO:" + HOSTILE, sender="someone@example.org",
                     issues=("sender_unverified",), state="error")


def test_the_digest_tells_every_kind_of_event_of_the_day(sessions):  # type: ignore[no-untyped-def]
    digest = gather(sessions, NOW, ZONE, [folder_item()])
    assert digest.day == dt.date(2024, 11, 21)
    assert [l.case_id for l in digest.letters] == [
        "GCC-BRA", "GCC-ACME", "GCC-KEN", "GCC-XSS", "GCC-AU", "GCC-FRA"]
    assert digest.ignored == 1
    assert [(c.who, c.nominees) for c in digest.confirmations] == [
        ("African Union Commission (observer)", 1), ("Brazil (BRA)", 1), ("Kenya (KEN)", 2)]
    assert [(w.case_id, w.age) for w in digest.corrections] == [("GCC-OLD", "6 days"),
                                                                ("GCC-FRA", "2 h")]
    assert [(w.case_id, w.age) for w in digest.review] == [("GCC-WAIT", "30 h"),
                                                           ("GCC-XSS", "4 h")]
    assert [l.case_id for l in digest.late] == ["GCC-BRA", "GCC-XSS"]
    assert [(l.case_id, l.note) for l in digest.doubts] == [
        ("GCC-XSS", "sender not verified"), ("GCC-FRA", "no signature")]
    assert (digest.countries, digest.nominees, digest.observers, digest.observer_nominees) == \
        (3, 4, 1, 1)
    regions = {r.region: (r.countries, r.nominees) for r in digest.regions}
    assert regions["Africa"] == (1, 2) and regions["Americas"] == (1, 1)
    assert regions["Asia-Pacific"] == (1, 1) and regions["Europe"] == (0, 0)
    # 19th: two Indians; 20th: one of them replaced, Brazil's added; 21st: Kenya's two and the AU's
    assert digest.history[-3:] == [(dt.date(2024, 11, 19), 2), (dt.date(2024, 11, 20), 2),
                                   (dt.date(2024, 11, 21), 5)]
    assert len(digest.history) == 30 and digest.history[0] == (dt.date(2024, 10, 23), 0)


def test_the_text_digest_lists_each_section(sessions):  # type: ignore[no-untyped-def]
    text, _ = render(gather(sessions, NOW, ZONE, [folder_item()]))
    for heading in ("ROSTER IN FORCE", "NEW LETTERS (6; 1 other mails ignored)",
                    "CONFIRMED, BY COUNTRY (3)", "REVIEW QUEUE (2)",
                    "CORRECTIONS OUTSTANDING (2)", "LATE LETTERS (2)",
                    "SENDER OR SIGNATURE DOUBTS (2)"):
        assert heading in text
    assert "GCC-OLD  Egypt (EGY), asked 6 days ago (invalid_email)" in text
    assert "3 Member States, 4 nominees; 1 observers, 1 nominees" in text


def test_letter_values_are_escaped_in_the_html(sessions):  # type: ignore[no-untyped-def]
    _, html = render(gather(sessions, NOW, ZONE, [folder_item()]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_mail_has_text_html_an_inline_chart_and_the_roster_as_csv(sessions, tmp_path):  # type: ignore[no-untyped-def]
    settings = Settings(digest=DigestSettings(to=["a@itu.int", "b@itu.int"], timezone=ZONE))
    message = compose(settings, sessions, NOW, [folder_item()])
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<digest-2024-11-21@gcc-bot.itu.int>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert "a@itu.int" in parsed["To"] and "b@itu.int" in parsed["To"]
    assert "REVIEW QUEUE" in parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert 'src="cid:roster-chart@gcc-bot"' in html
    [chart] = [p for p in parsed.walk() if p.get_content_type() == "image/png"]
    assert chart["Content-ID"] == "<roster-chart@gcc-bot>"
    assert Image.open(io.BytesIO(chart.get_content())).size == (1120, 400)
    [roster] = [p for p in parsed.iter_attachments() if p.get_content_type() == "text/csv"]
    rows = list(csv.DictReader(io.StringIO(roster.get_content())))
    assert sorted(r["party"] for r in rows) == [
        "African Union Commission", "BRA", "IND", "KEN", "KEN"]
    assert HOSTILE in {r["last_name"] for r in rows}  # the CSV keeps the value as written


def test_the_digest_is_queued_once_a_day_whoever_queues_it(sessions):  # type: ignore[no-untyped-def]
    settings = Settings()
    assert queue_digest(sessions, compose(settings, sessions, NOW))
    assert not queue_digest(sessions, compose(settings, sessions, NOW + dt.timedelta(hours=3)))
    assert queue_digest(sessions, compose(settings, sessions, NOW + dt.timedelta(days=1)))
    with sessions() as session:
        kinds = list(session.scalars(select(OutgoingRow.kind)))
    assert kinds == ["digest", "digest"]
    assert digest_message_id(dt.date(2024, 11, 22), "x@Example.ORG") == \
        "<digest-2024-11-22@gcc-bot.example.org>"


def test_an_empty_day_reads_as_such(tmp_path: Path):
    sessions = open_database(f"sqlite:///{tmp_path}/empty.db")
    text, html = render(gather(sessions, NOW, ZONE))
    assert "NEW LETTERS (0)" in text and "REVIEW QUEUE (0)" in text
    assert "Empty." in html


# ---------------------------------------------------------------- looking at it

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize(("name", "size"), [("phone", (390, 844)), ("desktop", (1280, 900))])
def test_the_html_digest_renders_in_a_browser_on_a_phone_and_a_desktop(
        sessions, tmp_path: Path, name: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from bot.digest import chart_png

    digest = gather(sessions, NOW, ZONE, [folder_item()])
    chart = "data:image/png;base64," + base64.b64encode(chart_png(digest)).decode()
    _, html = render(digest, chart_src=chart)
    page = tmp_path / "digest.html"
    page.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"digest-{name}.png"
    shot.unlink(missing_ok=True)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", f"--screenshot={shot}",
                    f"--window-size={size[0]},{size[1]}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    assert image.size == size
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text and chart were drawn, not a blank page


# ------------------------------------------------------- sending, once a day


def test_the_digest_is_due_after_its_hour_until_it_is_queued(sessions):  # type: ignore[no-untyped-def]
    from bot.digest import digest_due

    settings = Settings(digest=DigestSettings(at=dt.time(8, 0), timezone=ZONE))
    assert not digest_due(settings, sessions, NOW - dt.timedelta(minutes=1))  # 07:59 Zurich
    assert digest_due(settings, sessions, NOW)
    queue_digest(sessions, compose(settings, sessions, NOW))
    assert not digest_due(settings, sessions, NOW + dt.timedelta(hours=5))
    assert digest_due(settings, sessions, NOW + dt.timedelta(days=1))


def test_the_command_line_prints_the_digest_or_sends_it_once(sessions, database_url: str,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path):
    from typer.testing import CliRunner

    from bot.cli import app

    config = tmp_path / "gcc-bot.toml"
    config.write_text(f'[database]\nurl = "{database_url}"\n'
                      f'[review]\nfolder = "{tmp_path}/review"\n'
                      f'[local]\nfolder = "{tmp_path}/mail"\n', encoding="utf-8")
    printed = CliRunner().invoke(app, ["digest", "--print", "--config", str(config)])
    assert printed.exit_code == 0 and "GCC NOMINATIONS - DAILY DIGEST" in printed.output
    assert "ROSTER IN FORCE" in printed.output
    for _ in range(2):
        assert CliRunner().invoke(app, ["digest", "--config", str(config)]).exit_code == 0
    sent = list((tmp_path / "mail" / "outbox").iterdir())
    assert len(sent) == 1 and sent[0].name.startswith("digest-")
    with sessions() as session:
        assert session.scalar(select(func.count(OutgoingRow.id)).where(
            OutgoingRow.status == "sent")) == 1


def test_every_member_state_has_its_itu_region():
    import json

    from bot.digest import REGIONS, itu_regions

    names = Path(__file__).resolve().parents[2] / "extractors" / "data" / "country_names.json"
    members = set(json.loads(names.read_text(encoding="utf-8")))
    assert members <= set(itu_regions())
    assert {region for region, _ in itu_regions().values()} == set(REGIONS)


def test_mail_the_server_refused_for_good_is_listed_as_not_delivered(sessions):  # type: ignore[no-untyped-def]
    refused = "553 5.6.7 the server does not offer SMTPUTF8, which this address needs"
    with sessions.begin() as session:
        session.add_all([
            OutgoingRow(message_id="<r1@x>", case_id="GCC-KEN", kind="reply", raw=b"",
                        recipients=["registry@gcc-ken.gov", "李伟@xn--vuq945an13b.xn--fiqs8s"],
                        status="failed", last_error=f"refused for every recipient: {refused}",
                        created_at=hours_ago(5), claimed_at=hours_ago(4)),
            OutgoingRow(message_id="<r2@x>", case_id="GCC-OLDCONF", kind="invitation", raw=b"",
                        recipients=["n1@ind.gov"], status="failed", last_error="550 no such user",
                        created_at=hours_ago(24 * 10), claimed_at=hours_ago(24 * 10)),
            OutgoingRow(message_id="<r3@x>", case_id="GCC-AU", kind="reply", raw=b"",
                        recipients=["registry@gcc-au.gov"], status="sent",
                        created_at=hours_ago(3), claimed_at=hours_ago(3)),
        ])
    digest = gather(sessions, NOW, ZONE)
    assert [(u.case_id, u.kind) for u in digest.undelivered] == [("GCC-KEN", "reply")]
    text, html = render(digest)
    assert "NOT DELIVERED (1)" in text
    assert f"GCC-KEN  reply to registry@gcc-ken.gov, 李伟@xn--vuq945an13b.xn--fiqs8s: " \
           f"refused for every recipient: {refused}" in text
    assert "Not delivered" in html and "SMTPUTF8" in html
