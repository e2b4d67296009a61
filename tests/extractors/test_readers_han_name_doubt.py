"""A Chinese name read from an image is doubted when its pinyin contradicts the e-mail address."""

from __future__ import annotations

import pytest

from extractors.readers.han_name_doubt import contradicted

NAMES = [("晓明", "黄", "xiaoming", "huang"), ("佳琪", "赵", "jiaqi", "zhao"), ("志强", "周", "zhiqiang", "zhou"),
         ("晓燕", "刘", "xiaoyan", "liu"), ("伟", "司马", "wei", "sima"), ("海涛", "欧阳", "haitao", "ouyang")]
ADDRESS_FORMS = [
    lambda given, family: f"{given}.{family}",
    lambda given, family: f"{family}{given}",
    lambda given, family: f"{family}_{given[:2]}",
    lambda given, family: f"{given[:1]}.{family}",
]
MISREADS = {"黄": "贡", "赵": "起", "周": "用", "刘": "划", "晓": "娆", "明": "朋", "佳": "住", "强": "蛋",
            "伟": "伪", "马": "乌", "海": "悔", "涛": "祷", "燕": "蒸", "琪": "淇", "志": "去"}
"""Characters of like shape and other sound, as OCR takes one for the other."""


def _email(form: int, given: str, family: str) -> str:
    return ADDRESS_FORMS[form](given, family) + "@agency.gov.cn"


@pytest.mark.parametrize("form", range(len(ADDRESS_FORMS)))
@pytest.mark.parametrize("first, last, given, family", NAMES)
def test_a_name_read_right_is_never_doubted(first: str, last: str, given: str, family: str, form: int) -> None:
    assert contradicted(_email(form, given, family), first, last) == set()


@pytest.mark.parametrize("form", [0, 1])
@pytest.mark.parametrize("first, last, given, family", [name for name in NAMES if name[1] in MISREADS])
def test_a_family_name_misread_as_another_sound_is_doubted(first: str, last: str, given: str, family: str,
                                                           form: int) -> None:
    assert MISREADS[last] in contradicted(_email(form, given, family), first, MISREADS[last])


@pytest.mark.parametrize("first, last, given, family", [name for name in NAMES if len(name[0]) == 2])
def test_a_given_name_misread_is_doubted_when_the_address_spells_it_whole(first: str, last: str, given: str,
                                                                          family: str) -> None:
    misread = MISREADS[first[0]] + first[1]
    assert misread[0] in contradicted(_email(0, given, family), misread, last)


@pytest.mark.parametrize("email, first, last", [
    ("international@agency.gov.cn", "晓明", "黄"),
    ("chong.kokwai@komunikasi.gov.my", "国威", "张"),
    ("ong.meihua@digital.gov.my", "美华", "王"),
    ("ng.kahhow@mdec.com.my", "家豪", "吴"),
    (None, "晓明", "黄"),
    ("john.smith@agency.gov.sg", "John", "Smith"),
])
def test_an_address_that_does_not_spell_the_name_in_pinyin_contradicts_nothing(email: str | None, first: str,
                                                                                last: str) -> None:
    assert contradicted(email, first, last) == set()
