"""What the runner is given and what it gives back: its settings, and how a session ended."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from coach.domain.session_record import SessionRecord
from coach.live.cues import Sound, Voice


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


class Hurt(StrEnum):
    """What happens after the person reported pain with the p key."""

    GO_ON = "go-on"
    NEXT_EXERCISE = "next-exercise"  # this exercise ends; the next one starts
    STOP = "stop"
