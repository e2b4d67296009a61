"""The template's signature placeholder is recognised in six languages, through OCR noise."""

from __future__ import annotations

import pytest

from extractors.signature.placeholder import find_placeholder

TEMPLATE_LINES = [
    "[To be signed by a senior official of the relevant ministry]",
    "[À signer par un haut fonctionnaire du ministère concerné]",
    "[Debe ser firmado por un alto funcionario del ministerio competente]",
    "[Подписывается старшим должностным лицом соответствующего министерства]",
    "[يُوقَّع من قِبل مسؤول رفيع المستوى في الوزارة المعنية]",
    "[须由相关部委高级官员签署]",
]


@pytest.mark.parametrize("line", TEMPLATE_LINES)
def test_the_template_line_in_every_language(line: str) -> None:
    assert find_placeholder(f"Yours sincerely,\n{line}\nJohn Kariuki\nPrincipal Secretary") is not None


@pytest.mark.parametrize("noisy", [
    "(To be signcd by a senior officia1 of the re1evant ministry)",
    "A signer par un haut fonctionnaire du ministere concerne",
    "[须 由 相关部委 高级官员 签署]",
    "[Signature]",
])
def test_ocr_noise_and_bare_markers(noisy: str) -> None:
    assert find_placeholder(noisy) is not None


@pytest.mark.parametrize("text", [
    "Please accept, Sir, the assurances of my highest consideration.\nJohn Kariuki\nPrincipal Secretary",
    "The letter is digitally signed by the Senior Secretary of the Ministry.",
    "Signed electronically",
    "Подписано электронной подписью",
    "",
])
def test_ordinary_letter_text_is_no_placeholder(text: str) -> None:
    assert find_placeholder(text) is None
