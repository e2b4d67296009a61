"""Chinese titles and roles read off a poor scan, matched against Annex 2's closed vocabulary.

A pale photo or a 1-bit scan turns one character of a table cell into
another ('博土', '指定邓问'); the honorifics and the three roles are a closed
set, so a reading one character off names exactly one of them. A reading
that two of them explain equally, or none, stays as read (and the letter in review).
"""

from __future__ import annotations

import itertools

import pytest

from extractors.fields.roles import normalise_role
from extractors.fields.titles import read_title

_HONORIFICS_WITH_SHI = ("女士", "博士")
_MISREADS_OF_SHI = ("土", "上", "工", "十", "干")
_ROLE_PHRASES = {"primary": "主要联系人", "alternate": "指定候补代表", "advisor": "指定顾问"}
_STRANGERS = "钼邓外申闻据站侍筷呆"
"""Characters no role phrase holds, for the one a scan got wrong."""


@pytest.mark.parametrize(("honorific", "misread"), list(itertools.product(_HONORIFICS_WITH_SHI, _MISREADS_OF_SHI)))
def test_a_chinese_honorific_whose_shi_a_scan_misread_is_repaired(honorific: str, misread: str) -> None:
    assert read_title(honorific.replace("士", misread)) == honorific


@pytest.mark.parametrize("honorific", ["先生", "女士", "博士", "教授", "工程师"])
def test_a_chinese_honorific_read_right_stays_as_it_is(honorific: str) -> None:
    assert read_title(honorific) == honorific


@pytest.mark.parametrize("reading", ["寺士", "安二", "土", "士上"])
def test_a_reading_no_honorific_or_two_of_them_explain_stays_as_read(reading: str) -> None:
    """'寺士' is one character from both '博士' and '女士': which one is for a person to see."""
    assert read_title(reading) == reading


@pytest.mark.parametrize(("role", "position", "stranger"),
                         [(role, position, stranger) for role, phrase in _ROLE_PHRASES.items()
                          for position in range(len(phrase)) for stranger in _STRANGERS[:3]])
def test_a_chinese_role_with_one_character_misread_is_still_its_role(role: str, position: int, stranger: str) -> None:
    phrase = _ROLE_PHRASES[role]
    assert normalise_role(phrase[:position] + stranger + phrase[position + 1:]) == role


@pytest.mark.parametrize("role", sorted(_ROLE_PHRASES))
def test_a_chinese_role_with_a_character_dropped_or_added_is_still_its_role(role: str) -> None:
    phrase = _ROLE_PHRASES[role]
    assert normalise_role(phrase[:2] + phrase[3:]) == role
    assert normalise_role(phrase[:2] + _STRANGERS[0] + phrase[2:]) == role


@pytest.mark.parametrize("reading", ["指定代表", "指定钼邓表", "钼邓问", "指定", "一级调研员", "数码发展及新闻部"])
def test_a_chinese_value_two_characters_from_every_role_names_none(reading: str) -> None:
    assert normalise_role(reading) is None
