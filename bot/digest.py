"""The secretariat's daily digest: what happened in the last 24 hours, what waits,
and where the roster stands, as text, HTML (a chart inline) and the roster as CSV.

`gather` reads the state into a Digest (plain data); `render` turns it into text
and HTML through bot/templates/digest (HTML autoescaped: letter values are
untrusted); `compose` makes the mail; `queue_digest` puts it in the outbox under
a Message-ID fixed per day, so several workers send it once.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pycountry
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.chart import bar_chart
from bot.models import CaseRow, NomineeRow, OutgoingRow, RosterEventRow
from bot.outbox import enqueue
from bot.outgoing import mailbox, message_id, new_message, render_template, set_bodies
from bot.party import observer_name
from bot.review import QueueItem
from bot.roster import roster_csv
from bot.settings import Settings

REGIONS_FILE = Path(__file__).resolve().with_name("itu_regions.csv")
REGIONS = ("Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe")
HISTORY_DAYS = 30
CHART_CID = "roster-chart@gcc-bot"
DOUBTS = {"sender_unverified": "sender not verified", "unsigned": "no signature",
          "signature_invalid": "signature not valid"}
"""Issue codes that cast doubt on who sent or signed a letter, and how the digest says it."""


@cache
def itu_regions() -> dict[str, tuple[str, str]]:
    """Alpha-3 code -> (ITU region, English name), from the static data file."""
    with REGIONS_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: (row["region"], row["name"]) for row in rows}


def party_label(party: str | None) -> str:
    """'Kenya (KEN)' or 'African Union Commission (observer)', for people to read."""
    if not party:
        return "unknown sender"
    observer = observer_name(party)
    if observer is not None:
        return f"{observer} (observer)"
    known = itu_regions().get(party)
    record = pycountry.countries.get(alpha_3=party)
    name = known[1] if known else getattr(record, "name", None)
    return f"{name} ({party})" if name else party


def age_text(age: dt.timedelta) -> str:
    hours = int(age.total_seconds() // 3600)
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} days"


@dataclass(frozen=True)
class Letter:
    case_id: str
    at: dt.datetime
    who: str
    sender: str
    decision: str
    late: bool
    note: str = ""


@dataclass(frozen=True)
class Waiting:
    case_id: str
    who: str
    sender: str
    age: str
    note: str


@dataclass(frozen=True)
class Confirmation:
    who: str
    letters: int
    nominees: int


@dataclass(frozen=True)
class RosterChanges:
    """One party's roster changes of the day, and whether it is left without a primary contact."""

    who: str
    changes: list[str]
    """'withdrawn a@b.gov', 'added c@d.gov' ... in the order they were made."""
    no_primary: bool


@dataclass(frozen=True)
class Undelivered:
    """A message the mail server refused for good (an address no server takes, say)."""

    case_id: str
    kind: str
    recipients: str
    error: str


@dataclass(frozen=True)
class RegionTotal:
    region: str
    countries: int
    nominees: int


@dataclass
class Digest:
    """Everything the digest says, as plain values (the templates only lay it out)."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime
    timezone: str
    letters: list[Letter] = field(default_factory=list)
    ignored: int = 0
    confirmations: list[Confirmation] = field(default_factory=list)
    corrections: list[Waiting] = field(default_factory=list)
    review: list[Waiting] = field(default_factory=list)
    late: list[Letter] = field(default_factory=list)
    doubts: list[Letter] = field(default_factory=list)
    undelivered: list[Undelivered] = field(default_factory=list)
    countries: int = 0
    nominees: int = 0
    observers: int = 0
    observer_nominees: int = 0
    regions: list[RegionTotal] = field(default_factory=list)
    history: list[tuple[dt.date, int]] = field(default_factory=list)
    """Nominees in force at the end of each of the last HISTORY_DAYS days."""
    roster_changes: list[RosterChanges] = field(default_factory=list)
    without_primary: list[str] = field(default_factory=list)
    """Parties with nominees in force (or emptied today) and no primary contact."""


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.timezone.utc)


def _letter(case: CaseRow, zone: ZoneInfo, note: str = "") -> Letter:
    return Letter(case.id, _utc(case.created_at).astimezone(zone), party_label(case.party),  # type: ignore[union-attr]
                  case.sender or "", case.decision, case.late, note)


def _codes(case: CaseRow) -> list[str]:
    return [issue.get("code", "") for issue in case.issues or []]


def gather(sessions: sessionmaker[Session], now: dt.datetime, timezone: str,
           queued: list[QueueItem] = ()) -> Digest:  # type: ignore[assignment]
    """The digest for the 24 hours up to `now`; `queued` is the review folder's content."""
    zone = ZoneInfo(timezone)
    end = now.astimezone(zone)
    start = end - dt.timedelta(days=1)
    digest = Digest(day=end.date(), start=start, end=end, timezone=timezone)
    with sessions() as session:
        cases = list(session.scalars(select(CaseRow).order_by(CaseRow.created_at)))
        nominees = list(session.scalars(select(NomineeRow)))
        events = list(session.scalars(select(RosterEventRow).order_by(RosterEventRow.id)))
        failed = list(session.scalars(select(OutgoingRow).where(OutgoingRow.status == "failed")
                                      .order_by(OutgoingRow.id)))

    confirmed: dict[str, list[int]] = defaultdict(list)
    for case in cases:
        created, decided = _utc(case.created_at), _utc(case.decided_at)
        assert created is not None and decided is not None
        if start <= created < end:
            if case.decision == "ignored":
                digest.ignored += 1
            else:
                letter = _letter(case, zone, ", ".join(_codes(case)))
                digest.letters.append(letter)
                if case.late:
                    digest.late.append(letter)
                doubts = [DOUBTS[c] for c in dict.fromkeys(_codes(case)) if c in DOUBTS]
                if doubts:
                    digest.doubts.append(_letter(case, zone, ", ".join(doubts)))
        if case.decision == "confirmed" and start <= decided < end:
            confirmed[party_label(case.party)].append(len(case.result.get("nominees") or []))
        if case.decision == "corrections_requested" and case.closed_by is None:
            digest.corrections.append(Waiting(case.id, party_label(case.party), case.sender or "",
                                              age_text(now - decided), ", ".join(_codes(case))))
    digest.confirmations = [Confirmation(who, len(counts), sum(counts))
                            for who, counts in sorted(confirmed.items())]
    digest.review = _review(cases, queued, now)
    digest.undelivered = [
        Undelivered(row.case_id or "-", row.kind, ", ".join(map(str, row.recipients or [])),
                    row.last_error or "")
        for row in failed if start <= _utc(row.claimed_at or row.created_at) < end]  # type: ignore[operator]
    _roster(digest, nominees, zone, now)
    _changes(digest, events, nominees)
    return digest


def _changes(digest: Digest, events: list[RosterEventRow], nominees: list[NomineeRow]) -> None:
    """The day's roster events by party; a party left without a primary contact is flagged."""
    today: dict[str, list[str]] = defaultdict(list)
    for event in events:
        at = _utc(event.at)
        if at is not None and digest.start <= at < digest.end:
            today[event.party].append(f"{event.action} {event.email or '(no e-mail)'}")
    in_force: dict[str, list[NomineeRow]] = defaultdict(list)
    for nominee in nominees:
        if nominee.in_force:
            in_force[nominee.party].append(nominee)
    lacking = {party for party in {*in_force, *today}
               if not any(n.role == "primary" for n in in_force.get(party, []))}
    digest.roster_changes = [RosterChanges(party_label(party), changes, party in lacking)
                             for party, changes in sorted(today.items())]
    digest.without_primary = sorted(party_label(party) for party in lacking)


def _review(cases: list[CaseRow], queued: list[QueueItem], now: dt.datetime) -> list[Waiting]:
    """The folder's items, and cases needing review that are not (yet) in the folder."""
    by_id = {case.id: case for case in cases}
    waiting = [(item.queued_at, Waiting(
        item.case_id, party_label(item.party), item.sender or "", age_text(now - item.queued_at),
        ", ".join(item.issues) + ("; the decision file has an error" if item.state == "error"
                                  else "; decision waiting for the next tick"
                                  if item.state == "decision" else "")))
        for item in queued]
    in_folder = {item.case_id for item in queued}
    for case_id, case in by_id.items():
        if case.decision == "needs_review" and case_id not in in_folder:
            created = _utc(case.created_at)
            assert created is not None
            waiting.append((created, Waiting(case_id, party_label(case.party), case.sender or "",
                                             age_text(now - created),
                                             ", ".join(_codes(case)) + "; not in the folder yet")))
    return [w for _, w in sorted(waiting, key=lambda pair: pair[0])]


def _roster(digest: Digest, nominees: list[NomineeRow], zone: ZoneInfo,
            now: dt.datetime) -> None:
    in_force = [n for n in nominees if n.in_force]
    states = [n for n in in_force if observer_name(n.party) is None]
    observers = [n for n in in_force if observer_name(n.party) is not None]
    digest.countries = len({n.party for n in states})
    digest.nominees = len(states)
    digest.observers = len({n.party for n in observers})
    digest.observer_nominees = len(observers)
    regions = itu_regions()
    per_region: dict[str, Counter[str]] = defaultdict(Counter)
    for nominee in states:
        per_region[regions.get(nominee.party, ("Other", ""))[0]][nominee.party] += 1
    names = [*REGIONS, *sorted(set(per_region) - set(REGIONS))]
    digest.regions = [RegionTotal(r, len(per_region[r]), sum(per_region[r].values()))
                      for r in names]
    today = now.astimezone(zone).date()
    for back in range(HISTORY_DAYS - 1, -1, -1):
        day = today - dt.timedelta(days=back)
        cut = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
        cut = min(cut, now)
        digest.history.append((day, sum(1 for n in nominees if _in_force_at(n, cut))))


def _in_force_at(nominee: NomineeRow, moment: dt.datetime) -> bool:
    added, removed = _utc(nominee.added_at), _utc(nominee.removed_at)
    return added is not None and added < moment and (removed is None or removed >= moment)


# ------------------------------------------------------------------ render


def chart_png(digest: Digest) -> bytes:
    return bar_chart([f"{day:%d %b}" for day, _ in digest.history],
                     [count for _, count in digest.history])


def render(digest: Digest, chart_src: str = f"cid:{CHART_CID}") -> tuple[str, str]:
    """Plain text and HTML; `chart_src` is where the HTML finds the chart image."""
    context: dict[str, Any] = {"d": digest, "chart_src": chart_src}
    text = render_template("digest/digest.txt.j2", context, html=False)
    html = render_template("digest/digest.html.j2", context, html=True)
    return text.rstrip() + "\n", html


def digest_message_id(day: dt.date, sender_address: str) -> str:
    """One Message-ID per day: the outbox refuses a second digest for the same day."""
    return message_id(f"digest-{day:%Y-%m-%d}", sender_address)


def compose(settings: Settings, sessions: sessionmaker[Session], now: dt.datetime,
            queued: list[QueueItem] = ()) -> EmailMessage:  # type: ignore[assignment]
    """The digest mail: text and HTML alternatives, the chart inline, the roster as CSV."""
    digest = gather(sessions, now, settings.digest.timezone, queued)
    text, html = render(digest)
    sender = settings.sender_address
    to = [address for address in map(mailbox, settings.digest.to) if address is not None]
    message = new_message(
        sender=Address("GCC nomination bot", addr_spec=sender), to=to,
        subject=f"GCC nominations: daily digest {digest.day:%Y-%m-%d}",
        msg_id=digest_message_id(digest.day, sender), date=now,
        auto_submitted="auto-generated", labels={"X-GCC-Digest": f"{digest.day:%Y-%m-%d}"},
    )
    set_bodies(message, text, html)
    html_part = message.get_body(("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(chart_png(digest), maintype="image", subtype="png",
                          cid=f"<{CHART_CID}>", filename="roster-chart.png")
    message.add_attachment(roster_csv(sessions).encode("utf-8"), maintype="text",
                           subtype="csv", filename=f"gcc-roster-{digest.day:%Y-%m-%d}.csv")
    return message


def queue_digest(sessions: sessionmaker[Session], message: EmailMessage) -> bool:
    """Put the digest in the outbox; False when today's is already there."""
    try:
        with sessions.begin() as session:
            if session.scalar(select(OutgoingRow.id).where(
                    OutgoingRow.message_id == str(message["Message-ID"]))):
                return False
            enqueue(session, message, "digest", None)
    except IntegrityError:  # another worker queued it at the same moment
        return False
    return True


def digest_due(settings: Settings, sessions: sessionmaker[Session], now: dt.datetime) -> bool:
    """Today's digest time has passed and today's digest is not in the outbox
    (a daemon started after [digest] at catches up; a restart does not resend)."""
    local = now.astimezone(ZoneInfo(settings.digest.timezone))
    if local.time() < settings.digest.at:
        return False
    with sessions() as session:
        return session.scalar(select(OutgoingRow.id).where(
            OutgoingRow.message_id == digest_message_id(local.date(), settings.sender_address))) \
            is None
