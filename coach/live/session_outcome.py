"""What the runner is given and what it gives back: its settings, how a session ended, and
the plain-mode stop question that decides it when there are no keys."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TextIO

from coach.domain.session_record import SessionRecord
from coach.i18n import _
from coach.live import session_clock
from coach.live.cues import Sound
from coach.system.speech import Voice


class Ending(StrEnum):
    COMPLETE = "complete"
    STOPPED = "stopped"  # stopped early, what was done is kept
    DISCARDED = "discarded"  # stopped early and thrown away


@dataclass
class Outcome:
    ending: Ending
    record: SessionRecord
    interrupted: bool = False  # Ctrl-C: exit 130
    signal: int | None = None  # SIGTERM or SIGHUP stopped it: exit 143 or 129
    saved_to: Any = None

    @property
    def terminated(self) -> bool:
        return self.signal is not None


@dataclass
class Settings:
    plain: bool = False
    sound: Sound = Sound.BELL
    voice: Voice | None = None
    speed: float = 1.0
    read_keys: bool = True  # False when stdin is not a terminal


@dataclass
class RunState:
    """What the runner keeps between steps, apart from the engine."""

    overlay: str | None = None
    message: str | None = None
    flash_until: float = 0.0
    last_key: tuple[object, ...] | None = None
    interrupted: bool = False
    decided: Ending | None = None
    help_paused: bool = False
    unanswered: int | None = None  # an exercise whose questions a Ctrl-C cut short


class Hurt(StrEnum):
    """What happens after the person reported pain with the p key."""

    GO_ON = "go-on"
    NEXT_EXERCISE = "next-exercise"  # this exercise ends; the next one starts
    STOP = "stop"


def ask_line(out: TextIO, stdin: TextIO) -> Ending:
    """Plain mode without keys: the answer is a line on stdin; no answer keeps the work."""
    if _read_answer(out, stdin, _("Save what you did so far? (y/n)")) not in ("n", "no", "nee"):
        return Ending.STOPPED
    # Throwing the work away takes a second yes; anything else keeps it.
    answer = _read_answer(out, stdin, _("Throw away what you did today? (y/n)"))
    return Ending.DISCARDED if answer in ("y", "yes", "j", "ja") else Ending.STOPPED


def _read_answer(out: TextIO, stdin: TextIO, question: str) -> str:
    out.write(question + "\n")
    out.flush()
    try:
        with session_clock.interruptible():  # SIGTERM and SIGHUP end this wait too
            return stdin.readline().strip().lower()
    except (OSError, ValueError, KeyboardInterrupt):  # Ctrl-C again: the work is kept
        return ""
