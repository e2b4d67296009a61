"""Sweep the bot with files from elsewhere: every file of the folders given goes through
what `gcc-bot check` does for one file (read in the reader process held to [limits]
letter_seconds, then judged), and four promises are checked for each:

- no crash: no reader raised (a reader bug ends in review as "could not be read (Error)");
- no confirmation: none of these files is a ministry's honest letter;
- every tampered signature is reported invalid: a file whose name holds "tampered" must
  carry a digital signature whose verdict is "invalid", one whose name holds "shadow" one
  that is invalid or flagged as showing something else since signing;
- each decided within letter_seconds (plus a little for the fork and the judging).

A `.eml` file is sent as it is; any other file is attached to a ministry's mail, as a
letter would be. Both are stamped with our MX's Authentication-Results (a pass), so that
a confirmation is possible and the promise means something.

Run: .venv/bin/python benchmarks/sweep.py FOLDER... [--config gcc-bot.toml] [--json]
Exit 1 when a promise is broken, listing each file that broke one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.judge import judge  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402

GRACE_SECONDS = 10.0
"""What deciding may take beyond reading: the fork, the rules, building the result."""
SENDER = "registry@ict.go.ke"
SKIPPED = {"SOURCE", "COPYRIGHT", "LICENSE", "README", "README.md"}


@dataclass
class Outcome:
    """One file swept: what the bot decided, how long it took, what it broke."""

    file: str
    decision: str = ""
    seconds: float = 0.0
    issues: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


def stamped(raw: bytes, authserv_id: str) -> bytes:
    """The mail as our MX would pass it on: its verdict on top (a pass for the From domain)."""
    try:
        sender = parseaddr(str(message_from_bytes(raw).get("From", "")))[1]
    except Exception:  # noqa: BLE001 - a From header beyond repair: stamp some domain
        sender = ""
    domain = sender.rsplit("@", 1)[1] if "@" in sender else "example.org"
    stamp = (f"Authentication-Results: {authserv_id}; dkim=pass header.d={domain}; "
             f"spf=pass smtp.mailfrom={domain}; dmarc=pass\r\n")
    return stamp.encode("utf-8", "replace") + raw


def as_mail(path: Path) -> bytes:
    """A ministry's mail carrying the file, named as it is, of no declared type."""
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = "gcc-secretariat@itu.int"
    message["Subject"] = "Nomination of our representatives to the GCC (TSB Circular 006)"
    message["Message-ID"] = make_msgid(domain="ict.go.ke")
    message.set_content("Dear Sir/Madam,\n\nPlease find attached our nomination letter.\n")
    message.add_attachment(path.read_bytes(), maintype="application", subtype="octet-stream",
                           filename=path.name)
    return message.as_bytes()


def files_of(folders: list[Path]) -> list[Path]:
    return sorted(path for folder in folders
                  for path in ([folder] if folder.is_file() else folder.rglob("*"))
                  if path.is_file() and path.name not in SKIPPED and not path.name.startswith("."))


def sweep_one(path: Path, settings: Settings) -> Outcome:
    """One file through check's path, timed, with the promises it breaks."""
    raw = path.read_bytes() if path.suffix.lower() == ".eml" else as_mail(path)
    if settings.security.judges_authentication:
        raw = stamped(raw, str(settings.security.authserv_id))
    outcome = Outcome(str(path))
    start = time.monotonic()
    try:
        result = judge(raw, settings, file=str(path), isolate=True).result.stored()
    except Exception as error:  # noqa: BLE001 - the first promise: this must not happen
        outcome.broken.append(f"crash: {type(error).__name__}: {error}")
        return outcome
    outcome.seconds = time.monotonic() - start
    outcome.decision = result["decision"]
    outcome.issues = [issue["code"] for issue in result["issues"]]
    outcome.signatures = [signed["verdict"] for signed in result["digital_signatures"]]
    outcome.broken = broken_promises(path.name, result, outcome.seconds,
                                     settings.limits.letter_seconds)
    return outcome


def broken_promises(name: str, result: dict[str, object], seconds: float,
                    letter_seconds: float) -> list[str]:
    """The sweep's four promises, for one file's `check --json` result."""
    broken = []
    issues = result["issues"]
    assert isinstance(issues, list)
    crashes = [i["message"] for i in issues if "could not be read (" in i["message"]]
    if crashes:
        broken.append(f"crash: {crashes[0]}")
    if result["decision"] == "confirmed":
        broken.append("confirmed")
    signed = result["digital_signatures"]
    assert isinstance(signed, list)
    verdicts = {s["verdict"] for s in signed}
    if "tampered" in name.lower() and "invalid" not in verdicts:
        broken.append(f"tampered, but no signature reported invalid ({sorted(verdicts)})")
    if "shadow" in name.lower() and not verdicts - {"valid", "not a signature"}:
        broken.append(f"shadowed, but no signature reported invalid or changed ({sorted(verdicts)})")
    if seconds > letter_seconds + GRACE_SECONDS:
        broken.append(f"decided in {seconds:.1f} s (letter_seconds = {letter_seconds:g})")
    return broken


def sweep(folders: list[Path], settings: Settings) -> list[Outcome]:
    return [sweep_one(path, settings) for path in files_of(folders)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="one JSON line per file")
    args = parser.parse_args()
    settings = load_settings(args.config)
    outcomes = []
    for path in files_of(args.folders):
        outcome = sweep_one(path, settings)
        outcomes.append(outcome)
        if args.json:
            print(json.dumps(asdict(outcome), ensure_ascii=False), flush=True)
        else:
            print(f"{outcome.seconds:6.1f} s  {outcome.decision:22} {path}"
                  f"  {','.join(outcome.signatures) or '-'}"
                  + (f"  BROKEN: {'; '.join(outcome.broken)}" if outcome.broken else ""), flush=True)
    decisions = Counter(o.decision for o in outcomes)
    slowest = max((o.seconds for o in outcomes), default=0.0)
    bad = [o for o in outcomes if o.broken]
    print(f"{len(outcomes)} files: {dict(decisions)}; slowest {slowest:.1f} s; "
          f"{len(bad)} broke a promise", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
