"""The progress store: layout, permissions, broken files, the lock."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.domain.session_record import Before, ExerciseDone, SessionRecord, SetDone, Status
from coach.errors import CoachError
from coach.files.paths import Paths
from coach.files.session_lock import SessionLocked, session_lock
from coach.files.session_store import Store
from coach.files.session_toml import load_record


def record(started: datetime, reps: int = 10) -> SessionRecord:
    ex = ExerciseDone(
        id="bird-dog",
        level=3,
        sets=1,
        reps=reps,
        sides="alternate",
        hold_s=3,
        duration_s=None,
        done=[SetDone(1, "left", reps, reps), SetDone(1, "right", reps, reps - 1)],
    )
    return SessionRecord(
        id=started.strftime("%Y-%m-%dT%H-%M-%S"),
        started=started,
        programme="Back",
        language="en",
        exercises=[ex],
        ended=started + timedelta(minutes=5),
        status=Status.COMPLETE,
        before=Before(pain=3, morning_after="same", about="x"),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(Paths(tmp_path / "home", tmp_path / "home"))


T0 = datetime(2026, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def test_round_trip_and_layout(store: Store) -> None:
    original = record(T0)
    path = store.save(original)
    assert path == store.root / "2026-11" / "2026-11-02T09-30-00.toml"
    assert "schema = 1" in path.read_text()
    loaded = load_record(path)
    assert loaded == original


def test_files_and_folders_are_private(store: Store) -> None:
    path = store.save(record(T0))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, store.root, store.paths.data_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_history_since_reads_only_what_it_needs(store: Store) -> None:
    for days in range(0, 90, 3):
        store.save(record(T0 - timedelta(days=days)))
    since = date(2026, 10, 20)
    history = store.history(since=since)
    assert all(r.started.date() >= since for r in history.sessions)
    assert len(history.sessions) == 5
    months = {p.parent.name for p in store.files(since)}
    assert months == {"2026-10", "2026-11"}


def test_claim_gives_a_fresh_name(store: Store) -> None:
    first = record(T0)
    store.save(store.claim(first))
    second = store.claim(record(T0))
    assert second.id == first.id + "-2"


def test_a_broken_file_is_reported_and_the_rest_loads(store: Store) -> None:
    good = store.save(record(T0))
    broken = store.save(record(T0 + timedelta(days=1)))
    broken.write_text(broken.read_text().replace("status =", "status = = "))
    wrong = store.save(record(T0 + timedelta(days=2)))
    wrong.write_text(wrong.read_text().replace('status = "complete"', 'status = "done"'))
    before = broken.read_bytes()
    history = store.history()
    assert [load_record(good)] == history.sessions
    messages = ["\n".join(p.lines()) for p in history.problems]
    assert any(broken.name in m and "line" in m for m in messages)
    assert any(wrong.name in m and 'status: found "done"' in m for m in messages)
    assert all("move it out of the sessions folder" in (p.hint or "") for p in history.problems)
    store.save(record(T0 + timedelta(days=3)))  # a new session never touches the broken file
    assert broken.read_bytes() == before


HOLD = """
import sys, time
from pathlib import Path
from coach.files.paths import Paths
from coach.files.session_lock import session_lock
home = Path(sys.argv[1])
with session_lock(Paths(home, home)):
    print("held", flush=True)
    time.sleep(30)
"""


def test_the_lock_refuses_a_second_session_and_names_it(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SessionLocked) as caught, session_lock(paths):
            pass
        assert str(holder.pid) in caught.value.message
        assert paths.lock_file.read_text().split()[0] == str(holder.pid)  # not truncated
    finally:
        holder.kill()
        holder.wait()
    # Killed: the operating system released the lock with the process. No stale lock.
    with session_lock(paths):
        pass


@pytest.mark.reliability
@pytest.mark.parametrize(
    "content",
    [b"not a pid", b"\xff\xfe\x00broken", b"1000000000000000000000000000000\n", b"-1\n", b"0\n"],
    ids=["text", "not-utf8", "huge-pid", "minus-one", "zero"],
)
def test_whatever_is_in_the_lock_file_never_blocks_or_breaks(
    tmp_path: Path, content: bytes
) -> None:
    paths = Paths(tmp_path, tmp_path)
    paths.lock_file.write_bytes(content)
    with session_lock(paths):
        assert paths.lock_file.read_text().split()[0] == str(os.getpid())


@pytest.mark.reliability
def test_a_lock_path_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    paths.lock_file.mkdir()
    with pytest.raises(CoachError) as caught, session_lock(paths):
        pass
    assert "is a folder" in caught.value.message and str(paths.lock_file) in caught.value.message


RAN, REFUSED = 1, 2


def _race(home: Path, start: Any, answered: Any, results: Any, me: int) -> None:
    start.wait()  # all eight reach for the lock at the same moment
    try:
        with session_lock(Paths(home, home)):
            results[me] = RAN
            answered.wait()  # held until every other one has had its answer
    except SessionLocked:
        results[me] = REFUSED
        answered.wait()


@pytest.mark.reliability
def test_eight_simultaneous_starts_exactly_one_runs(tmp_path: Path) -> None:
    """20 rounds of 8 processes taking the lock at the same moment: one runs each time.

    The one that runs keeps the lock until all eight have answered, so a slow machine
    can't let a late one in after it: the test depends on no timing.
    """
    ctx = multiprocessing.get_context("fork")
    for round_no in range(20):
        home = tmp_path / str(round_no)
        home.mkdir()
        start, answered, results = ctx.Barrier(8), ctx.Barrier(8, timeout=60), ctx.Array("i", 8)
        procs = [
            ctx.Process(target=_race, args=(home, start, answered, results, me)) for me in range(8)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(timeout=90)
        assert [proc.exitcode for proc in procs] == [0] * 8, round_no
        found = sorted(results[:])
        assert found == [RAN] + [REFUSED] * 7, (round_no, found)


NOBODY = 65534


def _save_as_nobody(home: Path, answer: Any) -> None:
    """In a forked child: give up root, then save into `home`; send what happened."""
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    try:
        Store(Paths(home, home)).save(record(T0))
        answer.send("saved")
    except CoachError as exc:
        answer.send(exc.message)


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    """Run as a user who may not write there: as root (CI), the save runs in a forked
    child that gave up root first, since root can write anywhere."""
    if os.geteuid() != 0:
        home = tmp_path / "ro"
        home.mkdir(mode=0o500)
        with pytest.raises(CoachError, match="cannot"):
            Store(Paths(home, home)).save(record(T0))
        return
    Store(Paths(tmp_path / "warm", tmp_path / "warm")).save(record(T0))  # imports done before
    # pytest's own folders are root's alone; this one nobody may look into, not write to.
    base = Path(tempfile.mkdtemp(prefix="coach-ro-"))
    try:
        base.chmod(0o755)
        home = base / "ro"
        home.mkdir(mode=0o555)
        ctx = multiprocessing.get_context("fork")
        ours, theirs = ctx.Pipe()
        child = ctx.Process(target=_save_as_nobody, args=(home, theirs))
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 0
        message = ours.recv()
        assert list(home.iterdir()) == []
    finally:
        shutil.rmtree(base)
    assert message.startswith(f"{home}/sessions/") and "cannot create" in message, message
    assert "Permission denied" in message


def cached_store(tmp_path: Path) -> Store:
    home = tmp_path / "home"
    return Store(Paths(home, home, cache_dir=home / "cache"))


def test_the_month_cache_gives_what_the_files_say(tmp_path: Path) -> None:
    store = cached_store(tmp_path)
    saved = [store.save(record(T0 + timedelta(days=d), reps=8 + d)) for d in range(3)]
    first = [r.exercises[0].reps for r in store.history().sessions]
    assert first == [8, 9, 10]
    pickles = list((tmp_path / "home" / "cache" / "sessions").glob("*.pickle"))
    assert [p.name for p in pickles] == ["2026-11.pickle"]
    # An edit that keeps the size and restores the modification time (cp -p, rsync, tar)
    # is still seen: the change time and inode are part of the key.
    path = saved[1]
    stat = path.stat()
    path.write_text(path.read_text().replace("reps = 9", "reps = 7"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [r.exercises[0].reps for r in cached_store(tmp_path).history().sessions] == [8, 7, 10]
    saved[2].unlink()
    assert len(cached_store(tmp_path).history().sessions) == 2


@pytest.mark.parametrize("damage", ["garbage", "folder", "cache-is-a-file"])
def test_a_damaged_month_cache_costs_nothing_but_time(tmp_path: Path, damage: str) -> None:
    store = cached_store(tmp_path)
    store.save(record(T0))
    cache = tmp_path / "home" / "cache"
    if damage == "garbage":
        (cache / "sessions").mkdir(parents=True)
        (cache / "sessions" / "2026-11.pickle").write_bytes(b"\x80\x05not a pickle")
    elif damage == "folder":
        (cache / "sessions" / "2026-11.pickle").mkdir(parents=True)
    else:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text("")
    for _ in range(2):
        history = cached_store(tmp_path).history()
        assert [r.id for r in history.sessions] == [record(T0).id] and not history.problems


def test_any_time_in_a_free_table_keeps_in_the_cache(tmp_path: Path) -> None:
    """A time with an offset inside a decision's facts (hand-edited, or from another tool)
    is read as a plain datetime: the month cache is written and nothing fails."""
    store = cached_store(tmp_path)
    path = store.save(record(T0))
    text = path.read_text()
    text += (
        '\n[exercises.decision]\nkind = "keep"\nreason = "sessions"\nbefore = {}\n'
        'text = { nl = "x", en = "x" }\n'
        "[exercises.decision.facts]\nseen = 2026-11-01T10:00:00+01:00\n"
    )
    path.write_text(text)
    history = cached_store(tmp_path).history()
    assert not history.problems, history.problems
    (only,) = history.sessions
    decision = only.exercises[0].decision
    assert decision is not None and decision.facts["seen"].utcoffset() == timedelta(hours=1)
    assert list((tmp_path / "home" / "cache" / "sessions").glob("*.pickle"))
    assert cached_store(tmp_path).history().sessions[0].exercises[0].decision == decision
