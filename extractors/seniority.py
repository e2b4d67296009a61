"""How senior a letter's signatory is, from the title under the signature.

The circular asks for a letter signed by a senior official. Only a title
that clearly names a junior post (an assistant, a clerk, an officer, an
intern ...) is a reason for a person to look; titles not recognised are
'unknown', never held against the letter.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.model import Seniority
from extractors.signature.placeholder import fold

SENIOR: tuple[str, ...] = (
    # en
    "minister", "secretary general", "secretary of state", "permanent secretary", "principal secretary",
    "under secretary", "undersecretary", "state secretary", "chief secretary", "senior secretary",
    "director", "head of", "chief executive", "chief officer", "commissioner", "ambassador",
    "permanent representative", "charge d affaires", "president", "chairman", "chairperson", "chair of",
    "governor", "secretary to the government", "cabinet secretary", "deputy secretary", "chief of",
    "vice minister", "deputy minister", "executive secretary", "chief", "assistant secretary",
    "additional secretary", "joint secretary", "assistant minister", "assistant director",
    "assistant commissioner", "assistant under",
    # fr
    "ministre", "secretaire general", "secretaire d etat", "directeur", "directrice", "chef de",
    "ambassadeur", "representant permanent", "president", "commissaire", "delegue general",
    # es
    "ministro", "ministra", "viceministro", "viceministra", "subsecretario", "subsecretaria",
    "secretario general", "secretaria general", "secretario de estado", "director", "directora",
    "jefe de", "jefa de", "embajador", "embajadora", "representante permanente", "presidente",
    "presidenta", "comisionado",
    # ru
    "министр", "заместитель министра", "статс секретарь", "директор", "руководитель", "начальник",
    "председатель", "посол", "постоянный представитель", "генеральный секретарь", "глава",
    # ar
    "وزير", "الوزير", "وكيل", "الوكيل", "مدير", "المدير", "رئيس", "الرئيس", "الأمين العام",
    "الامين العام", "سفير", "السفير", "المندوب الدائم",
    # zh
    "部长", "副部长", "司长", "局长", "主任", "秘书长", "首席", "总裁", "署长", "大使", "常驻代表",
    "总监", "处长", "厅长", "常任秘书", "次长",
)

JUNIOR: tuple[str, ...] = (
    # en (a bare "Secretary" heads a department in many governments: not junior)
    "intern", "trainee", "clerk", "receptionist", "typist", "assistant", "officer", "analyst",
    "associate", "technician", "specialist", "staff", "employee", "volunteer",
    # fr
    "stagiaire", "assistante", "assistant", "agent", "employe", "technicien", "charge de mission",
    # es
    "pasante", "becario", "becaria", "asistente", "auxiliar", "tecnico",
    "empleado", "empleada", "analista",
    # ru
    "стажер", "стажёр", "специалист", "помощник", "делопроизводитель", "референт",
    # ar
    "متدرب", "موظف", "سكرتيرة", "مساعد إداري",
    # zh
    "实习生", "科员", "秘书", "助理", "职员", "办事员", "文员",
)

ASSISTANT_TO = re.compile(
    r"^((personal|executive|administrative|private)\s+)?(assistant|assistante|asistente)\s+"
    r"(to|of|du|de la|de|del|au|a la)\b|^(personal|private)\s+secretary\b|^secretary\s+to\b"
)
"""'Assistant to the Minister': the senior word belongs to someone else."""

RU_ASSISTANT = re.compile(r"^(помощник|референт)\b")


@cache
def _forms(words: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """The words folded once: Arabic and CJK ones (no reliable word breaks) to be found anywhere
    in the title without its spaces, the others in one pattern, each starting at a word."""
    anywhere: list[str] = []
    worded: list[str] = []
    for word in words:
        target = fold(word)
        if " " not in target and not target.isascii() and not re.search(r"[a-zа-я]", target):
            anywhere.append(target)
        else:
            worded.append(re.escape(target))
    return tuple(anywhere), re.compile(rf"(?<!\w)(?:{'|'.join(worded)})") if worded else None


def load_markers() -> None:
    """Both vocabularies' patterns made now: a process that forks reader processes makes them
    once for all of its readers."""
    _forms(SENIOR)
    _forms(JUNIOR)


def _markers(folded: str, words: tuple[str, ...]) -> bool:
    anywhere, worded = _forms(words)
    compact = folded.replace(" ", "")
    return any(target in compact for target in anywhere) or bool(worded and worded.search(folded))


def seniority(title: str | None, language: str | None) -> Seniority:
    """'senior', 'junior' or 'unknown' for a signatory's title in any of the six languages.

    language is a hint only: titles are matched against every language's
    words, since letters often keep an English title in another language.
    """
    if not title or not title.strip():
        return "unknown"
    folded = fold(title)
    if ASSISTANT_TO.search(folded) or RU_ASSISTANT.search(folded):
        return "junior"
    if _markers(folded, SENIOR):
        return "senior"
    if _markers(folded, JUNIOR):
        return "junior"
    return "unknown"
