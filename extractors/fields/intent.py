"""What a letter asks for: a first nomination, a replacement, an addition or a withdrawal.

Read sentence by sentence, never from a word anywhere in the letter: a cue acts on the
people named next to it in its own sentence. 'We withdraw the nomination of Mr X' takes
X off the roster; 'Ms Y, in place of Mr X' replaces X by Y only; 'this letter supersedes
our letter of ...' with no one named replaces the whole team. Each person the letter
names is tagged with what it does to them, and a person it withdraws is never one of its
nominees, however fully their details are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields.intent_cues import Cue, find_cues, folded_with_map, says, spans
from extractors.fields.intent_people import Mention, people_in, same_person
from extractors.fields.normalize import clean_line, is_cjk
from extractors.fields.titles import is_title
from extractors.model import Document, Intent, Nominee, Signatory

__all__ = ["Intent", "IntentReading", "read_intent", "reading_confidence"]

_REACH = 4
"""Words at most between 'replaces' / 'in place of' and the person it removes."""
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；])")
_GAP_WORDS = re.compile(r"[\u4e00-\u9fff]{1,2}|[^\s\u4e00-\u9fff]+")


@dataclass
class IntentReading:
    """The letter's intent and its people, each tagged with what the letter does to them."""

    intent: Intent
    nominees: list[Nominee]
    withdrawn: list[Nominee] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)


@dataclass
class _Sentence:
    """What one sentence does: the people it takes off, and what it says of the whole team."""

    leaving: list[Mention] = field(default_factory=list)
    whole_team: bool = False
    unnamed_withdrawal: bool = False
    unnamed_replacement: bool = False
    adds: bool = False


def read_intent(text: str, nominees: list[Nominee], signatory: Signatory) -> IntentReading:
    """The intent of a letter whose layout reading found `nominees`."""
    readings = [_read_sentence(s) for s in _sentences(_without_people(_flat(text), nominees, signatory))]
    leaving: list[Nominee] = []
    for mention in (m for r in readings for m in r.leaving):
        person = mention.as_nominee("withdraw")
        if not any(same_person(person, known) for known in leaving):
            leaving.append(person)
    kept: list[Nominee] = []
    withdrawn: list[Nominee] = []
    for nominee in nominees:
        named = [person for person in leaving if same_person(person, nominee)]
        if named:
            nominee.action = "withdraw"
            withdrawn.append(nominee)
            leaving = [person for person in leaving if person not in named]
        else:
            kept.append(nominee)
    withdrawn += leaving
    whole_team = any(r.whole_team for r in readings)
    doubts = _doubts(readings, kept, withdrawn, whole_team)
    if withdrawn or whole_team:
        intent: Intent = "replace" if kept else "withdraw"
    elif any(r.unnamed_withdrawal for r in readings) and not kept:
        intent = "withdraw"
    elif any(r.adds for r in readings):
        intent = "add"
    else:
        intent = "nominate"
    return IntentReading(intent, kept, withdrawn, doubts)


def _doubts(readings: list[_Sentence], kept: list[Nominee], withdrawn: list[Nominee],
            whole_team: bool) -> list[str]:
    doubts = []
    if any(r.unnamed_withdrawal for r in readings) and not withdrawn and not whole_team and not kept:
        doubts.append("the letter speaks of a withdrawal but names no one who could be told apart")
    if any(r.unnamed_replacement for r in readings) and not withdrawn and not whole_team:
        doubts.append("the letter replaces someone it does not name clearly")
    if whole_team and withdrawn:
        doubts.append("the letter both replaces every earlier nomination and withdraws named people")
    if whole_team and not kept:
        doubts.append("the letter withdraws every representative and names no new one")
    return doubts


def reading_confidence(reading: IntentReading, document: Document) -> tuple[float, list[str]]:
    """For a letter that only withdraws: sure when each person is named with an address or a
    full name, less so from OCR."""
    if not reading.withdrawn:
        return 0.0, ["no nominee found"]
    full = all(p.email or (p.first_name and p.last_name) for p in reading.withdrawn)
    confidence = 0.9 if full else 0.5
    if document.ocr_confidence is not None:
        confidence *= 0.5 + 0.5 * document.ocr_confidence
    return round(confidence, 3), ["the letter only withdraws: " + ", ".join(
        p.email or " ".join(filter(None, (p.first_name, p.last_name))) for p in reading.withdrawn)]


# ------------------------------------------------------------------ sentences


def _without_people(text: str, nominees: list[Nominee], signatory: Signatory) -> str:
    """The letter without job titles and organisations ('Additional Secretary' is not an
    addition, 'Replacement Services' no replacement)."""
    values = [signatory.title] + [v for n in nominees for v in (n.job_title, n.organization)]
    for value in values:
        if value and len(value) > 3:
            text = text.replace(" ".join(value.split()), " ")
    return text


def _flat(text: str) -> str:
    """The text as one line: Chinese and wrapped addresses joined without a space."""
    flat = ""
    for line in filter(None, (clean_line(part) for part in text.splitlines())):
        glue = "" if flat and (is_cjk(flat[-1]) and is_cjk(line[0]) or flat.endswith("@")) else " "
        flat = f"{flat}{glue if flat else ''}{line}"
    return re.sub(r"\s*@\s*", "@", flat)


def _sentences(flat: str) -> list[str]:
    """Cut where sentences end (not after 'Mr.', 'M.' or an initial)."""
    sentences: list[str] = []
    start = 0
    for cut in _SENTENCE_END.finditer(flat):
        before = flat[start:cut.start()].rsplit(None, 1)
        last = before[-1].rstrip(".") if before else ""
        if last and (len(last) == 1 or is_title(last)) and flat[cut.start() - 1] == ".":
            continue
        sentences.append(flat[start:cut.start()])
        start = cut.end()
    sentences.append(flat[start:])
    return [s for s in sentences if s.strip()]


def _gap(sentence: str, start: int, end: int) -> int:
    return len(_GAP_WORDS.findall(sentence[start:end]))


def _read_sentence(sentence: str) -> _Sentence:
    """Who the sentence takes off the roster (by name or as a whole team), and whether it adds."""
    cues = find_cues(sentence)
    result = _Sentence()
    claimed = _take_people(sentence, cues, people_in(sentence), result.leaving)
    _read_unnamed(sentence, cues, claimed, result)
    result.adds = _adds(sentence)
    return result


def _take_people(sentence: str, cues: list[Cue], people: list[Mention], leaving: list[Mention]) -> set[int]:
    """Walk the sentence's cues and people in order, adding who leaves to `leaving`; the ids of
    the cues that took someone.

    A withdrawal cue takes every person after it until a nominating verb (one right after
    it, before any person, is its object: 'withdraw the nomination of'); 'replaces' and
    'in place of' take the one person right after them; a person followed by a withdrawal
    or 'replaced by' before anyone else is named leaves too ('X no longer represents').
    """
    events: list[Cue | Mention] = sorted([*cues, *people], key=lambda e: e.start)
    withdrawal: Cue | None = None  # the withdrawal cue still taking people
    fresh: Cue | None = None  # the last cue, while no person came after it
    claimed: set[int] = set()
    before: dict[int, Mention] = {}  # cue -> the person named just before it
    previous: Mention | None = None
    for event in events:
        if isinstance(event, Cue):
            if event.kind == "nominate" and fresh is not None and fresh.kind != "nominate":
                continue  # the object of a withdrawal or replacement: 'the nomination of'
            if previous is not None:
                before[id(event)] = previous
            withdrawal = event if event.kind == "withdraw" else None
            fresh = event
            continue
        if fresh is not None and fresh.kind in ("supersede", "instead_of"):
            if _gap(sentence, fresh.end, event.start) <= _REACH:
                leaving.append(event)
                claimed.add(id(fresh))
        elif withdrawal is not None:
            leaving.append(event)
            claimed.add(id(withdrawal))
        fresh = None
        previous = event
    for cue in cues:  # 'X no longer represents', 'X will be replaced by Y'
        if cue.kind in ("withdraw", "replaced_by") and id(cue) not in claimed and id(cue) in before:
            leaving.append(before[id(cue)])
            claimed.add(id(cue))
    return claimed


def _read_unnamed(sentence: str, cues: list[Cue], claimed: set[int], result: _Sentence) -> None:
    """What the cues that took no one say: the whole team leaves, or someone unnamed does."""
    folded, where = folded_with_map(sentence)
    earlier = [where[start] for start, _ in spans("earlier", folded)]
    for cue in cues:
        if id(cue) in claimed or cue.kind in ("nominate", "replaced_by"):
            continue
        if cue.kind == "supersede" and any(
                cue.end <= at and _gap(sentence, cue.end, at) <= _REACH for at in earlier):
            result.whole_team = True  # 'replaces our letter of ...', 'supersedes that nomination'
        elif cue.kind == "withdraw" and says("everyone", folded):
            result.whole_team = True
        elif cue.kind == "withdraw":
            result.unnamed_withdrawal = True
    nominating = any(cue.kind == "nominate" for cue in cues)
    if nominating and not result.leaving and (says("in_their_place", folded) or any(
            cue.kind == "instead_of" and id(cue) not in claimed for cue in cues)):
        result.unnamed_replacement = True  # 'we nominate Y in her place', her unnamed


def _adds(sentence: str) -> bool:
    """An addition cue that is no part of a rank ('Additional Secretary', 'Additional Director')."""
    folded, where = folded_with_map(sentence)
    for start, end in spans("add", folded):
        after = sentence[where[end]:].split(maxsplit=1)
        if not after or not after[0][:1].isupper():
            return True
    return False
