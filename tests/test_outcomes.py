"""The outcome measures (docs/outcomes.md), proven by replayed histories through the real CLI.

Eight weeks, two sessions a week, three activities chosen with the therapist: the scores
at the start and at each Monday's check-in give the lines of `coach progress` (read back
from the screen) and the outcomes block of the report (read back from the PDF's first
page), in English and in Dutch. The same history with every outcome question skipped
runs every session and raises no outcome flag; a history that gets worse raises the
flags and `coach next`'s advice, and the load stays what the same history without the
answers gives.
"""

from __future__ import annotations

import io
import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
import tomli_w
from pypdf import PdfReader

from coach.domain import outcomes
from coach.domain.outcomes import Outcomes, Score
from coach.domain.session_record import SessionRecord
from tests.conftest import Run
from tests.test_scenarios import Person, amsterdam, flat, local, replay, sessions  # noqa: F401

HISTORY = Path(__file__).parent / "outcomes" / "eight-weeks.toml"
AFTER = local("2026-10-29", "20:00")  # the Thursday of week 8, in the evening


def first_page(run: Run, lang: str, tmp: Path) -> str:
    out = tmp / f"report-{lang}.pdf"
    with time_machine.travel(AFTER, tick=False):
        result = run("--lang", lang, "report", "--weeks", "8", "-o", str(out))
    assert result.exit_code == 0, result.output
    return flat(PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text())


def screen(run: Run, *args: str) -> str:
    with time_machine.travel(AFTER, tick=False):
        result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


WANT = {
    "en": {
        "plain": [
            "week of 7 Sep: putting on socks 7; an hour at my desk 6; cycling to work 8; "
            "average pain 6",
            "week of 14 Sep: putting on socks 6; an hour at my desk 6; cycling to work 8; "
            "average pain 6; overall: no change",
            "week of 26 Oct: putting on socks 3; an hour at my desk 4; cycling to work 5; "
            "average pain 3; overall: much better",
            "putting on socks: 7 → 3, 4 points better: a real change (it takes 3 points).",
            "an hour at my desk: 6 → 4, 2 points better: less than the 3 points a real "
            "change takes.",
            "cycling to work: 8 → 5, 3 points better: a real change (it takes 3 points).",
            "Activities on average: 7 → 4, 3 points better: a real change (it takes 2 points).",
            "Average pain over a week: 6 → 3, 3 points better: a real change (it takes 2 "
            "points or 30%).",
            "Overall on 26 Oct: much better.",
        ],
        "full": ["putting on socks 7", "3 −4", "cycling to work 8", "5 −3"],
        "report": [
            "Outcome measures",
            "putting on socks 7 3 −4 yes, better (3 points)",
            "an hour at my desk 6 4 −2 no (it takes 3 points)",
            "Activities on average 7 4 −3 yes, better (2 points)",
            "Average pain over a week 6 3 −3 (−50%) yes, better (2 points or 30%)",
            "Overall, since the start much better (26 Oct) yes, improved",
        ],
    },
    "nl": {
        "plain": [
            "week van 7 sep: putting on socks 7; an hour at my desk 6; cycling to work 8; "
            "gemiddelde pijn 6",
            "week van 26 okt: putting on socks 3; an hour at my desk 4; cycling to work 5; "
            "gemiddelde pijn 3; algemeen oordeel: veel beter",
            "putting on socks: 7 → 3, 4 punten beter: een echte verandering (daarvoor zijn 3 "
            "punten nodig).",
            "Activiteiten gemiddeld: 7 → 4, 3 punten beter: een echte verandering (daarvoor "
            "zijn 2 punten nodig).",
        ],
        "full": ["putting on socks 7", "3 −4"],
        "report": [
            "Uitkomstmaten",
            "putting on socks 7 3 −4 ja, beter (3 punten)",
            "Gemiddelde pijn per week 6 3 −3 (−50%) ja, beter (2 punten of 30%)",
        ],
    },
}


@pytest.mark.parametrize("lang", ["en", pytest.param("nl", marks=pytest.mark.slow)])
@pytest.mark.usefixtures("amsterdam")
def test_eight_weeks_of_outcomes_in_progress_and_report(
    lang: str, run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    replay(HISTORY, run, coach_home, person, lang)
    records = sessions(coach_home)
    asked = [r["started"].date() for r in records if "outcomes" in r]
    mondays = [date(2026, 9, 7) + timedelta(weeks=w) for w in range(8)]
    assert asked == mondays  # at the start and at each weekly check-in, never in between
    assert records[0]["outcomes"]["kind"] == "start" and "effect" not in records[0]["outcomes"]
    plain = flat(screen(run, "--lang", lang, "--plain", "progress", "--weeks", "8"))
    for line in WANT[lang]["plain"]:
        assert flat(line) in plain, f"{line!r} not in {plain}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_PLAIN", "0")  # the full view, with its marks, as on a terminal
        full = flat(screen(run, "--lang", lang, "progress", "--weeks", "8"))
    for part in WANT[lang]["full"]:
        assert part in full, f"{part!r} not in {full}"
    page = first_page(run, lang, tmp_path)
    for line in WANT[lang]["report"]:
        assert flat(line) in page, f"{line!r} not on page 1: {page}"
    nothing_worse = screen(run, "--lang", lang, "next")
    assert "Contact your therapist" not in nothing_worse and "Neem contact op" not in nothing_worse


def scenario_file(tmp: Path, name: str, text: str, *, skipped: bool = False) -> Path:
    """A history written where `replay` reads it; `skipped`: with every outcome question
    skipped, and nothing worse said."""
    if skipped:
        scenario = tomllib.loads(text)
        for session in scenario["session"]:
            session.pop("outcomes", None)
            session["expect"] = {"absent": ["Your own answers say"]}
        text = tomli_w.dumps(scenario)
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def without_outcomes(tmp: Path) -> Path:
    """The eight weeks with every outcome question skipped."""
    return scenario_file(tmp, "skipped.toml", HISTORY.read_text(encoding="utf-8"), skipped=True)


def dosages(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (e["level"], e.get("sets"), e.get("reps"), e.get("hold_s"), e["decision"]["kind"])
        for r in records
        for e in r["exercises"]
    ]


@pytest.mark.usefixtures("amsterdam")
def test_every_outcome_question_skipped_runs_every_session_without_flags(
    run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    replay(without_outcomes(tmp_path), run, coach_home, person)
    records = sessions(coach_home)
    assert len(records) == 16 and all(r["status"] == "complete" for r in records)
    kept = [r["outcomes"] for r in records if "outcomes" in r]
    assert len(kept) == 8  # asked, skipped, and kept as asked
    assert all("pain_week" not in o and "effect" not in o for o in kept)
    assert all("score" not in a for o in kept for a in o.get("activity", []))
    page = first_page(run, "en", tmp_path)
    assert "No outcome answers yet" in page
    for words in ("harder than at the start", "higher than at the start", "much worse"):
        assert words not in page
    assert "Your own measures" not in screen(run, "progress", "--weeks", "8")
    assert "Contact your therapist" not in screen(run, "next")


WORSE = """
title = "Getting worse on the person's own measures"
lang = "en"
programme = "three-activities.toml"

[[session]]
date = "2026-09-07"
pain = 2
exercise = [{ pain = 2, effort = "right" }]
outcomes = { activities = [4, 5, 5], pain_week = 3 }

[[session]]
date = "2026-09-10"
pain = 2
morning = "same"
exercise = [{ pain = 2, effort = "right" }]

[[session]]
date = "2026-09-14"
pain = 2
morning = "same"
exercise = [{ pain = 2, effort = "right" }]
outcomes = { activities = [7, 7, 7], pain_week = 5, effect = "much-worse" }
# Said at once, after the answers, before the session: not only in `coach next`.
expect = { output = ["Your own answers say that your back is worse than at the start"] }
"""


@pytest.mark.usefixtures("amsterdam")
def test_getting_worse_flags_the_report_and_next_and_never_changes_the_load(
    run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    replay(scenario_file(tmp_path, "worse.toml", WORSE), run, coach_home, person)
    page = first_page(run, "en", tmp_path)
    for flag in (
        "putting on socks: 4 → 7 out of 10, harder than at the start.",
        "The activities on average: 4.7 → 7, harder than at the start.",
        "Average pain over a week: 3 → 5, higher than at the start.",
        "Overall on 14 Sep: much worse than before the exercises.",
    ):
        assert flag in page, f"{flag!r} not in {page}"
    assert "an hour at my desk: 5 → 7" not in page  # 2 points: less than the 3 that count
    advice = flat(screen(run, "next"))
    assert "Your own answers say that your back is worse than at the start" in advice
    assert "coach does not change your exercises because of these answers" in advice
    with_answers = dosages(sessions(coach_home))
    # The same three sessions without the answers, in a home of their own: the same load.
    other = tmp_path / "home2"
    other.mkdir()
    quiet = scenario_file(tmp_path, "quiet.toml", WORSE, skipped=True)  # nothing worse said
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(other))
        replay(quiet, run, other, person)
    assert dosages(sessions(other)) == with_answers


# -- the rules' numbers, each on both sides of its boundary -----------------------------


def test_one_activity_counts_from_three_points() -> None:
    assert outcomes.activity_counts(-3) and outcomes.activity_counts(3)
    assert not outcomes.activity_counts(-2) and not outcomes.activity_counts(2)


def test_the_mean_of_the_activities_counts_from_two_points() -> None:
    assert outcomes.activity_counts(2, outcomes.MEAN_CHANGE)
    assert not outcomes.activity_counts(5 / 3, outcomes.MEAN_CHANGE)  # 1.67


@pytest.mark.parametrize(
    ("start", "now", "counts"),
    [
        (6, 4, True),  # 2 points down
        (6, 5, False),  # 1 point, 17%
        (3, 2, True),  # 1 point, 33%: 30% or more of the start
        (4, 3, False),  # 1 point, 25%
        (3, 5, True),  # 2 points up
        (3, 4, False),  # 1 point up: a rise needs the 2 points, whatever its share
        (0, 1, False),
    ],
)
def test_pain_counts_from_two_points_or_thirty_percent_down(
    start: int, now: int, counts: bool
) -> None:
    assert outcomes.pain_counts(start, now) is counts


def record(day: str, o: Outcomes | None) -> SessionRecord:
    started = datetime.fromisoformat(day + "T09:00:00+01:00")
    return SessionRecord(day, started, "p", "en", [], outcomes=o)


def test_the_global_effect_is_asked_from_the_seventh_day() -> None:
    first = [record("2026-09-09", Outcomes("start", [], 5))]  # a Wednesday
    on_sixth = outcomes.to_ask(outcomes.answers(first), (), date(2026, 9, 15))  # the Tuesday after
    on_seventh = outcomes.to_ask(outcomes.answers(first), (), date(2026, 9, 16))
    assert on_sixth is not None and on_sixth.kind == "week" and not on_sixth.effect
    assert on_seventh is not None and on_seventh.effect


def test_the_week_questions_come_once_a_week_also_after_a_week_off() -> None:
    answered = [
        record("2026-09-07", Outcomes("start", [], 5)),
        record("2026-09-14", Outcomes("week", [], 4)),
    ]
    assert (
        outcomes.to_ask(outcomes.answers(answered), (), date(2026, 9, 20)) is None
    )  # that Sunday: asked
    after_a_week_off = outcomes.to_ask(outcomes.answers(answered), (), date(2026, 9, 28))
    assert after_a_week_off == outcomes.Ask("week", (), effect=True)


def test_what_is_asked_when() -> None:
    planned = ("socks", "desk")
    assert outcomes.to_ask([], planned, date(2026, 9, 7)) == outcomes.Ask("start", planned)
    start = [record("2026-09-07", Outcomes("start", [Score("socks", 5), Score("desk")]))]
    assert outcomes.to_ask(outcomes.answers(start), planned, date(2026, 9, 10)) is None
    # A new plan with a new activity: its start only, no other question.
    new = outcomes.to_ask(outcomes.answers(start), ("Socks", "cycling"), date(2026, 9, 10))
    assert new == outcomes.Ask("start", ("cycling",), pain=False)
    # No activities in the plan: named at the first check-in, never asked to name again.
    bare = [record("2026-09-07", Outcomes("start"))]
    assert outcomes.to_ask(outcomes.answers(bare), (), date(2026, 9, 14)) == outcomes.Ask(
        "week", (), name=True, effect=True
    )
    skipped = [*bare, record("2026-09-14", Outcomes("week"))]
    assert not outcomes.to_ask(outcomes.answers(skipped), (), date(2026, 9, 21)).name  # type: ignore[union-attr]
    named = [*bare, record("2026-09-14", Outcomes("week", [Score("gardening", 6)]))]
    later = outcomes.to_ask(outcomes.answers(named), (), date(2026, 9, 21))
    assert later == outcomes.Ask("week", ("gardening",), effect=True)


NAMED = """
title = "No activities in the plan: named at the first weekly check-in"
lang = "en"

[[session]]
date = "2026-09-07"
pain = 2
exercise = [{ pain = 2, effort = "right" }, { pain = 2, effort = "right" }]
outcomes = { pain_week = 5 }

[[session]]
date = "2026-09-14"
pain = 2
morning = "same"
exercise = [{ pain = 2, effort = "right" }, { pain = 2, effort = "right" }]
[session.outcomes]
name = ["gardening", "Gardening", "lifting my grandson"]
activities = [6, 8]
pain_week = 4
effect = "little-better"

[[session]]
date = "2026-09-21"
pain = 2
morning = "same"
exercise = [{ pain = 2, effort = "right" }, { pain = 2, effort = "right" }]
outcomes = { activities = [5, 8], pain_week = 4 }
"""


@pytest.mark.usefixtures("amsterdam")
def test_without_activities_in_the_plan_the_person_names_them_at_the_first_check_in(
    run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    replay(scenario_file(tmp_path, "named.toml", NAMED), run, coach_home, person)
    first, named, later = (r["outcomes"] for r in sessions(coach_home))
    assert first == {"kind": "start", "pain_week": 5}  # no activities to score yet
    assert named["activity"] == [
        {"name": "gardening", "score": 6},  # "Gardening" again was refused and asked again
        {"name": "lifting my grandson", "score": 8},
    ]
    assert later["activity"] == [
        {"name": "gardening", "score": 5},
        {"name": "lifting my grandson", "score": 8},
    ]
    exported = tmp_path / "progress.json"
    with time_machine.travel(local("2026-09-21", "20:00"), tick=False):
        assert run("progress", "--export", str(exported)).exit_code == 0
    answers = json.loads(exported.read_text(encoding="utf-8"))["outcomes"]
    assert [a["date"] for a in answers] == ["2026-09-07", "2026-09-14", "2026-09-21"]
    assert answers[1]["overall"] == "little-better" and answers[2]["pain_week"] == 4


PLAN = 'schema = 1\ntitle = "x"\nsessions_per_week = 2\n[[exercises]]\nid = "bird-dog"\n'


def activities_file(tmp: Path, names: list[str]) -> Path:
    path = tmp / "plan.toml"
    text = PLAN + "".join(f'[[outcomes.activity]]\nname = "{n}"\n' for n in names)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_programme_holds_three_activities_and_no_fourth(run: Run, tmp_path: Path) -> None:
    three = run("programme", "check", str(activities_file(tmp_path, ["a", "b", "c"])))
    assert three.exit_code == 0, three.output
    shown = run("programme", "show", str(activities_file(tmp_path, ["socks", "cycling"])))
    assert "Activities (PSK)" in shown.stdout and "cycling" in shown.stdout
    four = run("programme", "check", str(activities_file(tmp_path, ["a", "b", "c", "d"])))
    assert four.exit_code == 1
    assert "plan.toml: outcomes.activity: 4 activities; the outcome measure takes at most 3" in (
        four.output
    )


def test_an_activity_holds_eighty_characters_and_no_more(run: Run, tmp_path: Path) -> None:
    assert run("programme", "check", str(activities_file(tmp_path, ["x" * 80]))).exit_code == 0
    long = run("programme", "check", str(activities_file(tmp_path, ["x" * 81])))
    assert long.exit_code == 1
    assert "outcomes.activity[0].name: 81 characters; use at most 80" in long.output
    twice = run("programme", "check", str(activities_file(tmp_path, ["Socks", "socks "])))
    assert 'outcomes.activity[1].name: "socks " is already in this list' in twice.output


def test_programme_new_takes_three_activities_and_refuses_a_fourth(
    run: Run, tmp_path: Path
) -> None:
    three = ["--activity", "a", "--activity", "b", "--activity", "c"]
    out = tmp_path / "new.toml"
    made = run("programme", "new", "-o", str(out), "-e", "bird-dog", *three)
    assert made.exit_code == 0, made.output
    written = tomllib.loads(out.read_text(encoding="utf-8"))
    assert written["outcomes"] == {"activity": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}
    four = run(
        "programme",
        "new",
        "-o",
        str(tmp_path / "four.toml"),
        "-e",
        "bird-dog",
        *three,
        "--activity",
        "d",
    )
    assert four.exit_code == 2
    assert "--activity: 4 given; the outcome measure takes at most 3" in four.output
    assert not (tmp_path / "four.toml").exists()


def test_the_practice_view_flags_a_patient_worse_on_own_measures() -> None:
    from coach.domain import practice_view

    start = record("2026-09-07", Outcomes("start", [Score("socks", 4)], 3))
    same = record("2026-09-14", Outcomes("week", [Score("socks", 6)], 4))  # 2 and 1: no flag
    worse = record("2026-09-21", Outcomes("week", [Score("socks", 7)], 4))  # 3 harder: a flag
    assert practice_view.events([start, same], []) == []
    assert practice_view.events([worse, start, same], []) == [("worse", date(2026, 9, 21))]
    counted = {"worse": 1}
    assert practice_view.flags(counted, date(2026, 9, 21), date(2026, 9, 22)) == ["worse"]


def test_an_activity_in_markup_stays_text_on_screen_and_in_markdown(
    run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    odd = "[red]socks[/] **now** <b>"
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN + f"[[outcomes.activity]]\nname = {json.dumps(odd)}\n", encoding="utf-8")
    assert run("programme", "use", str(plan)).exit_code == 0
    for day, score in (("2026-09-07", 2), ("2026-09-14", 6)):
        person.append(
            Person({"pain": 2, "exercise": [{"pain": 2}], "outcomes": {"activities": [score]}})
        )
        with time_machine.travel(local(day), tick=False):
            started = run("start", "--skip-check")
        assert started.exit_code == 0, started.output
        assert f"How hard is {odd} now, 0-10?" in started.stdout
    with time_machine.travel(local("2026-09-14", "20:00"), tick=False):
        report = run("report", "--format", "md").stdout
        shown = run("next").stdout
    assert r"\[red\]socks\[/\] \*\*now\*\* &lt;b&gt;: 2 → 6 out of 10" in report
    assert f"{odd}: 2 → 6 out of 10, harder than at the start." in flat(shown)


def test_a_session_thrown_away_keeps_its_outcome_answers(tmp_path: Path) -> None:
    from coach.domain.timeline import compile_timeline
    from tests.test_runner import FakeClock, make, short_bird

    timeline = compile_timeline([short_bird()], None)
    keys = [(15.0, "q"), (16.0, "n"), (17.0, "y")]  # quit, don't save, yes: throw it away
    runner, store, _out = make(timeline, tmp_path, FakeClock(keys=keys))
    runner.record.outcomes = Outcomes("start", [Score("socks", 7)], 6)
    store.save(runner.record)
    # The harness's session starts on 5 Jan 2026: read back after it, whatever today is.
    with time_machine.travel(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), tick=False):
        runner.run()
        (kept,) = store.history().sessions
    assert kept.outcomes == Outcomes("start", [Score("socks", 7)], 6)
    assert all(not e.done for e in kept.exercises)  # the reps went


class Scripted:
    """An asker with typed answers; an interruption where the script says "^C"."""

    ended = False

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers

    def ask(self, question: str, parse: Any, default: str | None = None) -> Any:
        answer = self.answers.pop(0)
        if answer == "^C":
            raise KeyboardInterrupt
        return parse(answer)

    def optional_integer(self, question: str, low: int, high: int) -> int | None:
        value: int | None = self.ask(question, lambda a: int(a) if a else None)
        return value


def test_named_activities_are_kept_before_they_are_scored() -> None:
    from rich.console import Console

    from coach.live import outcome_questions

    kept: list[list[tuple[str, int | None]]] = []
    asker = Scripted(["gardening", "lifting", "", "6", "^C"])
    due = outcomes.Ask("week", (), name=True)
    with pytest.raises(KeyboardInterrupt):
        outcome_questions.ask(
            asker,  # type: ignore[arg-type]
            Console(file=io.StringIO()),
            due,
            lambda o: kept.append([(s.activity, s.score) for s in o.activities]),
        )
    assert kept[0] == [("gardening", None), ("lifting", None)]  # both names, before a score
    assert kept[-1] == [("gardening", 6), ("lifting", None)]


def test_an_activity_the_plan_dropped_is_history_not_a_flag() -> None:
    history = [
        record("2026-09-07", Outcomes("start", [Score("socks", 2)])),
        record("2026-09-14", Outcomes("week", [Score("socks", 6)])),  # 4 harder: a flag
    ]
    assert outcomes.worse(outcomes.course(outcomes.answers(history)))
    later = [*history, record("2026-12-14", Outcomes("week", [Score("cycling", 5)]))]
    assert (
        outcomes.worse(outcomes.course(outcomes.answers(later))) == []
    )  # socks is no longer asked


def test_a_rise_in_pain_is_judged_by_the_two_points_it_takes() -> None:
    from coach.documents import report_outcomes

    history = [
        record("2026-09-07", Outcomes("start", [], 2)),
        record("2026-09-14", Outcomes("week", [], 3)),
    ]
    (_heading, pain) = report_outcomes.rows(outcomes.course(outcomes.answers(history)))
    assert pain[3:] == ("+1 (+50%)", "no (it takes 2 points)")
    falling = [
        record("2026-09-07", Outcomes("start", [], 3)),
        record("2026-09-14", Outcomes("week", [], 2)),
    ]
    (_heading, fall) = report_outcomes.rows(outcomes.course(outcomes.answers(falling)))
    assert fall[3:] == ("−1 (−33%)", "yes, better (2 points or 30%)")


def test_a_practice_copy_gives_the_same_answers_as_the_patients_store(
    run: Run, coach_home: Path, person: list[Person], tmp_path: Path
) -> None:
    from coach.files.paths import get_paths
    from coach.files.session_store import Recorded, Store

    replay(scenario_file(tmp_path, "worse.toml", WORSE), run, coach_home, person)
    store = Store(get_paths())
    with time_machine.travel(AFTER, tick=False):  # after the sessions, whatever today is
        mine = store.answers()
        assert [day.isoformat() for day, _o in mine] == ["2026-09-07", "2026-09-14"]
        assert Recorded(store.history().sessions).answers() == mine
        assert store.answers() == mine  # read again, through the cache
