"""Every bad file a person could write ends in exit 1, its name in the message, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, Run

BAD_PROGRAMMES = sorted((FIXTURES / "bad_programmes").glob("*.toml"))
BAD_EXERCISES = sorted((FIXTURES / "bad_exercises").glob("*.toml"))


def test_there_are_fixtures() -> None:
    assert len(BAD_PROGRAMMES) >= 15 and len(BAD_EXERCISES) >= 12


@pytest.mark.parametrize("path", BAD_PROGRAMMES, ids=lambda p: p.stem)
def test_bad_programme(run: Run, path: Path) -> None:
    for command in (["programme", "check"], ["programme", "show"], ["programme", "use"]):
        result = run(*command, str(path))
        assert result.exit_code == 1, (command, result.output)
        assert path.name in result.stderr
        assert "Traceback" not in result.output
        assert result.stderr.startswith("error: ")


@pytest.mark.parametrize("path", BAD_EXERCISES, ids=lambda p: p.stem)
def test_bad_exercise_definition(run: Run, path: Path, coach_home: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(path, folder)
    for command in (
        ["exercises", "list"],
        ["exercises", "show", "bird-dog"],
        ["programme", "show"],
    ):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        assert path.name in result.stderr
        assert "Traceback" not in result.output
        assert "hint: " in result.stderr


def _errors(run: Run, path: Path) -> list[str]:
    result = run("programme", "check", str(path))
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_syntax_error_names_the_line(run: Run) -> None:
    (line,) = _errors(run, FIXTURES / "bad_programmes" / "syntax.toml")
    assert "syntax.toml, line 4: not valid TOML" in line


def test_not_utf8_names_the_line(run: Run) -> None:
    (line,) = _errors(run, FIXTURES / "bad_programmes" / "not-utf8.toml")
    assert "not-utf8.toml, line 1: not UTF-8" in line


def test_unknown_key_suggests_the_near_miss(run: Run) -> None:
    lines = _errors(run, FIXTURES / "bad_programmes" / "unknown-key.toml")
    assert any(
        'sesions_per_week: unknown key; did you mean "sessions_per_week"?' in x for x in lines
    )


def test_unknown_exercise_suggests_the_near_miss(run: Run) -> None:
    (line,) = _errors(run, FIXTURES / "bad_programmes" / "unknown-exercise.toml")
    assert 'exercises[0].id: unknown exercise "bird-dgo"; did you mean "bird-dog"?' in line


def test_wrong_types_say_what_was_found_and_expected(run: Run) -> None:
    text = "\n".join(_errors(run, FIXTURES / "bad_programmes" / "wrong-types.toml"))
    assert 'sessions_per_week: found "three", expected a whole number from 1 to 7' in text
    assert 'start: found "2026-01-05", expected a date like 2026-03-01 (without quotes)' in text
    assert 'exercises[0].sets: found "3", expected a whole number from 1 to 10' in text
    assert "title: found 3" in text


def test_bad_definition_reports_every_problem(run: Run, coach_home: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "bad_exercises" / "unknown-tag.toml", folder)
    result = run("exercises", "list")
    text = result.stderr
    assert 'tags.position: found "flor"; did you mean "floor"?' in text
    assert 'tags.region[0]: found "neck", expected' in text


def test_schema_from_the_future(run: Run) -> None:
    (line,) = _errors(run, FIXTURES / "bad_programmes" / "schema-too-new.toml")
    assert "newer than this coach understands" in line


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("programme", "check", str(tmp_path / "nope.toml"))
    assert result.exit_code == 1
    assert "nope.toml: no such file" in result.stderr


def test_a_knee_drawn_backwards_is_refused_when_read(run: Run, coach_home: Path) -> None:
    """The one knee check (`knee_backwards`) guards a definition of one's own, by its key."""
    walk = (ROOT / "exercises" / "walk.toml").read_text(encoding="utf-8")
    assert "knee = [45.6, 25.5]" in walk  # the start's near knee; the walker faces left
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "my-walk.toml").write_text(
        walk.replace('id = "walk"', 'id = "my-walk"').replace(
            "knee = [45.6, 25.5]", "knee = [62, 25.5]", 1
        ),
        encoding="utf-8",
    )
    result = run("exercises", "show", "my-walk")
    assert result.exit_code == 1
    assert "my-walk.toml: levels[0].pose.start.knee: this knee bends backwards" in result.output
