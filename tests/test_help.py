"""--help speaks the person's language, shows readable placeholders; completion completes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from coach.cli import COMMANDS as COMMANDS_OF_CLI
from coach.cli import app
from coach.commands.help_format import help_texts
from tests.conftest import Run

COACH = Path(sys.executable).parent / "coach"


def is_group(command: Any) -> bool:
    """A group of commands (Typer's own click keeps no common base with the click package)."""
    return callable(getattr(command, "list_commands", None))


def command_tree() -> list[tuple[list[str], Any]]:
    """Every command coach.cli builds, as (words after `coach`, click command): the root,
    each command of `COMMANDS` and, for a group, each of its subcommands, at any depth."""
    found: list[tuple[list[str], Any]] = []

    def walk(words: list[str], command: Any, parent: Any) -> None:
        found.append((words, command))
        if is_group(command):
            ctx = command.make_context(
                " ".join(["coach", *words]), [], parent=parent, resilient_parsing=True
            )
            for name in command.list_commands(ctx):
                walk([*words, name], command.get_command(ctx, name), ctx)

    walk([], get_command(app), None)
    return found


def command_paths(leaves_only: bool = False) -> list[list[str]]:
    return [words for words, command in command_tree() if not (leaves_only and is_group(command))]


COMMANDS = command_paths()


def test_the_tree_is_every_command_of_coach_cli() -> None:
    assert {words[0] for words in COMMANDS if words} == set(COMMANDS_OF_CLI)
    groups = [words for words, command in command_tree() if is_group(command)]
    assert len(groups) > 1 and all(any(w[: len(g)] == g != w for w in COMMANDS) for g in groups)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "coach")
def test_placeholders_are_words(run: Run, command: list[str]) -> None:
    shown = run(*command, "--help").stdout
    assert "Usage: coach" in shown
    for typer_ism in ("<", "[[", "list[", "range>", "PATH", "INTEGER", "FLOAT", "x<="):
        assert typer_ism not in shown, (typer_ism, shown)


def test_placeholders_name_what_to_type(run: Run) -> None:
    start = run("start", "--help").stdout
    assert "Usage: coach start [OPTIONS] [ID...]" in start
    assert "--programme, -p FILE" in start and "--speed NUMBER" in start
    assert "1.0; 0.1 to 100.0]" in " ".join(start.split())
    assert "FILE..." in run("programme", "check", "--help").stdout
    assert "--weeks N" in run("report", "--help").stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "coach")
def test_dutch_help_has_no_english_help_text_left(run: Run, command: list[str]) -> None:
    english = run(*command, "--help").stdout
    dutch = run("--lang", "nl", *command, "--help").stdout
    assert "Gebruik: coach" in dutch and "Opties:" in dutch
    everything = set(help_texts(get_command(app)))
    left = [t for t in everything if len(t) > 12 and t in english and t in dutch]
    assert left == []


def test_help_follows_the_settings_and_the_locale(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (coach_home).mkdir(parents=True, exist_ok=True)
    (coach_home / "config.toml").write_text('lang = "nl"\n')
    assert "Gebruik:" in run("--help").stdout
    assert "Gebruik:" in run("start", "--help").stdout
    assert "Usage:" in run("--lang", "en", "start", "--help").stdout
    (coach_home / "config.toml").unlink()
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "Begin de sessie van vandaag" in run("--help").stdout


def complete(words: str, kind: str = "bash", cwd: Path | None = None, lang: str = "") -> str:
    env = {**os.environ, "_COACH_COMPLETE": f"complete_{kind}"}
    if lang:
        env["LANG"] = lang
    if kind == "bash":
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    done = subprocess.run(
        [str(COACH)], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_completion_of_a_partial_exercise_id() -> None:
    assert complete("coach start bi").split() == ["bird-dog"]
    assert complete("coach exercises show si").split() == [
        "side-plank",
        "single-leg-bridge",
        "sit-to-stand",
    ]
    zsh = complete("coach exercises show bi", kind="zsh")
    assert '"bird-dog":"Bird-dog"' in zsh  # with its name beside it
    dutch = complete("coach exercises show si", kind="zsh", lang="nl_NL.UTF-8")
    assert '"side-plank":"Zijplank"' in dutch


def test_completion_of_learn_topics_and_programme_files(tmp_path: Path) -> None:
    assert "when-to-see-a-doctor" in complete("coach learn wh").split()
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "back.toml").write_text("")
    (tmp_path / "plans" / "notes.txt").write_text("")
    found = complete("coach programme check plans/", cwd=tmp_path).split()
    assert found == ["plans/back.toml"]
    # A lone folder is opened at once: Tab goes on into it.
    assert complete("coach print pl", cwd=tmp_path).split() == ["plans/back.toml"]
    (tmp_path / ".hidden.toml").write_text("")
    assert complete("coach print ", cwd=tmp_path).split() == ["plans/back.toml"]


def test_completion_can_be_shown_and_installed() -> None:
    shown = subprocess.run(
        [str(COACH), "--show-completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    assert "_COACH_COMPLETE=complete_bash" in shown


def all_commands() -> list[tuple[str, Any]]:
    return [(" ".join(words) or "coach", command) for words, command in command_tree()]


def test_every_default_is_what_typer_would_make_of_it() -> None:
    """Untyped options skip conversion (quick_params): so every default must already be
    of its type and in its range, as Typer's own conversion would leave it."""
    checked = 0
    for name, command in all_commands():
        ctx = command.make_context(name, [], resilient_parsing=True)
        for param in command.get_params(ctx):
            if param.default is None or param.nargs == -1 or getattr(param, "is_flag", False):
                continue
            converted = type(param).process_value(param, ctx, param.default)
            assert converted == param.default, (name, param.name)
            checked += 1
    assert checked >= 10


def test_no_conversion_machinery_for_everyday_commands(coach_home: Path) -> None:
    """`coach next`, `exercises list`, `progress`: nothing typed, so Pydantic never loads."""
    for argv in (["next"], ["exercises", "list"], ["progress"], ["start", "--dry-run"]):
        probe = (
            "import sys\n"
            "from coach.cli import main\n"
            f"sys.argv = ['coach', *{argv!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('PYDANTIC' if 'pydantic' in sys.modules else 'NONE', file=sys.stderr)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=False
        )
        assert done.stderr.strip().endswith("NONE"), (argv, done.stderr[-500:])
    typed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom coach.cli import main\n"
            "sys.argv = ['coach', 'progress', '--weeks', '0']\nmain()",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 2 and "'--weeks'" in typed.stderr  # typed values are checked


def test_the_markdown_report_loads_no_pdf_library() -> None:
    probe = (
        "import sys\n"
        "from coach.cli import main\n"
        "sys.argv = ['coach', 'report', '--format', 'md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "pdf = [m for m in sys.modules if m.split('.')[0] in ('fpdf', 'PIL')]\n"
        "print(sorted(pdf), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert "# Progress report" in done.stdout
    assert done.stderr.strip().endswith("[]"), done.stderr[-300:]


def test_usage_errors_speak_the_persons_language(run: Run) -> None:
    dutch = run("--lang", "nl", "progress", "--weeks", "0")
    assert dutch.exit_code == 2
    assert "Typ 'coach progress --help' voor hulp." in dutch.stderr
    assert "Fout: Ongeldige waarde voor '--weeks': verwacht 1 of meer" in dutch.stderr
    english = run("progress", "--weeks", "0")
    assert "Error: Invalid value for '--weeks': expected 1 or more" in english.stderr
    guess = run("--lang", "nl", "start", "--plian")
    assert "Deze optie bestaat niet: --plian. Bedoel je --plain?" in guess.stderr
    unknown = run("history", "--json", "--csv")  # a message of coach's own: as written
    assert unknown.exit_code == 2 and "choose one of --json and --csv" in unknown.stderr
    assert "Traceback" not in dutch.stderr + english.stderr + guess.stderr
