"""Save time of one session with 10 years of daily history against 1 week.

    python bench/save.py [RUNS]

Generates the two histories (one session file a day) in temporary folders,
then saves a fresh session record into each RUNS times (default 30),
alternating so that disk noise hits both alike. It also times what the end of
a session does besides the save: reading this week's sessions for the summary.

Target (issue "Guided session"): 10 years / 1 week <= 1.3.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import tomli_w

from coach.domain.session_record import ExerciseDone, SessionRecord, SetDone, Status, session_id
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.files.session_toml import to_toml

NOW = datetime.now().astimezone().replace(microsecond=0)


def session(started: datetime) -> SessionRecord:
    exercises = []
    for ex_id, sides in (("bird-dog", "alternate"), ("single-leg-bridge", "each")):
        done = [SetDone(s, side, 10, 10) for s in (1, 2, 3) for side in ("left", "right")]
        exercises.append(
            ExerciseDone(
                id=ex_id,
                level=3,
                sets=3,
                reps=10,
                sides=sides,
                hold_s=3,
                duration_s=None,
                done=done,
            )
        )
    return SessionRecord(
        id=session_id(started),
        started=started,
        programme="Back",
        language="en",
        exercises=exercises,
        ended=started + timedelta(minutes=20),
        status=Status.COMPLETE,
    )


def history(home: Path, days: int) -> Store:
    store = Store(Paths(home, home))
    for day in range(days, 0, -1):
        record = session(NOW - timedelta(days=day))
        path = store.file_for(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tomli_w.dumps(to_toml(record)).encode())
    return store


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        stores = {
            "1 week": history(Path(tmp) / "week", 7),
            "10 years": history(Path(tmp) / "decade", 3652),
        }
        save: dict[str, list[float]] = {name: [] for name in stores}
        end: dict[str, list[float]] = {name: [] for name in stores}
        monday = NOW.date() - timedelta(days=NOW.weekday())
        for i in range(runs):
            for name, store in stores.items():
                record = store.claim(session(NOW + timedelta(seconds=i)))
                start = time.perf_counter()
                store.save(record)
                middle = time.perf_counter()
                store.history(since=monday)
                finish = time.perf_counter()
                save[name].append(middle - start)
                end[name].append(finish - start)
        files = {name: sum(1 for _ in store.files()) for name, store in stores.items()}
    for name in stores:
        print(
            f"{name:9} ({files[name]:5d} files): save {statistics.median(save[name]) * 1000:6.2f}"
            f" ms, save + this week's summary {statistics.median(end[name]) * 1000:6.2f} ms"
            f" (medians of {runs})"
        )
    ratio = statistics.median(save["10 years"]) / statistics.median(save["1 week"])
    ratio_end = statistics.median(end["10 years"]) / statistics.median(end["1 week"])
    print(f"10 years / 1 week: save {ratio:.2f}, save + summary {ratio_end:.2f}   (target <= 1.3)")


if __name__ == "__main__":
    main()
