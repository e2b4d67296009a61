"""Which mails are nomination attempts at all, and which of their documents is the letter.

Spam and award scams talk of 'nominations' too: answering them is backscatter, so a mail is a
nomination attempt only when it names the committee, the forum or the circular. A cover note
that says all that must still never hide the letter attached to it.
"""

from __future__ import annotations

import pytest

from bot.intake import parse_mail
from extractors.letter import _pick_letter, read_nomination
from extractors.model import Document, Page
from rules.base import RuleContext
from rules.decide import decide
from tests.letters import mail

SPAM = {
    "en": ("Nomination confirmed - action required",
           "CONGRATULATIONS! Your Ministry has received a NOMINATION for the Digital Leadership Award. "
           "To confirm the nomination of your representatives, pay the fee of USD 1,450 within 48 hours."),
    "fr": ("Votre nomination au Prix de l'innovation",
           "Félicitations ! Votre ministère a été nominé. Pour confirmer la désignation, réglez les frais "
           "d'inscription de 900 EUR."),
    "es": ("Nominación confirmada",
           "¡Enhorabuena! Su ministerio ha sido nominado al Premio Iberoamericano. Para confirmar la "
           "designación abone la cuota de inscripción."),
    "ru": ("Ваша номинация подтверждена",
           "Поздравляем! Ваше министерство номинировано на премию. Для подтверждения назначения "
           "оплатите регистрационный взнос."),
    "ar": ("ترشيح – إجراء مطلوب",
           "تهانينا! تم ترشيح وزارتكم لجائزة التميز الرقمي. لتأكيد الترشيح يرجى تحويل رسوم التسجيل."),
    "zh": ("提名确认", "恭喜！贵部已获提名数字领袖奖。请在48小时内缴纳注册费以确认提名。"),
}

COVER_NOTES = {
    "en": ("Samoa nomination", "Please find attached our nomination letter for the OpenWallet Forum GCC."),
    "fr": ("Désignation", "Ci-joint notre lettre de désignation au Comité gouvernemental."),
    "es": ("Designación", "Adjunto la nota de designación ante el GCC (Circular TSB 006)."),
    "ru": ("О назначении", "Направляем письмо о назначении представителей в Правительственный комитет."),
    "ar": ("ترشيح", "مرفق طيه خطاب الترشيح للجنة الحكومية (GCC) لمنتدى OpenWallet."),
    "zh": ("提名函", "附件为我方提名OpenWallet论坛政府委员会代表的函，请查收。"),
}

CONTEXT = RuleContext()


def judged(raw: bytes) -> str:
    submission = parse_mail(raw)
    return decide(submission, read_nomination(submission), CONTEXT).kind


@pytest.mark.parametrize("language", SPAM)
def test_spam_that_talks_of_nominations_is_ignored(language: str) -> None:
    subject, body = SPAM[language]
    raw = mail(sender="nominations@award-committee.top", subject=subject, body=body, authenticated=False)
    assert judged(raw) == "ignored"


@pytest.mark.parametrize("language", COVER_NOTES)
def test_a_cover_note_that_forgot_the_letter_gets_a_correction_request(language: str) -> None:
    subject, body = COVER_NOTES[language]
    assert judged(mail(subject=subject, body=body)) == "corrections_requested"


def test_a_cover_note_scoring_above_a_prose_letter_does_not_hide_it() -> None:
    cover = Document("mail body", "body", [Page(1,
        "Estimados señores:\nAdjunto remitimos el oficio firmado con la designación de los "
        "representantes ante el GCC del Foro OpenWallet (Circular TSB 006).\nSaludos cordiales,\nRegistro")])
    letter = Document("oficio.pdf", "pdf", [Page(1,
        "Ministerio de Tecnologías de la Información\nEstimado Sr. Onoe:\nMe complace designar como "
        "representante en el GCC a la Dra. Nuria Etxeberria, Directora de Identidad Digital, correo-e: "
        "nuria.etxeberria@mintic.gov.co, contacto principal.\nViceministra")])
    chosen, why, parsed = _pick_letter([cover, letter])
    assert chosen is letter and parsed is not None
    assert [n.email for n in parsed.nominees] == ["nuria.etxeberria@mintic.gov.co"]
    assert "oficio.pdf" in why
