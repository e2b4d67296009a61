"""case.toml: what the bot read from a letter, as a file a person can correct.

`render_case` writes it from the `check --json` result; `letter_fields` reads
it back (after a person's edits, possibly overridden by keys of the decision
file), checking every value and naming the file and line of each problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pycountry

from bot.judge import CheckResult
from extractors.model import ANNEX2_FIELDS

PARTICIPANT_TYPES = ("member_state", "observer")
INTENTS = ("nominate", "replace", "add", "withdraw")
ROLES = ("primary", "alternate", "advisor")
LETTER_KEYS = ("participant_type", "country", "observer", "ministry", "language", "intent",
               "signatory", "nominees", "withdrawn")
"""The keys a person may correct, in case.toml or as overrides in decision.toml."""

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file the secretariat wrote, located for them."""

    file: str
    line: int | None
    text: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.text}"


class InvalidFile(Exception):
    """Raised with every problem found, so one round of fixing is enough."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# ------------------------------------------------------------------ writing


def toml_string(value: object) -> str:
    """A TOML basic string; control characters escaped, since letter text is untrusted."""
    text = "" if value is None else str(value)
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _line(key: str, value: object, comment: str = "") -> str:
    text = f"{key} = {toml_string(value)}"
    return f"{text:<40} # {comment}" if comment else text


def render_case(case_id: str, result: CheckResult) -> str:
    """The human-editable form of the letter's fields; "" stands for no value."""
    letter, origin = result.letter, result.letter.origin
    code, name = (origin.country.code, origin.country.name) if origin.country else (None, None)
    lines = [
        f"# Case {case_id}: what the bot read from the letter.",
        "# Correct any value that is wrong (\"\" means no value), then write decision.toml",
        "# next to this file to decide (see HOW-TO.txt).",
        "",
        _line("participant_type", origin.participant_type, "member_state | observer"),
        _line("country", code, "ISO 3166-1 alpha-3 code" + (f" ({name})" if name else "")),
        _line("observer", origin.observer_name, "the IGO's name, for an observer"),
        _line("ministry", letter.ministry),
        _line("language", letter.language, "language of the reply: ar en es fr ru zh"),
        _line("intent", letter.intent, " | ".join(INTENTS)),
        "",
        "[signatory]",
        _line("name", letter.signatory.name),
        _line("title", letter.signatory.title),
    ]
    for nominee in letter.nominees:
        lines += ["", "[[nominees]]"]
        lines += [_line(key, getattr(nominee, key), " | ".join(ROLES) if key == "role" else "")
                  for key in ANNEX2_FIELDS]
    if not letter.nominees:
        lines += ["", "# No nominee was read. Add one block per nominee:", "# [[nominees]]"]
        lines += [f"# {key} = \"\"" for key in ANNEX2_FIELDS]
    if letter.withdrawn:
        lines += ["", "# The people the letter withdraws (taken off the roster on confirm):"]
    for person in letter.withdrawn:
        lines += ["", "[[withdrawn]]"]
        lines += [_line(key, getattr(person, key))
                  for key in ("title", "first_name", "last_name", "email")]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ reading


def locate(text: str, key: str, table: str | None = None, index: int = 0) -> int | None:
    """The 1-based line of `key = ...`, at the top level or in the `index`-th `[table]`
    or `[[table]]`; the table's header line when key is empty. None when not found."""
    current, seen = None, -1
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.fullmatch(r"\[\[?\s*([A-Za-z0-9_\"-]+)\s*\]\]?(?:\s*#.*)?", line)
        if header:
            current = header.group(1).strip('"')
            seen = seen + 1 if current == table else seen
            if table and current == table and seen == index and not key:
                return number
            continue
        in_place = current is None if table is None else (current == table and seen == index)
        if in_place and key and re.match(rf'"?{re.escape(key)}"?\s*=', line):
            return number
    return None


@dataclass(frozen=True)
class Source:
    """One file a value came from, for pointing at lines."""

    name: str
    text: str

    def problem(self, text: str, key: str = "", table: str | None = None,
                index: int = 0) -> Problem:
        return Problem(self.name, locate(self.text, key, table, index), text)


def _text(value: object, source: Source, key: str, problems: list[Problem],
          table: str | None = None, index: int = 0) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(source.problem(f"{key} must be text in quotes", key, table, index))
        return None
    return " ".join(value.split()) or None


def _choice(value: str | None, allowed: tuple[str, ...], source: Source, key: str,
            problems: list[Problem], table: str | None = None, index: int = 0) -> str | None:
    if value is not None and value not in allowed:
        problems.append(source.problem(
            f"{key} = {value!r} is not one of {', '.join(allowed)}", key, table, index))
        return None
    return value


def _country(code: str | None, source: Source, problems: list[Problem]) -> dict[str, str] | None:
    if code is None:
        return None
    record = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else \
        pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if record is None:
        problems.append(source.problem(
            f"country {code!r} is not an ISO 3166-1 code (e.g. \"KEN\" for Kenya)", "country"))
        return None
    return {"code": record.alpha_3, "name": getattr(record, "common_name", record.name)}


def _nominees(value: object, source: Source, problems: list[Problem],
              table: str = "nominees") -> list[dict[str, Any]]:
    """[[nominees]] (or [[withdrawn]]) blocks with Annex 2 keys, checked and tidied."""
    if not isinstance(value, list) or not all(isinstance(n, dict) for n in value):
        problems.append(source.problem(f"{table} must be [[{table}]] blocks", table))
        return []
    nominees = []
    for index, entry in enumerate(value):
        for key in entry:
            if key not in ANNEX2_FIELDS:
                problems.append(source.problem(
                    f"{table} {index + 1}: unknown key {key!r} (known: {', '.join(ANNEX2_FIELDS)})",
                    key, table, index))
        nominee = {key: _text(entry.get(key), source, key, problems, table, index)
                   for key in ANNEX2_FIELDS}
        nominee["role"] = _choice(nominee["role"], ROLES, source, "role", problems,
                                  table, index)
        if nominee["email"]:
            nominee["email"] = nominee["email"].lower()
        nominees.append(nominee)
    return nominees


def letter_fields(values: dict[str, Any], sources: dict[str, Source]) -> dict[str, Any]:
    """The letter keys of a `check --json` result, from the merged files' values.
    `sources[key]` is the file each top-level key came from. Raises InvalidFile."""
    problems: list[Problem] = []

    def text(key: str) -> str | None:
        return _text(values.get(key), sources[key], key, problems) if key in values else None

    participant = _choice(text("participant_type"), PARTICIPANT_TYPES,
                          sources.get("participant_type", _NOWHERE), "participant_type", problems)
    intent = _choice(text("intent") or "nominate", INTENTS, sources.get("intent", _NOWHERE),
                     "intent", problems)
    signatory = values.get("signatory") or {}
    if not isinstance(signatory, dict):
        problems.append(sources["signatory"].problem("signatory must be a [signatory] table",
                                                     "signatory"))
        signatory = {}
    fields = {
        "participant_type": participant,
        "country": _country(text("country"), sources.get("country", _NOWHERE), problems),
        "observer": text("observer"),
        "ministry": text("ministry"),
        "language": text("language"),
        "intent": intent,
        "signatory": {key: _text(signatory.get(key), sources.get("signatory", _NOWHERE), key,
                                 problems, "signatory") for key in ("name", "title")},
        "nominees": _nominees(values["nominees"], sources["nominees"], problems)
        if "nominees" in values else [],
        "withdrawn": _nominees(values["withdrawn"], sources["withdrawn"], problems, "withdrawn")
        if "withdrawn" in values else [],
    }
    if problems:
        raise InvalidFile(problems)
    return fields


_NOWHERE = Source("case.toml", "")
