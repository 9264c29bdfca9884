"""The installed reminder: the job's files written, switched on, read back and removed.

`reminder.toml` in the settings folder records what `coach remind install` wrote: the
system, the time, the days, the language, and every file with a hash of its bytes. So
`remove` removes exactly those files, and only while they still hold what coach wrote
(a file the person changed is left, and named); installing again replaces the job.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

import tomli_w

from coach.domain.model import WEEKDAYS
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files.durable import atomic_write_bytes
from coach.files.paths import Paths
from coach.files.regular_files import present
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import LANGUAGES, _
from coach.system.programs import Run, Which
from coach.system.reminder_jobs import Job, shown

MANIFEST = "reminder.toml"
_HH_MM = re.compile(r"[0-9]{2}:[0-9]{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
COMMAND_TIMEOUT_S = 30
SYSTEMS = ("systemd", "launchd", "schtasks")
# How commands are run and found: module names, looked up when used (the tests fake them).
RUN: Run = subprocess.run
WHICH: Which = shutil.which


@dataclass(frozen=True)
class Installed:
    system: str
    at: time
    days: tuple[str, ...]
    lang: str
    files: dict[Path, str] = field(default_factory=dict)  # file -> sha256 of what was written


def manifest(paths: Paths) -> Path:
    return paths.config_dir / MANIFEST


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(paths: Paths) -> Installed | None:
    """What is installed, or None; a damaged record is a one-line error naming the key."""
    path = manifest(paths)
    if not present(path):
        return None
    try:
        return _read(path)
    except CoachError as exc:  # the way out, whatever is wrong with it
        exc.hint = _(
            "Delete {file} and remove the reminder job by hand, or run coach remind "
            "install to write both anew."
        ).format(file=path)
        raise


def _read(path: Path) -> Installed:
    problems: list[Problem] = []
    r = Reader(read_toml(path), path, problems)
    system = r.choice("system", SYSTEMS)
    at = _time(r)
    days = r.choices("days", WEEKDAYS, required=True, min_items=1)
    lang = r.choice("lang", LANGUAGES)
    files: dict[Path, str] = {}
    if (table := r.table("files")) is not None:
        for name in list(table.data):
            digest = table.string(name, pattern=_SHA256, pattern_hint=_("a SHA-256 hash"))
            if digest is not None:
                files[Path(name)] = digest
        table.finish()
    r.finish()
    if problems or system is None or at is None or lang is None or not days:
        raise InvalidFileError(problems or [Problem(path, "", _("cannot be read"))])
    return Installed(system, at, days, lang, files)


def _time(r: Reader) -> time | None:
    text = r.string("at", pattern=_HH_MM, pattern_hint=_("a time as HH:MM"))
    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        r.wrong("at", text, _("a time as HH:MM"))
        return None


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # changed since coach wrote them
    failed: list[str] = field(default_factory=list)  # a command that did not work, and why
    skipped: str | None = None  # the tool that is not on this machine
    still_there: bool = False  # not switched off, and the system keeps the job itself


def _run(command: list[str]) -> str | None:
    """None when it worked; else what went wrong, in one line."""
    try:
        done = RUN(
            command,
            capture_output=True,
            text=True,
            errors="replace",  # schtasks speaks the console's code page
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode == 0:
        return None
    said = (done.stderr or done.stdout or "").strip().splitlines()
    return said[0] if said else _("exit status {code}").format(code=done.returncode)


def install(paths: Paths, job: Job) -> Outcome:
    """The job's files written, an earlier job's leftovers removed, the record saved, and
    the job switched on where the system's tool is there."""
    outcome = Outcome()
    before = load_or_none(paths)
    for path, data in job.files.items():
        atomic_write_bytes(path, data)
        outcome.written.append(path)
    if before is not None:  # e.g. written for another system: gone, if still coach's
        leftovers = {p: h for p, h in before.files.items() if p not in job.files}
        _remove_files(leftovers, outcome)
    record = {
        "system": job.system,
        "at": job.at.strftime("%H:%M"),
        "days": list(job.days),
        "lang": job.lang,
        "files": {str(p): _digest(d) for p, d in job.files.items()},
    }
    atomic_write_bytes(manifest(paths), tomli_w.dumps(record).encode("utf-8"))
    if not WHICH(job.tool):
        outcome.skipped = job.tool
        return outcome
    for command in job.prepare:
        _run(command)
    for command in job.enable:
        if (why := _run(command)) is not None:
            outcome.failed.append(f"{shown(command)}: {why}")
            break
    return outcome


def load_or_none(paths: Paths) -> Installed | None:
    """For what writes the record anew (install, a new programme): a damaged one is
    replaced, not an error."""
    try:
        return load(paths)
    except CoachError:
        return None


def remove(paths: Paths, installed: Installed, job: Job) -> Outcome:
    """The installed job (`load`) switched off and exactly its files removed."""
    outcome = Outcome()
    if WHICH(job.tool):
        for command in job.disable:
            if (why := _run(command)) is not None:
                outcome.failed.append(f"{shown(command)}: {why}")
    else:
        outcome.skipped = job.tool
    if outcome.failed and job.keeps_a_copy:  # the record stays, to try again
        outcome.still_there = True
        return outcome
    names = {path.name for path in job.files}  # never a file of another name
    _remove_files({p: h for p, h in installed.files.items() if p.name in names}, outcome)
    if WHICH(job.tool):
        for command in job.forget:
            _run(command)
    try:
        manifest(paths).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise CoachError(
            _("{file}: cannot be removed ({reason})").format(
                file=manifest(paths), reason=exc.strerror or exc
            )
        ) from None
    return outcome


def _remove_files(files: dict[Path, str], outcome: Outcome) -> None:
    for path, digest in files.items():
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            outcome.kept.append(path)
            continue
        if _digest(data) != digest:
            outcome.kept.append(path)
            continue
        try:
            path.unlink()
            outcome.removed.append(path)
        except OSError:
            outcome.kept.append(path)


def switched_on(job: Job) -> bool | None:
    """Whether the system has the job switched on; None when that can't be asked here."""
    if not job.query or not WHICH(job.tool):
        return None
    return _run(job.query) is None
