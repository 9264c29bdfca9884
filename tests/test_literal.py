"""Text from files is shown literally: markup is not applied, escapes are not sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run


def _user_definition(home: Path, **replacements: str) -> None:
    text = (FIXTURES / "my-stretch.toml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new)
    folder = home / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my-stretch.toml").write_text(text, encoding="utf-8")


def test_markup_in_a_definition_is_shown_as_typed(run: Run, coach_home: Path) -> None:
    _user_definition(
        coach_home,
        **{
            '"My stretch"': '"[bold red]My[/] stretch [link=http://x]here[/link]"',
            '"A calm stretch."': '"A [blink]calm[/blink] stretch. :smile:"',
        },
    )
    result = run("exercises", "show", "my-stretch")
    assert result.exit_code == 0
    assert "[bold red]My[/] stretch [link=http://x]here[/link]" in result.stdout
    assert "[blink]calm[/blink]" in result.stdout
    assert "\x1b" not in result.stdout


def test_markup_survives_a_colour_terminal(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With colours forced on, the only escapes are coach's own styles, not the file's."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    _user_definition(coach_home, **{'"My stretch"': '"[red on white]My stretch[/]"'})
    result = run("exercises", "show", "my-stretch")
    assert "[red on white]My stretch[/]" in result.stdout
    assert "\x1b[31;47m" not in result.stdout  # red on white was never applied


def test_escape_sequences_are_refused(run: Run, coach_home: Path) -> None:
    _user_definition(coach_home, **{'"A calm stretch."': '"A \\u001b[2J\\u001b[31mcalm stretch."'})
    result = run("exercises", "list")
    assert result.exit_code == 1
    assert "\x1b[2J" not in result.output
    assert "summary.en: contains the control character U+001B" in result.stderr


def test_views_make_control_characters_visible() -> None:
    from coach.live.console import literal

    assert literal("a\x1b[31mb\x07").plain == "a\\x1b[31mb\\x07"


BOX = set("╭╮╰╯│─┌┐└┘┤├┬┴")


def test_plain_has_no_boxes_or_colours(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    for args in (
        ["exercises", "show", "bird-dog"],
        ["programme", "show"],
        ["progress"],
        ["exercises", "list"],
    ):
        result = run("--plain", *args)
        assert result.exit_code == 0, result.output
        assert not BOX & set(result.stdout), args
        assert "\x1b[" not in result.stdout, args
    assert "Weekly load" in run("--plain", "progress").stdout
