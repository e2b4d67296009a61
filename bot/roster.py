"""The nominees in force, as CONTRACT.md section 5 prints them."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.models import NomineeRow
from bot.party import observer_name
from extractors.model import ANNEX2_FIELDS


def _in_force(sessions: sessionmaker[Session]) -> list[NomineeRow]:
    with sessions() as session:
        return list(session.scalars(select(NomineeRow).where(NomineeRow.in_force.is_(True))
                                    .order_by(NomineeRow.party, NomineeRow.id)))


def _fields(row: NomineeRow) -> dict[str, Any]:
    return {key: getattr(row, key) for key in ANNEX2_FIELDS}


def roster_tree(sessions: sessionmaker[Session]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    tree: dict[str, dict[str, list[dict[str, Any]]]] = {"member_states": {}, "observers": {}}
    for row in _in_force(sessions):
        observer = observer_name(row.party)
        if observer is not None:
            tree["observers"].setdefault(observer, []).append(_fields(row))
        else:
            tree["member_states"].setdefault(row.party, []).append(_fields(row))
    return tree


def roster_rows(sessions: sessionmaker[Session]) -> list[dict[str, Any]]:
    rows = []
    for row in _in_force(sessions):
        observer = observer_name(row.party)
        rows.append({"participant_type": "observer" if observer is not None else "member_state",
                     "party": row.party if observer is None else observer, **_fields(row)})
    return rows


ROSTER_COLUMNS = ["participant_type", "party", *ANNEX2_FIELDS]


def roster_csv(sessions: sessionmaker[Session]) -> str:
    """One row per nominee in force with a country/IGO column (CONTRACT.md section 5)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROSTER_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(roster_rows(sessions))
    return buffer.getvalue()
