"""Safety answers first, then files: nothing a person answered is lost, whatever the disk does.

A full disk refuses the bytes of a file but still takes an empty one: `Disk` fails
every fsync (the durable write's last step) while it is full. A folder that takes
nothing at all is modelled by refusing even empty files there.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine

from coach.domain.session_record import Answers
from coach.domain.warning_signs import Check, Reason, Reported, blocked, due
from coach.files import check_log, unsaved_checks
from coach.files.paths import get_paths
from coach.live import session_questions
from tests.conftest import Run, outcome_skips
from tests.test_safety import NO, answers_with, checks, flat, on, sessions

pytestmark = pytest.mark.reliability


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Sessions run on the instant clock."""


@pytest.fixture(autouse=True)
def _own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks that end up in the temp folder stay in this test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


class Disk:
    """A disk that fills up on demand: while `full`, every fsync fails with ENOSPC."""

    def __init__(self) -> None:
        self.full = False
        self.refused: list[Path] = []  # folders that take not even an empty file

    def fsync(self, real: Callable[[int], None]) -> Callable[[int], None]:
        def fsync(fd: int) -> None:
            if self.full:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real(fd)

        return fsync


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    found = Disk()
    monkeypatch.setattr(os, "fsync", found.fsync(os.fsync))
    real_touch = Path.touch

    def touch(path: Path, mode: int = 0o666, exist_ok: bool = True) -> None:
        if found.full and any(path.parent == folder for folder in found.refused):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_touch(path, mode, exist_ok)

    monkeypatch.setattr(Path, "touch", touch)
    return found


def marks() -> list[Path]:
    return [path for path, _check in unsaved_checks.found(get_paths())]


def test_an_emergency_yes_on_a_full_disk_shows_the_message_and_blocks(
    run: Run, coach_home: Path, disk: Disk
) -> None:
    disk.full = True
    result = run("check", input="\n".join(answers_with(bladder=True)) + "\n")
    assert result.exit_code == 3
    out = flat(result.stdout)
    assert "Call a doctor now" in out and "Call your GP now" in out  # shown, although unsaved
    assert out.index("Call a doctor now") < out.index("could not be saved in full")
    assert "No space left on device" in flat(result.stderr)
    assert checks(coach_home) == [] and len(marks()) == 1
    # The next start, even with the disk still full, runs no session.
    again = run("start", "--skip-check", input="n\n")
    assert again.exit_code == 3 and "Has a doctor seen you about this" in again.stdout
    assert sessions(coach_home) == []
    # Space again: the noted answer becomes a proper record, and the block holds.
    disk.full = False
    assert run("start", "--skip-check", input="n\n").exit_code == 3
    assert [c["answers"].get("bladder") for c in checks(coach_home)] == [True]
    assert marks() == []


def test_a_read_only_data_folder_keeps_the_emergency_elsewhere(
    run: Run, coach_home: Path, disk: Disk
) -> None:
    disk.full = True
    disk.refused = [coach_home / "checks"]
    assert run("check", input="\n".join(answers_with(saddle=True)) + "\n").exit_code == 3
    (mark,) = marks()
    assert mark.parent == coach_home / "cache" / "unsaved-checks"
    disk.refused.append(mark.parent)
    mark.unlink()
    assert run("check", input="\n".join(answers_with(saddle=True)) + "\n").exit_code == 3
    (mark,) = marks()
    assert mark.parent.parent == Path(tempfile.gettempdir())  # this person's temp folder
    blocked = run("start", "--skip-check", input="n\n")
    assert blocked.exit_code == 3 and "Has a doctor seen you" in blocked.stdout


def test_an_emergency_that_can_be_kept_nowhere_says_so(
    run: Run, coach_home: Path, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk.full = True
    monkeypatch.setattr(unsaved_checks, "mark", lambda paths, check: None)
    result = run("check", input="\n".join(answers_with(legs=True)) + "\n")
    assert result.exit_code == 3
    out = flat(result.stdout)
    assert "Call a doctor now" in out
    assert "could not save this answer anywhere. Do not exercise until a doctor" in out


def test_an_emergency_in_a_session_on_a_full_disk(
    run: Run, coach_home: Path, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = session_questions.after_exercise

    def disk_fills_up(*args: Any) -> Answers:
        disk.full = True  # after the first exercise: the session record can't be saved
        return real(*args)

    monkeypatch.setattr(session_questions, "after_exercise", disk_fills_up)
    with on("2026-11-02"):
        result = run("start", input="\n".join([*NO, *outcome_skips(), "2", "3", "2", "y"]) + "\n")
    assert result.exit_code == 3, result.output
    out = flat(result.stdout)
    assert "Call a doctor now" in out and "could not be saved in full" in out
    assert "Traceback" not in result.output
    disk.full = False
    with on("2026-11-03"):
        blocked = run("start", input="n\n")
    assert blocked.exit_code == 3 and "Has a doctor seen you about this since 2026-11-02" in (
        blocked.stdout
    )


def test_a_full_disk_is_found_before_anyone_exercises(
    run: Run, coach_home: Path, disk: Disk
) -> None:
    run("check", input="\n".join(NO) + "\n")
    disk.full = True
    result = run("start", "--skip-check", input="2\n")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "coach cannot save your session there" in flat(result.stderr)
    assert "Pain in your back right now" not in result.stdout  # nothing asked, nothing run
    assert "set 1/3" not in result.stdout


def test_each_answer_after_an_exercise_is_saved_as_it_is_given() -> None:
    answers = Answers()
    seen: list[tuple[Any, ...]] = []

    class Asker:
        ended = False
        replies = iter(["7", "2", "n", "n"])

        def optional_integer(self, question: str, low: int, high: int) -> int | None:
            return int(next(self.replies))

        def ask(self, question: str, parse: Callable[[str], Any]) -> Any:
            return parse(next(self.replies))

    def keep() -> None:
        seen.append((answers.pain, answers.effort, answers.saddle, answers.leg))

    session_questions.after_exercise(Asker(), "Bird-dog", answers, keep)  # type: ignore[arg-type]
    assert seen == [
        (7, None, None, None),  # the pain is kept before the next question is asked
        (7, "right", None, None),
        (7, "right", False, None),
        (7, "right", False, False),
    ]


def test_a_saddle_yes_is_not_saved_before_the_advice() -> None:
    answers = Answers()
    kept: list[Any] = []

    class Asker:
        ended = False
        replies = iter(["3", "", "y"])

        def optional_integer(self, question: str, low: int, high: int) -> int | None:
            return int(next(self.replies))

        def ask(self, question: str, parse: Callable[[str], Any]) -> Any:
            return parse(next(self.replies))

    asker: Any = Asker()
    session_questions.after_exercise(
        asker, "Bird-dog", answers, lambda: kept.append(answers.saddle)
    )
    assert answers.saddle is True and kept == [None, None]  # the caller shows, then saves


def test_an_unreadable_check_record_is_not_known_to_be_safe(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        run("check", input="\n".join(NO) + "\n")
    (saved,) = (coach_home / "checks").glob("*.toml")
    saved.write_text("when = \n")  # damaged
    with on("2026-11-03"):
        result = run("start", "walk", "--speed", "50", input="\n".join(NO) + "\n")
    assert "An earlier record of your answers could not be read" in flat(result.stdout)
    assert "1/14" in result.stdout  # the questions again, not one warning line and a session
    assert saved.name in flat(result.stderr)
    with on("2026-11-03"):
        report = run("report", "--format", "md")
    text = flat(report.stdout)
    assert "Files that could not be read" in text and saved.name in text
    assert "could not be read" in text and "they may have held a warning sign" in text


def test_a_damaged_check_is_superseded_by_the_next_full_check() -> None:
    paths = get_paths()
    now = datetime.now().astimezone().replace(microsecond=0)
    check_log.save(paths, Check(now - timedelta(days=2), Reason.ASKED))
    damaged = now - timedelta(days=1)
    folder = check_log.checks_dir(paths)
    (folder / f"{damaged:%Y-%m-%dT%H-%M-%S}.toml").write_text("[broken\n")
    found, problems = check_log.load(paths)
    assert len(problems) == 1 and due(found, now) is Reason.UNREADABLE
    # Dated by its name: a full check answered after it settles what it may have held.
    check_log.save(paths, Check(now, Reason.UNREADABLE))
    assert due(check_log.load(paths)[0], now) is None


def test_a_typed_note_with_a_control_character_is_refused_and_asked_again(
    run: Run, coach_home: Path
) -> None:
    with on("2026-11-02"):
        result = run(
            "start",
            "--skip-check",
            input="\n".join(
                [
                    *outcome_skips(),
                    "2",
                    *["3", "2", "n", "n"] * 2,
                    "red \x1b[31mnote",
                    "a" * 2001,
                    "fine",
                ]
            )
            + "\n",
        )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "This text can't be saved: contains the control character U+001B" in out
    assert "This text can't be saved: text is too long (at most 2000 characters)" in out
    (path,) = sessions(coach_home)
    assert tomllib.loads(path.read_text())["note"] == "fine"
    history = run("history")
    assert history.exit_code == 0 and "could not" not in history.output


def test_an_end_before_the_start_is_never_written(run: Run, coach_home: Path) -> None:
    with time_machine.travel(datetime.fromisoformat("2026-11-02T09:00:00+01:00")) as clock:
        from coach.live import runner

        real = runner.Runner._finish

        def clock_steps_back(self: runner.Runner) -> Any:
            clock.move_to(datetime.fromisoformat("2026-11-02T08:00:00+01:00"))
            return real(self)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(runner.Runner, "_finish", clock_steps_back)
            assert run("start", "walk", "--speed", "50", "--skip-check").exit_code == 0
    (path,) = sessions(coach_home)
    record = tomllib.loads(path.read_text())
    assert record["ended"] == record["started"]
    history = run("history")
    assert "could not" not in history.output and "2026-11-02" in history.stdout


@pytest.mark.parametrize(
    "name",
    [
        "2026-12-03T10-15-00~asked~~saddle.toml",  # not a mark
        "2026-12-03T10-15-00~asked~saddle.unsaved",  # a part missing
        "2026-13-03T10-15-00~asked~~saddle.unsaved",  # no such month
        "2026-12-03T10-15-00~maybe~~saddle.unsaved",  # no such reason
        "2026-12-03T10-15-00~asked~~sadle.unsaved",  # no such sign
        "2026-12-03T10-15-00~session~legs~.unsaved",  # no such report
    ],
)
def test_a_mark_that_does_not_parse_is_left_alone(coach_home: Path, name: str) -> None:
    folder = coach_home / "checks"
    folder.mkdir(parents=True)
    (folder / name).touch()
    assert marks() == []


def test_a_mark_reads_back_as_the_check_it_stands_for(coach_home: Path) -> None:
    when = datetime(2026, 12, 3, 10, 15).astimezone()
    check = Check(when, Reason.SESSION, {"saddle": True, "bladder": True})
    path = unsaved_checks.mark(get_paths(), check)
    assert path is not None and path.stat().st_size == 0
    ((_found, back),) = unsaved_checks.found(get_paths())
    assert (back.when, back.reason, back.answers, back.emergency) == (
        when,
        Reason.SESSION,
        {"saddle": True, "bladder": True},
        True,
    )


def test_a_temp_folder_someone_else_made_is_not_used(
    coach_home: Path, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk.full = True
    paths = get_paths()
    disk.refused = [paths.data_dir / "checks", coach_home / "cache" / "unsaved-checks"]
    monkeypatch.setattr(os, "getuid", lambda: 4242)  # not the folder's owner
    assert unsaved_checks.mark(paths, Check(datetime.now().astimezone(), Reason.ASKED)) is None


# -- from a review: each of these failed before its fix ------------------------------------


def test_skip_check_does_not_skip_an_unreadable_check(run: Run, coach_home: Path) -> None:
    run("check", input="\n".join(answers_with(bladder=True)) + "\n")
    (saved,) = (coach_home / "checks").glob("*.toml")
    saved.write_text("when = oops\n")  # was an emergency; nobody can tell now
    result = run("start", "walk", "--skip-check", "--speed", "50", input="\n".join(NO) + "\n")
    assert "skipped (--skip-check)" not in result.stdout
    assert "An earlier record of your answers could not be read" in flat(result.stdout)


def test_a_mark_reads_back_the_same_in_another_time_zone(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marks name UTC: an emergency noted after a "seen" still blocks after the clocks
    change (summer time, travel), where a local time read back in the new zone did not."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        paths = get_paths()
        seen = datetime(2026, 11, 2, 10, 0).astimezone()
        check_log.save(paths, Check(seen, Reason.SEEN))
        sign = Check(
            seen + timedelta(minutes=30), Reason.SESSION, reported=Reported.SADDLE_OR_BLADDER
        )
        assert unsaved_checks.mark(paths, sign) is not None
        monkeypatch.setenv("TZ", "Europe/Amsterdam")
        time.tzset()
        ((_path, back),) = unsaved_checks.found(paths)
        assert back.when == sign.when
        assert blocked(check_log.load(paths)[0]) is not None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_planted_marks_are_not_trusted(coach_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = get_paths()
    future = Check(datetime(2099, 1, 1).astimezone(), Reason.SEEN)
    folder = unsaved_checks.folders(paths)[-1]  # the shared temp folder
    folder.mkdir(parents=True)
    (folder / unsaved_checks.name(future)).touch()
    assert marks() == []  # from the future: refused
    now = Check(datetime.now().astimezone(), Reason.SEEN)
    (folder / unsaved_checks.name(now)).touch()
    assert len(marks()) == 1
    monkeypatch.setattr(os, "getuid", lambda: 4242)  # someone else's folder: not read
    assert marks() == []


def test_the_end_of_input_is_no_answer_to_a_warning_sign(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        # Outcome question skipped, pain now, pain during; then EOF.
        result = run("start", "--skip-check", input="\n2\n3\n")
    assert result.exit_code == 0, result.output
    (path,) = sessions(coach_home)
    answers = [e.get("answers", {}) for e in tomllib.loads(path.read_text())["exercises"]]
    assert answers[0].get("pain") == 3
    assert all("saddle" not in a and "leg" not in a for a in answers)  # unknown, not "no"


def test_a_wrong_answer_before_the_session_leaves_no_session_in_progress(
    run: Run, coach_home: Path
) -> None:
    result = run("start", "--skip-check", input="x\n" * 5)
    assert result.exit_code == 1 and "No valid answer after 5 tries" in result.output
    assert sessions(coach_home) == []  # no answers: the claimed record is gone


def test_a_terminal_gone_at_a_question_before_the_session_is_a_hang_up(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.live.prompts import Asker

    def gone(self: Asker, question: str, default: str | None) -> str:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Asker, "_read", gone)
    with on("2026-11-02"):
        result = run("start", "--skip-check")
    assert result.exit_code == 129
    assert sessions(coach_home) == []


def test_a_byte_that_is_not_utf8_is_refused_at_the_prompt() -> None:
    from coach.files.text_rules import text_problem

    assert text_problem("caf\udce9") is not None  # what a C locale makes of "café" in Latin-1
    assert text_problem("café") is None


def test_on_windows_the_temp_folder_is_taken_as_ones_own(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(os, "getuid")  # Windows has none
    assert unsaved_checks._ours(coach_home)


def test_a_file_that_cannot_be_read_is_said_once_before_the_check(
    run: Run, coach_home: Path
) -> None:
    with on("2026-11-02"):
        run("check", input="\n".join(NO) + "\n")
    (saved,) = (coach_home / "checks").glob("*.toml")
    saved.write_text("when = \n")
    with on("2026-11-03"):
        result = run("start", "walk", "--speed", "50", input="\n".join(NO) + "\n")
    assert result.stderr.count(saved.name) == 1
