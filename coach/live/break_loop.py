"""`coach breaks` in the terminal: the loop around the pure break timer.

Keys: space or Enter takes the break now, s snoozes, n skips, q stops. Reminders
ring the bell (or speak, with --voice) and, with --notify, also show a desktop
notification (notify-send, osascript or a Windows toast: `coach.system.notify`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.text import Text

from coach.domain import plain_words
from coach.domain.break_timer import BreakDay, BreakTimer, Outcome, State, Tick
from coach.files.break_log import save
from coach.files.paths import Paths
from coach.i18n import _, ngettext
from coach.live.session_clock import (
    HANGUP,
    Clock,
    Gate,
    Inbox,
    SpeedClock,
    Terminated,
    interruptible,
    stop_signals,
)
from coach.system.keys import GONE, KEY, KeyReader
from coach.system.notify import notifier, notify
from coach.system.speech import Voice


@dataclass
class BreakSettings:
    every_min: int = 50
    walk_min: int = 3
    snooze_min: int = 10
    plain: bool = False
    bell: bool = True
    voice: Voice | None = None
    notify: bool = False
    read_keys: bool = True


class BreakRunner:
    def __init__(
        self,
        paths: Paths,
        settings: BreakSettings,
        console: Console,
        out: TextIO | None = None,
        stdin: TextIO | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.console = console
        self.out = out or sys.stdout
        self.stdin = stdin or sys.stdin
        self.clock: Clock = clock or SpeedClock()
        self.events = Inbox()
        self.day = BreakDay(datetime.now().astimezone().replace(microsecond=0), settings.every_min)
        self.timer = BreakTimer(
            self.clock.now(),
            settings.every_min * 60,
            settings.walk_min * 60,
            settings.snooze_min * 60,
        )
        self.desktop = notifier() if settings.notify else None
        self.interrupted = False
        self.stopped_by: int | None = None  # SIGTERM or SIGHUP: exit 143 or 129
        self.saved_to: Path | None = None  # the day's file, from its first save on

    def say(self, text: str) -> None:
        stamp = datetime.now().strftime("%H:%M")
        self.out.write(f"[{stamp}] {text}\n")
        self.out.flush()

    def run(self) -> BreakDay:
        keys = KeyReader(self.events, self.stdin) if self.settings.read_keys else None
        # SIGTERM is caught from before the first line: no moment in which it kills unsaved.
        with stop_signals() as gate:
            try:
                self.say(
                    _(
                        "Movement breaks: a reminder every {minutes} min. Keys: space take the "
                        "break now, s snooze, n skip, q stop."
                    ).format(minutes=self.settings.every_min)
                )
                with self._keys(keys):
                    self._loop(gate)
            except KeyboardInterrupt:
                self.interrupted = True
            except Terminated:  # at a wait: the day is saved below; exit 143 or 129
                pass
            if self.walking:  # stopped during a walk: that break was taken
                self._handle(self.timer.finish(self.clock.now()))
            self.day.ended = datetime.now().astimezone().replace(microsecond=0)
            # a SIGTERM now waits for the save to finish
            self.saved_to = save(self.paths, self.day, self.saved_to)
            self.stopped_by = gate.stop  # at a wait, or during the save
        self.events.close()
        return self.day

    @contextlib.contextmanager
    def _keys(self, keys: KeyReader | None) -> Iterator[None]:
        with keys or contextlib.nullcontext():
            yield

    def _loop(self, gate: Gate) -> None:
        while True:
            now = self.clock.now()
            self._handle(self.timer.tick(now))
            with interruptible():
                item = self.clock.wait(self.events, max(0.0, self.timer.next_change() - now))
            if item is not None and item[0] == GONE:  # the window closed: a hang-up
                gate.on_stop(HANGUP, None)  # the exit code says so: 129
                raise Terminated(HANGUP)
            if item is None or item[0] != KEY:
                continue
            key = item[1]
            now = self.clock.now()
            if key in ("space", "enter"):
                self._handle(self.timer.take(now))
            elif key == "s":
                self._handle(self.timer.snooze(now))
            elif key == "n":
                self._handle(self.timer.skip(now))
            elif key == "q":
                return

    def _handle(self, ticks: list[Tick]) -> None:
        for tick in ticks:
            if tick.kind in ("remind", "again"):
                message = ngettext(
                    "Time to stand up and walk for {minutes} minute. Press space to "
                    "start, s to snooze, n to skip.",
                    "Time to stand up and walk for {minutes} minutes. Press space to "
                    "start, s to snooze, n to skip.",
                    self.settings.walk_min,
                ).format(minutes=self.settings.walk_min)
                self.say(message)
                self._cue(_("Time for a short walk"))
                if tick.kind == "remind" and self.desktop:
                    notify(
                        self.desktop,
                        "coach",
                        ngettext(
                            "Time to stand up and walk for {minutes} minute.",
                            "Time to stand up and walk for {minutes} minutes.",
                            self.settings.walk_min,
                        ).format(minutes=self.settings.walk_min),
                    )
            elif tick.kind == "walking":
                self.say(
                    ngettext(
                        "Walk for {minutes} minute; coach rings when it is time to sit again.",
                        "Walk for {minutes} minutes; coach rings when it is time to sit again.",
                        self.settings.walk_min,
                    ).format(minutes=self.settings.walk_min)
                )
            else:
                self.day.events.append(
                    (datetime.now().astimezone().replace(microsecond=0), tick.kind)
                )
                self.saved_to = save(self.paths, self.day, self.saved_to)
                self.say(self._outcome_text(Outcome(tick.kind)))
                if tick.kind == Outcome.TAKEN.value:
                    self._cue(_("Well done"))

    def _outcome_text(self, outcome: Outcome) -> str:
        minutes = self.settings.every_min
        if outcome is Outcome.TAKEN:
            return _("Break taken ({count} today). Next one in {minutes} min.").format(
                count=self.timer.count(Outcome.TAKEN), minutes=minutes
            )
        if outcome is Outcome.SNOOZED:
            return _("Snoozed for {minutes} min.").format(minutes=self.settings.snooze_min)
        return _("Skipped. Next one in {minutes} min.").format(minutes=minutes)

    def _cue(self, words_: str) -> None:
        if self.settings.voice is not None:
            self.settings.voice.say(words_)
        elif self.settings.bell and self.out.isatty():
            self.out.write("\a")
            self.out.flush()

    @property
    def walking(self) -> bool:
        return self.timer.state is State.WALKING


def summary(day: BreakDay, timer: BreakTimer) -> Text:
    ended = day.ended or day.started
    minutes = round((ended - day.started).total_seconds())
    taken = timer.count(Outcome.TAKEN)
    return Text(
        ngettext(
            "{taken} break taken, {snoozed} snoozed, {skipped} skipped in {duration}.",
            "{taken} breaks taken, {snoozed} snoozed, {skipped} skipped in {duration}.",
            taken,
        ).format(
            taken=taken,
            snoozed=timer.count(Outcome.SNOOZED),
            skipped=timer.count(Outcome.SKIPPED),
            duration=plain_words.seconds(minutes),
        ),
        style="bold",
    )
