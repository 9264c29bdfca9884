"""kill -9 at random moments over real sessions: nothing announced as done may be lost.

    python bench/crash.py [KILLS]

Runs KILLS (default 50) real `coach start` sessions (plain mode, at a preview speed so a
session takes about a second), each killed with SIGKILL at a random moment. After every
kill it reads the store
back and counts: files that can no longer be read, and sets the session announced as done
("set N/M: done") that are missing from its file. It also checks that the next start
closes the killed session as interrupted and that the lock was released by the dead
process. Prints the figures; all but "kills" must be 0.
"""

from __future__ import annotations

import os
import random
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coach.files.paths import Paths
from coach.files.session_store import Store

START = [sys.executable, "-m", "coach", "start", "bird-dog", "--skip-check", "--plain"]


def run_once(home: Path, rng: random.Random) -> tuple[int, int, int, int]:
    """One killed session: (unreadable files, missing sets, not closed, lock not released)."""
    env = {**os.environ, "COACH_HOME": str(home)}
    proc = subprocess.Popen(
        [*START, "--sets", "4", "--reps", "1", "--speed", "80"], env=env, stdout=subprocess.PIPE
    )
    if proc.stdout is None:
        raise SystemExit("no output pipe")
    deadline = time.monotonic() + rng.uniform(0.25, 1.4)
    output = b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _w, _x = select.select([proc.stdout.fileno()], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            output += chunk
    proc.kill()
    proc.wait()
    output += proc.stdout.read()
    announced = sum(
        1 for line in output.decode().splitlines() if " set " in line and ": done" in line
    )
    history = Store(Paths(home, home)).history()
    unreadable = len(history.problems)
    missing = 0
    if announced:
        saved = {d.set_no for r in history.sessions for d in r.exercises[0].done if d.reps}
        missing = len(set(range(1, announced + 1)) - saved)
    # The next start: the lock is free at once, and the killed session is closed.
    after = subprocess.run(
        [*START, "--sets", "1", "--reps", "1", "--speed", "100"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    locked = int("Another coach session is running" in after.stderr)
    statuses = [r.status.value for r in Store(Paths(home, home)).history().sessions]
    not_closed = statuses.count("in-progress")
    return unreadable, missing, not_closed, locked


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    rng = random.Random(20261122)
    totals = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(kills):
            home = Path(tmp) / str(n)
            home.mkdir()
            for i, value in enumerate(run_once(home, rng)):
                totals[i] += value
    print(f"kills:                          {kills}")
    print(f"unreadable files afterwards:    {totals[0]}")
    print(f"announced sets missing:         {totals[1]}")
    print(f"sessions left in progress:      {totals[2]}")
    print(f"next start refused by the lock: {totals[3]}")


if __name__ == "__main__":
    main()
