"""A practice of 1,000 patients, each with a year of sessions: the import rate and the view.

    python bench/practice.py [--patients N] [--quick] [--keep DIR]

1. A year of a patient through coach's own code: a practice key (`coach practice keygen`)
   and a programme sealed to it (`coach programme new`: bird-dog and single-leg bridge on
   mon, wed and fri, started a year ago; `coach programme use`); then three sessions a week
   with pain before, the morning after, sets done, pain and effort per exercise and the
   decision the progression rules make (`decisions.decisions`, as `coach start` does), the
   weekly check-ins, the warning-sign checks when they are due, days of movement breaks and
   a holiday, exported with `export_doc.build`. Four patients like that: steady; a flare in
   the last weeks (pain above 5: steps down); new leg symptoms nine days ago (a warning
   sign); one who stopped three weeks ago.
2. N patients (default 1,000) from them: each a new id and name, every date moved back a
   whole number of weeks (most not at all, some by one to eight: no session for 10 days),
   sealed with age to the practice key. They are imported with `coach practice import
   FILE ...`, 100 files to one process so start-up is paid once a batch: exports per second,
   overall and batch by batch as the practice grows. Once the command line has taken about
   two minutes, the rest is imported in-process (`import_doc.parse` and
   `practice_store.store`), and the output says so.
3. `coach practice` and `coach practice --json` (stdout to a pipe) over the N-patient
   practice against a 1-patient one, medians of interleaved runs: the ratio N / 1
   (target: within 2 x). Then, in-process, what those runs spend after start-up: reading
   the database (`practice_rows.rows`), and the whole command (CliRunner, not a terminal).

`--quick`: 50 patients and fewer runs, a smoke run. `--keep DIR`: build in DIR (new or
empty) and leave it there: the practices, the patients' homes and the sealed exports.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w
from typer.testing import CliRunner

from coach.cli import app
from coach.domain import decisions, practice_view
from coach.domain.break_timer import BreakDay
from coach.domain.model import Dosage, Sides
from coach.domain.seen import Kind, Morning
from coach.domain.session_record import (
    Answers,
    Before,
    Checkin,
    DecisionDone,
    ExerciseDone,
    SessionRecord,
    SetDone,
    Status,
    session_id,
)
from coach.domain.warning_signs import Check, Reason, Reported, due, to_ask
from coach.files import (
    break_log,
    check_log,
    export_doc,
    import_doc,
    practice_rows,
    practice_store,
    sealed,
)
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import current_programme, fingerprint
from coach.files.session_store import Store
from coach.files.session_toml import to_toml

BUDGET_S = 120.0  # the command line imports for about this long; the rest in-process
BATCH = 100  # files to one `coach practice import`: its start-up is paid once a batch


def environment(home: Path) -> dict[str, str]:
    # Like installed programs: compiled modules are cached (some sandboxes turn that off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"LANG": "C.UTF-8", "COLUMNS": "100", "COACH_HOME": str(home)}


def run(coach: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [coach, *args], env=environment(home), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"coach {' '.join(args[:3])} failed:\n{done.stdout}{done.stderr}")
    return done


# -- 1. a year of one patient, through coach's own code ----------------------------------


@dataclass(frozen=True)
class Profile:
    name: str
    flare_weeks: int = 0  # the last weeks with pain above 5
    leg_days_ago: int | None = None  # new leg symptoms in a session this many days ago
    stopped_weeks: int = 0  # no sessions in the last weeks


PROFILES = (
    Profile("steady"),
    Profile("flare", flare_weeks=3),
    Profile("leg symptoms", leg_days_ago=9),
    Profile("stopped", stopped_weeks=3),
)
NOTES = ("Druk weekje, toch gedaan", "Ging goed vandaag", "Wat stijf in de ochtend", "Moe")


def sets_done(dosage: Dosage, rng: random.Random, tired: bool) -> list[SetDone]:
    if dosage.duration_s is not None:
        return [SetDone(1, None, seconds=float(dosage.duration_s))]
    sides: tuple[str | None, ...] = (None,) if dosage.sides is Sides.NONE else ("left", "right")
    reps = dosage.reps or 0
    done = []
    for set_no in range(1, dosage.sets + 1):
        for side in sides:
            short = tired and set_no == dosage.sets and rng.random() < 0.5
            n = max(0, reps - rng.randint(1, 3)) if short else reps
            done.append(SetDone(set_no, side, n, n if dosage.hold_s else 0))
    return done


def checked(paths: Paths, checks: list[Check], when: datetime, reason: Reason) -> None:
    """A warning-sign check with every sign asked answered no, saved like `coach check`."""
    asked = to_ask(checks, reason)
    check = Check(when, reason, {s.id: False for s in asked})
    check_log.save(paths, check)
    checks.append(check)


def break_day(paths: Paths, day: date, rng: random.Random) -> None:
    started = datetime(day.year, day.month, day.day, 9, rng.randint(0, 30)).astimezone()
    at, events = started, []
    for _ in range(rng.randint(4, 8)):
        at += timedelta(minutes=45 + rng.randint(0, 10))
        outcome = rng.choices(("taken", "snoozed", "skipped"), (8, 2, 1))[0]
        events.append((at, outcome))
    ended = at + timedelta(minutes=rng.randint(5, 40))
    break_log.save(paths, BreakDay(started, 45, events, ended))


def live_a_year(home: Path, profile: Profile, seed: int, now: datetime) -> dict[str, Any]:
    """A year of sessions, checks and breaks in `home` (which holds the programme); its export."""
    rng = random.Random(seed)
    paths = Paths(config_dir=home, data_dir=home)
    library = load_library(paths)
    programme = current_programme(paths, library)
    fp = fingerprint(programme)
    store = Store(paths)
    today = now.date()
    assert programme.start is not None  # noqa: S101 -- made with --start
    holiday = (programme.start + timedelta(weeks=28), programme.start + timedelta(weeks=30))
    stop_from = today - timedelta(weeks=profile.stopped_weeks) if profile.stopped_weeks else None
    flare_from = today - timedelta(weeks=profile.flare_weeks) if profile.flare_weeks else None
    leg_day = today - timedelta(days=profile.leg_days_ago) if profile.leg_days_ago else None
    records: list[SessionRecord] = []
    checks: list[Check] = []
    day = programme.start
    while day < today:
        if day.weekday() < 5 and rng.random() < 0.15:
            break_day(paths, day, rng)
        if (
            day.strftime("%a").lower() not in programme.days
            or holiday[0] <= day < holiday[1]
            or (stop_from is not None and day >= stop_from)
            or rng.random() < 0.04  # a session missed
        ):
            day += timedelta(days=1)
            continue
        started = datetime(day.year, day.month, day.day, 18, rng.randint(0, 40)).astimezone()
        flaring = flare_from is not None and day >= flare_from
        if (reason := due(checks, started)) is not None:
            checked(paths, checks, started - timedelta(minutes=3), reason)
        previous = records[-1] if records else None
        morning = None
        if previous is not None and (day - previous.day).days <= 3:
            high = max(e.answers.highest_pain or 0 for e in previous.exercises)
            morning = "worse" if high > 5 and rng.random() < 0.6 else rng.choice(("better", "same"))
        usual = 3.0 - 2.0 * (day - programme.start).days / 365  # a back slowly getting better
        pain_now = rng.randint(3, 5) if flaring else round(usual + rng.choice((-1, 0, 0, 0, 1)))
        counting = [r for r in records if r.counts]
        found = decisions.decisions(
            programme,
            counting[-decisions.HISTORY_SESSIONS :],
            day,
            Morning(morning) if morning else None,
            pain_now,
            holds=decisions.safety_holds(checks, day),
        )
        if any(d.reason == "pain-today" for d in found):
            found = [d.lighter_today() for d in found]
        found = [
            d.declined_by_person() if d.kind is Kind.INCREASE and rng.random() < 0.1 else d
            for d in found
        ]
        look = decisions.checkin_due(records, day, programme.sessions_per_week)
        checkin = None
        if look is not None:
            why = None if look.met else rng.choice(("time", "pain", "forgot", "motivation"))
            checkin = Checkin(look.week, look.done, look.planned, why)
        leg = leg_day is not None and day >= leg_day and not any(r.stop_reason for r in records)
        exercises = []
        for i, (entry, d) in enumerate(zip(programme.exercises, found, strict=True)):
            dosage = d.after
            hurt = flaring and (i == 0 or rng.random() < 0.4)
            pain = rng.randint(6, 7) if hurt else round(usual + rng.choice((-1, 0, 0, 0, 1)))
            effort = rng.choices(("easy", "right", "hard"), (2, 6, 3 if hurt else 1))[0]
            exercises.append(
                ExerciseDone.at(
                    entry.exercise.id,
                    dosage,
                    done=[] if leg and i > 0 else sets_done(dosage, rng, hurt),
                    skipped=1 if rng.random() < 0.05 else 0,
                    answers=Answers(pain=pain, effort=effort, saddle=False, leg=leg and i == 0),
                    decision=DecisionDone.of(d, entry.exercise),
                )
            )
        record = SessionRecord(
            id=session_id(started),
            started=started,
            programme=programme.title.get("nl"),
            language="nl",
            exercises=exercises,
            ended=started + timedelta(minutes=rng.randint(14, 22)),
            status=Status.STOPPED if leg else Status.COMPLETE,
            programme_id=fp,
            before=Before(pain_now, morning, previous.id if morning and previous else None),
            checkin=checkin,
            note=rng.choice(NOTES) if rng.random() < 0.08 else None,
            stop_reason="leg" if leg else None,
        )
        path = store.file_for(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tomli_w.dumps(to_toml(record)).encode("utf-8"))
        records.append(record)
        if leg:  # reported during the session, as `coach start` saves it
            assert record.ended is not None  # noqa: S101
            check = Check(record.ended, Reason.SESSION, reported=Reported.LEG)
            check_log.save(paths, check)
            checks.append(check)
        day += timedelta(days=1)
    return export_doc.build(paths, library, now)


def four_patients(coach: str, root: Path, public: str, now: datetime) -> list[dict[str, Any]]:
    start = (now - timedelta(days=365)).date()
    start -= timedelta(days=start.weekday())  # a Monday
    plan = root / "plan.toml"
    home = root / "patients" / "0"
    run(
        coach, home, "programme", "new", "-o", str(plan), "-e", "bird-dog",
        "-e", "single-leg-bridge", "--patient", "Anna de Vries", "--recipient", public,
        "--days", "mon,wed,fri", "--start", start.isoformat(), "--therapist", "M. Jansen",
        "--practice", "Fysiotherapie De Linde", "--patient-lang", "nl",
    )  # fmt: skip
    docs = []
    for i, profile in enumerate(PROFILES):
        home = root / "patients" / str(i)
        run(coach, home, "programme", "use", str(plan))
        docs.append(live_a_year(home, profile, seed=i, now=now))
    return docs


# -- 2. N patients from them ------------------------------------------------------------

# fmt: off
FIRST = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Iris", "Jan", "Kees",
    "Lotte", "Maarten", "Noor", "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Thijs", "Umut",
    "Vera", "Willem", "Yara", "Zeynep", "Ahmed", "Bas", "Chantal", "Dirk", "Esther", "Fatima",
    "Gert", "Henk", "Ilse", "Joost", "Karin", "Lars", "Mila", "Nina", "Otto",
]
LAST = [
    "de Vries", "Jansen", "de Jong", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "Yilmaz", "El Amrani", "Vermeulen", "van Dijk", "Schouten",
]
# fmt: on
TIMES = export_doc.TIMES
DATES = export_doc.DATES


def moved(value: Any, back: timedelta, key: str = "") -> Any:
    """`value` (an export document or part of it) with every date `back` earlier."""
    if isinstance(value, dict):
        return {k: moved(v, back, k) for k, v in value.items()}
    if isinstance(value, list):
        return [moved(v, back, key) for v in value]
    if not isinstance(value, str):
        return value
    if key in TIMES:
        return (datetime.fromisoformat(value) - back).isoformat()
    if key in DATES:
        return (date.fromisoformat(value) - back).isoformat()
    if key in ("id", "about") and import_doc.ENTRY_ID.fullmatch(value):
        stamp, rest = value[:19], value[19:]  # "-2" after an id made in the same second
        when = datetime.strptime(stamp, "%Y-%m-%dT%H-%M-%S") - back
        return when.strftime("%Y-%m-%dT%H-%M-%S") + rest
    if key == "week":  # a check-in's "2026-W47"
        year, week = value.split("-W")
        return decisions.iso_week(date.fromisocalendar(int(year), int(week), 1) - back)
    return value


def patient_docs(base: list[dict[str, Any]], count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`count` patients: a base patient each, a new id and name, and dates moved back."""
    rng = random.Random(seed)
    names = [f"{f} {last}" for f, last in itertools.product(FIRST, LAST)]
    rng.shuffle(names)
    for i in range(count):
        weeks = 0 if i == 0 or rng.random() < 0.7 else rng.randint(1, 8)
        one = base[i % len(base)]
        if weeks:
            doc = moved(one, timedelta(weeks=weeks))
        else:  # the same dates: only what is changed below is copied
            doc = one | {"programme": one["programme"] | {"file": dict(one["programme"]["file"])}}
        pid = f"{rng.getrandbits(128):032x}"
        name = names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
        doc["patient"] = {"id": pid, "name": name}
        doc["programme"]["file"] |= {"patient": name, "patient_id": pid}
        yield doc


def seal_all(
    base: list[dict[str, Any]], count: int, public: str, folder: Path
) -> tuple[list[Path], float]:
    folder.mkdir(parents=True)
    files, plain = [], 0
    for i, doc in enumerate(patient_docs(base, count)):
        data = export_doc.encode(doc)
        plain += len(data)
        file = folder / f"coach-export-{i:05d}.age"
        file.write_bytes(sealed.seal(data, recipient=public))
        files.append(file)
    return files, plain / count


def import_cli(coach: str, practice: Path, files: list[Path]) -> tuple[int, float]:
    """`coach practice import FILE ...` in one process: (exports imported, seconds)."""
    start = time.perf_counter()
    done = subprocess.run(
        [coach, "practice", "import", *map(str, files)],
        env=environment(practice),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:  # any file refused: the command says which, and exits 1
        sys.exit(f"coach practice import failed:\n{done.stderr[-3000:]}")
    return len(files), seconds


def import_in_process(practice: Path, files: list[Path], now: datetime) -> float:
    """`import_doc.parse` and `practice_store.store` on one connection: seconds."""
    paths = Paths(config_dir=practice, data_dir=practice)
    library = load_library(paths)
    key = practice_store.key_file(paths)
    start = time.perf_counter()
    with practice_store.opened(paths) as db:
        for file in files:
            plain = sealed.unseal(file.read_bytes(), file, key)
            practice_store.store(db, import_doc.parse(plain, file, library))
    return time.perf_counter() - start


def used(database: Path) -> float:
    """MiB in use in a SQLite file (with its write-ahead log, without free pages)."""
    with closing(sqlite3.connect(database)) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    return float((pages - free) * size / 2**20)


def import_all(coach: str, practice: Path, files: list[Path], now: datetime) -> None:
    """Through the command line, batch after batch, for about `BUDGET_S`; the rest in-process."""
    batches = [files[i : i + BATCH] for i in range(0, len(files), BATCH)]
    count, seconds, rates = 0, 0.0, []
    while batches and seconds < BUDGET_S:
        batch = batches.pop(0)
        done, took = import_cli(coach, practice, batch)
        rates.append((count, done / took))
        count, seconds = count + done, seconds + took
    print(
        f"   coach practice import: {count} exports in {seconds:.1f} s = {count / seconds:.1f} "
        f"exports/s, {seconds / count * 1000:.0f} ms each ({len(rates)} x coach practice "
        f"import with up to {BATCH} files)"
    )
    print(
        "   exports/s by patients already in the practice: "
        + ", ".join(f"{before}: {rate:.1f}" for before, rate in rates)
    )
    own = [file for batch in batches for file in batch]
    if own:
        own_s = import_in_process(practice, own, now)
        print(
            f"   the other {len(own)} in-process, parse + store on one connection (the "
            f"command line had taken {seconds:.0f} s): {len(own) / own_s:.1f} exports/s"
        )


# -- 3. the view --------------------------------------------------------------------------


def view_medians(coach: str, homes: dict[str, Path], runs: int) -> dict[tuple[str, str], float]:
    """Medians of interleaved runs of `coach practice` and `--json`, stdout to a pipe."""
    variants = {"coach practice": ["practice"], "coach practice --json": ["practice", "--json"]}
    cases = [(v, h) for v in variants for h in homes]
    for variant, home in cases:  # once each: bytecode, SQLite's files
        run(coach, homes[home], *variants[variant])
    samples: dict[tuple[str, str], list[float]] = {case: [] for case in cases}
    for _ in range(runs):
        for variant, home in cases:
            start = time.perf_counter()
            run(coach, homes[home], *variants[variant])
            samples[variant, home].append(time.perf_counter() - start)
    return {case: statistics.median(values) for case, values in samples.items()}


def median_of(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(home: Path, today: date) -> tuple[float, float, float]:
    """Seconds `coach practice` spends after start-up, in-process: reading the database
    (`practice_rows.rows`), and the whole command, output not to a terminal (as to a pipe:
    plain), without and with `--json`."""
    paths = Paths(config_dir=home, data_dir=home)
    with practice_store.opened(paths) as db:
        read = median_of(lambda: practice_rows.rows(db, today))
    runner, env = CliRunner(), {"COACH_HOME": str(home), "COLUMNS": "100"}

    def command(*args: str) -> None:
        done = runner.invoke(app, list(args), env=env)
        if done.exit_code != 0:
            sys.exit(f"coach {' '.join(args)} failed in-process:\n{done.output}")

    return (
        read,
        median_of(lambda: command("practice")),
        median_of(lambda: command("practice", "--json")),
    )


# -- the run ----------------------------------------------------------------------------


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield Path(tmp)
        return
    keep.mkdir(parents=True, exist_ok=True)
    if any(keep.iterdir()):
        sys.exit(f"{keep}: not empty")
    yield keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--patients", type=int, default=1000, help="patients (default 1000)")
    parser.add_argument("--quick", action="store_true", help="50 patients, fewer runs")
    parser.add_argument("--keep", type=Path, help="build in DIR and keep it")
    args = parser.parse_args()
    count = 50 if args.quick else args.patients
    runs = 3 if args.quick else 9
    coach = shutil.which("coach")
    if coach is None:
        sys.exit("coach is not installed in this environment")
    now = datetime.now().astimezone().replace(microsecond=0)
    with workspace(args.keep) as root:
        many, one = root / "practice", root / "one-patient"
        public = run(coach, many, "practice", "keygen").stdout.strip().splitlines()[-1]
        run(coach, one, "practice", "keygen")
        shutil.copy2(many / "practice" / "identity.txt", one / "practice" / "identity.txt")

        start = time.perf_counter()
        base = four_patients(coach, root, public, now)
        made = time.perf_counter() - start
        library = load_library(Paths(config_dir=many, data_dir=many))
        for doc in base:  # what the practice will read: refused here rather than later
            import_doc.parse(export_doc.encode(doc), Path("base.json"), library)
        sessions = [len(d["sessions"]) for d in base]
        print(
            f"1. A year of four patients through coach's own code in {made:.1f} s: "
            f"{'/'.join(map(str, sessions))} sessions, "
            f"{'/'.join(str(len(d['checks'])) for d in base)} checks, "
            f"{'/'.join(str(len(d['breaks'])) for d in base)} days of breaks "
            f"({', '.join(p.name for p in PROFILES)})"
        )

        start = time.perf_counter()
        files, size = seal_all(base, count, public, root / "exports")
        print(
            f"2. {count} patients made from them and sealed in {time.perf_counter() - start:.1f} s"
            f" (export {size / 1024:.0f} KiB of JSON each, "
            f"{statistics.mean(f.stat().st_size for f in files) / 1024:.0f} KiB sealed)"
        )
        import_all(coach, many, files, now)
        import_cli(coach, one, files[:1])
        print(f"   practice.sqlite3: {used(practice_store.database(Paths(many, many))):.0f} MiB")

        homes = {"many": many, "one": one}
        medians = view_medians(coach, homes, runs)
        print(
            f"3. The view over {count} patients against 1 (medians of {runs} interleaved runs, "
            "stdout to a pipe; target: within 2 x)"
        )
        for variant in ("coach practice", "coach practice --json"):
            t_many, t_one = medians[variant, "many"], medians[variant, "one"]
            print(
                f"   {variant:22} {count:>5}: {t_many * 1000:6.0f} ms   1: {t_one * 1000:6.0f} ms"
                f"   {count} / 1 = {t_many / t_one:4.2f} x"
            )
        shown = json.loads(run(coach, many, "practice", "--json").stdout)["patients"]
        flags = Counter(f for p in shown for f in p["flags"])
        print(
            f"   {len(shown)} patients shown; flags: "
            + ", ".join(f"{name} {flags[name]}" for name in practice_view.FLAGS)
        )
        today = date.today()
        for label, home in (str(count), many), ("1", one):
            read, whole, dumped = in_process(home, today)
            print(
                f"   in-process, {label:>5} patients: rows() {read * 1000:5.1f} ms; the whole "
                f"command {whole * 1000:5.1f} ms, with --json {dumped * 1000:5.1f} ms"
            )
        if args.keep is not None:
            print(f"Kept in {root}: COACH_HOME={many} coach practice")


if __name__ == "__main__":
    main()
