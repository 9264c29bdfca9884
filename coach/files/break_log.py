"""The movement-break days, one TOML file per day in breaks/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import tomli_w

from coach.domain.break_timer import BreakDay, Outcome
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files.durable import atomic_write_bytes, private_dir
from coach.files.paths import Paths
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader

BREAKS_SCHEMA = 1


def breaks_dir(paths: Paths) -> Path:
    return paths.data_dir / "breaks"


def save(paths: Paths, day: BreakDay) -> Path:
    folder = private_dir(breaks_dir(paths) / day.id[:7])
    path = folder / f"{day.id}.toml"
    data: dict[str, object] = {
        "schema": BREAKS_SCHEMA,
        "started": day.started,
        "every_min": day.every_min,
        "breaks": [{"at": at, "outcome": kind} for at, kind in day.events],
    }
    if day.ended is not None:
        data["ended"] = day.ended
    atomic_write_bytes(path, tomli_w.dumps(data).encode("utf-8"))
    return path


def load_since(paths: Paths, since: date) -> tuple[list[BreakDay], list[CoachError]]:
    folder = breaks_dir(paths)
    days, problems = [], []
    months = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    for month in months:
        if month.name < since.strftime("%Y-%m"):
            continue
        for path in sorted(month.glob("*.toml")):
            if path.name[:10] < since.isoformat():
                continue
            try:
                days.append(_from(path))
            except CoachError as exc:
                problems.append(exc)
    return days, problems


def _from(path: Path) -> BreakDay:
    found: list[Problem] = []
    r = Reader(read_toml(path), path, found)
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
