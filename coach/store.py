"""The progress store: one TOML file per session, in a folder per month.

    <data>/sessions/2026-11/2026-11-22T10-15-03.toml

Saving rewrites only the running session's own small file, so it costs the
same with a week of history or ten years. Reading goes back only as far as a
command needs, month folder by month folder. A file that cannot be read is
reported (file, line, how to fix it) and skipped; it is never written to,
because coach only ever writes the file of the session that is running.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from coach.errors import CoachError, InvalidFileError, Problem
from coach.i18n import _
from coach.paths import Paths
from coach.record import (
    RECORD_SCHEMA,
    ExerciseDone,
    SessionRecord,
    SetDone,
    Status,
)
from coach.storage import atomic_write_bytes, private_dir
from coach.validate import Reader, read_toml

# -- to and from TOML -------------------------------------------------------------


def to_toml(record: SessionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": RECORD_SCHEMA,
        "started": record.started,
        "status": record.status.value,
        "programme": record.programme,
        "language": record.language,
    }
    if record.ended is not None:
        data["ended"] = record.ended
    if record.speed != 1.0:
        data["speed"] = record.speed
    if record.before:
        data["before"] = record.before
    if record.after:
        data["after"] = record.after
    exercises = []
    for ex in record.exercises:
        entry: dict[str, Any] = {"id": ex.id, "level": ex.level}
        if ex.duration_s is not None:
            entry["duration_s"] = ex.duration_s
        else:
            entry |= {"sets": ex.sets, "reps": ex.reps, "sides": ex.sides, "hold_s": ex.hold_s}
        if ex.skipped:
            entry["skipped"] = ex.skipped
        if ex.answers:
            entry["answers"] = ex.answers
        entry["done"] = [_set_to_toml(s) for s in ex.done]
        exercises.append(entry)
    data["exercises"] = exercises
    return data


def _set_to_toml(done: SetDone) -> dict[str, Any]:
    entry: dict[str, Any] = {"set": done.set_no}
    if done.side:
        entry["side"] = done.side
    if done.seconds:
        entry["seconds"] = done.seconds
    else:
        entry |= {"reps": done.reps, "holds": done.holds}
    return entry


def from_toml(data: dict[str, Any], file: Path) -> SessionRecord:
    """A record from a parsed file; raises InvalidFileError naming every problem."""
    problems: list[Problem] = []
    r = Reader(data, file, problems)
    r.schema(RECORD_SCHEMA)
    started = r.timestamp("started")
    ended = r.timestamp("ended", required=False)
    status = r.choice("status", [s.value for s in Status])
    programme = r.string("programme", required=False) or ""
    language = r.choice("language", ("nl", "en"), required=False) or "en"
    speed = r.number("speed", 0.1, 100.0, required=False) or 1.0
    before = r.raw_table("before")
    after = r.raw_table("after")
    exercises = [_exercise_from(er) for er in r.tables("exercises", min_items=0)]
    r.finish()
    if problems or started is None or status is None:
        raise InvalidFileError(problems, _hint_for(file))
    return SessionRecord(
        id=file.stem,
        started=started,
        ended=ended,
        status=Status(status),
        programme=programme,
        language=language,
        speed=speed,
        before=before,
        after=after,
        exercises=[e for e in exercises if e is not None],
    )


def _exercise_from(r: Reader) -> ExerciseDone | None:
    ex_id = r.string("id")
    level = r.integer("level", 1, 99)
    duration = r.integer("duration_s", 1, 100_000, required=False)
    timed = duration is not None
    sets = r.integer("sets", 1, 100, required=not timed) or 1
    reps = r.integer("reps", 1, 1000, required=not timed)
    sides = r.choice("sides", ("none", "alternate", "each"), required=not timed) or "none"
    hold = r.integer("hold_s", 0, 10_000, required=not timed) or 0
    skipped = r.integer("skipped", 0, 1_000_000, required=False) or 0
    answers = r.raw_table("answers")
    done = []
    for dr in r.tables("done", min_items=0):
        set_no = dr.integer("set", 1, 100)
        side = dr.choice("side", ("left", "right"), required=False)
        entry = SetDone(
            set_no=set_no or 1,
            side=side,
            reps=dr.integer("reps", 0, 10_000, required=not timed) or 0,
            holds=dr.integer("holds", 0, 10_000, required=not timed) or 0,
            seconds=dr.number("seconds", 0, 1_000_000, required=timed) or 0.0,
        )
        dr.finish()
        done.append(entry)
    r.finish()
    if ex_id is None or level is None:
        return None
    return ExerciseDone(
        id=ex_id,
        level=level,
        sets=sets,
        reps=reps,
        sides=sides,
        hold_s=hold,
        duration_s=duration,
        done=done,
        skipped=skipped,
        answers=answers,
    )


def _hint_for(file: Path) -> str:
    return _(
        "Fix the file by hand, or move it out of the sessions folder; "
        "the rest of your history still loads."
    )


# -- the store ----------------------------------------------------------------------


@dataclass
class History:
    """Sessions read from the store, oldest first, and the files that could not be read."""

    sessions: list[SessionRecord] = field(default_factory=list)
    problems: list[CoachError] = field(default_factory=list)


class Store:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.root = paths.sessions_dir

    def file_for(self, record: SessionRecord) -> Path:
        return self.root / record.id[:7] / f"{record.id}.toml"

    def claim(self, record: SessionRecord) -> SessionRecord:
        """Give a new record a file name nobody uses yet (two sessions in one second)."""
        base, n = record.id, 1
        while self.file_for(record).exists():
            n += 1
            record.id = f"{base}-{n}"
        return record

    def save(self, record: SessionRecord) -> Path:
        path = self.file_for(record)
        private_dir(self.paths.data_dir)
        private_dir(path.parent)
        atomic_write_bytes(path, tomli_w.dumps(to_toml(record)).encode("utf-8"))
        return path

    def delete(self, record: SessionRecord) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.file_for(record).unlink()

    def _months(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if p.is_dir() and len(p.name) == 7)

    def files(self, since: date | None = None) -> Iterator[Path]:
        """Session files, oldest first, from the day `since` on (by their names)."""
        first_month = since.strftime("%Y-%m") if since else ""
        first_day = since.isoformat() if since else ""
        for month in self._months():
            if month.name >= first_month:
                yield from sorted(p for p in month.glob("*.toml") if p.name[:10] >= first_day)

    def history(self, since: date | None = None) -> History:
        """Every readable session that started on or after `since`."""
        result = History()
        for path in self.files(since):
            try:
                record = load_record(path)
            except CoachError as exc:
                result.problems.append(exc)
                continue
            if since is None or record.started.date() >= since:
                result.sessions.append(record)
        result.sessions.sort(key=lambda r: r.started)
        return result


def load_record(path: Path) -> SessionRecord:
    try:
        data = read_toml(path)
    except InvalidFileError as exc:
        raise InvalidFileError(exc.problems, _hint_for(path)) from None
    return from_toml(data, path)


# -- one session at a time -------------------------------------------------------------


class SessionLocked(CoachError):
    pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just someone else's
    except OSError:
        return False
    return True


@contextlib.contextmanager
def session_lock(paths: Paths) -> Iterator[None]:
    """Hold the session lock: a file with our PID, removed on the way out.

    A lock left by a process that no longer runs (a crash, kill -9, a reboot)
    is stale and taken over.
    """
    private_dir(paths.data_dir)
    lock = paths.lock_file
    host = socket.gethostname()
    for _attempt in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pid, owner = _read_lock(lock)
            if pid is not None and owner == host and _alive(pid) and pid != os.getpid():
                raise SessionLocked(
                    _("Another coach session is running (process {pid}).").format(pid=pid),
                    _("Finish that session first. If none is running, delete {file}").format(
                        file=lock
                    ),
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # stale: its process is gone
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n{host}\n{datetime.now().astimezone().isoformat()}\n")
        break
    else:
        raise SessionLocked(_("Could not take the session lock {file}.").format(file=lock))
    try:
        yield
    finally:
        pid, _owner = _read_lock(lock)
        if pid == os.getpid():
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()


def _read_lock(lock: Path) -> tuple[int | None, str | None]:
    try:
        lines = lock.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    try:
        return int(lines[0]), (lines[1] if len(lines) > 1 else None)
    except (ValueError, IndexError):
        return None, None
