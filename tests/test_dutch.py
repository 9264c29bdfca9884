"""Run the main commands in Dutch: no untranslated English message may appear."""

from __future__ import annotations

import string
from datetime import datetime
from pathlib import Path

import pytest
import time_machine

from coach.domain.warning_signs import SIGNS
from tests.conftest import ROOT, Run
from tests.test_i18n import catalog


def english_fragments() -> set[str]:
    """Literal pieces (12+ characters) of every English message whose Dutch differs."""
    found = set()
    for message in catalog.read():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue  # the same in both languages, such as "{minutes} min"
            for literal, *_rest in string.Formatter().parse(english):
                for piece in literal.split("\n"):
                    if len(piece.strip()) >= 12:
                        found.add(piece.strip())
    return found


@pytest.mark.usefixtures("instant")
def test_main_commands_speak_dutch(
    run: Run, coach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    bad_plan = ROOT / "tests" / "fixtures" / "bad_programmes" / "wrong-types.toml"
    no = "\n".join(["n"] * len(SIGNS))
    after = "\n".join(["3", "2", "", ""])
    outputs = []
    commands: list[tuple[list[str], str | None]] = [
        (["exercises", "list"], None),
        (["exercises", "show", "bird-dog"], None),
        (["exercises", "show", "walk"], None),
        (["programme", "show"], None),
        (["programme", "check", str(bad_plan)], None),
        (["paths"], None),
        (["check"], no + "\n"),
        (["start", "--dry-run"], None),
        (["start", "--plain"], "\n".join(["2", after, after, "goed"]) + "\n"),
        (["start", "walk"], None),
        (["next"], None),
        (["progress"], None),
        (["history"], None),
        (["learn"], None),
        (["programme", "calendar", "-o", str(tmp_path / "c.ics")], None),
        (["programme", "new", "-o", str(tmp_path / "p.toml"), "-e", "bird-dog"], None),
    ]
    with time_machine.travel(datetime.fromisoformat("2026-11-23T09:00:00+01:00"), tick=False):
        for args, stdin in commands:
            result = run(*args, input=stdin)
            assert result.exit_code in (0, 1), (args, result.output)
            outputs.append(result.output)
    text = " ".join(" ".join(outputs).split())
    leaked = sorted(f for f in english_fragments() if f in text)
    assert leaked == []
    assert "Sessie klaar" in text and "Beginhouding" in text  # it really ran in Dutch
