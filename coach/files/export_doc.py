"""A patient's export: one versioned JSON document with what the therapist needs.

The programme (its file as a table, and its fingerprint), every session record, the
warning-sign checks and the movement-break days, each entry in the form of its own file
(`session_toml.to_toml`, `check_log.to_toml`, `break_log.to_toml`), with times as ISO 8601
text. docs/export.md documents the schema; `import_doc` reads it back through the same
readers as the files, so what an export holds is checked like a file on the patient's disk.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coach import __version__
from coach.domain.catalogue import Library
from coach.domain.model import Programme
from coach.domain.session_record import SessionRecord
from coach.errors import CoachError
from coach.files import break_log, check_log
from coach.files.durable import atomic_write_bytes
from coach.files.paths import Paths
from coach.files.programmes import (
    DEFAULT_PROGRAMME,
    PATIENT_ID,
    current_programme,
    fingerprint,
)
from coach.files.regular_files import present, read_file
from coach.files.session_store import Store
from coach.files.session_toml import to_toml
from coach.files.text_rules import kept_text
from coach.files.toml_parse import read_toml

FORMAT = "coach-export"
EXPORT_SCHEMA = 1
MAX_ITEMS_UNREADABLE = 200  # lines about files that could not be read: the first ones
MAX_EXPORT_BYTES = 50_000_000  # 50 MB; a year of sessions is well under 1 MB

# The keys whose values are times or dates: ISO text in JSON, datetime and date in the files.
TIMES = frozenset({"started", "ended", "when", "at", "exported"})
# The years a time in an export can have: outside them it is refused, never converted (year 1
# at +01:00 is before the first UTC year: converting it would fail).
YEARS = range(2000, 2101)
DATES = frozenset({"since", "start", "agreed"})


def jsonable(value: Any) -> Any:
    """`value` with every datetime and date as ISO 8601 text."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def revive(value: Any) -> Any:
    """The reverse of `jsonable`, by key: ISO text under a time or date key becomes a
    datetime or date again. Text that is not one is left as it is, for the reader to name."""
    if isinstance(value, dict):
        return {k: _revived(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [revive(v) for v in value]
    return value


def _revived(key: str, value: Any) -> Any:
    if isinstance(value, str) and len(value) <= 40:
        try:
            if key in TIMES:
                moment = datetime.fromisoformat(value)
                return moment if moment.year in YEARS else value
            if key in DATES:
                return date.fromisoformat(value)
        except ValueError:
            return value
    return revive(value)


def patient_id(paths: Paths, programme: Programme) -> str:
    """The id a practice knows this patient by: the programme's, else one made once here."""
    if programme.patient_id:
        return programme.patient_id
    own = paths.data_dir / "patient_id"
    if present(own):
        text = read_file(own, 1024).decode("ascii", errors="replace").strip()
        if PATIENT_ID.fullmatch(text):
            return text
    made = secrets.token_hex(16)
    atomic_write_bytes(own, made.encode("ascii") + b"\n")
    return made


def _session_id(record: SessionRecord) -> str:
    """A session's id: its file name, which is its local start time, or that time when the
    file was renamed by hand ("... (copy).toml")."""
    start = record.started.strftime("%Y-%m-%dT%H-%M-%S")
    return record.id if record.id[:19] == start and len(record.id) <= 24 else start


def _unique(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two entries made in the same second keep apart: the second gets "-2" after its id."""
    seen: dict[str, int] = {}
    for entry in entries:
        base = entry["id"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            entry["id"] = f"{base}-{seen[base]}"
    return entries


def build(paths: Paths, library: Library, now: datetime) -> dict[str, Any]:
    """The export document of everything kept in `paths`, as of `now`."""
    programme = current_programme(paths, library)
    table = dict(read_toml(programme.source_file or DEFAULT_PROGRAMME))
    table.pop("logo", None)  # a file beside the programme: it does not travel
    problems: list[CoachError] = []
    sessions = _unique(
        [{"id": _session_id(r), **to_toml(r)} for r in Store(paths).stream(problems.append, None)]
    )
    checks, check_problems = check_log.load(paths)
    days, break_problems = break_log.load_since(paths, date.min)
    check_entries = []
    for check in checks:
        if check.unreadable:
            entry = {"id": check.id, "when": check.when, "unreadable": kept_text(check.unreadable)}
        else:
            entry = {"id": check.id, **check_log.to_toml(check)}
        check_entries.append(entry)
    doc = {
        "format": FORMAT,
        "schema": EXPORT_SCHEMA,
        "coach_version": __version__,
        "exported": now,
        "patient": {"id": patient_id(paths, programme)}
        | ({"name": programme.patient} if programme.patient else {}),
        "programme": {"fingerprint": fingerprint(programme), "file": table},
        "sessions": sessions,
        "checks": _unique(check_entries),
        "breaks": _unique([{"id": d.id, **break_log.to_toml(d)} for d in days]),
        "unreadable": [
            kept_text("; ".join(p.lines())) for p in [*problems, *check_problems, *break_problems]
        ][:MAX_ITEMS_UNREADABLE],
    }
    return {k: jsonable(v) for k, v in doc.items()}


def encode(doc: Mapping[str, Any]) -> bytes:
    """The document as compact UTF-8 JSON (indented, a year would be 60 % larger)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def default_name(now: datetime) -> Path:
    """The export's file name when none is given: dated, in the current folder."""
    return Path(f"coach-export-{now.strftime('%Y-%m-%d')}.age")


__all__ = ["FORMAT", "MAX_EXPORT_BYTES", "build", "encode", "revive"]
