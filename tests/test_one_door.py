"""One door to the terminal: file names, keys, values and arguments are shown literally.

Control sequences (CSI, OSC, BEL, C1) and bidirectional overrides never reach the terminal
raw, rich markup in them is never read, and Markdown exports keep people's text as text.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pexpect
import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import Problem
from coach.files.toml_reader import Reader
from coach.live.console import visible
from tests.conftest import Run

pytestmark = pytest.mark.reliability

TITLE = "\x1b]0;PWNED\x07"  # sets the terminal title
COLOUR = "\x1b[31m"  # turns everything red
LINK = "[link=file:///etc/passwd]z[/link]"
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
RAW = ("\x1b", "\x07", "\x9b", BIDI)


def clean(text: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(text)


@pytest.fixture
def session_file(run: Run, coach_home: Path, instant: None) -> Path:
    with time_machine.travel(datetime.fromisoformat("2026-11-02T09:00:00+01:00"), tick=False):
        assert run("start", "walk", "--speed", "50", "--skip-check").exit_code == 0
    (path,) = (coach_home / "sessions").rglob("*.toml")
    return path


def test_a_key_in_a_session_file(run: Run, session_file: Path) -> None:
    session_file.write_text(
        session_file.read_text()
        + f'\n"{TITLE}" = 1\n'.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    )
    result = run("history")
    clean(result.stdout + result.stderr)
    assert "\\x1b]0;PWNED\\x07" in result.stderr  # shown, made visible


def test_a_value_in_a_session_file(run: Run, session_file: Path) -> None:
    text = session_file.read_text().replace('kind = "extra"', 'kind = "\\u001b[31mred\\u202e"')
    session_file.write_text(text)
    result = run("history")
    clean(result.stdout + result.stderr)
    assert "\\x1b[31mred\\u202e" in result.stderr


def test_a_file_name(run: Run, tmp_path: Path) -> None:
    evil = tmp_path / f"p{TITLE}{COLOUR}{BIDI}.toml"
    evil.write_text("schema = 1\n")
    result = run("programme", "check", str(evil))
    clean(result.stdout + result.stderr)
    assert result.exit_code == 1 and "\\x1b]0;PWNED\\x07" in result.stderr


def test_an_argument(run: Run) -> None:
    for args in (["exercises", "show", TITLE], ["learn", COLOUR], [f"no{TITLE}such"]):
        result = run(*args)
        clean(result.stdout + result.stderr)
        assert result.exit_code != 0


def test_markup_in_an_output_name_is_not_a_link(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = run("print", "-o", f"{LINK}.md")  # its folder "[link=file:" is not there
    assert missing.exit_code == 1 and "\x1b]8;" not in missing.stderr
    assert "[link=file:" in missing.stderr  # shown as typed
    Path(f"{LINK}.md").parent.mkdir(parents=True)
    for command in (["print", "--format", "md"], ["report", "--format", "md"]):
        result = run(*command, "-o", f"{LINK}.md")
        assert result.exit_code == 0, result.output
        shown = str(Path(f"{LINK}.md"))  # the path as the system spells it, brackets and all
        assert f"Wrote {shown}." in result.stdout
        assert "\x1b]8;" not in result.stdout  # no hyperlink


def test_bidirectional_overrides_are_refused_in_files(run: Run, tmp_path: Path) -> None:
    programme = tmp_path / "p.toml"
    programme.write_text(
        'schema = 1\nsessions_per_week = 2\ntitle = "Rug \\u202eevil"\n'
        '[[exercises]]\nid = "bird-dog"\n'
    )
    result = run("programme", "check", str(programme))
    assert result.exit_code == 1 and "U+202E" in result.stderr
    clean(result.stderr)


def test_markdown_exports_keep_text_as_text(run: Run, tmp_path: Path, coach_home: Path) -> None:
    programme = tmp_path / "p.toml"
    note = "<script>alert(1)</script> **bold** [x](javascript:alert(1))"
    programme.write_text(
        f'schema = 1\nsessions_per_week = 2\ntitle = "Rug"\nnotes = "{note}"\n'
        '[[exercises]]\nid = "bird-dog"\n'
    )
    out = run("print", str(programme), "--format", "md").stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "**bold**" not in out and "\\*\\*bold\\*\\*" in out
    assert "\\[x\\](javascript:" in out and "[x](" not in out  # no link


def test_markdown_layout_stays_the_patients_text(run: Run, tmp_path: Path) -> None:
    """A note's lines can't become a heading or a code block, and a name no code block."""
    programme = tmp_path / "p.toml"
    programme.write_text(
        'schema = 1\nsessions_per_week = 2\ntitle = "Rug"\npatient = "    Anna"\n'
        '[[exercises]]\nid = "bird-dog"\nnote = """Eerst dit.\n# Geen kop\n    geen code"""\n'
    )
    out = run("print", str(programme), "--format", "md").stdout
    assert "\\# Geen kop" in out and "\n# Geen kop" not in out
    assert "\n    geen code" not in out and "\n    Anna" not in out


def test_the_real_terminal_keeps_its_title_and_colours(
    run: Run, session_file: Path, coach_home: Path
) -> None:
    session_file.write_text(session_file.read_text() + '\n"\\u001b]0;PWNED\\u0007" = 1\n')
    env = {**os.environ, "COACH_HOME": str(coach_home), "TERM": "xterm-256color"}
    child = pexpect.spawn(
        sys.executable, ["-m", "coach", "history"], env=env, encoding="utf-8", timeout=20
    )
    child.expect(pexpect.EOF)
    shown = child.before or ""
    assert "\x1b]0;" not in shown and "PWNED\x07" not in shown  # the title is not touched
    assert "\x1b[31m" not in shown
    assert "\\x1b]0;PWNED\\x07" in shown


UNSAFE = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
]


@given(st.text(), st.lists(st.sampled_from(UNSAFE), min_size=1), st.randoms())
def test_no_unsafe_character_survives_the_door(text: str, unsafe: list[str], rnd: Any) -> None:
    """Whatever is mixed into a text, `visible` lets none of it through, and files refuse it."""
    chars = list(text)
    for char in unsafe:
        chars.insert(rnd.randint(0, len(chars)), char)
    mixed = "".join(chars)
    shown = visible(mixed)
    assert not any(char in shown for char in UNSAFE)
    problems: list[Problem] = []
    reader = Reader({"title": mixed}, Path("t.toml"), problems)
    assert reader.string("title") is None and problems
