"""Arabic role values as letters write them, and as a table cell read without its wrapped last line."""

from __future__ import annotations

import pytest

from extractors.fields.roles import normalise_role


@pytest.mark.parametrize(("value", "role"), [
    ("جهة الاتصال الرئيسية", "primary"),
    ("جهة الاتصال", "primary"),  # 'جهة الاتصال' / 'الرئيسية' wrapped in a narrow cell, its last line lost
    ("نقطة الاتصال", "primary"),
    ("جهة الاتصال البديلة", "alternate"),
    ("جهة اتصال بديلة", "alternate"),
    ("جهة الاتصال المناوبة", "alternate"),
    ("مناوب معين", "alternate"),
    ("مستشار معين", "advisor"),
])
def test_an_arabic_role_value_is_its_gcc_role(value: str, role: str) -> None:
    assert normalise_role(value) == role
