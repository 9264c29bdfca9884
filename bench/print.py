"""Print time and size of a 6-exercise programme with pictures and the log sheet.

    python bench/print.py [RUNS]

Target (issue "Printed programmes"): <= 1.5 s and <= 500 KB. Prints the median of
RUNS (default 5) in-process renders, and one run of the real command.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from coach.documents.handout import handout
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import load_programme

PLAN = """\
title = "Six exercises"
patient = "Anna de Vries"
days = ["mon", "wed", "fri"]
[therapist]
name = "Jelmer de Vries"
practice = "Fysio Oost"
[[exercises]]
id = "bird-dog"
[[exercises]]
id = "single-leg-bridge"
[[exercises]]
id = "dead-bug"
[[exercises]]
id = "side-plank"
[[exercises]]
id = "sit-to-stand"
[[exercises]]
id = "walk"
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        plan = home / "plan.toml"
        plan.write_text(PLAN, encoding="utf-8")
        programme = load_programme(plan, load_library(Paths(home, home)))
        times, size = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            data = handout(programme, "a4", date.today())
            times.append(time.perf_counter() - start)
            size = len(data)
        coach = shutil.which("coach")
        command = None
        if coach:
            start = time.perf_counter()
            subprocess.run(
                [coach, "print", str(plan), "-o", str(home / "out.pdf")],
                check=True,
                capture_output=True,
                env={"COACH_HOME": tmp, "PATH": ""},
            )
            command = time.perf_counter() - start
    print(
        f"render (in process): median {statistics.median(times):.3f} s of {runs}   "
        f"(target <= 1.5 s)"
    )
    if command is not None:
        print(f"coach print (the command, start-up included): {command:.3f} s")
    print(f"file size: {size / 1024:.0f} KB   (target <= 500 KB)")


if __name__ == "__main__":
    main()
