"""Odd files on disk: dangling links, deep nesting, an unwritable cache. No traceback, ever."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from typer.testing import Result

from tests.conftest import Run

pytestmark = pytest.mark.reliability


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Sessions run on the instant clock."""


def one_session(run: Run) -> None:
    with time_machine.travel(datetime.fromisoformat("2026-11-02T09:00:00+01:00"), tick=False):
        assert run("start", "walk", "--speed", "50", "--skip-check").exit_code == 0


def test_a_dangling_link_among_the_sessions(run: Run, coach_home: Path) -> None:
    one_session(run)
    (month,) = (coach_home / "sessions").iterdir()
    (month / "2026-11-01T08-00-00.toml").symlink_to(coach_home / "gone.toml")
    result = run("history")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "a link to a file that does not exist" in result.stderr
    assert "2026-11-02" in result.stdout  # the rest of the history is there


def test_a_dangling_link_among_the_exercises(run: Run, coach_home: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "ghost.toml").symlink_to(coach_home / "gone.toml")
    result = run("exercises", "list")
    assert result.exit_code == 0, result.output
    assert "ghost.toml: a link to a file that does not exist; skipped" in result.stderr
    assert "bird-dog" in result.stdout


@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "{b=" * 3000 + "1" + "}" * 3000])
def test_files_nested_thousands_deep(run: Run, tmp_path: Path, nesting: str) -> None:
    programme = tmp_path / "deep.toml"
    programme.write_text(f"a = {nesting}\n")
    result = run("programme", "check", str(programme))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "nested too deeply" in result.stderr and str(programme) in result.stderr


@pytest.mark.parametrize("blocker", ["cache-is-a-file", "pickle-is-a-folder"])
def test_the_cache_never_stops_a_command(run: Run, coach_home: Path, blocker: str) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "my-stretch.toml").write_text(
        (Path(__file__).parent / "fixtures" / "my-stretch.toml").read_text()
    )
    cache = coach_home / "cache"
    if blocker == "cache-is-a-file":
        cache.write_text("not a folder")
    else:
        (cache / "definitions.pickle").mkdir(parents=True)
    for args in (["exercises", "list"], ["start", "my-stretch", "--dry-run"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "my-stretch" in result.stdout or "My stretch" in result.stdout


def test_an_edit_that_keeps_size_and_time_is_seen(run: Run, coach_home: Path) -> None:
    """cp -p, rsync, tar and unzip restore the modification time: the cache must notice."""
    import os

    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    path = folder / "my-stretch.toml"
    path.write_text((Path(__file__).parent / "fixtures" / "my-stretch.toml").read_text())
    assert "My stretch" in run("exercises", "list").stdout  # the cache now holds it
    before = path.stat()
    path.write_text(path.read_text().replace('en = "My stretch"', 'en = "My strexch"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert "My strexch" in run("exercises", "list").stdout


def test_sessions_from_the_future_or_ending_before_they_start(run: Run, coach_home: Path) -> None:
    one_session(run)
    (path,) = (coach_home / "sessions").rglob("*.toml")
    text = path.read_text()
    started = re.search(r"^started = .*$", text, re.M)
    assert started is not None
    future = path.with_name("2030-01-01T09-00-00.toml")
    future.write_text(text.replace(started.group(0), "started = 2030-01-01 09:00:00+00:00"))
    backwards = path.with_name("2026-11-01T09-00-00.toml")
    backwards.write_text(text.replace(started.group(0), "started = 2026-11-02 23:00:00+00:00"))
    result = run("history")
    assert result.exit_code == 0, result.output
    assert "is in the future" in result.stderr and future.name in result.stderr
    assert "is before the start" in result.stderr and backwards.name in result.stderr
    assert result.stdout.count("2026-11-02") == 1  # only the sound one is listed


def test_a_dangling_current_programme_is_named_not_replaced(run: Run, coach_home: Path) -> None:
    folder = coach_home / "programmes"
    folder.mkdir(parents=True)
    (folder / "current.toml").symlink_to(coach_home / "gone.toml")
    result = run("programme", "show")
    assert result.exit_code == 1
    assert "current.toml" in result.stderr and "does not exist" in result.stderr


# -- pipes, devices, files too large: only a regular file within the cap is read -----------


class Hung(BaseException):  # not an Exception: no `except Exception` can hide it
    """Raised by the alarm when coach waits on a pipe: the test fails instead of hanging."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Ten seconds for what the test does; a read that blocks on a pipe ends in Hung."""

    def expired(signum: int, frame: object) -> None:
        raise Hung("coach waited on a named pipe")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def no_traceback(result: Result) -> None:
    """The command ended by its own choice (an exit code), not by an exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


TODAY = date.today()
NO_SIGNS = "n\n" * 20
# Where a pipe or a device was put, the command that reads it, what it says and how it ends.
ODD_PLACES = {
    "session": ("sessions/2026-11/2026-11-01T08-00-00.toml", ["history"], 0),
    "own exercise": ("exercises/odd.toml", ["exercises", "list"], 0),
    "check": ("checks/2026-11-01T08-00-00.toml", ["check"], 0),
    "current programme": ("programmes/current.toml", ["programme", "show"], 1),
    "break day": (f"breaks/{TODAY:%Y-%m}/{TODAY.isoformat()}.toml", ["progress"], 0),
    "settings": ("config.toml", ["history"], 0),
    "session lock": ("session.lock", ["start", "walk", "--speed", "50", "--skip-check"], 1),
}


def odd_file(
    run: Run, coach_home: Path, place: str, make: Callable[[Path], None]
) -> tuple[Path, list[str]]:
    """One sound session, and `make` at `place`: the path made and the command to run."""
    relative, args, _code = ODD_PLACES[place]
    one_session(run)
    path = coach_home / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # the session lock is there already
    make(path)
    return path, args


@pytest.mark.parametrize("place", list(ODD_PLACES))
def test_a_named_pipe_anywhere_never_makes_coach_wait(
    run: Run, coach_home: Path, no_hang: None, place: str
) -> None:
    path, args = odd_file(run, coach_home, place, os.mkfifo)
    result = run(*args, input=NO_SIGNS)
    no_traceback(result)
    assert result.exit_code == ODD_PLACES[place][2], result.output
    assert f"{path}: is a named pipe (FIFO), expected a regular file" in result.stderr
    assert len([line for line in result.stderr.splitlines() if str(path) in line]) == 1


@pytest.mark.parametrize("blocker", ["definitions.pickle", "sessions/2026-11.pickle"])
def test_a_pipe_as_the_cache_costs_nothing(
    run: Run, coach_home: Path, no_hang: None, blocker: str
) -> None:
    one_session(run)
    cache = coach_home / "cache" / blocker
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.unlink(missing_ok=True)
    os.mkfifo(cache)
    for args in (["exercises", "list"], ["history"]):
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 0 and result.stderr == "", result.output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("place", ["session", "check", "current programme", "break day"])
def test_a_link_to_an_endless_device_is_refused_unread(
    run: Run, coach_home: Path, no_hang: None, place: str, device: str
) -> None:
    path, args = odd_file(run, coach_home, place, lambda p: p.symlink_to(device))
    result = run(*args, input=NO_SIGNS)
    no_traceback(result)
    assert result.exit_code == ODD_PLACES[place][2], result.output
    assert f"{path}: is a device, expected a regular file" in result.stderr


def test_a_file_over_the_cap_is_skipped_like_a_broken_one(run: Run, coach_home: Path) -> None:
    from coach.files.regular_files import MAX_FILE_BYTES

    one_session(run)
    (month,) = (coach_home / "sessions").iterdir()
    huge = month / "2026-11-01T08-00-00.toml"
    huge.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    result = run("history")
    assert result.exit_code == 0, result.output
    assert f"{huge}: larger than 10 MB, the most coach reads" in result.stderr
    assert "2026-11-02" in result.stdout


def test_an_exercise_over_the_cap_is_refused_like_a_broken_one(run: Run, coach_home: Path) -> None:
    from coach.files.regular_files import MAX_FILE_BYTES

    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    huge = folder / "huge.toml"
    huge.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    result = run("exercises", "list")
    no_traceback(result)
    assert result.exit_code == 1
    assert f"error: {huge}: larger than 10 MB, the most coach reads" in result.stderr


def test_a_pipe_among_the_learn_topics(tmp_path: Path, no_hang: None) -> None:
    from coach.errors import InvalidFileError
    from coach.files.learn_topics import topics

    os.mkfifo(tmp_path / "odd.toml")
    with pytest.raises(InvalidFileError) as caught:
        topics(tmp_path)
    assert caught.value.lines() == [
        f"{tmp_path / 'odd.toml'}: is a named pipe (FIFO), expected a regular file"
    ]


def test_a_pipe_as_the_lock_file_names_no_holder(tmp_path: Path, no_hang: None) -> None:
    from coach.files.session_lock import holder

    os.mkfifo(tmp_path / "session.lock")
    assert holder(tmp_path / "session.lock") is None


def test_a_pipe_as_a_logo(tmp_path: Path, no_hang: None) -> None:
    from coach.files.programmes import logo_problem

    os.mkfifo(tmp_path / "logo.png")
    problem = logo_problem(tmp_path / "logo.png")
    assert problem == f"{tmp_path / 'logo.png'}: is a named pipe (FIFO), expected a regular file"


# -- folders that may not be read: one line naming the folder, never a traceback ---------


def deny(
    monkeypatch: pytest.MonkeyPatch, folder: Path, *, listed: bool = False, reached: bool = False
) -> None:
    """The permission errors a person who is not root meets at `folder`: after `chmod 000`
    nothing in it can be listed or reached; `chmod 300` lets what is in it be `reached`,
    `chmod 400` lets it be `listed`. The suite runs as root, whom no mode stops."""
    where = os.fspath(folder)

    def name(path: Any) -> str | None:
        return None if isinstance(path, int) else os.fsdecode(os.fspath(path))

    def guarded(real: Callable[..., Any], refused: Callable[[str | None], bool]) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if refused(name(path)):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name(path))
            return real(path, *args, **kwargs)

        return call

    if not listed:
        for call in ("scandir", "listdir"):
            monkeypatch.setattr(os, call, guarded(getattr(os, call), lambda p: p == where))
    if not reached:
        inside = lambda p: p is not None and p.startswith(where + os.sep)  # noqa: E731
        for call in ("stat", "lstat", "open"):
            monkeypatch.setattr(os, call, guarded(getattr(os, call), inside))
        monkeypatch.setattr(io, "open", guarded(io.open, inside))


def write_programme_with_own_exercise(coach_home: Path) -> None:
    exercises = coach_home / "exercises"
    exercises.mkdir(parents=True)
    (exercises / "my-stretch.toml").write_text(
        (Path(__file__).parent / "fixtures" / "my-stretch.toml").read_text()
    )
    programmes = coach_home / "programmes"
    programmes.mkdir(parents=True)
    (programmes / "current.toml").write_text(
        'schema = 1\ntitle = "Mine"\nsessions_per_week = 3\n[[exercises]]\nid = "my-stretch"\n'
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--help"], 0), (["check"], 0), (["next"], 1), (["programme", "show"], 1)],
)
def test_a_programmes_folder_that_may_not_be_read(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int
) -> None:
    write_programme_with_own_exercise(coach_home)
    deny(monkeypatch, coach_home / "programmes")
    result = run(*args, input=NO_SIGNS)
    no_traceback(result)
    assert result.exit_code == code, result.output
    if code:
        current = coach_home / "programmes" / "current.toml"
        assert result.stderr.splitlines() == [
            f"error: {current}: cannot be read (Permission denied)"
        ]


def left_out(folder: Path) -> str:
    reason = "cannot read this folder (Permission denied); what is in it is left out"
    return f"warning: {folder}: {reason}"


@pytest.mark.parametrize("reached", [False, True], ids=["chmod-000", "chmod-300"])
def test_a_session_month_that_may_not_be_read_is_named(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch, reached: bool
) -> None:
    one_session(run)
    later = coach_home / "sessions" / "2026-12"
    later.mkdir()
    deny(monkeypatch, later, reached=reached)
    result = run("history")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [left_out(later)]
    assert "2026-11-02" in result.stdout  # the other months are all there


def test_a_sessions_folder_that_may_not_be_read_is_named(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_session(run)
    deny(monkeypatch, coach_home / "sessions", reached=True)
    result = run("history")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [left_out(coach_home / "sessions")]


def test_a_checks_folder_that_may_not_be_read_is_named(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (coach_home / "checks").mkdir(parents=True)
    deny(monkeypatch, coach_home / "checks", reached=True)
    result = run("check", input=NO_SIGNS)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines().count(left_out(coach_home / "checks")) == 1


def test_a_break_month_that_may_not_be_read_is_named(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    month = coach_home / "breaks" / f"{TODAY:%Y-%m}"
    month.mkdir(parents=True)
    deny(monkeypatch, month)
    result = run("progress")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [left_out(month)]


@pytest.mark.parametrize("args", [["next"], ["exercises", "list"], ["report", "-o", "r.md"]])
def test_an_exercises_folder_that_may_not_be_read_explains_an_unknown_exercise(
    run: Run,
    coach_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    write_programme_with_own_exercise(coach_home)
    deny(monkeypatch, coach_home / "exercises")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert lines[0] == left_out(coach_home / "exercises")  # said before what follows from it
    assert lines.count(lines[0]) == 1
    if args != ["exercises", "list"]:
        assert result.exit_code == 1
        assert 'unknown exercise "my-stretch"' in lines[1]


def test_completion_in_a_folder_that_may_be_listed_but_not_entered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.commands.completion import programme_files

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "knee.toml").write_text("")
    (plans / "old").mkdir()
    deny(monkeypatch, plans, listed=True)  # chmod 400: names, but nothing can be looked at
    assert programme_files(f"{plans}/") == [f"{plans}/knee.toml"]
    deny(monkeypatch, plans)  # chmod 000
    assert programme_files(f"{plans}/") == []


# -- for real: a folder `chmod 000` for a user whom modes stop -----------------------------


def without_root_powers(tmp_path: Path) -> list[str]:
    """A command prefix under which modes stop this process: none for a user, and for root
    setpriv dropping the two capabilities that let root read any folder."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root, and no setpriv to drop root's powers")
    prefix = [
        setpriv,
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
    ]
    probe = tmp_path / "probe"
    probe.mkdir(mode=0)
    listed = subprocess.run(
        [*prefix, sys.executable, "-c", f"import os; os.listdir({str(probe)!r})"],
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        pytest.skip("setpriv could not drop root's powers here")
    return prefix


def test_a_programmes_folder_chmod_000_for_real(tmp_path: Path, coach_home: Path) -> None:
    prefix = without_root_powers(tmp_path)
    write_programme_with_own_exercise(coach_home)
    programmes = coach_home / "programmes"
    exercises = coach_home / "exercises"
    for folder in (programmes, exercises):
        folder.chmod(0)
    env = {**os.environ, "COACH_HOME": str(coach_home)}
    try:
        for args, code in ((["--help"], 0), (["next"], 1), (["exercises", "list"], 0)):
            done = subprocess.run(
                [*prefix, sys.executable, "-m", "coach", *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
                check=False,
            )
            assert done.returncode == code, (args, done.stderr)
            assert "Traceback" not in done.stderr
            if args == ["exercises", "list"]:
                assert done.stderr.splitlines() == [left_out(exercises)]
    finally:
        for folder in (programmes, exercises):
            folder.chmod(0o700)
