"""Timer fidelity of a real session at speed 1, with the moving figure on screen.

    python bench/timer.py [SECONDS] [--plain]

Runs a bird-dog session of at least SECONDS (default 130) through the real
runner: the full-screen view, figure and all, drawn into an 80 x 24
pseudo-terminal (or plain mode lines), the monotonic clock, the key queue. Then
the same session again with the figure left out, for comparison. It reports,
measured in one run:

- each phase start's lateness against its schedule (p50, p99, max);
- drift: how late the session ended against its scheduled length;
- CPU time / wall time of this process over the run, and the screens drawn;
- the CPU with the figure against without it, as a ratio.

Targets (issues "Guided session" and "Show the movement"): p99 <= 10 ms,
drift <= 20 ms, CPU <= 1 % of a core with the figure.
"""

from __future__ import annotations

import dataclasses
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from rich.console import Console

from coach.domain.engine import Event, EventKind
from coach.domain.model import Sides
from coach.domain.session_record import new_record
from coach.domain.timeline import PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.live import figure
from coach.live.cues import Sound
from coach.live.runner import Runner
from coach.live.session_outcome import Settings


class MeasuringRunner(Runner):
    """The real runner; it also notes when each phase start was actually handled, and
    counts the screens it drew."""

    lateness: list[float]
    drawn = 0

    def _draw(self, now: float) -> None:
        before = self.state.last_key
        super()._draw(now)
        if self.state.last_key != before:
            self.drawn += 1

    def _handle(self, events: list[Event]) -> None:
        now = self.clock.now()
        for event in events:
            if event.kind in (EventKind.PHASE, EventKind.SESSION_DONE):
                self.lateness.append(now - self.engine.t0 - event.at)
        super()._handle(events)


def plan(seconds: float) -> Timeline:
    bird = load_library(Paths(Path("/none"), Path("/none"))).exercises["bird-dog"]
    reps = 1
    while True:
        dosage = dataclasses.replace(bird.dosage, sets=1, reps=reps, sides=Sides.ALTERNATE)
        timeline = compile_timeline([PlannedExercise(bird, dosage)])
        if timeline.total >= seconds:
            return timeline
        reps += 1


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(timeline: Timeline, plain: bool, with_figure: bool) -> dict[str, float]:
    """One session at speed 1; its lateness, drift, CPU share and screens drawn."""
    master, slave = os.openpty()
    drain = subprocess.Popen(
        ["cat"], stdin=master, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    terminal = os.fdopen(slave, "w", encoding="utf-8")
    console = Console(file=terminal, force_terminal=True, width=80, height=24)
    real = (figure.draw, figure.frame, figure.next_frame_in)
    if not with_figure:  # no figure, so no frames in between the seconds either
        figure.draw = lambda *args, **kwargs: None
        figure.frame = lambda *args, **kwargs: 0
        figure.next_frame_in = lambda *args, **kwargs: None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Paths(Path(tmp), Path(tmp)))
            record = new_record(timeline, datetime.now().astimezone(), "bench", "en")
            settings = Settings(plain=plain, sound=Sound.QUIET, read_keys=False)
            runner = MeasuringRunner(
                timeline, record, store, settings, console, out=terminal if plain else io.StringIO()
            )
            runner.lateness = []
            wall0, cpu0 = time.monotonic(), cpu()
            runner.run()
            wall, used = time.monotonic() - wall0, cpu() - cpu0
    finally:
        figure.draw, figure.frame, figure.next_frame_in = real
        terminal.close()
        drain.terminate()
    late_ms = sorted(x * 1000 for x in runner.lateness[1:-1])  # phase starts after the first
    return {
        "phases": len(late_ms),
        "p50": statistics.median(late_ms),
        "p99": late_ms[min(len(late_ms) - 1, round(0.99 * (len(late_ms) - 1)))],
        "max": late_ms[-1],
        "drift": runner.lateness[-1] * 1000,
        "cpu": 100 * used / wall,
        "used": used,
        "wall": wall,
        "drawn": runner.drawn,
    }


def report(name: str, r: dict[str, float]) -> None:
    print(f"{name}: phase starts measured: {r['phases']:.0f}, screens drawn: {r['drawn']:.0f}")
    print(
        f"  lateness p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, max {r['max']:.2f} ms"
        "   (target p99 <= 10 ms)"
    )
    print(f"  drift at the end: {r['drift']:.2f} ms   (target <= 20 ms)")
    print(
        f"  CPU {r['used']:.3f} s over {r['wall']:.1f} s wall = {r['cpu']:.2f} % of one core"
        "   (target <= 1 %)"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    plain = "--plain" in sys.argv
    timeline = plan(float(args[0]) if args else 130.0)
    mode = "plain" if plain else "full screen"
    print(
        f"running {timeline.total:.0f} s of session ({len(timeline.phases)} phases, {mode}) "
        "at speed 1, with the figure and then without ...",
        flush=True,
    )
    shown = run(timeline, plain, with_figure=True)
    report("with the figure", shown)
    left_out = run(timeline, plain, with_figure=False)
    report("without the figure", left_out)
    print(
        f"CPU with the figure / without: {shown['used'] / max(left_out['used'], 1e-9):.2f} x; "
        f"screens drawn: {shown['drawn'] / max(left_out['drawn'], 1):.2f} x"
    )


if __name__ == "__main__":
    main()
