"""`coach progress` and `coach next` over 10 years of daily sessions.

    python bench/history.py [YEARS]

Generates a history of one session a day (default 10 years) in a temporary
COACH_HOME, with pain scores, next-morning answers and progression decisions,
then times the real commands (`coach next`, `coach next --json`, `coach progress`)
as subprocesses, median of 5 runs each, against the same commands on one week.

Target (issue "Gradual load building"): each <= 500 ms with 10 years of history.

Then `coach history --csv` and `--json` over 30 years of daily sessions against one year:
the time, and the peak memory of the process (targets: at most 2 s; memory flat, so the
30-year / 1-year memory ratio stays near 1).
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
                ExerciseDone.at(
                    entry.exercise.id,
                    d,
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


def run_measured(argv: list[str], home: Path) -> tuple[float, float]:
    """(seconds, peak memory in MiB) of one run of `argv`."""
    env = {**os.environ, "COACH_HOME": str(home), "LANG": "C.UTF-8"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{argv} failed")
    return seconds, usage.ru_maxrss / 1024


def exports(coach: str, tmp: Path) -> None:
    thirty, one = tmp / "thirty", tmp / "one"
    generate(thirty, round(365.25 * 30))
    generate(one, 365)
    print(f"history: {sum(1 for _ in (thirty / 'sessions').rglob('*.toml'))} session files")
    for flag in ("--csv", "--json"):
        runs = [run_measured([coach, "history", flag], thirty) for _ in range(3)]
        seconds = statistics.median(r[0] for r in runs)
        memory = max(r[1] for r in runs)
        base = max(run_measured([coach, "history", flag], one)[1] for _ in range(3))
        print(
            f"history {flag:6} 30 years: {seconds:5.2f} s (target <= 2 s), "
            f"{memory:5.1f} MiB; 30 years / 1 year memory = {memory / base:.2f}"
        )


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
        exports(coach, Path(tmp))


if __name__ == "__main__":
    main()
