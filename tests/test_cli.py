"""The commands of the foundation, run in-process with CliRunner."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from coach import __version__
from tests.conftest import FIXTURES, Run

GOOD = """\
title = "Back"
patient = "Anna de Vries"
sessions_per_week = 3
start = 2026-11-02
agreed = 2026-11-02
[therapist]
name = "Jelmer"
practice = "Fysio Oost"
[[exercises]]
id = "bird-dog"
reps = 8
[[exercises]]
id = "single-leg-bridge"
level = 1
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"coach {__version__}"


def test_exercises_list_table_and_json(run: Run) -> None:
    result = run("exercises", "list")
    assert result.exit_code == 0
    assert "bird-dog" in result.stdout and "Bird-dog" in result.stdout
    assert "3 × 10 per side" in result.stdout
    rows = json.loads(run("exercises", "list", "--json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["bird-dog"]["dosage"]["reps"] == 10
    assert by_id["walk"]["dosage"]["duration_s"] > 0
    assert {row["origin"] for row in rows} == {"built-in"}


def test_user_definitions_extend_and_override(run: Run, coach_home: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "my-stretch.toml", folder)
    override = (FIXTURES / "my-stretch.toml").read_text().replace("my-stretch", "bird-dog")
    write(folder / "bird-dog.toml", override.replace('en = "My stretch"', 'en = "My bird-dog"'))
    rows = {r["id"]: r for r in json.loads(run("exercises", "list", "--json").stdout)}
    assert rows["my-stretch"]["origin"] == "user"
    assert rows["bird-dog"]["origin"] == "override"
    assert rows["bird-dog"]["name"]["en"] == "My bird-dog"
    table = run("exercises", "list").stdout
    assert "bird-dog *" in table and "replaces the built-in one" in table
    assert "my-stretch +" in table


def test_exercises_show(run: Run) -> None:
    result = run("exercises", "show", "single-leg-bridge")
    assert result.exit_code == 0
    for text in (
        "Starting position",
        "Steps",
        "Common mistakes",
        "When to stop",
        "Levels",
        "Sources",
        "1.",
    ):
        assert text in result.stdout


def test_exercises_show_unknown_suggests(run: Run) -> None:
    result = run("exercises", "show", "bird-dgo")
    assert result.exit_code == 1
    assert 'did you mean "bird-dog"' in result.stderr
    assert "Traceback" not in result.output


def test_dutch_by_option_config_and_locale(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Beginhouding" in run("--lang", "nl", "exercises", "show", "bird-dog").stdout
    assert "Starting position" in run("exercises", "show", "bird-dog").stdout
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "Beginhouding" in run("exercises", "show", "bird-dog").stdout
    assert "Starting position" in run("--lang", "en", "exercises", "show", "bird-dog").stdout
    write(coach_home / "config.toml", 'lang = "en"\n')
    assert "Starting position" in run("exercises", "show", "bird-dog").stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    write(coach_home / "config.toml", 'lang = "nl"\n')
    assert "Beginhouding" in run("exercises", "show", "bird-dog").stdout


def test_bad_lang_is_a_usage_error(run: Run) -> None:
    result = run("--lang", "de", "paths")
    assert result.exit_code == 2


def test_programme_check_show_and_use(run: Run, tmp_path: Path, coach_home: Path) -> None:
    first = write(tmp_path / "plan.toml", GOOD)
    assert run("programme", "check", str(first)).exit_code == 0
    shown = run("programme", "show", str(first)).stdout
    assert "Anna de Vries" in shown and "3 × 8 per side" in shown and "3 times a week" in shown
    assert "Two-leg bridge" in shown or "two-leg" in shown.lower()

    result = run("programme", "use", str(first))
    assert result.exit_code == 0
    current = coach_home / "programmes" / "current.toml"
    assert current.read_text() == GOOD
    second = write(tmp_path / "plan2.toml", GOOD.replace("reps = 8", "reps = 10"))
    assert run("programme", "use", str(second)).exit_code == 0
    kept = list((coach_home / "programmes" / "previous").glob("*.toml"))
    assert [k.read_text() for k in kept] == [GOOD]
    assert "3 × 10 per side" in run("programme", "show").stdout


def test_programme_use_refuses_a_bad_file_and_keeps_the_current(
    run: Run, tmp_path: Path, coach_home: Path
) -> None:
    assert run("programme", "use", str(write(tmp_path / "a.toml", GOOD))).exit_code == 0
    result = run("programme", "use", str(FIXTURES / "bad_programmes" / "unknown-exercise.toml"))
    assert result.exit_code == 1
    assert (coach_home / "programmes" / "current.toml").read_text() == GOOD


def test_programme_show_defaults_to_the_built_in(run: Run) -> None:
    shown = run("programme", "show").stdout
    assert "Bird-dog" in shown and "Single-leg bridge" in shown


def test_programme_check_reports_every_file(run: Run, tmp_path: Path) -> None:
    good = write(tmp_path / "good.toml", GOOD)
    bad = FIXTURES / "bad_programmes" / "out-of-range.toml"
    result = run("programme", "check", str(good), str(bad))
    assert result.exit_code == 1
    assert "good.toml: valid" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    # sessions_per_week, reps, hold_s and pain_during_max: every problem at once.
    assert len(errors) == 4, result.stderr
    assert all("out-of-range.toml" in line for line in errors)
    assert "exercises[0].reps" in result.stderr
    assert "progression.pain_during_max" in result.stderr


def test_programme_new_from_options(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "anna.toml"
    result = run(
        "programme",
        "new",
        "-o",
        str(target),
        "--title",
        "Rug van Anna",
        "--patient",
        "Anna",
        "-e",
        "bird-dog@2:3x8/5s",
        "-e",
        "walk:10min",
        "--days",
        "mon,thu",
        "--agreed",
        "2026-11-20",
        "--therapist",
        "Jelmer",
        "--practice",
        "Fysio Oost",
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads(target.read_text())
    assert data["days"] == ["mon", "thu"]
    assert data["exercises"][0] == {"id": "bird-dog", "level": 2, "sets": 3, "reps": 8, "hold_s": 5}
    assert data["exercises"][1] == {"id": "walk", "duration_s": 600}
    assert data["therapist"] == {"name": "Jelmer", "practice": "Fysio Oost"}
    assert str(data["agreed"]) == "2026-11-20"
    assert run("programme", "check", str(target)).exit_code == 0
    again = run("programme", "new", "-o", str(target), "-e", "bird-dog")
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_dutch_day_names_are_accepted_and_shown(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "dagen.toml"
    made = run("programme", "new", "-o", str(target), "-e", "bird-dog", "--days", "ma,wo,vr")
    assert made.exit_code == 0, made.output
    assert tomllib.loads(target.read_text())["days"] == ["mon", "wed", "fri"]
    by_hand = tmp_path / "met-de-hand.toml"
    by_hand.write_text(
        'schema = 1\ntitle = "Rug"\ndays = ["ma", "do"]\n[[exercises]]\nid = "bird-dog"\n'
    )
    shown = run("--lang", "nl", "programme", "show", str(by_hand))
    assert shown.exit_code == 0, shown.output
    assert "maandag" in shown.stdout and "donderdag" in shown.stdout
    wrong = run(
        "--lang",
        "nl",
        "programme",
        "new",
        "-o",
        str(tmp_path / "x.toml"),
        "-e",
        "bird-dog",
        "--days",
        "maandag,xyz",
    )
    assert wrong.exit_code != 0 and "ma,wo,vr" in wrong.output


def test_programme_new_rejects_bad_specs(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    assert run("programme", "new", "-o", str(target), "-e", "bird-dog:3y10").exit_code == 2
    result = run("programme", "new", "-o", str(target), "-e", "bird-dog:3x99")
    assert result.exit_code == 1 and "exercises[0].reps" in result.stderr
    assert run("programme", "new", "-o", str(target), "-e", "walk:3x10").exit_code == 2
    assert not target.exists()


def test_programme_new_interactive(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "asked.toml"
    lines = [
        "bird-dog",  # which exercises
        "",  # level: default
        "",  # sets: default
        "12",  # reps: outside 6-10, asked again
        "8",  # reps
        "",  # hold: default
        "Rustig aan, niet doorzakken",  # a note for this exercise
        "ma,wo,vr",  # how often, in Dutch
        "j",  # agreed today
        "nl",  # the patient's language (before the title: it is suggested in it)
        "Mijn rug",  # title
        "Anna",  # patient
        "",
        "",
        "",  # therapist, practice, phone
        "praktijk@example.nl",  # e-mail
        "",  # the practice's key for sealed exports: none
        "sokken aantrekken",  # the activities for the outcome measure: two,
        "Sokken  aantrekken",  # (the same one again: asked again)
        "een uur fietsen",
        "",  # then Enter
        "",  # notes
        str(target),  # file
        "",  # the whole programme is shown: write it (yes)
    ]
    result = run("programme", "new", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "Please type a whole number from 6 to 10" in result.stdout
    shown = " ".join(result.stdout.split())
    assert "Rustig aan, niet doorzakken" in shown and "Monday, Wednesday and Friday" in shown
    assert shown.index("Monday, Wednesday") < shown.index("Wrote")  # reviewed, then written
    data = tomllib.loads(target.read_text())
    assert data["title"] == "Mijn rug" and data["patient"] == "Anna"
    assert data["days"] == ["mon", "wed", "fri"]
    assert data["therapist"] == {"email": "praktijk@example.nl"} and data["lang"] == "nl"
    assert data["exercises"] == [
        {
            "id": "bird-dog",
            "level": 3,
            "sets": 3,
            "reps": 8,
            "hold_s": 3,
            "note": "Rustig aan, niet doorzakken",
        }
    ]
    assert "agreed" in data
    assert data["outcomes"] == {
        "activity": [{"name": "sokken aantrekken"}, {"name": "een uur fietsen"}]
    }
    assert "This activity is in the list already." in result.stdout
    declined = [*lines[:-2], str(tmp_path / "not.toml"), "n"]
    result = run("programme", "new", input="\n".join(declined) + "\n")
    assert result.exit_code == 0 and "Nothing was written." in result.stdout
    assert not (tmp_path / "not.toml").exists()


def test_programme_new_input_ends_early(run: Run, tmp_path: Path) -> None:
    result = run("programme", "new", input="bird-dog\n")
    assert result.exit_code == 1
    assert "input ended" in result.stderr
    assert "Traceback" not in result.output


def test_paths(run: Run, coach_home: Path) -> None:
    result = run("paths")
    assert result.exit_code == 0
    assert "…" not in result.stdout  # long paths fold, they are never cut off
    assert str(coach_home) in "".join(line.strip() for line in result.stdout.splitlines())


def test_broken_config_is_reported_but_does_not_block(run: Run, coach_home: Path) -> None:
    write(coach_home / "config.toml", 'lang = "fr"\n')
    result = run("paths")
    assert result.exit_code == 0
    assert "config.toml: lang" in result.stderr


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_narrow_terminal_lists_each_exercise_on_two_lines(
    run: Run, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """At 60 columns five columns cut words off mid-way ("Nivea…"): two lines instead."""
    monkeypatch.setenv("COLUMNS", "60")
    out = run("--lang", lang, "exercises", "list").stdout
    lines = out.splitlines()
    assert "…" not in out and all(len(line.rstrip()) <= 60 for line in lines)
    first = next(i for i, line in enumerate(lines) if line.startswith("bird-dog"))
    assert "Bird-dog" in lines[first]
    assert lines[first + 1].lstrip().startswith("vloer" if lang == "nl" else "floor")
    assert ("4 niveaus" if lang == "nl" else "4 levels") in lines[first + 1]
    monkeypatch.setenv("COLUMNS", "100")
    assert run("exercises", "list").stdout.splitlines()[0].split()[:2] == ["Id", "Name"]
