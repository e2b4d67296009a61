"""The courtesy formulas that close a letter, in the six languages.

The signature and the signatory's name and title follow the last of them,
so the signature finders (PDF, Word, HTML) and the signatory reader share
this one list. Matching is on the folded text (case, accents, Arabic hamza
and punctuation ignored).
"""

from __future__ import annotations

import re

from extractors.signature.placeholder import fold

FORMULAS: tuple[str, ...] = (
    # en
    "yours sincerely", "yours faithfully", "sincerely yours", "yours truly", "highest consideration",
    "assurances of my", "please accept", "renew the assurances", "respectfully", "kind regards",
    "best regards", "with regards", "sincerely",
    # fr
    "veuillez agréer", "je vous prie d'agréer", "je vous prie de croire", "haute considération",
    "considération distinguée", "salutations", "cordialement", "l'assurance de", "sentiments les meilleurs",
    "mes sentiments", "l'expression de",
    # es
    "atentamente", "alta consideración", "seguridades de", "cordialmente", "cordial saludo", "reciba un saludo",
    "reiterarle", "distinguida consideración", "hago propicia la ocasión", "aprovecho la ocasión",
    # ru
    "с уважением", "глубоком уважении", "уважением", "уверения в", "искренне ваш", "пользуясь случаем",
    # ar
    "وتفضلوا", "تفضلوا بقبول", "فائق الاحترام", "الاحترام والتقدير", "التقدير والاحترام", "مع خالص",
    "وتقبلوا", "مع أطيب التحيات", "مع أطيب", "مع فائق", "وتقبلوا فائق",
    # zh
    "此致", "敬礼", "顺致", "顺颂", "崇高的敬意", "敬意", "谨致", "顺祝",
)

_PATTERN = re.compile("|".join(re.escape(fold(formula)) for formula in FORMULAS))


def is_closing(text: str) -> bool:
    """True when the line holds a courtesy formula (Arabic text layers may come out reversed)."""
    folded = fold(text)
    if not folded:
        return False
    forms = (folded, folded[::-1], folded.replace(" ", ""))
    return any(_PATTERN.search(form) for form in forms)
