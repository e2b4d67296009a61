"""Names against addresses, in the six scripts: honest letters pass, slid addresses are caught.

Letters are generated: three people per letter from given and family names in each script,
each address written in one of the usual styles (given.family, initial + family, family.given,
family + given initials ...) with one of the romanisations people really use (Mohamed and
Muhammad, yusupova and iusupova, lyu and lv). The truth must raise no alarm; every rotation or
swap of the addresses between distinguishable people must.
"""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import permutations, product
from pathlib import Path

import pytest

from extractors.names import Person, address_fit, slid_addresses

ROOT = Path(__file__).resolve().parents[2]

# (name in its script, the ways it is spelled in addresses)
SCRIPTS: dict[str, tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]] = {
    "en": ([("Amina", ["amina"]), ("Patrick", ["patrick"]), ("Harriet", ["harriet"]),
            ("Liam", ["liam"])],
           [("Otieno", ["otieno"]), ("O'Connor", ["oconnor"]), ("Owusu-Ansah", ["owusu-ansah", "owusuansah"]),
            ("Tremblay", ["tremblay"])]),
    "es": ([("José Luis", ["joseluis", "jose.luis"]), ("María Fernanda", ["mariafernanda", "maria"]),
            ("Álvaro", ["alvaro"]), ("Itziar", ["itziar"])],
           [("Hernández Ochoa", ["hernandezochoa", "hernandez"]), ("Peña Batista", ["penabatista", "pena"]),
            ("de la Garza", ["delagarza"]), ("Muñoz", ["munoz"])]),
    "fr": ([("Marie-Laure", ["marie-laure", "marielaure"]), ("Sékou", ["sekou"]), ("Joëlle", ["joelle"]),
            ("Rémi", ["remi"])],
           [("Dubois-Matignon", ["duboismatignon", "dubois-matignon"]), ("Le Goff", ["legoff"]),
            ("Kabasele", ["kabasele"]), ("Ndiaye", ["ndiaye"])]),
    "ru": ([("Екатерина Андреевна", ["ekaterina", "yekaterina"]), ("Юлия Сергеевна", ["yulia", "iuliia", "julia"]),
            ("Бахтиёр Рустамович", ["bakhtiyor", "bakhtier"]), ("Алексей Викторович", ["aleksey", "alexei"])],
           [("Кузнецова", ["kuznetsova", "kuznecova"]), ("Щукин", ["shchukin", "schukin"]),
            ("Юсупова", ["yusupova", "iusupova"]), ("Хасанов", ["khasanov", "hasanov"])]),
    "ar": ([("محمد", ["mohamed", "muhammad", "mohammed"]), ("يوسف", ["youssef", "yusuf"]),
            ("فاطمة", ["fatma", "fatima"]), ("عبد الرحمن", ["abdelrahman", "abdulrahman"])],
           [("النجار", ["elnaggar", "alnajjar", "al-najjar"]), ("الخطيب", ["alkhatib", "elkhatib"]),
            ("أبو زيد", ["abuzeid", "abuzaid"]), ("القحطاني", ["alqahtani", "alkahtani"])]),
    "zh": ([("晓明", ["xiaoming"]), ("思雨", ["siyu"]), ("建国", ["jianguo"]), ("雪梅", ["xuemei"])],
           [("王", ["wang"]), ("欧阳", ["ouyang"]), ("吕", ["lyu", "lv"]), ("张", ["zhang"])]),
}

STYLES = (
    lambda g, f: f"{g}.{f}",
    lambda g, f: f"{g[0]}.{f}",
    lambda g, f: f"{g[0]}{f}",
    lambda g, f: f"{f}.{g}",
    lambda g, f: f"{g}{f[0]}",
    lambda g, f: f"{f}_{g[:2]}",
    lambda g, f: f"{f}{g}",
)
"""How addresses spell people: given.family, g.family, gfamily, family.given, givenf, family_gi, familygiven."""


def letter(script: str, shift: int, variant: int) -> list[Person]:
    """Three people of one script, each address in another style and romanisation."""
    givens, families = SCRIPTS[script]
    people = []
    for k in range(3):
        given, given_spellings = givens[(k + shift) % len(givens)]
        family, family_spellings = families[(k + 2 * shift) % len(families)]
        g = given_spellings[(variant + k) % len(given_spellings)]
        f = family_spellings[(variant + shift) % len(family_spellings)]
        style = STYLES[(variant + k + shift) % len(STYLES)]
        people.append(Person(given, family, f"{style(g, f)}@ministry.gov.example"))
    return people


LETTERS = [(script, shift, variant)
           for script, shift, variant in product(SCRIPTS, range(4), range(len(STYLES)))]


@pytest.mark.parametrize("script,shift,variant", LETTERS)
def test_honest_letters_raise_no_alarm(script: str, shift: int, variant: int) -> None:
    assert slid_addresses(letter(script, shift, variant)) == []


@pytest.mark.parametrize("script,shift,variant", LETTERS)
def test_every_address_shuffle_is_caught(script: str, shift: int, variant: int) -> None:
    people = letter(script, shift, variant)
    emails = [p.email for p in people]
    for order in permutations(range(3)):
        if order == (0, 1, 2):
            continue
        moved = [Person(p.first_name, p.last_name, emails[k]) for p, k in zip(people, order)]
        assert slid_addresses(moved), (script, order, [p.email for p in moved])


@pytest.mark.parametrize("script", SCRIPTS)
def test_an_address_slid_down_one_row_is_caught(script: str) -> None:
    """The failure seen: nominee 1 got a stray address, each other nominee the previous one's."""
    people = letter(script, 1, 0)
    slid = [Person(p.first_name, p.last_name, e) for p, e in
            zip(people, ["registry@ministry.gov.example"] + [p.email for p in people[:-1]])]
    assert {s.owner for s in slid_addresses(slid)} == {1, 2}


@pytest.mark.parametrize("local", ["dg.office", "info", "secretariat", "cabinet.minister", "ict.policy"])
def test_functional_addresses_fit_nobody_and_raise_no_alarm(local: str) -> None:
    people = letter("en", 0, 0)
    people[1] = Person(people[1].first_name, people[1].last_name, f"{local}@ministry.gov.example")
    assert slid_addresses(people) == []


@pytest.mark.parametrize("email,first,last", [
    ("wangxiaoming@miit.gov.cn", "晓明", "王"),
    ("xiaoming.wang@miit.gov.cn", "晓明", "王"),
    ("ouyangxuemei@miit.gov.cn", "雪梅", "欧阳"),
    ("mohamed.elnaggar@mcit.gov.eg", "محمد", "النجار"),
    ("muhammad.alnajjar@mcit.gov.eg", "محمد", "النجار"),
    ("mohamed.elnaggar@mcit.gov.eg", "Mohamed", "El-Naggar"),
    ("muhammad.elnaggar@mcit.gov.eg", "Mohamed", "El-Naggar"),
    ("e.volkova@digital.gov.ru", "Екатерина Андреевна", "Волкова"),
    ("akuznetsova@digital.gov.ru", "Анна", "Кузнецова"),
    ("a.otieno@ict.go.ke", "Amina", "Otieno"),
    ("obenitezgimenez@pcm.gob.pe", "Óscar", "Benítez Giménez"),
])
def test_an_address_spells_its_owner_in_any_common_romanisation(email: str, first: str, last: str) -> None:
    assert address_fit(email, first, last) >= 0.8


def test_an_address_of_someone_else_spells_little() -> None:
    assert address_fit("a.otieno@ict.go.ke", "Patrick", "Mugisha") < 0.3
    assert address_fit("wangxiaoming@miit.gov.cn", "思雨", "司马") < 0.3


def test_same_family_and_initial_is_a_tie_not_an_alarm() -> None:
    sisters = [Person("Айгерим", "Юсупова", "a.yusupova@digital.uz"),
               Person("Айнура", "Юсупова", "ayusupova@digital.uz")]
    assert slid_addresses(sisters) == []
    assert slid_addresses(list(reversed(sisters))) == []


def test_a_nominee_without_both_names_is_not_judged() -> None:
    """A missing name is a missing field, reported elsewhere; it must not look like a slide."""
    people = [Person("Гульнара", None, "gyusupova@digital.uz"), Person("Азамат", "Юсупов", "azamat.yusupov@digital.uz")]
    assert slid_addresses(people) == []


def test_an_overlong_local_part_is_no_address_and_costs_nothing() -> None:
    """RFC 5321 caps the local part at 64 characters; a hostile 120 KB one is not compared."""
    assert address_fit("a" * 120_000 + "@ict.go.ke", "A" * 120_000, "Otieno") == 0.0


def test_a_character_has_every_reading_of_its_own_and_no_phrase_dictionary_is_loaded() -> None:
    """Names are keyed one character at a time: each heteronym's readings, ü in its three
    spellings; pypinyin's dictionary of phrases (none of one character) is never loaded."""
    script = ("import sys; from extractors.names import pinyin_readings as p; "
              "print(sorted(p('曾')), sorted(p('吕')), sorted(p('乐')), 'pypinyin.phrases_dict' in sys.modules)")
    environment = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env=environment)
    assert done.stdout.split("\n")[0] == ("['ceng', 'zeng'] ['lu', 'lv', 'lyu'] ['le', 'yue'] False")


def _cover_by_definition(piece: str, words: list[str]) -> float:
    """The cover as its docstring defines it, word by word: whole name words in full, prefixes of three
    letters or more too, initials and two-letter stubs half, the best split of the piece."""
    best = [0.0] * (len(piece) + 1)
    for end in range(1, len(piece) + 1):
        best[end] = best[end - 1]
        for start in range(end):
            chunk = piece[start:end]
            if chunk in words:
                best[end] = max(best[end], best[start] + (len(chunk) if len(chunk) >= 2 else 0.5))
            elif any(word.startswith(chunk) for word in words):
                best[end] = max(best[end], best[start] + (len(chunk) if len(chunk) >= 3 else 0.5 * len(chunk)))
    return best[len(piece)]


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_the_cover_is_the_best_split_of_an_address_into_name_words_and_prefixes(script: str) -> None:
    """Every generated address, those of the wrong person too and pieces cut at random, covered exactly
    as the definition says (the cover looks chunks up in sets of the name's keys and their prefixes)."""
    from extractors.names import _address_pieces, _best_cover, name_keys

    people = [person for shift in range(4) for variant in range(len(STYLES)) for person in letter(script, shift, variant)]
    for person, other in zip(people, people[1:] + people[:1]):
        keys = name_keys(person.first_name, person.last_name)
        words = [key for token in keys.tokens for key in token]
        local = (other.email or "").split("@")[0]
        for piece in _address_pieces(local + "x" + local[::-1], keys.script):
            assert _best_cover(piece, keys) == _cover_by_definition(piece, words), (piece, person)
