"""Start-up time of `coach --version` and `coach --help` against a bare Typer app.

    python bench/startup.py [RUNS]

Runs every command RUNS times (default 15), interleaved so that machine noise
hits all of them alike, and prints the medians and the ratios. Targets
(issue "Foundation"): --version <= 1.3 x the bare app, --help <= 1.6 x.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""


def median_times(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    # Like installed programs: compiled modules are cached (some sandboxes turn that off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in commands.values():  # one run each to fill the bytecode caches
        subprocess.run(
            argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(
                argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    coach = shutil.which("coach")
    if coach is None:
        sys.exit("coach is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO)
        commands = {
            "typer hello": [sys.executable, str(hello)],
            "typer hello --help": [sys.executable, str(hello), "--help"],
            "coach --version": [coach, "--version"],
            "coach --help": [coach, "--help"],
        }
        medians = median_times(commands, runs)
    for name, value in medians.items():
        print(f"{name:22} {value * 1000:7.1f} ms (median of {runs})")
    base = medians["typer hello"]
    print(f"coach --version / typer hello      = {medians['coach --version'] / base:.2f}  (<= 1.3)")
    print(f"coach --help    / typer hello      = {medians['coach --help'] / base:.2f}  (<= 1.6)")
    print(
        f"coach --help    / typer hello --help = "
        f"{medians['coach --help'] / medians['typer hello --help']:.2f}"
    )


if __name__ == "__main__":
    main()
