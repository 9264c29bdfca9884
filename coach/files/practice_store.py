"""The practice's store: what was imported from its patients, in one SQLite database.

    <data>/practice/practice.sqlite3   (0600, in a 0700 folder)

WAL mode, a schema version in `PRAGMA user_version` with its migrations, and one
transaction per import: a file is stored whole or not at all. A patient is known by the
id their programme carries, and the name it gives. Each session, check and day of breaks
is kept once, as canonical JSON (compressed) with its SHA-256: the same file imported
twice changes nothing, a newer export adds what is new, and an entry that came back with
other content is refused, unless it was still open (a session in progress, a day of
breaks not ended) and the new export is the later one. What the view needs is kept
beside the entries at import (the flag events, the last session, the dosage now); it is
read in `practice_rows`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.domain import decisions, practice_view, progress_summary
from coach.errors import CoachError
from coach.files.durable import private_dir
from coach.files.import_doc import Entry, Export
from coach.files.paths import Paths
from coach.i18n import _, ngettext

SCHEMA = 1

# MIGRATIONS[n] brings a database at version n to n + 1.
MIGRATIONS = [
    """
    CREATE TABLE patients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        exported TEXT NOT NULL,      -- the newest export's time (UTC): its programme is kept
        coach_version TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        programme TEXT NOT NULL,     -- the programme file as JSON
        per_week INTEGER NOT NULL,
        days TEXT NOT NULL,          -- JSON list of weekdays, [] for a weekly count
        first TEXT,                  -- the plan's first session
        last TEXT,                   -- the last session with work in it
        dosage TEXT NOT NULL,        -- JSON: each exercise's name and dosage now
        unreadable TEXT NOT NULL     -- JSON: files the patient's coach could not read
    );
    CREATE TABLE entries (
        patient TEXT NOT NULL REFERENCES patients(id),
        kind TEXT NOT NULL,          -- sessions, checks, breaks
        id TEXT NOT NULL,
        day TEXT NOT NULL,
        counts INTEGER NOT NULL,     -- a session: 0 no work, 1 work, 2 full (as the report)
        finished INTEGER NOT NULL,
        digest TEXT NOT NULL,
        content BLOB NOT NULL,       -- the canonical JSON, zlib-compressed (a third the size)
        PRIMARY KEY (patient, kind, id)
    );
    CREATE INDEX entries_by_day ON entries (kind, counts, day);
    CREATE TABLE events (
        patient TEXT NOT NULL REFERENCES patients(id),
        kind TEXT NOT NULL,
        day TEXT NOT NULL,
        PRIMARY KEY (patient, kind, day)
    );
    CREATE INDEX events_by_day ON events (day);
    """,
]


def database(paths: Paths) -> Path:
    return paths.data_dir / "practice" / "practice.sqlite3"


def key_file(paths: Paths) -> Path:
    return paths.data_dir / "practice" / "identity.txt"


@contextmanager
def opened(paths: Paths) -> Iterator[sqlite3.Connection]:
    """The practice's database, made or brought up to this coach's schema."""
    file = database(paths)
    private_dir(file.parent)
    if not file.exists():  # 0600 before SQLite opens it: its -wal and -shm take that mode.
        # Made empty in place, no temp file: an import makes no temporary file at all.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with closing(sqlite3.connect(file, timeout=30, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrate(db, file)
            yield db
    except sqlite3.DatabaseError as exc:
        raise CoachError(
            _("{file}: the practice database cannot be used ({reason})").format(
                file=file, reason=exc
            )
        ) from None


@contextmanager
def _writing(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: taken at once (`IMMEDIATE`), kept whole or not at all."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _migrate(db: sqlite3.Connection, file: Path) -> None:
    """Bring the database up to `SCHEMA`, each step in a transaction of its own; the version
    is read again under the write lock, so two imports at once migrate it once."""
    while True:
        with _writing(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA:
                raise CoachError(
                    _(
                        "{file}: made by a newer coach (database version {found}; this "
                        "coach knows {known})"
                    ).format(file=file, found=version, known=SCHEMA),
                    _("Update coach."),
                )
            if version == SCHEMA:
                return
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")


@dataclass(frozen=True)
class Stored:
    """What one import did."""

    patient: str
    name: str
    added: int
    updated: int
    unchanged: int


def store(db: sqlite3.Connection, export: Export, *, rename: bool = False) -> Stored:
    """Keep `export` in one transaction; a conflict refuses it whole, nothing kept. A
    patient known here under another name is refused too, unless `rename` says it is the
    same person under a new name."""
    with _writing(db):
        return _store(db, export, rename)


def _store(db: sqlite3.Connection, export: Export, rename: bool) -> Stored:
    pid = export.patient_id
    row = db.execute("SELECT exported, name FROM patients WHERE id = ?", (pid,)).fetchone()
    if row is not None and row[1] != export.name and not rename:
        raise CoachError(
            _(
                '{file}: this patient is known here as "{known}", but the export says '
                '"{name}"; nothing was imported'
            ).format(file=export.file, known=row[1] or "-", name=export.name or "-"),
            _(
                "Another person's programme may have been copied: give this patient a "
                "programme of their own (coach programme new). If it is the same person "
                "under a new name, import it with --rename."
            ),
        )
    exported = _utc(export.exported)
    newer = row is None or exported >= row[0]
    if row is None:
        _write_patient(db, export, insert=True)
    added = updated = unchanged = 0
    conflicts: list[str] = []
    percent = export.programme.progression.full_session_percent
    counts = {r.id: 2 if r.full(percent) else int(r.counts) for r in export.sessions}
    for kind, entries in export.entries.items():
        for entry in entries:
            old = db.execute(
                "SELECT digest, finished FROM entries WHERE patient = ? AND kind = ? AND id = ?",
                (pid, kind, entry.id),
            ).fetchone()
            if old is None:
                _write_entry(db, pid, kind, entry, counts.get(entry.id, 0), insert=True)
                added += 1
            elif old[0] == entry.digest or (not entry.finished and (old[1] or not newer)):
                unchanged += 1  # the same; or a snapshot of it still open, older than kept
            elif not old[1] and newer:
                _write_entry(db, pid, kind, entry, counts.get(entry.id, 0), insert=False)
                updated += 1
            else:
                conflicts.append(entry.id)
    if conflicts:
        shown = ", ".join(conflicts[:3]) + (" ..." if len(conflicts) > 3 else "")
        raise CoachError(
            ngettext(
                "{file}: {count} entry differs from what was imported before for this "
                "patient ({ids}); nothing was imported",
                "{file}: {count} entries differ from what was imported before for this "
                "patient ({ids}); nothing was imported",
                len(conflicts),
            ).format(file=export.file, count=len(conflicts), ids=shown),
            _(
                "Ask the patient for a new export; if that differs too, the two files are not "
                "from the same records."
            ),
        )
    db.executemany(
        "INSERT OR IGNORE INTO events (patient, kind, day) VALUES (?, ?, ?)",
        [(pid, k, d.isoformat()) for k, d in practice_view.events(export.sessions, export.checks)],
    )
    if newer and row is not None and (added or updated or exported > row[0]):
        _write_patient(db, export, insert=False)
    elif added or updated:
        _refresh_last(db, export)
    return Stored(pid, export.name, added, updated, unchanged)


def _utc(moment: datetime) -> str:
    """A time as text that sorts as time does, whatever offset it was written with."""
    return moment.astimezone(UTC).isoformat()


def _write_entry(
    db: sqlite3.Connection, pid: str, kind: str, entry: Entry, counts: int, *, insert: bool
) -> None:
    packed = zlib.compress(entry.content.encode("utf-8"))
    values = (entry.day.isoformat(), counts, int(entry.finished), entry.digest, packed)
    if insert:
        db.execute(
            "INSERT INTO entries (patient, kind, id, day, counts, finished, digest, content) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, kind, entry.id, *values),
        )
    else:
        db.execute(
            "UPDATE entries SET day = ?, counts = ?, finished = ?, digest = ?, content = ? "
            "WHERE patient = ? AND kind = ? AND id = ?",
            (*values, pid, kind, entry.id),
        )


def _dosage_now(export: Export) -> list[dict[str, Any]]:
    fp = export.fingerprint
    ours = [r for r in export.sessions if r.counts and r.programme_id == fp]
    ours.sort(key=lambda r: r.started)
    now = progress_summary.current(export.programme, ours[-decisions.HISTORY_SESSIONS :])
    names = {e.exercise.id: e.exercise.name for e in export.programme.exercises}
    return [
        {
            "id": c.id,
            "name": {"nl": names[c.id].nl, "en": names[c.id].en},
            **c.dosage.figures(),
        }
        for c in now
    ]


def _write_patient(db: sqlite3.Connection, export: Export, *, insert: bool) -> None:
    p = export.programme
    fp = export.fingerprint
    first = min(  # the plan's first session, else the day it starts: nothing planned before
        (r.started.date() for r in export.sessions if r.counts and r.programme_id == fp),
        default=p.start,
    )
    values = (
        export.name,
        _utc(export.exported),
        export.coach_version,
        fp,
        json.dumps(export.programme_table, ensure_ascii=False, default=str),
        p.sessions_per_week,
        json.dumps(list(p.days)),
        first.isoformat() if first else None,
        json.dumps(_dosage_now(export), ensure_ascii=False),
        json.dumps(export.unreadable, ensure_ascii=False),
    )
    if insert:
        db.execute(
            "INSERT INTO patients (name, exported, coach_version, fingerprint, programme, "
            "per_week, days, first, dosage, unreadable, id, last) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (*values, export.patient_id),
        )
    else:
        db.execute(
            "UPDATE patients SET name = ?, exported = ?, coach_version = ?, fingerprint = ?, "
            "programme = ?, per_week = ?, days = ?, first = ?, dosage = ?, unreadable = ? "
            "WHERE id = ?",
            (*values, export.patient_id),
        )
    _refresh_last(db, export)


def _refresh_last(db: sqlite3.Connection, export: Export) -> None:
    """The last session with work in it: the later of the kept one and this export's (every
    kept session came with an export, so no query over a patient's entries is needed)."""
    days = [r.started.date().isoformat() for r in export.sessions if r.counts]
    if days:
        db.execute(
            "UPDATE patients SET last = MAX(COALESCE(last, ''), ?) WHERE id = ?",
            (max(days), export.patient_id),
        )
