"""How quick coach is, all figures in one run (issue "Ship it", section 3).

    python bench/startup.py [RUNS] [YEARS]

1. Start-up and everyday commands against a bare Typer app in the same environment,
   medians of RUNS (default 10) interleaved runs, so machine noise hits all alike:
   `--version`, `--help`, `exercises list`, `next` and `progress` over a year of
   history, `report --format md`. Targets: everyday commands <= 1.3 x the bare app.
2. Whether `coach report --format md` loads a PDF library (target: no).
3. `history --csv` and `--json` over YEARS (default 30) of daily sessions: the first
   run (no cache yet) and the median of three later ones, and the peak memory against
   one year (targets: <= 2 s, memory flat).
4. The definition cache: a cold and a warm load of 1,000 user definitions (target:
   cold <= 500 ms), and whether an edit that keeps size and mtime (cp -p) is seen.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from history import generate, run_measured

from coach.files.library import bundled_dir, load_library
from coach.files.paths import Paths

HELLO = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""


def environment(home: Path | None = None) -> dict[str, str]:
    # Like installed programs: compiled modules are cached (some sandboxes turn that off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"LANG": "C.UTF-8", "COLUMNS": "100"}
    if home is not None:
        env["COACH_HOME"] = str(home)
    return env


def median_times(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # one run each: bytecode and coach's own caches
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def commands_against_typer(coach: str, tmp: Path, runs: int) -> None:
    home = tmp / "year"
    generate(home, 365)
    hello = tmp / "hello.py"
    hello.write_text(HELLO)
    commands = {
        "typer hello": [sys.executable, str(hello)],
        "typer hello --help": [sys.executable, str(hello), "--help"],
        "coach --version": [coach, "--version"],
        "coach --help": [coach, "--help"],
        "coach exercises list": [coach, "exercises", "list"],
        "coach next": [coach, "next"],
        "coach progress": [coach, "progress"],
        "coach report --format md": [coach, "report", "--format", "md"],
    }
    medians = median_times(commands, runs, environment(home))
    base = medians["typer hello"]
    print(f"1. Against a bare Typer app (medians of {runs} interleaved runs; a year of history)")
    for name, value in medians.items():
        target = (
            " (<= 1.3)" if name in {"coach exercises list", "coach next", "coach progress"} else ""
        )
        print(f"   {name:26} {value * 1000:6.0f} ms   {value / base:4.2f} x bare{target}")


def pdf_free_report(coach_python: str, tmp: Path) -> None:
    probe = (
        "import sys\n"
        "from coach.cli import main\n"
        "sys.argv = ['coach', 'report', '--format', 'md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('fpdf', 'PIL')]\n"
        "print(len(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [coach_python, "-c", probe],
        env=environment(tmp / "year"),
        capture_output=True,
        text=True,
        check=True,
    )
    count = int(done.stderr.strip().splitlines()[-1])
    print(f"2. report --format md: {count} PDF modules loaded (target: 0)")


def exports(coach: str, tmp: Path, years: float) -> None:
    many, one = tmp / "many", tmp / "one"
    generate(many, round(365.25 * years))
    files = sum(1 for _ in (many / "sessions").rglob("*.toml"))
    print(f"3. history exports over {years:g} years ({files} session files) against one year")
    for flag in ("--csv", "--json"):
        shutil.rmtree(many / "cache", ignore_errors=True)
        first, first_memory = run_measured([coach, "history", flag], many)
        later = [run_measured([coach, "history", flag], many) for _ in range(3)]
        seconds = statistics.median(r[0] for r in later)
        memory = max(first_memory, *(r[1] for r in later))
        if not (one / "sessions").exists():
            generate(one, 365)
        base = max(run_measured([coach, "history", flag], one)[1] for _ in range(3))
        print(
            f"   history {flag:6} first run {first:5.2f} s, then {seconds:5.2f} s "
            f"(target <= 2 s); peak {memory:5.1f} MiB, {years:g} years / 1 year = "
            f"{memory / base:.2f}"
        )


def definitions(tmp: Path, count: int = 1000) -> None:
    template = (bundled_dir() / "bird-dog.toml").read_text(encoding="utf-8")
    folder = tmp / "defs" / "exercises"
    folder.mkdir(parents=True)
    for i in range(count):
        ex_id = f"user-exercise-{i:04d}"
        text = template.replace('id = "bird-dog"', f'id = "{ex_id}"')
        (folder / f"{ex_id}.toml").write_text(text, encoding="utf-8")
    home = tmp / "defs"
    cold = Paths(config_dir=home, data_dir=home)
    warm = Paths(config_dir=home, data_dir=home, cache_dir=home / "cache")
    load_library(warm)
    results = {}
    for name, paths in (("cold", cold), ("warm", warm)):
        times = []
        for _ in range(7):
            gc.collect()
            start = time.perf_counter()
            load_library(paths)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
    print(f"4. {count} user definitions: cold {results['cold'] * 1000:.0f} ms (target <= 500), ")
    print(f"   warm (definition cache) {results['warm'] * 1000:.0f} ms")
    # An edit that keeps the size and restores the mtime, as cp -p, rsync and tar do.
    path = folder / "user-exercise-0000.toml"
    stat = path.stat()
    path.write_text(path.read_text().replace('en = "Bird-dog"', 'en = "Bird-cat"'))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    name = load_library(warm).exercises["user-exercise-0000"].name.en
    print(
        f"   an edit with the same size and mtime is seen: {'yes' if name == 'Bird-cat' else 'NO'}"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    years = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    coach = shutil.which("coach")
    if coach is None:
        sys.exit("coach is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        commands_against_typer(coach, tmp, runs)
        pdf_free_report(sys.executable, tmp)
        exports(coach, tmp, years)
        definitions(tmp)


if __name__ == "__main__":
    main()
