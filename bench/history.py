"""`coach progress` and `coach next` over 10 years of daily sessions.

    python bench/history.py [YEARS]

Generates a history of one session a day (default 10 years) in a temporary
COACH_HOME, with pain scores, next-morning answers and progression decisions,
then times the real commands (`coach next`, `coach next --json`, `coach progress`)
as subprocesses, median of 5 runs each, against the same commands on one week.

Target (issue "Gradual load building"): each <= 500 ms with 10 years of history.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import tomli_w

from coach.domain.session_record import (
    Answers,
    Before,
    ExerciseDone,
    SessionRecord,
    SetDone,
    Status,
    session_id,
)
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import DEFAULT_PROGRAMME, fingerprint, load_programme
from coach.files.session_store import Store
from coach.files.session_toml import to_toml


def generate(home: Path, days: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    paths = Paths(home, home)
    programme = load_programme(DEFAULT_PROGRAMME, load_library(paths))
    fp = fingerprint(programme)
    store = Store(paths)
    now = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
    previous: str | None = None
    for day in range(days, 0, -1):
        started = now - timedelta(days=day)
        exercises = []
        for entry in programme.exercises:
            d = entry.dosage
            sides = ("left", "right")
            done = [
                SetDone(s, side, d.reps or 0, d.reps or 0)
                for s in range(1, d.sets + 1)
                for side in sides
            ]
            exercises.append(
                ExerciseDone(
                    id=entry.exercise.id,
                    level=d.level,
                    sets=d.sets,
                    reps=d.reps,
                    sides=d.sides.value,
                    hold_s=d.hold_s,
                    duration_s=d.duration_s,
                    done=done,
                    answers=Answers(
                        pain=rng.randint(0, 5), effort="right", leg=False, saddle=False
                    ),
                )
            )
        record = SessionRecord(
            id=session_id(started),
            started=started,
            programme="Back",
            language="en",
            exercises=exercises,
            ended=started + timedelta(minutes=20),
            status=Status.COMPLETE,
            programme_id=fp,
            before=Before(
                pain=rng.randint(0, 4),
                morning_after=rng.choice(["better", "same"]) if previous else None,
                about=previous,
            ),
        )
        path = store.file_for(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tomli_w.dumps(to_toml(record)).encode("utf-8"))
        previous = record.id


def timed(argv: list[str], home: Path, runs: int = 5) -> float:
    env = {**os.environ, "COACH_HOME": str(home), "LANG": "C.UTF-8", "COLUMNS": "100"}
    # Like an installed coach: compiled modules are cached (some sandboxes turn that off).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    years = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    coach = shutil.which("coach")
    if coach is None:
        sys.exit("coach is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        long, short = Path(tmp) / "long", Path(tmp) / "short"
        generate(long, round(365.25 * years))
        generate(short, 7)
        print(f"history: {sum(1 for _ in (long / 'sessions').rglob('*.toml'))} session files")
        for argv in ([coach, "next"], [coach, "next", "--json"], [coach, "progress"]):
            t_long, t_short = timed(argv, long), timed(argv, short)
            print(
                f"{' '.join(argv[1:]):14} {years:g} years: {t_long * 1000:6.0f} ms   "
                f"1 week: {t_short * 1000:6.0f} ms   (target <= 500 ms)"
            )


if __name__ == "__main__":
    main()
