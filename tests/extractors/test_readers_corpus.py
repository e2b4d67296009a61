"""The development corpus read end to end: every nominee's e-mail survives reading.

Covers text PDFs in six languages, right-to-left tables, scans, photos and
Word files; skipped when the corpus is not checked out next to the repo.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from extractors.model import Attachment, UnreadableDocument
from extractors.readers import read_attachment

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="development corpus not present")

TEXT_CASES = ("01-gha", "14-esp", "17-blr", "18-uzb", "20-omn", "21-qat", "24-mys", "29-pol", "33-lbn")
SCANNED_CASES = ("04-zmb", "05-npl", "12-cmr", "16-col", "19-kgz", "23-sgp", "25-sgp")


def _case(prefix: str) -> Path:
    return next((CORPUS / "cases").glob(f"{prefix}*"))


def _attachments(case: Path) -> list[Attachment]:
    message = email.message_from_bytes((case / "message.eml").read_bytes(), policy=email.policy.default)
    return [
        Attachment(part.get_filename(), part.get_content_type(), part.get_payload(decode=True) or b"")
        for part in message.walk()
        if part.get_filename()
    ]


def _read_all(case: Path) -> str:
    texts = []
    for attachment in _attachments(case):
        document = read_attachment(attachment)
        if document is not None:
            cells = ["\t".join(row) for table in document.tables for row in table]
            texts.append("\n".join([document.text, *cells]))
    return "\n".join(texts)


def _expected_emails(case: Path) -> list[str]:
    expected = json.loads((case / "expected.json").read_text())
    return [nominee["email"] for nominee in expected["nominees"] if nominee.get("email")]


@pytest.mark.parametrize("prefix", TEXT_CASES)
def test_text_documents_carry_every_nominee_email(prefix: str) -> None:
    case = _case(prefix)
    text = _read_all(case).lower()
    assert [e for e in _expected_emails(case) if e not in text] == []


@pytest.mark.slow
@pytest.mark.parametrize("prefix", SCANNED_CASES)
def test_ocr_keeps_every_nominee_email(prefix: str) -> None:
    case = _case(prefix)
    text = _read_all(case).lower()
    assert [e for e in _expected_emails(case) if e not in text] == []


def test_qatar_arabic_table_reads_label_column_first() -> None:
    (document,) = [d for a in _attachments(_case("21-qat")) if (d := read_attachment(a))]
    (table,) = document.tables
    assert table[0][0] == "البيان" and table[-1] == [
        "البريد الإلكتروني", "hmarri@mcit.gov.qa", "nsulaiti@mcit.gov.qa", "ykubaisi@ncsa.gov.qa"]


@pytest.mark.parametrize(("prefix", "reason"), [("36-uga", "password"), ("37-lux", "damaged")])
def test_encrypted_and_truncated_pdfs_are_unreadable(prefix: str, reason: str) -> None:
    (attachment,) = _attachments(_case(prefix))
    with pytest.raises(UnreadableDocument, match=reason):
        read_attachment(attachment)
