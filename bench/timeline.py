"""Compiling a timeline and a dry run stay linear in the number of exercises.

    python bench/timeline.py

Compiles the timeline of N bird-dogs and asks every exercise's span (as the dry run
does), for N = 500, 2,000 and 8,000, and prints the time per exercise. Linear means the
per-exercise figures stay about the same. (Before the spans were found in one pass, each
span scanned every phase of the session: quadratic.)
"""

from __future__ import annotations

import time
from pathlib import Path

from coach.domain.timeline import PlannedExercise, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths


def per_exercise(count: int) -> float:
    bird = load_library(Paths(Path("/none"), Path("/none"))).exercises["bird-dog"]
    plan = [PlannedExercise(bird, bird.dosage)] * count
    start = time.perf_counter()
    timeline = compile_timeline(plan)
    for index in range(count):
        timeline.exercise_span(index)
    return (time.perf_counter() - start) / count


def main() -> None:
    figures = {n: per_exercise(n) for n in (500, 2000, 8000)}
    for n, seconds in figures.items():
        print(f"{n:5} exercises: {seconds * 1e6:8.1f} µs per exercise")
    print(f"8000 / 500 per exercise = {figures[8000] / figures[500]:.2f}  (linear: about 1)")


if __name__ == "__main__":
    main()
