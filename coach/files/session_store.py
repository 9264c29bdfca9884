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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import tomli_w

from coach.domain import outcomes
from coach.domain.model import local_day
from coach.domain.outcomes import Answer, Outcomes
from coach.domain.session_record import SessionRecord, Status
from coach.errors import CoachError
from coach.files.durable import atomic_write_bytes, private_dir
from coach.files.paths import Paths
from coach.files.regular_files import UnreadableFolderError, present, subfolders, toml_files
from coach.files.session_toml import load_record, to_toml
from coach.files.stat_cache import StatCache

# -- to and from TOML -------------------------------------------------------------


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
        while present(self.file_for(record)):
            n += 1
            record.id = f"{base}-{n}"
        return record

    def save(self, record: SessionRecord) -> Path:
        if record.ended is not None and record.ended < record.started:
            # The wall clock stepped back during the session (a time sync, a time zone):
            # the reader refuses an end before the start, so none is ever written.
            record.ended = record.started
        path = self.file_for(record)
        private_dir(self.paths.data_dir)
        private_dir(path.parent)
        atomic_write_bytes(path, tomli_w.dumps(to_toml(record)).encode("utf-8"))
        return path

    def close_interrupted(self, recent: int = 40) -> list[Path]:
        """Close sessions a dead process left in progress: interrupted, their sets kept.

        Call it holding the session lock, so no living session can be among them.
        """
        closed = []
        found = self.latest(recent, lambda r: r.status is Status.IN_PROGRESS)
        for record in found.sessions:
            path = self.file_for(record)
            record.status = Status.INTERRUPTED
            if record.ended is None:
                record.ended = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
                record.ended = record.ended.replace(microsecond=0)
            self.save(record)
            closed.append(path)
        return closed

    def delete(self, record: SessionRecord) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.file_for(record).unlink()

    def _months(self, problems: Callable[[CoachError], None]) -> list[Path]:
        try:
            found = subfolders(self.root)
        except UnreadableFolderError as exc:
            problems(exc)
            return []
        return [p for p in found if len(p.name) == 7]

    @staticmethod
    def _listing(month: Path, problems: Callable[[CoachError], None]) -> list[Path]:
        """The month's session files; a month folder that cannot be read goes to `problems`."""
        try:
            return toml_files(month)
        except UnreadableFolderError as exc:
            problems(exc)
            return []

    def files(self, since: date | None = None) -> Iterator[Path]:
        """Session files, oldest first, from the day `since` on (by their names)."""
        for _month, paths, _every in self._by_month(lambda _exc: None, since):
            yield from paths

    def _by_month(
        self, problems: Callable[[CoachError], None], since: date | None = None
    ) -> Iterator[tuple[Path, list[Path], list[Path]]]:
        """Each month from `since` on: its files from that day on, and all its files."""
        first_month = since.strftime("%Y-%m") if since else ""
        first_day = since.isoformat() if since else ""
        for month in self._months(problems):
            if month.name >= first_month:
                every = self._listing(month, problems)
                yield month, [p for p in every if p.name[:10] >= first_day], every

    def _records(
        self, month: Path, paths: list[Path], every: list[Path]
    ) -> Iterator[SessionRecord | CoachError]:
        """The sessions of `paths` (all in `month`, whose files are `every`), parsed or from
        the month's cache."""
        cache_file = None
        if self.paths.cache_dir is not None:
            cache_file = self.paths.cache_dir / "sessions" / f"{month.name}.pickle"
        cache: StatCache[SessionRecord] = StatCache(cache_file)
        for path in paths:
            try:
                record = cache.load(path, load_record)
            except CoachError as exc:
                yield exc
                continue
            if record is not None:
                yield record
        if cache_file is not None and (
            cache.changed or cache.entries.keys() - set(map(str, paths))
        ):
            cache.save({str(p) for p in every})

    def latest(self, count: int, keep: Callable[[SessionRecord], bool] = lambda r: True) -> History:
        """The newest `count` sessions that `keep` accepts, oldest first.

        Reads backwards from the newest month and stops as soon as it has enough,
        so it costs the same with a week of history or ten years.
        """
        result = History()
        for month in reversed(self._months(result.problems.append)):
            every = self._listing(month, result.problems.append)
            for item in reversed(list(self._records(month, every, every))):
                if isinstance(item, CoachError):
                    result.problems.append(item)
                    continue
                if keep(item):
                    result.sessions.append(item)
                    if len(result.sessions) >= count:
                        result.sessions.reverse()
                        return result
        result.sessions.reverse()
        return result

    def stream(
        self, problems: Callable[[CoachError], None], since: date | None = None
    ) -> Iterator[SessionRecord]:
        """Every readable session, oldest first, one at a time: memory stays flat.

        Unlike `history` nothing is kept: for exports of years of sessions. Files that
        cannot be read go to `problems` as they are met.
        """
        for month, paths, every in self._by_month(problems, since):
            for item in self._records(month, paths, every):
                if isinstance(item, CoachError):
                    problems(item)
                elif since is None or item.started.date() >= since:
                    yield item

    def answers(self) -> list[Answer]:
        """Every outcome answer (docs/outcomes.md), oldest first, with its session's day.

        They go back to their start, years maybe, so they have a cache of their own: a
        small one per month, of each file's answers or none, where the sessions' cache holds
        whole records. A file that cannot be read is skipped here; reading the sessions says
        so (`history`, `latest`)."""
        found: list[tuple[datetime, Outcomes]] = []
        for month, paths, every in self._by_month(lambda _exc: None):
            cache_file = None
            if self.paths.cache_dir is not None:
                cache_file = self.paths.cache_dir / "outcomes" / f"{month.name}.pickle"
            cache: StatCache[tuple[datetime, Outcomes | None]] = StatCache(cache_file)
            for path in paths:
                with contextlib.suppress(CoachError):
                    item = cache.load(path, _answers_of)
                    if item is not None and item[1] is not None:
                        found.append((item[0], item[1]))
            if cache_file is not None and (
                cache.changed or cache.entries.keys() - set(map(str, paths))
            ):
                cache.save({str(p) for p in every})
        found.sort(key=lambda a: a[0])
        return [(local_day(started), o) for started, o in found]

    def began(self, programme_id: str, planned: date | None = None) -> date | None:
        """The day a programme began: its first real session, else its planned start."""
        keep = (r for r in self.stream(lambda _exc: None) if r.counts)
        first = next((r for r in keep if r.programme_id == programme_id), None)
        return first.started.date() if first is not None else planned

    def history(self, since: date | None = None) -> History:
        """Every readable session that started on or after `since`."""
        result = History()
        result.sessions = list(self.stream(result.problems.append, since))
        result.sessions.sort(key=lambda r: r.started)
        return result


class Recorded:
    """Sessions already read (a practice's copy of a patient's), with the store's readings."""

    def __init__(self, sessions: list[SessionRecord]) -> None:
        self.sessions = sorted(sessions, key=lambda r: r.started)

    def began(self, programme_id: str, planned: date | None = None) -> date | None:
        first = next(
            (r for r in self.sessions if r.counts and r.programme_id == programme_id), None
        )
        return first.started.date() if first is not None else planned

    def history(self, since: date | None = None) -> History:
        return History([r for r in self.sessions if since is None or r.started.date() >= since])

    def answers(self) -> list[Answer]:
        return outcomes.answers(self.sessions)

    def latest(self, count: int, keep: Callable[[SessionRecord], bool] = lambda r: True) -> History:
        return History([r for r in self.sessions if keep(r)][-count:] if count else [])


def _answers_of(path: Path) -> tuple[datetime, Outcomes | None]:
    record = load_record(path)
    return record.started, record.outcomes


# -- one session at a time -------------------------------------------------------------
