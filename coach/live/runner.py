"""The one impure loop: clock, keys, screen, sound and saving around the pure engine.

Key presses arrive in an inbox; the loop waits on it until the next visible change or
bell, so it neither busy-waits nor redraws an unchanged screen. After every completed
set the record is saved: a crash loses at most the set in progress. The terminal is
restored on every way out (the end, q, Ctrl-C, an exception, SIGTERM); SIGTERM stops the
session at the next wait, never in the middle of a write (`session_clock`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TextIO

from rich.console import Console

from coach.domain import session_phrases
from coach.domain.engine import Engine, Event, EventKind
from coach.domain.session_record import Recorder, SessionRecord
from coach.domain.timeline import Timeline
from coach.files.session_store import Store
from coach.i18n import _
from coach.live import figure, session_clock
from coach.live.cues import Cues, Later
from coach.live.screen import render, snapshot
from coach.live.session_clock import Clock, Inbox, SpeedClock, Terminated
from coach.live.session_outcome import Ending, Hurt, Outcome, RunState, Settings, ask_line
from coach.system.keys import GONE, KEY, KeyReader

FLASH_S = 0.25
# A wait that ends this many real seconds late means the process was stopped or the
# machine slept (a busy machine is late by a fraction of a second): that time is a pause.
JUMP_S = 3.0
YES_KEYS = ("y", "j")


class Runner:
    def __init__(
        self,
        timeline: Timeline,
        record: SessionRecord,
        store: Store,
        settings: Settings,
        console: Console,
        out: TextIO | None = None,
        stdin: TextIO | None = None,
        clock: Clock | None = None,
        between: Callable[[int], bool] | None = None,
        hurt: Callable[[int], Hurt] | None = None,
    ) -> None:
        self.timeline = timeline
        self.record = record
        self.store = store
        self.settings = settings
        self.console = console
        self.out = session_clock.shielded(out or sys.stdout)
        self.stdin = stdin or sys.stdin
        self.clock: Clock = clock or SpeedClock(settings.speed)
        # Called after each exercise with its index, with the screen and keys handed back
        # to the terminal (for questions); False ends the session early, keeping the work.
        self.between = between
        # Called with the exercise's index when the person presses p ("it hurts"), with
        # the terminal handed over; says whether to go on, end the exercise or stop.
        self.hurt = hurt
        self.keys: KeyReader | None = None
        self.events = Inbox()
        self.recorder = Recorder(record)
        self.state = RunState()
        self.live: Any = None
        self.bells = Later(self.clock.now, settings.speed)  # rung by the loop: no threads
        self.cues = Cues(
            settings.sound,
            bell=self._bell,
            flash=self._flash,
            voice=settings.voice,
            words=lambda e: session_phrases.spoken(self.timeline, e),
            later=self.bells,
        )
        self.engine: Engine
        self.gate = session_clock.Gate()  # the command's signal gate, once running

    # -- the way in and out -----------------------------------------------------------

    def run(self) -> Outcome:
        self.keys = KeyReader(self.events, self.stdin) if self.settings.read_keys else None
        with (
            session_clock.stop_signals() as gate,
            session_clock.shielded_console(self.console),
        ):
            self.gate = gate
            # From before the screen is set up until after it is put back, Ctrl-Z only wakes
            # the loop, which hands the terminal back first.
            gate.wake = self.events.wake
            gate.suspend = gate.resumed = False  # a Ctrl-Z at a question is over
            try:
                with self.keys or contextlib.nullcontext(), self._screen() as live:
                    self.live = live
                    self.engine = Engine(self.timeline, self.clock.now())
                    self._handle(self.engine.tick(self.clock.now()))
                    self._loop()
            except Terminated:
                if not self.engine.finished:
                    self.engine.stop(self.clock.now())
                self.state.decided = Ending.STOPPED
            finally:
                gate.wake = None
                self.events.close()
            outcome = self._finish()
            # Stopped at a wait, or after the last one while the session ended and saved.
            outcome.signal = gate.stop
        return outcome

    @contextlib.contextmanager
    def _screen(self) -> Iterator[Any]:
        if self.settings.plain:
            yield None
            return
        from rich.live import Live  # noqa: PLC0415 -- only a full-screen session needs it

        with Live(
            console=self.console,
            screen=True,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as live:
            yield live

    def _finish(self) -> Outcome:
        ending = self.state.decided or Ending.COMPLETE
        if ending is Ending.DISCARDED:
            if not self._has_answers():
                self.store.delete(self.record)
                return Outcome(ending, self.record, self.state.interrupted)
            # The reps go, the answers stay: pain above 5 or a symptom thrown away with the
            # reps would let the next decision raise the load it should lower.
            for exercise in self.record.exercises:
                exercise.done = []
        now = datetime.now().astimezone().replace(microsecond=0)
        self.recorder.finish(now, stopped=ending is not Ending.COMPLETE)
        saved = self.store.save(self.record)
        return Outcome(ending, self.record, self.state.interrupted, saved_to=saved)

    def _has_answers(self) -> bool:
        """Answers that must outlive a session thrown away: pain and symptoms (the rules
        read them), and the outcome measures (asked once a week, docs/outcomes.md)."""
        return self.record.outcomes is not None or any(
            e.answers.highest_pain is not None or e.answers.saddle or e.answers.leg
            for e in self.record.exercises
        )

    # -- the loop ----------------------------------------------------------------------

    def _loop(self) -> None:
        while not self.engine.finished or self._asking:
            try:
                self._step()
            except KeyboardInterrupt:
                self._interrupt()

    def _step(self) -> None:
        now = self.clock.now()
        self.bells.ring(now)
        self._handle(self.engine.tick(now))
        if self.engine.finished and not self._asking:
            return
        self._draw(now)
        # Measured after drawing, so the time spent drawing does not make the wake-up late.
        # The one place a signal stops the loop: nothing is half drawn.
        before = self.clock.now()
        timeout = self._timeout(before)
        with session_clock.interruptible():
            item = self.clock.wait(self.events, timeout)
        self._stopped_meanwhile(before, timeout)
        if item is not None and item[0] == KEY:
            self._key(item[1])
        elif item is not None and item[0] == GONE:
            self.gate.on_stop(session_clock.HANGUP, None)  # stops at the next wait

    def _stopped_meanwhile(self, before: float, timeout: float | None) -> None:
        """Time nobody exercised is a pause: the process was stopped (Ctrl-Z, SIGSTOP) or the
        machine slept. Nothing after the moment the wait should have ended is credited."""
        if self.gate.suspend:  # Ctrl-Z with the full screen on: hand the terminal back first
            self.gate.suspend = False
            self._handle(self.engine.pause(before))
            with self._suspended():
                session_clock.stop_process()
        woke = before if timeout is None else before + timeout  # paused: nothing runs
        late = timeout is not None and self.clock.now() - woke > JUMP_S * self.settings.speed
        resumed, self.gate.resumed = self.gate.resumed, False
        if not (late or resumed):
            return
        was_paused = self.engine.paused
        self._handle(self.engine.pause(min(woke, self.clock.now())))
        if resumed:  # after SIGSTOP: the terminal set up as coach needs it, redrawn
            with self._suspended():
                pass
        if not self.settings.read_keys and not was_paused:
            # Nobody can press space to go on: the session goes on, the time away not counted.
            self._handle(self.engine.resume(self.clock.now()))

    def _timeout(self, now: float) -> float | None:
        due = self.engine.next_change(now)
        if self.live is not None:  # the figure moves a few times a second while moving
            due = figure.wake(self.engine, now, due)
        flash = self.state.flash_until if self.state.flash_until > now else None
        for extra in (t for t in (self.bells.due(), flash) if t is not None):
            due = extra if due is None else min(due, extra)
        return None if due is None else max(0.0, due - now)

    def _interrupt(self) -> None:
        """Ctrl-C: like q; a second Ctrl-C while asking keeps what was done and leaves."""
        self.state.interrupted = True
        if self._asking or not self.settings.read_keys:
            self._decide(
                ask_line(self.out, self.stdin) if not self.settings.read_keys else Ending.STOPPED
            )
            return
        self._ask_stop()

    @property
    def _asking(self) -> bool:
        """Whether the stop question (or its second, to throw away) is on screen."""
        return self.state.overlay in ("confirm", "discard")

    # -- events ------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if self.recorder.feed(event):
                self.store.save(self.record)  # after every completed set
            if self.settings.plain:
                line = session_phrases.event_line(self.timeline, event)
                if line is not None:
                    self.out.write(line + "\n")
                    self.out.flush()
            if event.kind not in (EventKind.STOPPED, EventKind.PAUSED, EventKind.RESUMED):
                self.cues(event)
            if event.kind is EventKind.EXERCISE_DONE and self.between is not None:
                self._between(event.phase.exercise)

    def _between(self, exercise: int) -> None:
        """Hand the terminal over for questions after an exercise, then carry on or stop."""
        assert self.between is not None  # noqa: S101 -- only called when set
        self._handle(self.engine.pause(self.clock.now()))
        with self._suspended():
            if self.state.unanswered is not None:  # again after Ctrl-C: below its "^C"
                self.state.unanswered = None
                self.console.print()
            try:
                keep_going = self.between(exercise)
            except KeyboardInterrupt:  # asked again if the person goes on: no sign unasked
                self.state.unanswered = exercise
                raise
        if not keep_going:
            self._decide(Ending.STOPPED)  # also after the last exercise: no "well done" then
        elif not self.engine.finished:
            self._handle(self.engine.resume(self.clock.now()))

    def _hurt(self) -> None:
        """The p key: pause, ask for the pain now, and do what the answer says."""
        assert self.hurt is not None  # noqa: S101 -- only called when set
        was_paused = self.engine.paused
        self._handle(self.engine.pause(self.clock.now()))
        with self._suspended():
            action = self.hurt(self.engine.phase.exercise)
        if action is Hurt.STOP:
            self._decide(Ending.STOPPED)
            return
        if action is Hurt.NEXT_EXERCISE:
            self._handle(self.engine.skip_exercise(self.clock.now()))
        if not was_paused and not self.engine.finished:
            self._handle(self.engine.resume(self.clock.now()))

    @contextlib.contextmanager
    def _suspended(self) -> Iterator[None]:
        """The terminal handed over for questions; the live view comes back on every way out
        (also after Ctrl-C during a question, so the stop prompt can be seen)."""
        if self.live is not None:
            self.live.stop()
        wake, self.gate.wake = self.gate.wake, None  # at a question Ctrl-Z stops at once
        try:
            with self.keys.suspended() if self.keys else contextlib.nullcontext():
                yield
        finally:
            self.gate.wake = wake
            self.gate.resumed = False  # a Ctrl-Z at a question: the screen is redrawn anyway
            if self.live is not None:
                self.live.start(refresh=True)
                self.state.last_key = None

    def _bell(self) -> None:
        if not self.settings.plain:
            self.console.bell()
        elif self.out.isatty():  # a bell character in a log file is only noise
            self.out.write("\a")
            self.out.flush()

    def _flash(self) -> None:
        self.state.flash_until = self.clock.now() + FLASH_S * self.settings.speed  # real 0.25 s

    # -- keys --------------------------------------------------------------------------

    def _key(self, key: str) -> None:
        now = self.clock.now()
        self.state.message = None
        if self.state.overlay == "confirm":
            # Enter keeps what was done: no session is lost by one key.
            if key in YES_KEYS or key == "enter":
                self._decide(Ending.STOPPED)
            elif key == "n":
                self.state.overlay = "discard"
                self._say_plain(session_phrases.DISCARD_LINE)
            elif key in ("esc", "c", "space"):
                self.state.overlay = None
                self.state.interrupted = False  # going on after Ctrl-C: no exit 130 later
                if self.state.unanswered is None:
                    self._handle(self.engine.resume(now))
                else:  # the questions a Ctrl-C cut short, again, before the next exercise
                    self._between(self.state.unanswered)
            return
        if self.state.overlay == "discard":
            if key in YES_KEYS:  # the second yes: thrown away
                self._decide(Ending.DISCARDED)
            else:  # anything else: back to the question, nothing lost
                self.state.overlay = "confirm"
                self._say_plain(session_phrases.CONFIRM_LINE)
            return
        if key == "space":
            self._handle(self.engine.toggle_pause(now))
        elif key in ("n", "right"):
            self._handle(self.engine.skip(now))
        elif key == "b":
            events = self.engine.repeat_rep(now)
            if not any(e.kind is EventKind.REPEATED for e in events):
                self.state.message = _("There is no rep to repeat right now.")
            self._handle(events)
        elif key == "p" and self.hurt is not None:
            self._hurt()
        elif key == "q":
            self._ask_stop()
        elif key in ("h", "?") or (key == "esc" and self.state.overlay == "help"):
            self._toggle_help(now)

    def _toggle_help(self, now: float) -> None:
        """The help pauses the session while it is open (unless it was paused already)."""
        if self.state.overlay == "help":
            self.state.overlay = None
            if self.state.help_paused:
                self._handle(self.engine.resume(now))
        else:
            self.state.overlay = "help"
            self.state.help_paused = not self.engine.paused
            self._handle(self.engine.pause(now))

    def _ask_stop(self) -> None:
        now = self.clock.now()
        self._handle(self.engine.pause(now))
        if self.settings.plain and not self.settings.read_keys:
            self._decide(ask_line(self.out, self.stdin))
            return
        self.state.overlay = "confirm"
        self._say_plain(session_phrases.CONFIRM_LINE)

    def _say_plain(self, message: str) -> None:
        if self.settings.plain:
            self.out.write(_(message) + "\n")
            self.out.flush()

    def _decide(self, ending: Ending) -> None:
        self.state.overlay = None
        self.state.decided = ending
        if not self.engine.finished:
            self._handle(self.engine.stop(self.clock.now()))

    # -- drawing -----------------------------------------------------------------------

    def _draw(self, now: float) -> None:
        if self.live is None:
            return
        flash = self.state.flash_until > now
        screen = snapshot(self.engine, now, self.state.overlay, self.state.message, flash)
        key = (*screen.key(), self.console.size)
        if key == self.state.last_key:
            return
        self.state.last_key = key
        width, height = self.console.size
        self.live.update(render(screen, width, height), refresh=True)
