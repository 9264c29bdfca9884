"""Every test gets its own COACH_HOME, an English locale and a fresh language setting."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from coach.cli import app
from coach.i18n import set_language
from coach.live.session_clock import Inbox

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Plain mode as a test run decides it (CliRunner's stdout is no terminal: plain), not as
    # the developer's shell does; a test that wants the charts sets COACH_PLAIN=0.
    monkeypatch.delenv("COACH_PLAIN", raising=False)
    set_language("en")
    yield home
    set_language("en")


class InstantClock:
    """A session clock for in-process `coach start`: time moves only when the runner waits."""

    def __init__(self, speed: float = 1.0) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        assert timeout is not None, "nothing would wake the runner"
        self.t += timeout
        return None


@pytest.fixture
def instant(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions run on the instant clock: no real waiting."""
    from coach.live import runner

    monkeypatch.setattr(runner, "SpeedClock", InstantClock)


@pytest.fixture
def run() -> Run:
    """Run the coach CLI in-process; returns typer's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def person(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A replayed patient answers coach's questions by their meaning (tests/test_scenarios)."""
    from tests.test_scenarios import answering

    yield from answering(monkeypatch)


def outcome_skips() -> list[str]:
    """The answers that skip the outcome questions of a first session (docs/outcomes.md):
    one Enter for the average pain over the last week, before the pain now. None when a
    session in COACH_HOME has its outcome answers already (they are asked once at the start)."""
    sessions = Path(os.environ["COACH_HOME"]) / "sessions"
    for path in sessions.rglob("*.toml") if sessions.is_dir() else ():
        if "[outcomes]" in path.read_text(encoding="utf-8"):
            return []
    return [""]
