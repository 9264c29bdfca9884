"""Odd files on disk: dangling links, deep nesting, an unwritable cache. No traceback, ever."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import time_machine

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
    assert "ghost.toml: not a readable file" in result.stderr and "skipped" in result.stderr
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
