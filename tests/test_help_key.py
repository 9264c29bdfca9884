"""The help key during a session: h (or ?) shows the keys, pauses, and the session goes on.

The runner is driven in-process as in tests/test_runner.py (a fake clock, scripted key
presses); the full-screen view is caught frame by frame and read as text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach.domain.timeline import Timeline, compile_timeline
from coach.i18n import set_language
from coach.live.runner import Runner
from coach.live.session_outcome import Ending
from tests.test_runner import FakeClock, make, short_bird

OPEN_AT, CLOSE_AT = 2.0, 6.0  # the help is open for four seconds of session time

# What the help shows, in each language (coach/locale/nl/LC_MESSAGES/coach.po).
HELP = {
    "en": ["Keys", "h or ?", "show or hide this help", "pause or go on", "like q"],
    "nl": [
        "Toetsen",
        "h of ?",
        "deze hulp tonen of verbergen",
        "pauzeren of verdergaan",
        "zoals q",
    ],
}
GOING_ON = {"en": "Next:", "nl": "Hierna:"}  # a line of the session's own screen


@pytest.fixture
def timeline() -> Timeline:
    """One short exercise: two sets of one rep a side."""
    return compile_timeline([short_bird()], get_ready_s=5)


@dataclasses.dataclass
class Frames:
    """Every frame the full-screen view shows, as text, with the session time it showed."""

    clock: FakeClock
    shown: list[tuple[float, str]] = dataclasses.field(default_factory=list)

    def update(self, renderable: Any, refresh: bool = False) -> None:
        screen = Console(file=io.StringIO(), width=80, height=24, record=True)
        screen.print(renderable)
        self.shown.append((self.clock.t, screen.export_text()))


def run_with_keys(
    timeline: Timeline,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keys: list[str] | list[tuple[float, str]],
) -> tuple[Any, FakeClock, Frames]:
    """A live session on the fake clock; two bare keys open the help and close it."""
    timed = [(OPEN_AT, keys[0]), (CLOSE_AT, keys[1])] if isinstance(keys[0], str) else keys
    clock = FakeClock(keys=timed)
    frames = Frames(clock)

    @contextlib.contextmanager
    def screen(self: Runner) -> Iterator[Frames]:
        yield frames

    monkeypatch.setattr(Runner, "_screen", screen)
    runner, _store, _out = make(timeline, tmp_path, clock, plain=False)
    return runner.run(), clock, frames


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(
    "keys",
    [["h", "h"], ["?", "?"], ["h", "esc"], ["?", "h"]],
    ids=["h-then-h", "?-then-?", "h-then-esc", "?-then-h"],
)
def test_the_help_key_shows_the_keys_and_the_session_goes_on(
    timeline: Timeline,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keys: list[str],
    lang: str,
) -> None:
    set_language(lang)
    outcome, clock, frames = run_with_keys(timeline, tmp_path, monkeypatch, keys)

    before = [text for t, text in frames.shown if t < OPEN_AT]
    during = [text for t, text in frames.shown if OPEN_AT <= t < CLOSE_AT]
    after = [text for t, text in frames.shown if t >= CLOSE_AT]
    # Before the key: the session, and no help.
    assert before and all(HELP[lang][0] not in text for text in before)
    assert GOING_ON[lang] in before[-1]
    # The key shows the help, in the person's language, until it is closed.
    assert during and all(line in during[0] for line in HELP[lang]), during[0]
    assert all(text == during[0] for text in during)  # paused: nothing moves underneath
    # Closed: the session's own screen again, and it runs to the end.
    assert after and all(HELP[lang][0] not in text for text in after)
    assert GOING_ON[lang] in after[0]
    assert outcome.ending is Ending.COMPLETE
    assert all(side.reps_done == 4 for side in outcome.record.exercises)
    # The help paused the session: it ends exactly as much later as the help was open.
    assert clock.t == pytest.approx(timeline.total + (CLOSE_AT - OPEN_AT))


def test_a_session_paused_before_the_help_stays_paused_after_it(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Space pauses, h shows the help, h hides it: still paused until space again."""
    keys = [(1.0, "space"), (OPEN_AT, "h"), (CLOSE_AT, "h"), (9.0, "space")]
    outcome, clock, frames = run_with_keys(timeline, tmp_path, monkeypatch, keys)
    assert any("Keys" in text for t, text in frames.shown if OPEN_AT <= t < CLOSE_AT)
    assert outcome.ending is Ending.COMPLETE
    assert clock.t == pytest.approx(timeline.total + 8.0)  # paused from 1 s to 9 s
