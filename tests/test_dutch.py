"""Run every command in Dutch: no untranslated English message may appear."""

from __future__ import annotations

import string
from datetime import datetime
from pathlib import Path

import pytest
import time_machine

from coach.domain.warning_signs import to_ask
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


# How to run a command, where it needs more than its name: arguments and typed answers.
# Every command coach.cli builds is run (see `runs`): a command missing here runs bare.
Runs = list[tuple[list[str], str | None]]


def how_to_run(tmp_path: Path) -> dict[tuple[str, ...], Runs]:
    bad_plan = ROOT / "tests" / "fixtures" / "bad_programmes" / "wrong-types.toml"
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Rug"\nlang = "nl"\nsessions_per_week = 3\n[[exercises]]\nid = "walk"\n',
        encoding="utf-8",
    )
    # coach practice: the practice's key made beforehand, so a patient's export can be
    # sealed to it and imported (keygen then keeps it).
    from coach.files import practice_store, sealed
    from coach.files.paths import get_paths

    key = practice_store.key_file(get_paths())
    public, _new = sealed.new_identity(key, datetime.fromisoformat("2026-11-23T09:00:00+01:00"))
    sealed_export = tmp_path / "export.age"
    no = "\n".join(["n"] * len(to_ask([])))
    after = "\n".join(["3", "2", "", ""])
    return {
        ("check",): [([], no + "\n")],  # first: a session starts only after the check
        ("start",): [
            (["--dry-run"], None),
            (["--plain"], "\n".join(["2", after, after, "goed"]) + "\n"),
            (["walk"], None),
        ],
        ("exercises", "show"): [(["bird-dog"], None), (["walk"], None)],
        ("learn",): [([], None), (["4"], None)],
        ("programme", "check"): [([str(bad_plan)], None)],
        ("programme", "calendar"): [(["-o", str(tmp_path / "c.ics")], None)],
        ("programme", "new"): [(["-o", str(tmp_path / "p.toml"), "-e", "bird-dog"], None)],
        ("print",): [(["--format", "md"], None)],
        ("report",): [(["--format", "md"], None)],
        ("practice", "keygen"): [([], None)],
        ("export",): [(["--to", public, "-o", str(sealed_export)], None)],
        ("practice", "import"): [([str(sealed_export)], None)],
        ("programme", "use"): [([str(plan)], None)],  # last: it changes the programme
    }


def runs(tmp_path: Path) -> list[tuple[list[str], str | None]]:
    """Every command of the tree, with its arguments where it needs them."""
    from tests.test_help import command_paths

    commands = [tuple(words) for words in command_paths(leaves_only=True)]
    table = how_to_run(tmp_path)
    assert set(table) <= set(commands), set(table) - set(commands)  # no stale entries
    bare: dict[tuple[str, ...], Runs] = {c: [([], None)] for c in commands if c not in table}
    ordered = {**dict(list(table.items())[:-1]), **bare, **dict(list(table.items())[-1:])}
    return [([*command, *args], stdin) for command, how in ordered.items() for args, stdin in how]


@pytest.mark.usefixtures("instant")
def test_every_command_speaks_dutch(
    run: Run, coach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.files import reminder
    from coach.live import break_loop
    from tests.test_breaks import FakeClock
    from tests.test_reminders import FakeSystem

    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    # coach remind install/status/remove: systemctl faked, the units in the test's folder.
    monkeypatch.setattr(reminder, "RUN", FakeSystem())
    monkeypatch.setattr(reminder, "WHICH", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    # coach breaks: a reminder, the walk taken, a snooze, a skip, then q.
    keys = [(3000.0, "space"), (6400.0, "s"), (7100.0, "n"), (9000.0, "q")]
    monkeypatch.setattr(break_loop, "SpeedClock", lambda: FakeClock(list(keys)))
    outputs, refused = [], []
    with time_machine.travel(datetime.fromisoformat("2026-11-23T09:00:00+01:00"), tick=False):
        for args, stdin in runs(tmp_path):
            result = run(*args, input=stdin)
            assert result.exit_code in (0, 1), (args, result.output)
            outputs.append(result.output)
            if result.exit_code:
                refused.append(args[:2])
    assert refused == [["programme", "check"]]  # only the file that is wrong on purpose
    text = " ".join(" ".join(outputs).split())
    leaked = sorted(f for f in english_fragments() if f in text)
    assert leaked == []
    assert "Sessie klaar" in text and "Beginhouding" in text  # it really ran in Dutch
    assert "Beweegpauzes" in text and "is geschreven" in text  # breaks, calendar: Dutch too
