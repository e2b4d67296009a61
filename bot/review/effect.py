"""What confirming a case will do to the roster, in words, before anyone confirms it.

Computed with the same roster_change the bot applies, against the roster in force when
the case was queued, so the person deciding reads exactly what will happen.
"""

from __future__ import annotations

from bot.judge import CheckResult
from extractors.model import Nominee
from rules.roster_after import roster_change


def _who(person: Nominee) -> str:
    name = " ".join(filter(None, (person.title, person.first_name, person.last_name)))
    return f"{name} <{person.email}>" if person.email else (name or "(no name)")


def confirm_effect(result: CheckResult, in_force: list[Nominee]) -> str:
    nomination = result.letter
    change = roster_change(nomination, in_force)
    lines = ["", 'WHAT "confirm" WILL DO FOR THIS CASE (with case.toml as it is now)',
             "-" * 66, f"intent = {nomination.intent}"]
    lines += [f"  takes off the roster ({why}): {_who(person)}; no further meeting links"
              for person, why in change.leaving]
    lines += [f"  registers: {_who(person)} ({person.role or 'no role'}); sends the meeting link"
              for person in change.added]
    lines += [f"  REFUSED: {_who(person)} is not in force (nobody to withdraw)"
              for person in change.unmatched]
    if not change.leaving and not change.added and not change.unmatched:
        lines.append("  changes nothing in the roster")
    if nomination.intent == "withdraw":
        lines.append("  replies to the sender acknowledging the withdrawal, with no meeting link")
    after = change.after
    primaries = sum(1 for n in after if n.role == "primary")
    lines.append(f"  leaves {len(after)} representative(s) in force"
                 + ("" if primaries == 1 else f", with {primaries} primary contact(s)"))
    return "\n".join(lines) + "\n"
