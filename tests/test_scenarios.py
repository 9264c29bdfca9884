"""Replayed patient histories: every progression and symptom rule, through the real CLI.

Each file in tests/scenarios/ is one person's history: a programme, and per session a
date, the answers and the keys, and what coach must decide. The test replays it through
real `coach start` invocations (in process), one calendar day at a time under
time-machine, with the session timer instant.

Answers are given by meaning, not by position: whenever coach asks a question, the
person answers what the scenario says for that question, recognised by its text in the
session's language (through the same catalog coach uses). A question the scenario did
not expect fails the test, so a rule that starts asking something new cannot slip by.
Keys are pressed on the session clock: "n*" presses n at every moment (skipping
everything), "n:K" K times, "p" once, "wait:K" lets K moments pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
import time_machine
from rich.console import Console
from rich.text import Text

from coach.domain.warning_signs import SIGNS
from coach.i18n import _
from coach.live import runner as runner_module
from coach.live.session_clock import Inbox
from tests.conftest import Run

SCENARIOS = Path(__file__).parent / "scenarios"
FILES = sorted(SCENARIOS.glob("*.toml"))
MORNING_CODES = {"better": "1", "same": "2", "worse": "3"}
EFFORT_CODES = {"easy": "1", "right": "2", "hard": "3"}
OBSTACLES = {"time": "1", "pain": "2", "forgot": "3", "motivation": "4", "other": "5"}


def yn(value: bool) -> str:
    return "y" if value else "n"


def lead(msgid: str) -> re.Pattern[str]:
    """A translated message as a pattern: its placeholders match anything."""
    parts = re.split(r"\{\w+\}", _(msgid))
    return re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)


def lead_text(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


@dataclass
class Person:
    """Answers one session's questions by what they ask."""

    session: dict[str, Any]
    exercise: int = -1
    asked: list[str] = field(default_factory=list)
    hurt: dict[int, list[int]] = field(default_factory=dict)

    def _ex(self) -> dict[str, Any]:
        rows = self.session.get("exercise", [])
        return rows[self.exercise] if 0 <= self.exercise < len(rows) else {}

    def answer(self, prompt: str) -> str:
        s = self.session
        self.asked.append(prompt)
        for sign in SIGNS:
            if _(sign.question) in prompt:
                return yn(sign.id in s.get("signs", []))
        rules: list[tuple[str | re.Pattern[str], Any]] = [
            (
                lead("Has a doctor seen you about this since {day}?"),
                lambda: yn(s.get("seen", False)),
            ),
            (
                lead("Does your GP or therapist already know about this: {facts}?"),
                lambda: yn(s.get("gp_knows", True)),
            ),
            (_("Do you want to exercise today anyway?"), lambda: yn(s.get("anyway", True))),
            (lead("What got in the way? {options} (Enter to skip)"), self._obstacle),
            (
                _("Pain in your back right now, from 0 (none) to 10 (worst imaginable)?"),
                lambda: str(s.get("pain", "")),
            ),
            (
                lead(
                    "How was your back the morning after your last session ({day})? {options} "
                    "(Enter to skip)"
                ),
                lambda: MORNING_CODES.get(s.get("morning", ""), ""),
            ),
            (
                _(
                    "Your pain is high today, so the load does not go up. "
                    "Do a lighter session today only?"
                ),
                lambda: yn(s.get("lighter", True)),
            ),
            (_("Take this step up today?"), lambda: yn(s.get("accept", True))),
            (lead("{exercise}: highest pain during it, 0-10?"), self._pain_after),
            (lead("How did it feel? {options} (Enter to skip)"), self._effort),
            (
                lead(
                    "Numbness or tingling around your genitals, buttocks or inner thighs, or new "
                    "trouble with your bladder or bowels? (y/n, Enter for no)"
                ),
                lambda: yn(self._ex().get("saddle", False)),
            ),
            (
                lead(
                    "New or spreading numbness, tingling or weakness in a leg? (y/n, Enter for no)"
                ),
                lambda: yn(self._ex().get("leg", False)),
            ),
            (_("Go on with the next exercise?"), lambda: yn(self._ex().get("go_on", True))),
            (
                _("How much does it hurt right now, from 0 to 10?"),
                self._hurt,
            ),
            (
                _("Stop this exercise and go on with the next one?"),
                lambda: yn(self._ex_hurt().get("stop_exercise", True)),
            ),
            (_("A note about today, for you or your therapist"), lambda: s.get("note", "")),
            (_("Press Enter to start"), lambda: ""),
        ]
        for text, reply in rules:
            pattern = text if isinstance(text, re.Pattern) else lead_text(text)
            if pattern.search(prompt):
                return str(reply())
        raise AssertionError(f"a question the scenario does not expect: {prompt!r}")

    def _obstacle(self) -> str:
        return OBSTACLES.get(self.session.get("obstacle", ""), "")

    def _pain_after(self) -> str:
        self.exercise += 1
        value = self._ex().get("pain", "")
        return str(value)

    def _effort(self) -> str:
        return EFFORT_CODES.get(self._ex().get("effort", ""), "")

    def _current_hurt_exercise(self) -> int:
        return self.exercise + 1  # p is pressed during the exercise after the last answered

    def _ex_hurt(self) -> dict[str, Any]:
        rows = self.session.get("exercise", [])
        index = self._current_hurt_exercise()
        return rows[index] if index < len(rows) else {}

    def _hurt(self) -> str:
        index = self._current_hurt_exercise()
        values = self.hurt.setdefault(index, list(self._ex_hurt().get("hurt", [])))
        return str(values.pop(0)) if values else ""


class ScriptedClock:
    """The instant clock, with key presses from the scenario."""

    script: ClassVar[list[str]] = []

    def __init__(self, speed: float = 1.0) -> None:
        self.t = 0.0
        self.keys = list(ScriptedClock.script)

    def now(self) -> float:
        return self.t

    def _next_key(self) -> str | None:
        while self.keys:
            head = self.keys[0]
            if head == "n*":
                return "n"
            name, _sep, count = head.partition(":")
            if not count:
                self.keys.pop(0)
                return name
            left = int(count)
            if left <= 0:
                self.keys.pop(0)
                continue
            self.keys[0] = f"{name}:{left - 1}"
            return None if name == "wait" else name
        return None

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        assert timeout is not None, "nothing would wake the runner"
        key = self._next_key()
        if key is not None:
            return ("key", key)
        self.t += timeout
        return None


def answering(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Person]]:
    """Every question coach asks goes to the current Person; the clock is scripted.

    The `person` fixture (conftest.py) is this, for every test module."""
    current: list[Person] = []

    def answer(console: Console, prompt: Any = "", **kwargs: Any) -> str:
        text = prompt.plain if isinstance(prompt, Text) else str(prompt)
        reply = current[-1].answer(text)
        console.print(Text(text + reply), soft_wrap=True)
        return reply

    monkeypatch.setattr(Console, "input", answer)
    monkeypatch.setattr(runner_module, "SpeedClock", ScriptedClock)
    yield current


def sessions(home: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text()) for p in sorted((home / "sessions").rglob("*.toml"))]


def flat(text: str) -> str:
    return " ".join(text.split())


def replay(path: Path, run: Run, home: Path, person: list[Person]) -> None:
    scenario = tomllib.loads(path.read_text(encoding="utf-8"))
    lang = scenario.get("lang", "en")
    programme = scenario.get("programme")
    if programme:
        assert run("programme", "use", str(SCENARIOS / "programmes" / programme)).exit_code == 0
    for number, session in enumerate(scenario["session"], start=1):
        where = f"{path.name}, session {number} ({session['date']})"
        before = len(sessions(home))
        person.append(Person(session))
        ScriptedClock.script = list(session.get("keys", []))
        args = ["--lang", lang, "start"]
        if session.get("skip_check", True):
            args.append("--skip-check")
        when = datetime.fromisoformat(session["date"] + "T09:00:00+01:00")
        with time_machine.travel(when, tick=False):
            # Answers to questions come by meaning (Person); a few lines read straight from
            # stdin (the plain-mode "Save what you did so far?") come from `stdin`.
            result = run(*args, input=session.get("stdin", ""))
        expect = session.get("expect", {})
        output = flat(result.stdout + result.stderr)
        assert result.exit_code == expect.get("exit", 0), f"{where}: {result.output}"
        for text in expect.get("output", []):
            assert flat(text) in output, f"{where}: {text!r} not in {output}"
        for text in expect.get("absent", []):
            assert flat(text) not in output, f"{where}: {text!r} shown"
        records = sessions(home)
        if expect.get("no_session", False):
            # No session ran; the answers given before the "not today" are kept.
            kept = records[before:]
            assert len(kept) == expect.get("answers_kept", 0), f"{where}: a session was saved"
            for record in kept:
                assert record["status"] == "stopped", where
                assert not any(e.get("done") for e in record["exercises"]), f"{where}: work saved"
                assert record["before"]["pain"] == session["pain"], where
            continue
        assert len(records) == before + 1, f"{where}: no session saved; {output}"
        record = records[-1]
        check_record(where, record, expect)
    if "report" in scenario:
        last = datetime.fromisoformat(scenario["session"][-1]["date"] + "T20:00:00+01:00")
        with time_machine.travel(last, tick=False):
            report = run("--lang", lang, "report", "--format", "md")
        assert report.exit_code == 0, report.output
        for text in scenario["report"]:
            assert flat(text) in flat(report.stdout), f"{path.name}, report: {text!r}"
    if "history" in scenario:
        shown = flat(run("--lang", lang, "history").stdout)
        for text in scenario["history"]:
            assert flat(text) in shown, f"{path.name}, history: {text!r} not in {shown}"


def check_record(where: str, record: dict[str, Any], expect: dict[str, Any]) -> None:
    exercises = record["exercises"]
    for i, want in enumerate(expect.get("decisions", [])):
        got = exercises[i].get("decision", {})
        kind, reason = want[0], want[1]
        assert (got.get("kind"), got.get("reason")) == (kind, reason), (
            f"{where}, exercise {i + 1}: {got.get('kind')}/{got.get('reason')}, "
            f"expected {kind}/{reason}: {got.get('text', {}).get('en')}"
        )
    for i, want in enumerate(expect.get("dosage", [])):
        ex = exercises[i]
        got_dosage = [ex["level"], ex.get("sets"), ex.get("reps"), ex.get("hold_s")]
        assert got_dosage == want, f"{where}, exercise {i + 1}: dosage {got_dosage} != {want}"
    if "stop_reason" in expect:
        assert record.get("stop_reason") == (expect["stop_reason"] or None), where
    for i, want in enumerate(expect.get("reps_done", [])):
        done = sum(s.get("reps", 0) for s in exercises[i].get("done", []))
        assert done == want, f"{where}, exercise {i + 1}: {done} reps done, expected {want}"
    for key, value in expect.get("facts", {}).items():
        facts = exercises[0].get("decision", {}).get("facts", {})
        assert facts.get(key) == value, f"{where}: fact {key} = {facts.get(key)!r}"
    for text in expect.get("reason_text", []):
        texts = " ".join(e.get("decision", {}).get("text", {}).get("en", "") for e in exercises)
        assert re.search(re.escape(flat(text)), flat(texts)), f"{where}: {text!r} in {texts}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario(path: Path, run: Run, coach_home: Path, person: list[Person]) -> None:
    replay(path, run, coach_home, person)


def test_at_least_thirty_scenarios_cover_every_rule() -> None:
    from coach.domain.progression_rules import REASONS

    assert len(FILES) >= 30
    proven: set[str] = set()
    languages: set[str] = set()
    for path in FILES:
        scenario = tomllib.loads(path.read_text(encoding="utf-8"))
        proven |= set(scenario.get("proves", []))
        languages.add(scenario.get("lang", "en"))
    behaviours = {
        "emergency-in-session",
        "leg-in-session",
        "emergency-in-check",
        "stop-rule",
        "p-key",
        "skipped-work",
        "lock-decrease",
        "undo-step",
        "lower-level-volume",
        "advise",
    }
    missing = set(REASONS) | behaviours
    assert missing - proven == set()
    assert languages == {"en", "nl"}
