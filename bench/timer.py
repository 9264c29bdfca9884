"""Timer fidelity of a real session at speed 1.

    python bench/timer.py [SECONDS] [--plain]

Runs a bird-dog session of at least SECONDS (default 130) through the real
runner: the full-screen view drawn into a pseudo-terminal (or plain mode
lines), the monotonic clock, the key queue. It reports, measured in one run:

- each phase start's lateness against its schedule (p50, p99, max);
- drift: how late the session ended against its scheduled length;
- CPU time / wall time of this process over the run.

Targets (issue "Guided session"): p99 <= 10 ms, drift <= 20 ms, CPU <= 2 %.
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
from coach.live.cues import Sound
from coach.live.runner import Runner, Settings


class MeasuringRunner(Runner):
    """The real runner; it also notes when each phase start was actually handled."""

    lateness: list[float]

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


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    plain = "--plain" in sys.argv
    timeline = plan(float(args[0]) if args else 130.0)
    master, slave = os.openpty()
    drain = subprocess.Popen(
        ["cat"], stdin=master, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    terminal = os.fdopen(slave, "w", encoding="utf-8")
    console = Console(file=terminal, force_terminal=True, width=80, height=24)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Paths(Path(tmp), Path(tmp)))
        record = new_record(timeline, datetime.now().astimezone(), "bench", "en")
        settings = Settings(plain=plain, sound=Sound.QUIET, read_keys=False)
        runner = MeasuringRunner(
            timeline, record, store, settings, console, out=terminal if plain else io.StringIO()
        )
        runner.lateness = []
        print(
            f"running {timeline.total:.0f} s of session ({len(timeline.phases)} phases, "
            f"{'plain' if plain else 'full screen'}) at speed 1 ...",
            flush=True,
        )
        wall0, cpu0 = time.monotonic(), cpu()
        runner.run()
        wall, used = time.monotonic() - wall0, cpu() - cpu0
    terminal.close()
    drain.terminate()
    late_ms = sorted(x * 1000 for x in runner.lateness[1:-1])  # phase starts after the first
    drift_ms = runner.lateness[-1] * 1000
    p99 = late_ms[min(len(late_ms) - 1, round(0.99 * (len(late_ms) - 1)))]
    print(f"phase starts measured: {len(late_ms)}")
    print(
        f"lateness p50 {statistics.median(late_ms):.2f} ms, p99 {p99:.2f} ms, "
        f"max {late_ms[-1]:.2f} ms   (target p99 <= 10 ms)"
    )
    print(f"drift at the end: {drift_ms:.2f} ms   (target <= 20 ms)")
    print(
        f"CPU {used:.3f} s over {wall:.1f} s wall = {100 * used / wall:.2f} % of one core"
        "   (target <= 2 %)"
    )


if __name__ == "__main__":
    main()
