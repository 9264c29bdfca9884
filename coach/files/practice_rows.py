"""Reading the practice's store: the view's rows, and one patient's data for their report.

What the view needs was kept beside the entries at import (`practice_store`): the flag
events, the last session, the dosage now. So `rows` reads a few rows per patient and one
grouped count, not anyone's history.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from coach.domain import practice_view
from coach.domain.break_timer import BreakDay
from coach.domain.model import Dosage
from coach.domain.session_record import SessionRecord
from coach.domain.warning_signs import Check, Reason
from coach.files import break_log, check_log
from coach.files.export_doc import EXPORT_SCHEMA, FORMAT, revive
from coach.files.session_toml import from_toml


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def rows(db: sqlite3.Connection, today: date) -> list[practice_view.Row]:
    """Every patient as the view shows them, those who need a call first."""
    since = practice_view.window(today).isoformat()
    counted: dict[str, dict[str, int]] = {}
    for pid, kind, n in db.execute(
        "SELECT patient, kind, COUNT(*) FROM events WHERE day >= ? AND day <= ? "
        "GROUP BY patient, kind",
        (since, today.isoformat()),
    ):
        counted.setdefault(pid, {})[kind] = n
    done = dict(
        db.execute(
            "SELECT patient, COUNT(*) FROM entries WHERE kind = 'sessions' AND counts = 2 "
            "AND day >= ? AND day <= ? GROUP BY patient",
            (practice_view.recent(today).isoformat(), today.isoformat()),
        ).fetchall()
    )
    found = []
    for pid, name, per_week, days, first, last, dosage in db.execute(
        "SELECT id, name, per_week, days, first, last, dosage FROM patients"
    ):
        last_day = _day(last)
        found.append(
            practice_view.Row(
                id=pid,
                name=name,
                last=last_day,
                done=done.get(pid, 0),
                planned=practice_view.planned(per_week, json.loads(days), _day(first), today),
                flags=practice_view.flags(counted.get(pid, {}), last_day, today),
                dosage=[(d["name"], Dosage.from_figures(d)) for d in json.loads(dosage)],
            )
        )
    return practice_view.first_to_call(found)


@dataclass(frozen=True)
class Kept:
    """One patient's data, for their report."""

    id: str
    name: str
    exported: str
    coach_version: str
    fingerprint: str
    programme: dict[str, Any]
    unreadable: list[str]
    entries: dict[str, list[tuple[str, str]]]  # kind: (id, content), oldest first

    def document(self) -> dict[str, Any]:
        """The export document of what is kept: attached to the patient's report PDF."""
        return {
            "format": FORMAT,
            "schema": EXPORT_SCHEMA,
            "coach_version": self.coach_version,
            "exported": self.exported,
            "patient": {"id": self.id} | ({"name": self.name} if self.name else {}),
            "programme": {"fingerprint": self.fingerprint, "file": self.programme},
            **{
                kind: [{"id": i, **json.loads(text)} for i, text in rows]
                for kind, rows in self.entries.items()
            },
            "unreadable": self.unreadable,
        }


def find(db: sqlite3.Connection, who: str) -> list[tuple[str, str]]:
    """Patients whose name is `who` (any case); else whose name holds it ("anna" for Anna de
    Vries); else whose id starts with it: (id, name). More than one: the caller asks which."""
    rows_found = db.execute("SELECT id, name FROM patients ORDER BY name").fetchall()
    wanted = who.casefold()
    return (
        [(i, n) for i, n in rows_found if n.casefold() == wanted]
        or [(i, n) for i, n in rows_found if wanted and wanted in n.casefold()]
        or [(i, n) for i, n in rows_found if len(who) >= 4 and i.startswith(who.lower())]
    )


def kept(db: sqlite3.Connection, pid: str) -> Kept:
    name, exported, version, fp, programme, unreadable = db.execute(
        "SELECT name, exported, coach_version, fingerprint, programme, unreadable "
        "FROM patients WHERE id = ?",
        (pid,),
    ).fetchone()
    entries: dict[str, list[tuple[str, str]]] = {"sessions": [], "checks": [], "breaks": []}
    for kind, entry_id, content in db.execute(
        "SELECT kind, id, content FROM entries WHERE patient = ? ORDER BY kind, day, id", (pid,)
    ):
        entries[kind].append((entry_id, zlib.decompress(content).decode("utf-8")))
    return Kept(
        pid, name, exported, version, fp, json.loads(programme), json.loads(unreadable), entries
    )


def kept_sessions(rows: list[tuple[str, str]], file: Path) -> list[SessionRecord]:
    """Sessions a practice keeps, (id, canonical JSON), read back through the session reader."""
    return [from_toml(revive(json.loads(text)), file, record_id=i) for i, text in rows]


def kept_checks(rows: list[tuple[str, str]], file: Path) -> list[Check]:
    found = []
    for _id, text in rows:
        data = revive(json.loads(text))
        if "unreadable" in data:
            found.append(Check(data["when"], Reason.ASKED, unreadable=data["unreadable"]))
        else:
            found.append(check_log.from_toml(data, file))
    return found


def kept_breaks(rows: list[tuple[str, str]], file: Path) -> list[BreakDay]:
    return [break_log.from_toml(revive(json.loads(text)), file) for _id, text in rows]
