"""Reading an export back, for a practice: the whole document is checked before anything is kept.

An export comes from outside, so it is read as hostile until it has passed: its nesting and
every key are checked first, then each part goes through the reader of the file it came
from (a session through `session_toml.from_toml`, the programme through `parse_programme`),
which checks types, ranges, dates, text length and control characters. Any problem refuses
the whole file, with up to `SHOWN` of them named by key.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from coach.domain.break_timer import BreakDay
from coach.domain.catalogue import Library
from coach.domain.model import Programme
from coach.domain.session_record import SessionRecord, Status
from coach.domain.warning_signs import Check, Reason
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files import break_log, check_log
from coach.files.export_doc import (
    EXPORT_SCHEMA,
    FORMAT,
    MAX_ITEMS_UNREADABLE,
    TIMES,
    YEARS,
    jsonable,
    revive,
)
from coach.files.programmes import PATIENT_ID, parse_programme
from coach.files.session_toml import from_toml, to_toml
from coach.files.text_rules import text_problem
from coach.files.toml_reader import Reader
from coach.i18n import _

ENTRY_ID = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]{1,4})?")
FINGERPRINT = re.compile(r"[0-9a-f]{16}")
KEY = re.compile(r"[A-Za-z0-9_.-]{1,64}")
MAX_DEPTH = 12  # an export is at most 7 deep: sessions, exercises, decision, before
SHOWN = 20
T = TypeVar("T")
# The longest lists an export holds: 20 years of sessions and breaks, a check a week; and
# any other list (sets done, exercises) at most MAX_LIST.
MAX_ITEMS = {
    "sessions": 20_000,
    "checks": 5_000,
    "breaks": 20_000,
    "unreadable": MAX_ITEMS_UNREADABLE,
}
MAX_LIST = 1_000
# An export is made now: one from before coach existed, or ahead of the clock, is wrong.
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """One session, check or day of breaks as a practice keeps it."""

    id: str
    day: date
    content: str  # canonical JSON: the same record always gives the same text
    finished: bool  # False while it may still change (a session in progress, an open day)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


@dataclass
class Export:
    file: Path
    patient_id: str
    name: str
    exported: datetime
    coach_version: str
    fingerprint: str
    programme: Programme
    programme_table: dict[str, Any]
    sessions: list[SessionRecord]
    checks: list[Check]
    breaks: list[BreakDay]
    unreadable: list[str]
    entries: dict[str, list[Entry]]


def canonical(value: Any) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def not_an_export(file: Path) -> CoachError:
    return CoachError(
        _("{file}: not a coach export").format(file=file),
        _("Import the file that coach export wrote, or a report PDF made by coach report."),
    )


def parse(raw: bytes, file: Path, library: Library) -> Export:
    """The export in `raw` (decrypted JSON), checked in full; CoachError when anything is wrong."""
    try:
        doc = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_twins)
    except _TwinKeyError as twin:
        raise CoachError(
            _('{file}: the key "{key}" is there twice in one table').format(
                file=file, key=str(twin)[:64]
            )
        ) from None
    except RecursionError:
        raise CoachError(_("{file}: nested too deeply to be an export").format(file=file)) from None
    except ValueError:  # not UTF-8, or not JSON
        raise not_an_export(file) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise not_an_export(file)
    schema = doc.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > EXPORT_SCHEMA:
        raise CoachError(
            _(
                "{file}: made by a newer coach (export format {found}; this coach reads "
                "format {supported})"
            ).format(file=file, found=str(schema)[:9], supported=EXPORT_SCHEMA),
            _("Update coach, then import it again."),
        )
    problems: list[Problem] = []
    _check_shape(doc, file, problems, "", 0)
    if problems:
        raise _refused(problems)
    return _read(revive(doc), file, library, problems)


class _TwinKeyError(ValueError):
    """A key twice in one JSON object: which one counts would be a guess."""


def _no_twins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _TwinKeyError(key)
        found[key] = value
    return found


def _check_shape(value: Any, file: Path, problems: list[Problem], where: str, depth: int) -> None:
    """Nesting no deeper than an export's, keys that are plain names, lists no longer than an
    export's and text that coach would keep in a file (`text_problem`), anywhere."""
    if depth > MAX_DEPTH:
        problems.append(Problem(file, where, _("nested deeper than an export ever is")))
        return
    if isinstance(value, str):
        if (wrong := text_problem(value) or _odd_year(where, value)) is not None:
            problems.append(Problem(file, where, wrong))
        return
    if isinstance(value, list) and len(value) > (most := MAX_ITEMS.get(where, MAX_LIST)):
        problems.append(Problem(file, where, _("more than {count} items").format(count=most)))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not KEY.fullmatch(key):
                problems.append(
                    Problem(
                        file,
                        where,
                        _("a key that is not a plain name ({count} characters)").format(
                            count=len(key)
                        ),
                    )
                )
                return
            _check_shape(item, file, problems, f"{where}.{key}" if where else key, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_shape(item, file, problems, f"{where}[{i}]", depth + 1)


def _odd_year(where: str, value: str) -> str | None:
    """A time outside the years coach can have written (`revive` leaves it as text)."""
    if where.rpartition(".")[2] not in TIMES:
        return None
    try:
        year = datetime.fromisoformat(value).year
    except ValueError:
        return None  # the reader says what a time looks like
    if year in YEARS:
        return None
    return _("{value}: not a time coach can have written").format(value=value)


def _refused(problems: list[Problem]) -> InvalidFileError:
    shown = problems[:SHOWN]
    if len(problems) > SHOWN:
        more = len(problems) - SHOWN
        shown.append(Problem(problems[0].file, "", _("and {count} more").format(count=more)))
    return InvalidFileError(
        shown, _("Nothing was imported. Ask for a new export, made with coach export.")
    )


def _read(doc: dict[str, Any], file: Path, library: Library, problems: list[Problem]) -> Export:
    r = Reader(doc, file, problems)
    r.choice("format", (FORMAT,))
    r.schema(EXPORT_SCHEMA)
    version = r.string("coach_version") or ""
    exported = r.timestamp("exported")
    patient, name = "", ""
    if (pr := r.table("patient")) is not None:
        patient = pr.string("id", pattern=PATIENT_ID, pattern_hint=_("32 hexadecimal digits")) or ""
        name = pr.string("name", required=False) or ""
        pr.finish()
    programme, table, fp = None, {}, ""
    if (gr := r.table("programme")) is not None:
        hint = _("16 hexadecimal digits")
        fp = gr.string("fingerprint", pattern=FINGERPRINT, pattern_hint=hint) or ""
        if (fr := gr.table("file")) is not None:
            table = dict(fr.data)
            programme = _programme(table, file, library, problems)
        gr.finish()
    if exported is not None and not EARLIEST <= exported <= datetime.now(UTC) + timedelta(days=1):
        r.problem(
            "exported",
            _("{time} is not a time an export could be made; the clock may have been wrong").format(
                time=exported.isoformat()
            ),
        )
    if programme is not None:
        _same_person(r, programme, patient, name)
    sessions, session_entries = _sessions(r)
    checks, check_entries = _checks(r)
    breaks, break_entries = _breaks(r)
    unreadable = list(r.strings("unreadable", required=False, min_items=0))
    r.finish()
    if problems or programme is None or exported is None:
        raise _refused(problems or [Problem(file, "programme", _("cannot be read"))])
    return Export(
        file,
        patient,
        name,
        exported,
        version,
        fp,
        programme,
        table,
        sessions,
        checks,
        breaks,
        unreadable,
        {"sessions": session_entries, "checks": check_entries, "breaks": break_entries},
    )


def _same_person(r: Reader, programme: Programme, patient: str, name: str) -> None:
    """The patient the export names is the one its programme was made for."""
    if programme.patient_id and patient and programme.patient_id != patient:
        r.problem("patient.id", _("differs from the programme's patient_id"))
    if programme.patient and name and programme.patient != name:
        r.problem("patient.name", _("differs from the programme's patient"))


def _programme(
    table: dict[str, Any], file: Path, library: Library, problems: list[Problem]
) -> Programme | None:
    found: list[Problem] = []
    for i, entry in enumerate(table.get("exercises") or []):
        ex_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ex_id, str) and ex_id not in library.exercises:
            problems.append(
                Problem(
                    file,
                    f"programme.file.exercises[{i}].id",
                    _(
                        '"{id}" is not in this practice\'s exercise library; add its '
                        "definition to your exercises folder (coach paths shows where)"
                    ).format(id=ex_id),
                )
            )
            return None
    if "logo" in table:  # a file name on the patient's disk: never looked up on this one
        found.append(Problem(file, "logo", _("not part of an export")))
        table = {k: v for k, v in table.items() if k != "logo"}
    programme = parse_programme(table, file, library, found)
    problems += [Problem(p.file, f"programme.file.{p.key}", p.message) for p in found]
    return programme


def _entry_id(er: Reader, seen: set[str]) -> str | None:
    entry_id = er.string("id", pattern=ENTRY_ID, pattern_hint=_("a time like 2026-11-02T18-00-00"))
    if entry_id is not None and entry_id in seen:
        er.problem("id", _('"{id}" is there twice').format(id=entry_id))
        return None
    if entry_id is not None:
        seen.add(entry_id)
    return entry_id


def _rest(er: Reader) -> dict[str, Any]:
    return {k: v for k, v in er.data.items() if k != "id"}


def _entries(
    r: Reader,
    name: str,
    read: Callable[[Reader, str | None], T | None],
    keep: Callable[[Reader, str, T], Entry | None],
) -> tuple[list[T], list[Entry]]:
    """The entries of list `name` (sessions, checks or breaks): each read with `read` (the
    reader of its own file, which names every problem) and kept as `keep` makes it."""
    seen: set[str] = set()
    items: list[T] = []
    entries: list[Entry] = []
    for er in r.tables(name, min_items=0):
        entry_id = _entry_id(er, seen)
        try:
            item = read(er, entry_id)
        except InvalidFileError as exc:
            r.problems.extend(exc.problems)
            continue
        if item is None or entry_id is None or (entry := keep(er, entry_id, item)) is None:
            continue
        items.append(item)
        entries.append(entry)
    return items, entries


def _sessions(r: Reader) -> tuple[list[SessionRecord], list[Entry]]:
    def read(er: Reader, entry_id: str | None) -> SessionRecord:
        return from_toml(_rest(er), er.file, er.path, entry_id)

    def keep(er: Reader, entry_id: str, record: SessionRecord) -> Entry | None:
        if entry_id[:19] != record.started.strftime("%Y-%m-%dT%H-%M-%S"):
            # A session's id is its local start time: one session can't come in twice.
            er.problem(
                "id",
                _("is not the session's start ({started})").format(
                    started=record.started.isoformat()
                ),
            )
            return None
        done = record.status is not Status.IN_PROGRESS
        return Entry(entry_id, record.started.date(), canonical(to_toml(record)), done)

    return _entries(r, "sessions", read, keep)


def _checks(r: Reader) -> tuple[list[Check], list[Entry]]:
    def read(er: Reader, _entry_id: str | None) -> Check | None:
        if not er.has("unreadable"):
            return check_log.from_toml(_rest(er), er.file, er.path)
        # A check the patient's coach could not read: not known to be safe.
        when, lost = er.timestamp("when"), er.string("unreadable")
        er.finish()
        return Check(when, Reason.ASKED, unreadable=lost) if when and lost else None

    def keep(_er: Reader, entry_id: str, check: Check) -> Entry:
        if check.unreadable:
            content = canonical({"when": check.when, "unreadable": check.unreadable})
        else:
            content = canonical(check_log.to_toml(check))
        return Entry(entry_id, check.when.date(), content, True)

    return _entries(r, "checks", read, keep)


def _breaks(r: Reader) -> tuple[list[BreakDay], list[Entry]]:
    def read(er: Reader, _entry_id: str | None) -> BreakDay:
        return break_log.from_toml(_rest(er), er.file, er.path)

    def keep(_er: Reader, entry_id: str, day: BreakDay) -> Entry:
        content = canonical(break_log.to_toml(day))
        return Entry(entry_id, day.started.date(), content, day.ended is not None)

    return _entries(r, "breaks", read, keep)
