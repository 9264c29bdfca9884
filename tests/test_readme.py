"""README.md gives exactly two set-up commands, and CI runs the test one."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, Run


def setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_two_setup_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    run, test = commands
    assert run.startswith("python3 -m venv") and "coach " in run
    assert test.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_the_programme_example_is_valid(run: Run, tmp_path: Path) -> None:
    from PIL import Image

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = text.split("## A programme file", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    (tmp_path / "plan.toml").write_text(example, encoding="utf-8")
    Image.new("RGB", (60, 30)).save(tmp_path / "logo.png")
    result = run("programme", "check", str(tmp_path / "plan.toml"))
    assert result.exit_code == 0, result.output
