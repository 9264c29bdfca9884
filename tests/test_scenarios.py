"""Replayed patient histories: every progression and symptom rule, through the real CLI.

Each file in tests/scenarios/ is one person's history: a programme (the built-in one,
bird-dog and single-leg bridge, unless `programme` names a file in scenarios/programmes/),
and per session a date, the answers (a row per exercise) and the keys, and what coach must
decide. The test replays it through
real `coach start` invocations (in process), one calendar day at a time under
time-machine, with the session timer instant.

Sessions live in time: each starts at its local `time` ("09:00" unless given) in
Europe/Amsterdam (summer time included), and the wall clock moves with the session: every
moment the session clock waits moves it on by as much, and every answer takes the person
a few seconds. No real time is read, so a replay is the same on any machine. The
warning-sign check runs as it would for a patient, unless a session says `skip_check`.

Answers are given by meaning, not by position: whenever coach asks a question, the
person answers what the scenario says for that question, recognised by its text in the
session's language (through the same catalog coach uses). A question the scenario did
not expect fails the test, so a rule that starts asking something new cannot slip by.
Keys are pressed on the session clock: "n*" presses n at every moment (skipping
everything), "n:K" K times, "p" once, "wait:K" lets K moments pass.
"""

from __future__ import annotations

import os
import re
import time
import tomllib
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rich.console import Console
from rich.text import Text
from typer.testing import Result

from coach.domain.outcomes import EFFECT_IDS
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
ZONE = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(ZONE)
ANSWER_S = 5  # seconds the person takes to answer a question


def local(day: str, at: str = "09:00") -> datetime:
    """A local time on a day in Amsterdam: +01:00 in winter, +02:00 in summer."""
    return datetime.combine(date.fromisoformat(day), clock_time.fromisoformat(at), AMSTERDAM)


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
    scored: int = 0  # outcome activities scored so far
    named: int = 0  # outcome activities named so far

    def _ex(self) -> dict[str, Any]:
        rows = self.session.get("exercise", [])
        return rows[self.exercise] if 0 <= self.exercise < len(rows) else {}

    def answer(self, prompt: str) -> str:
        s = self.session
        self.asked.append(prompt)
        for sign in SIGNS:
            if _(sign.question) in prompt:
                if sign.id in self._ex():  # asked after leg symptoms: the exercise row says
                    return yn(self._ex()[sign.id])
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
            (lead("How hard is {activity} now, 0-10?"), self._activity),
            (
                _(
                    "Your back pain on average over the last week, from 0 (none) to 10 "
                    "(worst imaginable)?"
                ),
                lambda: str(s.get("outcomes", {}).get("pain_week", "")),
            ),
            (lead("Overall, 1-{count}?"), self._effect),
            (lead("Activity {number} of at most {most}"), self._name),
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

    def _activity(self) -> str:
        """The scores in `outcomes.activities`, in the order asked; Enter when none is left."""
        scores = self.session.get("outcomes", {}).get("activities", [])
        self.scored += 1
        return str(scores[self.scored - 1]) if self.scored <= len(scores) else ""

    def _effect(self) -> str:
        effect = self.session.get("outcomes", {}).get("effect", "")
        return str(EFFECT_IDS.index(effect) + 1) if effect else ""

    def _name(self) -> str:
        names = self.session.get("outcomes", {}).get("name", [])
        self.named += 1
        return str(names[self.named - 1]) if self.named <= len(names) else ""

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
    """The instant clock, with key presses from the scenario; the wall clock keeps pace.

    `traveller` is the time-machine traveller of the session being replayed (None outside
    one): what the session clock waits, the wall clock moves on too."""

    script: ClassVar[list[str]] = []
    traveller: ClassVar[time_machine.Traveller | None] = None

    @classmethod
    def pass_time(cls, seconds: float) -> None:
        if cls.traveller is not None:
            cls.traveller.shift(seconds)

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
        ScriptedClock.pass_time(timeout)
        return None


def answering(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Person]]:
    """Every question coach asks goes to the current Person; the clock is scripted.

    The `person` fixture (conftest.py) is this, for every test module."""
    current: list[Person] = []

    def answer(console: Console, prompt: Any = "", **kwargs: Any) -> str:
        text = prompt.plain if isinstance(prompt, Text) else str(prompt)
        reply = current[-1].answer(text)
        ScriptedClock.pass_time(ANSWER_S)
        console.print(Text(text + reply), soft_wrap=True)
        return reply

    monkeypatch.setattr(Console, "input", answer)
    monkeypatch.setattr(runner_module, "SpeedClock", ScriptedClock)
    yield current


def sessions(home: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text()) for p in sorted((home / "sessions").rglob("*.toml"))]


def crash(result: Result) -> str:
    """The traceback of an exception the command did not handle, if any."""
    if result.exc_info is None or isinstance(result.exception, SystemExit):
        return ""
    return "\n" + "".join(traceback.format_exception(*result.exc_info))


def flat(text: str) -> str:
    return " ".join(text.split())


def in_language(lang: str, where: dict[str, Any], key: str) -> list[str]:
    """What must be shown: `key` in English, `key_nl` in Dutch ("both" replays give both)."""
    return list(where.get(key if lang == "en" else f"{key}_nl", []))


def changes_plan(run: Run, session: dict[str, Any], lang: str, when: datetime, where: str) -> bool:
    """A session that puts a new programme in use (`use`), and reads `coach next` (`next`).
    True when that is all it does: no `coach start` that day."""
    if "use" not in session:
        return False
    with time_machine.travel(when, tick=False):
        used = run("programme", "use", str(SCENARIOS / "programmes" / session["use"]))
        assert used.exit_code == 0, f"{where}: {used.output}"
        # time-machine fakes Python's clock, not the file system's: the file gets the
        # modification time a real clock would have given it, the day it was put in use.
        current = Path(os.environ["COACH_HOME"]) / "programmes" / "current.toml"
        os.utime(current, (when.timestamp(), when.timestamp()))
        shown = run("--lang", lang, "next")
    assert shown.exit_code == 0, f"{where}: {shown.output}"
    for text in in_language(lang, session, "next"):
        assert flat(text) in flat(shown.stdout), f"{where}, next: {text!r} not in {shown.stdout}"
    return "pain" not in session and "exercise" not in session


def replay(path: Path, run: Run, home: Path, person: list[Person], lang: str = "") -> None:
    scenario = tomllib.loads(path.read_text(encoding="utf-8"))
    lang = lang or scenario.get("lang", "en")
    programme = scenario.get("programme")
    if programme:
        assert run("programme", "use", str(SCENARIOS / "programmes" / programme)).exit_code == 0
    after = local(scenario["session"][0]["date"])
    for number, session in enumerate(scenario["session"], start=1):
        where = f"{path.name}, session {number} ({session['date']})"
        before = len(sessions(home))
        person.append(Person(session))
        ScriptedClock.script = list(session.get("keys", []))
        args = ["--lang", lang, "start"]
        if session.get("skip_check", False):
            args.append("--skip-check")
        when = local(session["date"], session.get("time", "09:00"))
        if changes_plan(run, session, lang, when, where):
            continue
        with time_machine.travel(when, tick=False) as traveller:
            ScriptedClock.traveller = traveller
            try:
                # Answers to questions come by meaning (Person); a few lines read straight
                # from stdin (the plain-mode "Save what you did so far?") come from `stdin`.
                result = run(*args, input=session.get("stdin", ""))
            finally:
                ScriptedClock.traveller = None
            after = datetime.now(AMSTERDAM)
        expect = session.get("expect", {})
        output = flat(result.stdout + result.stderr)
        assert result.exit_code == expect.get("exit", 0), f"{where}: {result.output}{crash(result)}"
        for text in in_language(lang, expect, "output"):
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
    # The therapist reads the report, and the person the history, a while after the last
    # session (on the same day unless it ran late).
    later = max(after + timedelta(minutes=30), local(scenario["session"][-1]["date"], "20:00"))
    if "report" in scenario:
        with time_machine.travel(later, tick=False):
            report = run("--lang", lang, "report", "--format", "md")
        assert report.exit_code == 0, report.output
        for text in in_language(lang, scenario, "report"):
            assert flat(text) in flat(report.stdout), f"{path.name}, report: {text!r}"
    if "history" in scenario:
        with time_machine.travel(later, tick=False):
            shown = flat(run("--lang", lang, "history").stdout)
        for text in in_language(lang, scenario, "history"):
            assert flat(text) in shown, f"{path.name}, history: {text!r} not in {shown}"


def check_record(where: str, record: dict[str, Any], expect: dict[str, Any]) -> None:
    exercises = record["exercises"]
    if any(e.get("done") for e in exercises):
        # The wall clock moved with the session: the record says how long it took.
        assert record["ended"] > record["started"], f"{where}: no time passed in the session"
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


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Amsterdam's for the test, then what it was."""
    old = os.environ.get("TZ")
    monkeypatch.setenv("TZ", ZONE)
    time.tzset()
    yield
    if old is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", old)
    time.tzset()


def languages(path: Path) -> list[str]:
    """A scenario's language, or both for `lang = "both"`: where the words differ, the
    history is replayed in English and in Dutch."""
    lang = tomllib.loads(path.read_text(encoding="utf-8")).get("lang", "en")
    return ["en", "nl"] if lang == "both" else [lang]


def cases() -> list[Any]:
    """Every history in its language; of a "both" history, the Dutch replay is in the slow
    group (CI runs it; the everyday `pytest` stays under a minute)."""
    found = []
    for path in FILES:
        spoken = languages(path)
        for lang in spoken:
            marks = [pytest.mark.slow] if len(spoken) > 1 and lang == "nl" else []
            found.append(pytest.param(path, lang, marks=marks, id=f"{path.stem}-{lang}"))
    return found


CASES = cases()


@pytest.mark.parametrize(("path", "lang"), CASES)
@pytest.mark.usefixtures("amsterdam")
def test_scenario(path: Path, lang: str, run: Run, coach_home: Path, person: list[Person]) -> None:
    replay(path, run, coach_home, person, lang)


def test_at_least_thirty_scenarios_cover_every_rule() -> None:
    from coach.domain.progression_rules import REASONS

    assert len(FILES) >= 30
    proven: set[str] = set()
    spoken: set[str] = set()
    for path in FILES:
        scenario = tomllib.loads(path.read_text(encoding="utf-8"))
        proven |= set(scenario.get("proves", []))
        spoken.update(languages(path))
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
        # rules v3
        "level-undo",
        "lock-home",
        "rising-four-weeks",
        "advise-all-exercises",
        "signs-together",
        "steroids-fall",
        "fever-again",
        "fall-history",
        "leg-follow-up",
        "after-lighter",
        "new-plan",
        "new-plan-usual-pain",
        "calendar-days",
        "pain-before-stop",
    }
    missing = set(REASONS) | behaviours
    assert missing - proven == set()
    assert spoken == {"en", "nl"}


def programme_of(scenario: dict[str, Any]) -> dict[str, Any]:
    """The programme a scenario replays: its own file, or the built-in one."""
    from coach.files.programmes import DEFAULT_PROGRAMME

    name = scenario.get("programme")
    path = SCENARIOS / "programmes" / name if name else DEFAULT_PROGRAMME
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_histories_are_lived_as_a_patient_lives_them() -> None:
    """From a review: most histories skipped the warning-sign check, had one exercise and
    froze the clock at 09:00.

    Now most run the check in most of their sessions, and most run the built-in
    two-exercise programme (or one like it) with answers for each exercise; a few sessions
    start at another time of day. That the wall clock moves in every session is checked
    as they are replayed (`check_record`)."""
    checked: list[str] = []
    two: list[str] = []
    times: list[str] = []
    for path in FILES:
        scenario = tomllib.loads(path.read_text(encoding="utf-8"))
        runs = scenario["session"]
        if sum(not s.get("skip_check", False) for s in runs) * 2 > len(runs):
            checked.append(path.stem)
        exercises = programme_of(scenario)["exercises"]
        rows = [len(s["exercise"]) for s in runs if "exercise" in s]
        if len(exercises) >= 2 and rows and max(rows) >= 2:
            two.append(path.stem)
        times += [s["time"] for s in runs if s.get("time", "09:00") != "09:00"]
    assert len(checked) >= 30, checked
    assert len(two) >= 22, two
    assert len(times) >= 3, times
