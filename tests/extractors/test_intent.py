"""What a letter asks for, read from the sentence that carries it, in the six languages;
a person a letter withdraws is never one of its nominees."""

from __future__ import annotations

import itertools

import pytest

from extractors.fields import parse_letter
from extractors.fields.intent import read_intent
from extractors.model import Country, Document, Nomination, Nominee, Origin, Page, Signatory, Submission
from rules.base import RuleContext
from rules.decide import decide

ANA = Nominee(title="Ms", first_name="Ana", last_name="Lima", job_title="Director",
              role="primary", organization="Ministry", email="ana@gov.example")


def nominees() -> list[Nominee]:
    return [Nominee(**{**ANA.as_dict()})]


@pytest.mark.parametrize(
    ("sentence", "with_nominees", "intent"),
    [
        ("The present letter replaces and supersedes our nomination of 18 November.", True, "replace"),
        ("La présente annule et remplace notre lettre du 18 novembre.", True, "replace"),
        ("La presente sustituye la designación anterior.", True, "replace"),
        ("Настоящее письмо заменяет ранее направленное.", True, "replace"),
        ("هذا الكتاب يحل محل كتابنا السابق.", True, "replace"),
        ("本函取代我部此前的提名。", True, "replace"),
        ("I nominate, in addition to those already nominated, the following representative.", True, "add"),
        ("tengo el honor de designar, de manera adicional a los ya designados", True, "add"),
        ("يشرفني أن أرشح، بالإضافة إلى من سبق ترشيحهم، الممثل التالي.", True, "add"),
        ("现增补以下代表。", True, "add"),
        ("We withdraw the nomination of Mr A. B.", False, "withdraw"),
        ("I have the honour to nominate the following representatives.", True, "nominate"),
    ],
)
def test_intent_in_six_languages(sentence: str, with_nominees: bool, intent: str) -> None:
    assert read_intent(sentence, nominees() if with_nominees else [], Signatory()).intent == intent


@pytest.mark.parametrize("stray", [
    "The meeting will be held online instead of in Geneva.",
    "This letter revokes nothing of our commitment to the Forum.",
    "我们撤销了原定的出差计划。",
    "Our Additional Secretary will follow the work closely.",
])
def test_a_stray_word_elsewhere_in_the_letter_never_makes_a_replacement(stray: str) -> None:
    text = f"I have the honour to nominate the following representative. {stray}"
    reading = read_intent(text, nominees(), Signatory())
    assert reading.intent == "nominate" and reading.withdrawn == [] and len(reading.nominees) == 1


PEOPLE = {
    "en": ("Mr", "John", "Kamau", "j.kamau@ict.go.ke"),
    "fr": ("M.", "Jean", "Dupont", "jean.dupont@gouv.example"),
    "es": ("Sra.", "María", "López", "mlopez@gob.example"),
    "ru": ("г-жа", "Айгерим", "Исмаилова", "aygerimi@digital.example"),
    "ar": ("السيد", "محمد", "عبد الفتاح", "m.fattah@mcit.example"),
    "zh": ("", "伟", "张", "zhangwei@miit.example"),
}
WORDINGS = {
    "en": ["The Ministry hereby withdraws the nomination of {p}, Director ICT, as designated alternate.",
           "I wish to inform you that {p} no longer represents our Government in the GCC.",
           "We kindly request you to remove {p} from the list of representatives.",
           "Please withdraw {p} with immediate effect."],
    "fr": ["Nous avons l'honneur de retirer la désignation de {p} en qualité de suppléant.",
           "{p} ne représente plus notre Gouvernement au GCC.",
           "Le Ministère met fin à la désignation de {p}."],
    "es": ["Solicitamos retirar la designación de {p} como suplente designado.",
           "{p} ya no representa a nuestro Gobierno en el GCC.",
           "Le informamos que revocamos la designación de {p}."],
    "ru": ["Просим отозвать кандидатуру: {p}.",
           "{p} больше не представляет наше правительство в GCC.",
           "Министерство отзывает назначение {p} в качестве заместителя."],
    "ar": ["نود إبلاغكم بسحب ترشيح {p} من عضوية اللجنة.",
           "نحيطكم علما بأن {p} لم يعد يمثل حكومتنا في اللجنة."],
    "zh": ["我部决定撤回{p}的提名。", "特此函告，撤销对{p}的提名。", "{p}不再担任我国在GCC的代表。"],
}


def _person(language: str, with_email: bool) -> str:
    title, first, last, email = PEOPLE[language]
    if language == "zh":
        name = f"{last}{first}先生"
        return f"{name}（{email}）" if with_email else name
    name = f"{title} {first} {last}"
    return f"{name} ({email})" if with_email else name


CASES = [(language, wording, with_email) for language, wordings in WORDINGS.items()
         for wording, with_email in itertools.product(wordings, (True, False))]


@pytest.mark.parametrize(("language", "wording", "with_email"), CASES)
def test_a_letter_that_only_withdraws_is_never_a_nomination_of_the_person(
        language: str, wording: str, with_email: bool) -> None:
    """Whatever the wording and whether the person's address is given, the person is
    withdrawn, not nominated; confirmed only when they are in force, else reviewed."""
    title, first, last, email = PEOPLE[language]
    sentence = wording.format(p=_person(language, with_email))
    text = f"Ref. GCC 006\n{sentence}\n"
    parsed = parse_letter(Document("letter.pdf", "pdf", [Page(1, text)]), language)
    assert parsed.nominees == [] and parsed.intent == "withdraw", parsed
    [gone] = parsed.withdrawn
    assert gone.action == "withdraw" and gone.last_name == last
    assert gone.email == (email if with_email else None)

    nomination = Nomination(language=language, is_letter=True, relevant=True, intent=parsed.intent,
                            withdrawn=parsed.withdrawn, confidence=parsed.confidence,
                            origin=Origin(Country("KEN", "Kenya"), "member_state", None, "government",
                                          (), 1.0))
    nomination.signature.kind = "digital"
    nomination.signature.valid = True
    nomination.signatory = Signatory("A. Official", "Minister")
    submission = Submission("<1@x>", "a@gov.example", None, "", None, "", "", (), (), "")
    held = Nominee(title=title, first_name=first, last_name=last, role="alternate", email=email)
    assert decide(submission, nomination, RuleContext(in_force=(held,))).kind == "confirmed"
    other = Nominee(first_name="Someone", last_name="Else", role="primary", email="else@gov.example")
    assert decide(submission, nomination, RuleContext(in_force=(other,))).kind == "needs_review"


@pytest.mark.parametrize("sentence", [
    "We nominate Dr David Mwangi as primary contact, replacing Ms Ana Lima.",
    "Dr David Mwangi will serve as primary contact in place of Ms Ana Lima.",
    "Ms Ana Lima will be replaced by Dr David Mwangi as primary contact.",
    "Le Dr David Mwangi remplace Mme Ana Lima en qualité de point de contact principal.",
    "Designamos al Dr. David Mwangi como contacto principal en sustitución de la Sra. Ana Lima.",
])
def test_one_person_replaced_by_another_leaves_the_rest_of_the_team(sentence: str) -> None:
    david = Nominee(title="Dr", first_name="David", last_name="Mwangi", role="primary",
                    email="d.mwangi@ict.example")
    reading = read_intent(sentence, [david], Signatory())
    assert reading.intent == "replace" and reading.nominees == [david]
    assert [(p.first_name, p.last_name) for p in reading.withdrawn] == [("Ana", "Lima")]


@pytest.mark.parametrize("language", sorted(WORDINGS))
def test_a_bare_withdrawal_by_address_alone_is_read(language: str) -> None:
    email = PEOPLE[language][3]
    reading = read_intent(WORDINGS[language][0].format(p=email), [], Signatory())
    assert reading.intent == "withdraw" and [p.email for p in reading.withdrawn] == [email]


def test_replace_in_another_sense_never_replaces_the_team() -> None:
    text = ("In addition to those already nominated, we nominate Ms Ana Lima as alternate, who will "
            "replace the primary contact in his absence; this nomination takes effect at once.")
    reading = read_intent(text, nominees(), Signatory())
    assert reading.intent == "add" and reading.withdrawn == [] and reading.doubts == []
