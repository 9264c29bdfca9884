"""Mutation check: do the tests notice when a rule's threshold moves? (a developer tool)

    python tools/mutate.py                      # every mutation below, tests/test_thresholds.py
    python tools/mutate.py --only usual         # the mutations whose name contains "usual"
    python tools/mutate.py --list               # the mutations, nothing run
    python tools/mutate.py tests/test_progression.py tests/test_thresholds.py

The source tree is copied to a temporary folder first; each mutation replaces one
exact piece of text in one file of the copy, runs pytest there on the given tests,
and puts the file back before the next one. The tree this script lives in is only
read. A mutation is "killed" when a test fails, "SURVIVED" when every test passes;
"not applied" means its text is not found exactly once (the code moved: update the
list). The exit status is 1 when any mutation survived or could not be applied.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTS = [
    "tests/test_thresholds.py",
    "tests/test_rules_v3.py",
    "tests/test_graded_steps.py",
    "tests/test_practice_view.py",
    "tests/test_outcomes.py",
]
IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
    "*.egg-info",
)
TIMEOUT_S = 600


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str  # relative to the tree's root
    old: str  # must occur exactly once in the file
    new: str


def constant(file: str, assignment: str, **moves: str) -> list[Mutation]:
    """A rule's number moved, once per keyword: `constant(SIGNS, "RECHECK_DAYS = 28",
    b2="27", b3="29")` is mutation b2 (27) and b3 (29), the boundary's two sides."""
    name = assignment.partition(" = ")[0]
    return [
        Mutation(f"{tag} {name} {value}", file, assignment, f"{name} = {value}")
        for tag, value in moves.items()
    ]


RULES = "coach/domain/progression_rules.py"
TRENDS = "coach/domain/pain_trends.py"
SIGNS = "coach/domain/warning_signs.py"
RECORD = "coach/domain/session_record.py"
LADDER = "coach/domain/ladder.py"
MODEL = "coach/domain/model.py"
DECISIONS = "coach/domain/decisions.py"
STEPS = "coach/domain/steps_taken.py"
DURING = "coach/live/during_session.py"
PRACTICE = "coach/domain/practice_view.py"
OUTCOMES = "coach/domain/outcomes.py"

MUTATIONS: list[Mutation] = [
    # a. previews and one-off runs counting for progression
    Mutation(
        "a previews (speed != 1) count",
        RECORD,
        '            self.kind == "programme"\n            and self.speed == 1.0\n',
        '            self.kind == "programme"\n',
    ),
    Mutation(
        "a2 one-off runs (kind extra) count",
        RECORD,
        '            self.kind == "programme"\n            and self.speed == 1.0\n',
        "            self.speed == 1.0\n",
    ),
    # b. a sign reported in a session resets the four-weekly check
    Mutation(
        "b session sign resets the 4-weekly check",
        SIGNS,
        "if c.reason not in (Reason.SEEN, Reason.SESSION, Reason.FEVER) and not c.unreadable",
        "if c.reason not in (Reason.SEEN, Reason.FEVER) and not c.unreadable",
    ),
    Mutation(
        "b5 the fever question counts as the 4-weekly check",
        SIGNS,
        "if c.reason not in (Reason.SEEN, Reason.SESSION, Reason.FEVER) and not c.unreadable",
        "if c.reason not in (Reason.SEEN, Reason.SESSION) and not c.unreadable",
    ),
    Mutation(
        "b6 four weeks by the clock, not by the calendar",
        SIGNS,
        "(local_day(later) - local_day(earlier)).days",
        "(later - earlier).days",
    ),
    *constant(SIGNS, "RECHECK_DAYS = 28", b2="27", b3="29"),
    Mutation(
        "b4 recheck >= -> >",
        SIGNS,
        "days_between(checks[full[-1]].when, now) >= RECHECK_DAYS",
        "days_between(checks[full[-1]].when, now) > RECHECK_DAYS",
    ),
    # c. the usual pain over another number of answers
    Mutation("c usual of last 4 (USUAL_OF 4)", TRENDS, "USUAL_OF = 3", "USUAL_OF = 4"),
    Mutation("c2 usual of last 2 (USUAL_OF 2)", TRENDS, "USUAL_OF = 3", "USUAL_OF = 2"),
    # d. three decreases within another window
    Mutation(
        "d decreases window 21 days",
        DECISIONS,
        "DECREASES_WINDOW_DAYS = 28",
        "DECREASES_WINDOW_DAYS = 21",
    ),
    Mutation(
        "d2 decreases window 27 days",
        DECISIONS,
        "DECREASES_WINDOW_DAYS = 28",
        "DECREASES_WINDOW_DAYS = 27",
    ),
    Mutation(
        "d3 decreases window 29 days",
        DECISIONS,
        "DECREASES_WINDOW_DAYS = 28",
        "DECREASES_WINDOW_DAYS = 29",
    ),
    *constant(DECISIONS, "DECREASES_ADVISE = 3", d4="2", d5="4"),
    Mutation(
        "d6 breaks count as flares",
        DECISIONS,
        'FLARES = ("pain", "morning")',
        'FLARES = ("pain", "morning", "break")',
    ),
    Mutation(
        "d8 a step up on the day of the decreases advice",
        DECISIONS,
        "        if d.kind is Kind.INCREASE:  # the day",
        "        if False:  # the day",
    ),
    Mutation(
        "d7 decreases counted per exercise, not per back",
        DECISIONS,
        "        for done in record.exercises:\n",
        "        for done in record.exercises[:1]:\n",
    ),
    # e. rising three weeks in a row allowing equal weeks
    Mutation(
        "e rising 3 weeks: a > b -> a >= b",
        TRENDS,
        "all(a > b for a, b in",
        "all(a >= b for a, b in",
    ),
    *constant(TRENDS, "RISING_WEEKS = 4", e2="5", e3="3"),
    *constant(TRENDS, "STEADY_WEEKS = 3", e8="4"),
    *constant(TRENDS, "BACK_TO_USUAL = 1", e9="0", e10="2"),
    Mutation(
        "e4 rising: only one week earlier",
        TRENDS,
        "for m in means[1:])",
        "for m in means[1:2])",
    ),
    Mutation("e5 rising >= -> >", TRENDS, "now - m >= points", "now - m > points"),
    Mutation(
        "e6 week starts after day -7",
        TRENDS,
        "begin <= s.day < end",
        "begin < s.day < end",
    ),
    Mutation(
        "e7 week includes today",
        TRENDS,
        "begin <= s.day < end",
        "begin <= s.day <= end",
    ),
    # f. a full session at more than 80 % instead of at least 80 %
    Mutation(
        "f full exercise: more than 80 %",
        RECORD,
        "        return self.share_done * 100 >= percent - 1e-9",
        "        return self.share_done * 100 > percent",
    ),
    Mutation(
        "f2 full session (weekly count): more than 80 %",
        RECORD,
        "self.counts and self.share_done * 100 >= percent - 1e-9",
        "self.counts and self.share_done * 100 > percent",
    ),
    *constant(MODEL, "FULL_PERCENT = 80", f3="79", f4="81"),
    Mutation(
        "f5 full_session_percent default 79",
        MODEL,
        "full_session_percent: int = FULL_PERCENT",
        "full_session_percent: int = FULL_PERCENT - 1",
    ),
    Mutation(
        "f6 full_session_percent default 81",
        MODEL,
        "full_session_percent: int = FULL_PERCENT",
        "full_session_percent: int = FULL_PERCENT + 1",
    ),
    Mutation(
        "f7 a rep counts without its hold",
        RECORD,
        "event.kind is EventKind.REP_DONE and event.value:",
        "event.kind is EventKind.REP_DONE:",
    ),
    # g. undoing a step of equal work
    Mutation(
        "g undo: no going back over a level change with more work",
        STEPS,
        "volume(undone) <= volume(current) * (1 + UNDO_MORE_WORK) + 1e-9",
        "volume(undone) <= volume(current) + 1e-9",
    ),
    *constant(STEPS, "UNDO_MORE_WORK = 0.10", g2="0.09", g3="0.11"),
    *constant(DECISIONS, "NERVE_DAYS = 7", g4="6", g5="8"),
    Mutation(
        "g6 nerve hold until < -> <=",
        DECISIONS,
        "nerve_until is not None and today < nerve_until",
        "nerve_until is not None and today <= nerve_until",
    ),
    Mutation(
        "g7 AFTER_LIGHTER_SESSIONS 1",
        RULES,
        "AFTER_LIGHTER_SESSIONS = 2",
        "AFTER_LIGHTER_SESSIONS = 1",
    ),
    *constant(LADDER, "MAX_STEP_UP = 0.25", g8="0.2", g9="0.3"),
    *constant(LADDER, "MIN_LEVEL_ENTRY = 0.5", g10="0.6"),
    # h. the session file written in place
    Mutation(
        "h session file written in place",
        "coach/files/session_store.py",
        "atomic_write_bytes(path, tomli_w.dumps(to_toml(record)).encode(",
        "path.write_bytes(tomli_w.dumps(to_toml(record)).encode(",
    ),
    Mutation(
        "h2 durable write copies over the file in place",
        "coach/files/durable.py",
        "            tmp.replace(path)\n",
        "            path.write_bytes(tmp.read_bytes())\n",
    ),
    Mutation(
        "h3 temp file left behind after a failed write",
        "coach/files/durable.py",
        "            Path(tmp).unlink()\n",
        "            pass\n",
    ),
    # i. the effort rule over the last two sessions
    Mutation(
        "i effort: too hard in either of the last two",
        RULES,
        "last_effort = next((s.effort for s in reversed(window) if s.effort is not None), None)",
        "last_effort = Effort.HARD if any(s.effort is Effort.HARD for s in window[-2:]) else None",
    ),
    Mutation(
        "i2 effort: over the whole history, not this dosage",
        RULES,
        "for s in reversed(window) if s.effort is not None",
        "for s in reversed(history) if s.effort is not None",
    ),
    # j. every threshold comparison, flipped one at a time
    Mutation(
        "j1 break >= -> >", RULES, "gap >= settings.resume_lower", "gap > settings.resume_lower"
    ),
    Mutation(
        "j2 pain during > -> >=",
        RULES,
        "p > settings.pain_during_max]",
        "p >= settings.pain_during_max]",
    ),
    Mutation(
        "j3 worse mornings >= -> >",
        RULES,
        "worse_run >= settings.decrease",
        "worse_run > settings.decrease",
    ),
    Mutation(
        "j4 restart >= -> >", RULES, "gap >= settings.restart_after", "gap > settings.restart_after"
    ),
    Mutation(
        "j5 sessions < -> <=",
        RULES,
        "len(full) < settings.increase_after_sessions",
        "len(full) <= settings.increase_after_sessions",
    ),
    Mutation(
        "j6 days < -> <=",
        RULES,
        "days_at < settings.increase_min_days",
        "days_at <= settings.increase_min_days",
    ),
    Mutation(
        "j7 decreases advise >= -> >",
        DECISIONS,
        "count < DECREASES_ADVISE",
        "count <= DECREASES_ADVISE",
    ),
    Mutation("j8 window gap >= -> >", RULES, ".days >= restart_days", ".days > restart_days"),
    Mutation(
        "j9 decreases since >= -> >",
        DECISIONS,
        "if not since <= day < today:",
        "if not since < day < today:",
    ),
    Mutation(
        "j10 pain today high >= -> >",
        TRENDS,
        "pain_now >= settings.pain_today_high",
        "pain_now > settings.pain_today_high",
    ),
    Mutation(
        "j11 pain today jump >= -> >",
        TRENDS,
        "pain_now - usual >= settings.pain_today_jump",
        "pain_now - usual > settings.pain_today_jump",
    ),
    Mutation(
        "j12 step up room < -> <=", LADDER, "limit if value < limit", "limit if value <= limit"
    ),
    Mutation(
        "j13 lower level volume > -> >=",
        LADDER,
        "volume(candidate) > volume(d)",
        "volume(candidate) >= volume(d)",
    ),
    Mutation(
        "j14 step down at the level's minimum",
        LADDER,
        "bottom = max(low, value - step)",
        "bottom = value - step",
    ),
    Mutation(
        "j15 session pain stop >= -> >",
        DURING,
        "pain is not None and pain >= self.settings.pain_stop",
        "pain is not None and pain > self.settings.pain_stop",
    ),
    Mutation(
        "j16 session pain limit > -> >=",
        DURING,
        "pain is not None and pain > self.settings.pain_during_max",
        "pain is not None and pain >= self.settings.pain_during_max",
    ),
    Mutation(
        "j17 p key pain stop >= -> >",
        DURING,
        "        if pain >= self.settings.pain_stop:",
        "        if pain > self.settings.pain_stop:",
    ),
    Mutation(
        "j18 p key pain limit > -> >=",
        DURING,
        "        if pain > self.settings.pain_during_max:",
        "        if pain >= self.settings.pain_during_max:",
    ),
    Mutation(
        "j19 HISTORY_SESSIONS 39",
        "coach/domain/decisions.py",
        "HISTORY_SESSIONS = 40",
        "HISTORY_SESSIONS = 39",
    ),
    Mutation(
        "j20 HISTORY_SESSIONS 41",
        "coach/domain/decisions.py",
        "HISTORY_SESSIONS = 40",
        "HISTORY_SESSIONS = 41",
    ),
    # l. the practice view's flags (docs/export.md)
    *constant(PRACTICE, "QUIET_DAYS = 10", l1="9", l2="11"),
    # (its steps-down numbers are the rules': mutations d4, d5 and the DECREASES_WINDOW_DAYS
    # ones move them, and tests/test_practice_view.py is among the default tests)
    *constant(PRACTICE, "RECENT_DAYS = 14", l7="13", l8="15"),
    # m. the outcome measures' numbers (docs/outcomes.md)
    *constant(OUTCOMES, "ACTIVITY_CHANGE = 3", m1="2", m2="4"),
    *constant(OUTCOMES, "MEAN_CHANGE = 2", m3="1", m4="3"),
    *constant(OUTCOMES, "PAIN_CHANGE = 2", m5="1", m6="3"),
    *constant(OUTCOMES, "PAIN_PERCENT = 30", m7="25", m8="35"),
    *constant(OUTCOMES, "EFFECT_AFTER_DAYS = 7", m9="6", m10="8"),
    *constant(OUTCOMES, "MAX_ACTIVITIES = 3", m11="2", m12="4"),
    *constant(OUTCOMES, "ACTIVITY_CHARS = 80", m13="79", m14="81"),
]

# Every default in ProgressionSettings, one up and one down (full_session_percent: f3-f6).
DEFAULTS = {
    "pain_during_max": 5,
    "pain_stop": 8,
    "increase_after_sessions": 3,
    "increase_min_days": 7,
    "decrease_after_worse_mornings": 1,
    "resume_lower_after_days": 14,
    "restart_after_days": 7,
    "pain_today_high": 7,
    "pain_today_jump": 3,
    "rising_pain_points": 2,
    "reps_step": 2,
    "hold_step_s": 2,
    "sets_step": 1,
    "duration_step_s": 120,
}
MUTATIONS += [
    Mutation(
        f"k {name} {value}->{value + delta}",
        MODEL,
        f"    {name}: int = {value}",
        f"    {name}: int = {value + delta}",
    )
    for name, value in DEFAULTS.items()
    for delta in (+1, -1)
]


def copy_tree(source: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="coach-mutate-")) / "tree"
    shutil.copytree(source, target, ignore=IGNORE, symlinks=True)
    return target


def environment(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no stale .pyc after a same-size edit
    return env


def run_tests(tree: Path, tests: list[str]) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-n",
        "0",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        *tests,
    ]
    try:
        done = subprocess.run(  # noqa: S603 -- our own interpreter, our own arguments
            command,
            cwd=tree,
            env=environment(tree),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1, "timed out"
    return done.returncode, done.stdout + done.stderr


def imports_from(tree: Path) -> Path:
    """Where `import coach` comes from in the copy's environment."""
    done = subprocess.run(
        [sys.executable, "-c", "import coach; print(coach.__file__)"],
        cwd=tree,
        env=environment(tree),
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip()).resolve()


def verdict(code: int) -> str:
    if code == 0:
        return "SURVIVED"
    if code == 1:
        return "killed"
    return f"error (pytest exit {code})"


def mutate(tree: Path, mutation: Mutation, tests: list[str]) -> tuple[str, str]:
    path = tree / mutation.file
    original = path.read_bytes()
    text = original.decode("utf-8")
    found = text.count(mutation.old)
    if found != 1:
        return f"not applied (found {found}x)", ""
    try:
        path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
        code, output = run_tests(tree, tests)
    finally:
        path.write_bytes(original)
    return verdict(code), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS, help="pytest selection")
    parser.add_argument("--only", help="run the mutations whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--source", type=Path, default=ROOT, help="the tree to copy")
    parser.add_argument("--verbose", action="store_true", help="show pytest's output")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or args.only in m.name]
    if not chosen:
        print(f"no mutation's name contains {args.only!r}")
        return 2
    if args.list:
        for m in chosen:
            print(f"{m.name}: {m.file}")
        return 0
    tree = copy_tree(args.source.resolve())
    try:
        where = imports_from(tree)
        if not where.is_relative_to(tree.resolve()):
            print(f"the copy imports coach from {where}, not from {tree}")
            return 2
        code, output = run_tests(tree, args.tests)
        if code != 0:
            print(output)
            print(f"the unmutated tests do not pass (pytest exit {code}): nothing to compare")
            return 2
        width = max(len(m.name) for m in chosen)
        print(f"copy: {tree} (coach imported from {where.parent})")
        print(f"tests: {' '.join(args.tests)}\n")
        print(f"{'mutation':<{width}}  result        file")
        print(f"{'-' * width}  ------------  ----")
        bad = 0
        started = time.monotonic()
        for m in chosen:
            result, output = mutate(tree, m, args.tests)
            bad += result != "killed"
            print(f"{m.name:<{width}}  {result:<12}  {m.file}", flush=True)
            if args.verbose or result.startswith("error"):
                print(output)
        killed = len(chosen) - bad
        print(
            f"\n{killed} of {len(chosen)} mutations killed, {bad} not"
            f" ({time.monotonic() - started:.0f} s)"
        )
        return 1 if bad else 0
    finally:
        shutil.rmtree(tree.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
