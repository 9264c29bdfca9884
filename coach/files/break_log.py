"""The movement-break days, one TOML file per day in breaks/."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from coach.domain.break_timer import BreakDay, Outcome
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files.durable import atomic_write_bytes, write_new
from coach.files.paths import Paths
from coach.files.regular_files import UnreadableFolderError, subfolders, toml_files
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader

BREAKS_SCHEMA = 1


def breaks_dir(paths: Paths) -> Path:
    return paths.data_dir / "breaks"


def save(paths: Paths, day: BreakDay, path: Path | None = None) -> Path:
    """Save `day` to `path`, the file its first save returned; returns the file.

    The first save makes a new file, named by the start (2026-03-02T09-00-00.toml): a
    second `coach breaks` started in the same second gets "-2" after it, never the same file.
    """
    text = tomli_w.dumps(to_toml(day)).encode("utf-8")
    if path is None:
        return write_new(breaks_dir(paths) / day.id[:7], day.id, ".toml", text)
    atomic_write_bytes(path, text)
    return path


def to_toml(day: BreakDay) -> dict[str, Any]:
    """A day of movement breaks as its file holds it (and an export)."""
    data: dict[str, Any] = {
        "schema": BREAKS_SCHEMA,
        "started": day.started,
        "every_min": day.every_min,
        "breaks": [{"at": at, "outcome": kind} for at, kind in day.events],
    }
    if day.ended is not None:
        data["ended"] = day.ended
    return data


def load_since(paths: Paths, since: date) -> tuple[list[BreakDay], list[CoachError]]:
    days: list[BreakDay] = []
    problems: list[CoachError] = []
    for month in _listed(subfolders, breaks_dir(paths), problems):
        if month.name < since.strftime("%Y-%m"):
            continue
        for path in _listed(toml_files, month, problems):
            if path.name[:10] < since.isoformat():
                continue
            try:
                days.append(_from(path))
            except CoachError as exc:
                problems.append(exc)
    return days, problems


def _listed(
    listing: Callable[[Path], list[Path]], folder: Path, problems: list[CoachError]
) -> list[Path]:
    """What `listing` finds in `folder`; a folder that cannot be read goes to `problems`."""
    try:
        return listing(folder)
    except UnreadableFolderError as exc:
        problems.append(exc)
        return []


def _from(path: Path) -> BreakDay:
    return from_toml(read_toml(path), path)


def from_toml(data: Mapping[str, Any], file: Path, key: str = "") -> BreakDay:
    """A day from its parsed file (or an export's entry at `key`); every problem named."""
    found: list[Problem] = []
    r = Reader(data, file, found, key)
    r.schema(BREAKS_SCHEMA)
    started = r.timestamp("started")
    every = r.integer("every_min", 1, 600)
    ended = r.timestamp("ended", required=False)
    events = []
    for br in r.tables("breaks", min_items=0):
        at = br.timestamp("at")
        kind = br.choice("outcome", [o.value for o in Outcome])
        br.finish()
        if at is not None and kind is not None:
            events.append((at, kind))
    r.finish()
    if found or started is None or every is None:
        raise InvalidFileError(found)
    return BreakDay(started, every, events, ended)
