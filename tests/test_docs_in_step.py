"""The docs stay in step with the code: rules, numbers, words, paths and counts.

- docs/progression.md: every row's words are what `explain` says for a decision that
  `decide` really takes, every number beside a parameter name is that parameter's
  default, and the constants (four weeks, the median of three, ...) are the code's.
  (That every reason code has a row, and every row a code, is checked in
  tests/test_rules_properties.py.) The same numbers in README.md and in the rule list
  of coach/domain/progression_rules.py. Where a sentence says *which* answers count
  (the last effort answer, three weekly means), `decide` is asked.
- docs/architecture.md names only modules and functions that exist where it says, and
  README.md, docs/progression.md and exercises/README.md only paths that exist.
- Every count the README and docs state (histories, wings, questions, bells, ...) is
  the real one.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import statistics
import tomllib
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from coach.domain import decisions as decisions_module
from coach.domain import progression_rules
from coach.domain.decisions import DECREASES_ADVISE, DECREASES_WINDOW_DAYS, HISTORY_SESSIONS
from coach.domain.ladder import MAX_STEP_DOWN, MAX_STEP_UP, MIN_LEVEL_ENTRY, NO_CEILING, step_up
from coach.domain.limits import GET_READY_LIMIT, LIMITS
from coach.domain.model import FULL_PERCENT, Ceiling, Dosage, ProgressionSettings
from coach.domain.pain_trends import RISING_WEEKS, STEADY_WEEKS, USUAL_OF, usual
from coach.domain.plain_words import explain
from coach.domain.progression_rules import REASONS, Decision, Hold, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.session_phrases import COUNTDOWN_MIN_S
from coach.domain.timeline import GET_READY_S, POSITION_CHANGE_S
from coach.domain.warning_signs import RECHECK_DAYS
from coach.files.library import load_library
from coach.files.paths import Paths
from tests.conftest import ROOT, Run

PROGRESSION = ROOT / "docs" / "progression.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README = ROOT / "README.md"
EXERCISES_README = ROOT / "exercises" / "README.md"
S = ProgressionSettings()
SETTINGS = {f.name for f in dataclasses.fields(ProgressionSettings)}
BIRD = load_library(Paths(Path("/none"), Path("/none"))).exercises["bird-dog"]
TODAY = date(2026, 11, 30)

WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "first": 1, "second": 2, "third": 3}
NUMBER = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)"
ORDINAL = r"(first|second|third)"
A = r"(a|one|two|\d+)"


def flat(text: str) -> str:
    return " ".join(text.split())


def number(token: str) -> int:
    token = token.lower().replace(",", "")
    return int(token) if token.isdigit() else WORDS[token]


def read(path: Path) -> str:
    return flat(path.read_text(encoding="utf-8"))


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return flat(text.split(f"### {title}\n", 1)[1].split("\n#", 1)[0])


def rule_list() -> str:
    """The numbered rules and the paragraph after them in progression_rules' docstring."""
    doc = progression_rules.__doc__ or ""
    return flat(re.sub(r"(?m)^\d+\. ", "", doc.split("The rules, in the order", 1)[1]))


# -- statements: a pattern whose numbers must be the code's ------------------------------


Fact = tuple[str, tuple[int, ...]]


def facts_hold(text: str, facts: Sequence[Fact]) -> list[str]:
    """Each pattern ({N} a number, {ORD} an ordinal, {A} "a" or a number) is found, and
    everywhere it is found its numbers are the expected ones. Returns what is wrong."""
    wrong = []
    for pattern, expected in facts:
        regex = pattern.replace("{N}", NUMBER).replace("{ORD}", ORDINAL).replace("{A}", A)
        found = list(re.finditer(regex, text, re.IGNORECASE))
        if not found:
            wrong.append(f"not found (reworded? update this test too): {pattern}")
        for match in found:
            said = tuple(number(g) for g in match.groups())
            if said != expected:
                wrong.append(f"{match.group(0)!r} says {said}, the code {expected}")
    return wrong


def unchecked_numbers(text: str, facts: Sequence[Fact]) -> list[str]:
    """Digits in `text` that no fact covers (years, and the 0-10 scale, aside)."""
    covered = text
    for pattern, _ in facts:
        regex = pattern.replace("{N}", NUMBER).replace("{ORD}", ORDINAL).replace("{A}", A)
        covered = re.sub(regex, " ", covered, flags=re.IGNORECASE)
    covered = re.sub(r"\b(?:19|20)\d\d\b|\b0-10\b|out of 10\b|0 \(none\) to 10", " ", covered)
    return re.findall(r"\S*\d\S*", covered)


PROGRESSION_FACTS: list[Fact] = [
    (r"since the last break of {N} days or more", (S.restart_after_days,)),
    (r"{N}-{N} days since the last session", (S.restart_after_days, S.resume_lower_after_days - 1)),
    (r"the median of the last {N} pain-before answers", (USUAL_OF,)),
    (r"or more above the same mean one, two or {N} weeks earlier", (RISING_WEEKS - 1,)),
    (
        r"on the {ORD} day \(or a later one\) within {N} weeks",
        (DECREASES_ADVISE, DECREASES_WINDOW_DAYS // 7),
    ),
    (r"went up {N} weeks running: {N} weekly means", (STEADY_WEEKS - 1, STEADY_WEEKS)),
    (r"over the last {N} weeks: contact", (STEADY_WEEKS,)),
    (r"the last {N} sessions of the programme", (HISTORY_SESSIONS,)),
    (r"pain above {N} and worse mornings lower the load already", (S.pain_during_max,)),
    (r"pain {N}-{N} after an exercise", (S.pain_during_max + 1, S.pain_stop - 1)),
    (r"pain {N}-{N} with the p key", (S.pain_during_max + 1, S.pain_stop - 1)),
    (r"pain {N} or less with the p key", (S.pain_during_max,)),
    (r"adds at most {N}% work per side", (round(MAX_STEP_UP * 100),)),
    (r"cuts at most {N}%", (round(MAX_STEP_DOWN * 100),)),
    (r"at least half the work per side", ()),
    (r"Before the first session, every {N} weeks", (RECHECK_DAYS // 7,)),
]
README_FACTS: list[Fact] = [
    (r"Pain {N} or more \(after an exercise or with p\)", (S.pain_stop,)),
    (r"Pain {N} or more before a session: no session", (S.pain_stop,)),
    (r"Pain {N} or {N} is said plainly", (S.pain_during_max + 1, S.pain_stop - 1)),
    (
        r"Pain before a session of {N} or more, or {N} or more above your usual "
        r"\(the median of your last {N} answers\)",
        (S.pain_today_high, S.pain_today_jump, USUAL_OF),
    ),
    (r"at least {N} % of its planned reps", (S.full_session_percent,)),
    (r"after pain above {N} during a session", (S.pain_during_max,)),
    (r"after {N} days without a session", (S.resume_lower_after_days,)),
    (r"after {N}-{N} days off", (S.restart_after_days, S.resume_lower_after_days - 1)),
    (
        r"rising by {N} points or more over one to {N} weeks",
        (S.rising_pain_points, RISING_WEEKS - 1),
    ),
    (
        r"until there are {N} full sessions and {N} days at this dosage",
        (S.increase_after_sessions, S.increase_min_days),
    ),
    (r"{N} steps down within {N} weeks", (DECREASES_ADVISE, DECREASES_WINDOW_DAYS // 7)),
    (
        r"pain going up {N} weeks running \(this week above last week, last week above the "
        r"week before, {N} points or more in all\)",
        (STEADY_WEEKS - 1, S.rising_pain_points),
    ),
    (
        r"A step is {N} more reps per side up to the level's maximum, then {N} seconds more "
        r"hold, then {A} sets? more",
        (S.reps_step, S.hold_step_s, S.sets_step),
    ),
    (r"adds at most {N} % work per side", (round(MAX_STEP_UP * 100),)),
    (r"{N} replayed patient histories", (len(list((ROOT / "tests/scenarios").glob("*.toml"))),)),
]
SAFETY_FACTS: list[Fact] = [
    (
        r"every {N} weeks, and when the pain before a session is {N} or more, or {N} or more "
        r"points above your usual",
        (RECHECK_DAYS // 7, S.pain_today_high, S.pain_today_jump),
    ),
]
DOCSTRING_FACTS: list[Fact] = [
    (r"a break of {N} days or more: one step down", (S.resume_lower_after_days,)),
    (r"pain during above {N} in a session at this dosage", (S.pain_during_max,)),
    (r"pain above {N} and worse mornings already lower the load", (S.pain_during_max,)),
    (r"a break of {N}-{N} days: keep", (S.restart_after_days, S.resume_lower_after_days - 1)),
    (
        r"pain before today's session {N} or more, or {N} or more above the usual",
        (S.pain_today_high, S.pain_today_jump),
    ),
    (
        r"up {N} points or more within one to {N} weeks",
        (S.rising_pain_points, RISING_WEEKS - 1),
    ),
    (
        r"fewer than {N} full sessions \({N} % of the planned reps\) at this dosage",
        (S.increase_after_sessions, S.full_session_percent),
    ),
    (r"fewer than {N} days at this dosage", (S.increase_min_days,)),
    (r"since the last break of {N} days or more", (S.restart_after_days,)),
    (r"{N} decreases within {N} weeks", (DECREASES_ADVISE, DECREASES_WINDOW_DAYS // 7)),
    (
        r"weekly mean pain up {N} weeks running \({N} weekly means, each above the one "
        r"before, {N} points or more in all\)",
        (STEADY_WEEKS - 1, STEADY_WEEKS, S.rising_pain_points),
    ),
]


def test_the_weeks_and_shares_are_whole() -> None:
    """The docs say "four weeks", "80 %" and "half": the constants must be sayable so."""
    assert MIN_LEVEL_ENTRY == 0.5
    assert DECREASES_WINDOW_DAYS % 7 == 0 and RECHECK_DAYS % 7 == 0
    assert S.full_session_percent == FULL_PERCENT


def test_the_numbers_in_progression_md() -> None:
    assert facts_hold(read(PROGRESSION), PROGRESSION_FACTS) == []


def test_the_numbers_in_the_readme() -> None:
    section = readme_section("Questions, and how the load grows")
    assert facts_hold(section, README_FACTS) == []
    assert facts_hold(readme_section("Safety first"), SAFETY_FACTS) == []
    assert unchecked_numbers(section, README_FACTS) == []


def test_the_numbers_in_the_rule_list_of_the_code() -> None:
    text = rule_list()
    assert facts_hold(text, DOCSTRING_FACTS) == []
    assert unchecked_numbers(text, DOCSTRING_FACTS) == []
    preamble = [(r"pain during exercise may reach {N} out of 10", (S.pain_during_max,))]
    assert facts_hold(flat(progression_rules.__doc__ or ""), preamble) == []


def test_a_wrong_number_is_caught() -> None:
    text = readme_section("Questions, and how the load grows").replace(
        "after 14 days", "after 15 days"
    )
    assert any("says (15,)" in w for w in facts_hold(text, README_FACTS))
    assert unchecked_numbers(text + " after 9 weeks", README_FACTS) == ["9"]


# -- a number beside a parameter name is its default -------------------------------------


SETTING = re.compile(r"\(`(\w+)`([^)]*)\)")
BEFORE = re.compile(rf"\b{NUMBER}(?:-\d+)?\b(\s*(?:minutes?|min)\b)?", re.IGNORECASE)


def stated_settings(text: str) -> Iterator[tuple[str, int | None, str]]:
    """(parameter, the number the text gives it, where) for every "(`parameter`...)".

    The number is "default N" inside the brackets, else the last number of the clause
    before them ("above 5 (`pain_during_max`)"; a range gives its low end; minutes count
    as 60 s).
    """
    for match in SETTING.finditer(text):
        name = match.group(1)
        if name not in SETTINGS:
            continue
        default = re.search(rf"default {NUMBER}\b", match.group(2))
        clause = re.split(r"[|;:()]", text[: match.start()])[-1]
        where = (clause + match.group(0)).strip()
        if default:
            yield name, number(default.group(1)), where
            continue
        found = list(BEFORE.finditer(clause))
        if not found:
            yield name, None, where
            continue
        value = number(found[-1].group(1))
        yield name, value * 60 if found[-1].group(2) else value, where


def test_every_parameter_in_progression_md_has_its_default() -> None:
    stated = list(stated_settings(read(PROGRESSION)))
    wrong = [(w, n, getattr(S, name)) for name, n, w in stated if n != getattr(S, name)]
    assert wrong == []
    # "the thresholds are parameters ... with the defaults below": every one of them.
    assert {name for name, _n, _w in stated} == SETTINGS


def test_the_parameter_check_can_fail() -> None:
    text = read(PROGRESSION).replace("above 5 (`pain_during_max`)", "above 6 (`pain_during_max`)")
    assert ("pain_during_max", 6) in {(name, n) for name, n, _w in stated_settings(text)}


# -- every row's words are what explain says for a decision decide takes -------------------


def seen(ago: int, dosage: Dosage = BIRD.dosage, **answers: Any) -> Seen:
    """A full session `ago` days before TODAY."""
    return Seen(TODAY - timedelta(days=ago), dosage, True, **answers)


def decided(
    history: list[Seen],
    *,
    pain_now: int | None = None,
    lock: bool = False,
    ceiling: Ceiling = NO_CEILING,
    settings: ProgressionSettings = S,
    holds: Sequence[Hold] = (),
) -> Decision:
    return decide(
        BIRD,
        BIRD.dosage,
        history,
        TODAY,
        settings,
        lock=lock,
        ceiling=ceiling,
        pain_now=pain_now,
        holds=holds,
    )


def top_dosage() -> Dosage:
    dosage = BIRD.dosage
    while (higher := step_up(BIRD, dosage, S)) is not None:
        dosage = higher
    return dosage


FLOOR = BIRD.start_dosage(1)
STEADY = [seen(9), seen(6), seen(2)]  # three full sessions over nine days
SAME = Morning.SAME
GOOD = [seen(9, pain=2, morning=SAME), seen(6, pain=1, morning=SAME), seen(2, pain=2, morning=SAME)]
D = BIRD.dosage
LOWER = dataclasses.replace(D, sets=D.sets - 1)


# For each reason, the situation the row's example describes: decide() must give that reason.
def advised_bridge() -> Decision:
    """The bridge's step up on the day bird-dog decreases for the third time."""
    from tests.test_rules_v3 import advice_day, programme_of

    return decisions_module.decisions(programme_of(), advice_day(TODAY), TODAY)[1]


SITUATIONS: dict[str, Callable[[], Decision]] = {
    "first": lambda: decided([]),
    "break": lambda: decided([seen(16)]),
    "break-floor": lambda: decided([seen(16, FLOOR)]),
    "pain": lambda: decided([seen(2, pain=7)]),
    "pain-floor": lambda: decided([seen(2, FLOOR, pain=7)]),
    "morning": lambda: decided([seen(2, morning=Morning.WORSE)]),
    "morning-floor": lambda: decided([seen(2, FLOOR, morning=Morning.WORSE)]),
    "restart": lambda: decided([seen(9)]),
    "pain-today": lambda: decided(STEADY, pain_now=S.pain_today_high),
    "lighter-today": lambda: decided(STEADY, pain_now=S.pain_today_high).lighter_today(),
    "locked": lambda: decided(STEADY, lock=True),
    "sign-today": lambda: decided(GOOD, holds=[Hold("sign-today")]),
    "advised": advised_bridge,
    "nerve": lambda: decided(GOOD, holds=[Hold("nerve", date(2026, 11, 10))]),
    "after-lighter": lambda: decided(
        [
            *GOOD[:2],
            Seen(TODAY - timedelta(days=4), LOWER, True, reason="lighter-today", before=D),
            seen(2, pain=2, morning=SAME),
        ],
        pain_now=2,
    ),
    "rising": lambda: decided(
        [seen(9, pain_before=1), seen(6, pain_before=3), seen(2, pain_before=3)]
    ),
    "morning-wait": lambda: decided(
        [seen(9), seen(6), seen(2, morning=Morning.WORSE)],
        settings=dataclasses.replace(S, decrease_after_worse_mornings=2),
    ),
    "sessions": lambda: decided([seen(4), seen(2)]),
    "days": lambda: decided([seen(4), seen(3), seen(2)]),
    "effort": lambda: decided([seen(9), seen(6), seen(2, effort=Effort.HARD)]),
    "top": lambda: decided([seen(9, top_dosage()), seen(6, top_dosage()), seen(2, top_dosage())]),
    "ceiling": lambda: decided(STEADY, ceiling=Ceiling(D.level, D.sets, D.reps, D.hold_s)),
    "increase": lambda: decided(GOOD),
    "declined": lambda: decided(GOOD).declined_by_person(),
}


def third_decrease() -> Decision:
    """Bird-dog's decrease today is the third within four weeks, with the bridge's."""
    from tests.test_rules_v3 import flares, programme_of

    return decisions_module.decisions(programme_of(), flares(DECREASES_WINDOW_DAYS, TODAY), TODAY)[
        0
    ]


FACT_SITUATIONS: dict[str, Callable[[], Decision]] = {
    "locked": lambda: decided([seen(2, pain=7)], lock=True),
    "lowered": lambda: decided(
        [seen(4, LOWER, decision=Kind.DECREASE, reason="pain", before=D), seen(2, LOWER)],
        lock=True,
    ),
    'advise = "decreases"': third_decrease,
    'advise = "rising"': lambda: decided(
        [seen(16, pain_before=1), seen(9, pain_before=2), seen(2, pain_before=3)]
    ),
}


def table(text: str, first: str) -> dict[str, list[str]]:
    """The rows of a table whose first cell is `first` + a backticked name, by that name."""
    rows = {}
    for line in text.splitlines():
        if match := re.match(rf"^\| {first}`([^`]+)` \| (.*) \|$", line):
            rows[match.group(1)] = match.group(2).split(" | ")
    return rows


def words(rows: dict[str, list[str]], reason: str, column: int) -> str:
    """A row's quoted words; "as `x`" borrows row x's."""
    cell = rows[reason][column]
    if borrowed := re.fullmatch(r"as `([a-z-]+)`", cell):
        return words(rows, borrowed.group(1), column)
    quoted = re.fullmatch(r'"(.*)"', cell)
    assert quoted, f"{reason}: no quoted words in {cell!r}"
    return quoted.group(1)


def says(quote: str, text: str, whole: bool = True) -> bool:
    """`text` is `quote`, where each "…" stands for any text (a fragment, when not whole)."""
    pattern = ".*?".join(re.escape(part) for part in quote.split("…"))
    return bool(re.fullmatch(pattern, text) if whole else re.search(pattern, text))


def test_every_rows_words_are_what_coach_says() -> None:
    rows = table(PROGRESSION.read_text(encoding="utf-8"), "")
    assert set(SITUATIONS) == set(REASONS), "a reason without a situation here"
    wrong = []
    for reason, situation in SITUATIONS.items():
        decision = situation()
        assert decision.reason == reason, (reason, decision.reason)
        said = explain(BIRD, decision)
        if not says(words(rows, reason, 2), said):
            wrong.append((reason, rows[reason][2], said))
    assert wrong == []


def test_every_added_fact_is_what_coach_adds() -> None:
    rows = table(PROGRESSION.read_text(encoding="utf-8"), "fact ")
    assert set(rows) == set(FACT_SITUATIONS)
    wrong = []
    for fact, situation in FACT_SITUATIONS.items():
        decision = situation()
        key, _, value = fact.partition(" = ")
        assert decision.facts.get(key) == (value.strip('"') or True), (fact, decision.facts)
        said = explain(BIRD, decision)
        if not says(words(rows, fact, 1), said, whole=False):
            wrong.append((fact, rows[fact][1], said))
    assert wrong == []


def test_the_words_check_can_fail() -> None:
    said = explain(BIRD, SITUATIONS["break"]())
    assert says("… one step lower, to …, after a break of 16 days.", said)
    assert not says("… one step lower, to …, after a break of 15 days.", said)
    assert not says("… after a break of 16 days.", said + " More.")


# -- what the sentences say counts: asked of decide() -------------------------------------


def test_effort_is_the_last_effort_answer_at_this_dosage() -> None:
    """ "the last effort answer at this dosage was too hard" (and only that)."""
    for text in (
        read(PROGRESSION),
        readme_section("Questions, and how the load grows"),
        rule_list(),
    ):
        assert "last effort answer at this dosage" in text
    hard = Effort.HARD
    assert decided([seen(9), seen(6), seen(2, effort=hard)]).reason == "effort"
    # The last answer counts, also when the last session gave none.
    assert decided([seen(9), seen(6, effort=hard), seen(2)]).reason == "effort"
    # An earlier "too hard" followed by "about right" does not.
    assert decided([seen(9), seen(6, effort=hard), seen(2, effort=Effort.RIGHT)]).reason == (
        "increase"
    )
    # Nor one at an earlier dosage.
    lower = BIRD.start_dosage(BIRD.dosage.level)
    assert lower != D
    earlier = [seen(12, lower, effort=hard), seen(10, D, decision=Kind.INCREASE, before=lower)]
    assert decided([*earlier, seen(6), seen(2), seen(1)]).reason == "increase"


def test_rising_compares_this_week_with_one_two_or_three_weeks_before() -> None:
    points = S.rising_pain_points

    def reason(*days_and_pain: tuple[int, int]) -> str:
        history = [seen(ago, pain_before=p) for ago, p in days_and_pain] + [seen(3), seen(1)]
        return decided(sorted(history, key=lambda s: s.day)).reason

    assert RISING_WEEKS == 4
    assert reason((9, 1), (2, 1 + points)) == "rising"  # last week
    assert reason((16, 1), (2, 1 + points)) == "rising"  # the week before
    assert reason((23, 1), (2, 1 + points)) == "rising"  # three weeks back: a slow climb
    assert reason((30, 1), (2, 1 + points)) != "rising"  # four weeks back: not compared
    assert reason((9, 1), (2, points)) != "rising"  # one point less than the threshold


def test_rising_advice_needs_three_weekly_means_each_higher() -> None:
    points = S.rising_pain_points

    def advice(*means: int | None) -> bool:
        """Weekly means of pain before, the earliest week first."""
        history = []
        for week, mean in enumerate(means):
            if mean is not None:
                history.append(seen(7 * (len(means) - week) - 3, pain_before=mean))
        return decided(history).facts.get("advise") == "rising"

    assert STEADY_WEEKS == 3
    assert advice(1, 2, 1 + points)  # two rises in a row: three weeks, three means
    assert not advice(1, 1, 1 + points)  # up by the points, but not every week
    assert not advice(1, None, 1 + points)  # a week without answers
    assert not advice(1 + points, 1, 1 + points)  # down, then up


def test_the_rising_check_can_fail() -> None:
    """The claim "higher in each of the last three weeks than the week before" (four means)
    would not hold: three means that each rise already advise."""
    text = "was higher in each of the last three weeks than the week before"
    assert facts_hold(text, [(r"went up {N} weeks running: {N} weekly means", (2, 3))]) != []


def test_decreases_advice_counts_within_four_weeks_over_all_exercises() -> None:
    from tests.test_rules_v3 import flares, programme_of

    assert DECREASES_ADVISE == 3

    def advise(first_days_ago: int) -> bool:
        found = decisions_module.decisions(programme_of(), flares(first_days_ago, TODAY), TODAY)
        return found[0].facts.get("advise") == "decreases"

    assert advise(DECREASES_WINDOW_DAYS)  # with today's, the third within four weeks
    assert not advise(DECREASES_WINDOW_DAYS + 1)  # one of them longer ago


def test_the_usual_pain_is_the_median_of_the_last_three() -> None:
    for answers in ([6, 0, 0, 6], [1, 2, 9, 3, 3], [4], [7, 1]):
        assert usual(answers) == statistics.median(answers[-USUAL_OF:])
    # Against two or four: a jump of 3 over the last three (0, 0, 6) is a high-pain day.
    history = [seen(ago, pain_before=p) for ago, p in ((8, 6), (6, 0), (4, 0), (2, 6))]
    assert decided(history, pain_now=S.pain_today_jump).reason == "pain-today"


def test_the_thresholds_are_where_the_words_put_them() -> None:
    """ "above 5", "14 days or more", "7 or more", "fewer than 3": each at its edge."""
    assert decided([seen(2, pain=S.pain_during_max + 1)]).reason == "pain"
    assert decided([seen(2, pain=S.pain_during_max)]).reason != "pain"
    assert decided([seen(S.resume_lower_after_days)]).reason == "break"
    assert decided([seen(S.resume_lower_after_days - 1)]).reason == "restart"
    assert decided([seen(S.restart_after_days)]).reason == "restart"
    assert decided(STEADY, pain_now=S.pain_today_high).reason == "pain-today"
    assert decided(STEADY, pain_now=S.pain_today_high - 1).reason != "pain-today"
    full = [seen(12 - 3 * i) for i in range(S.increase_after_sessions)]
    assert decided(full).reason == "increase"
    assert decided(full[1:]).reason == "sessions"
    quick = [seen(S.increase_min_days - 1 - i) for i in range(S.increase_after_sessions)]
    assert decided(quick).reason == "days"


# -- docs/architecture.md: modules and functions that exist --------------------------------


TOP = ("coach", "tests", "tools", "bench", "docs", "exercises", ".ci")
PATH = re.compile(rf"(?<![\w./~<>-])((?:{'|'.join(re.escape(t) for t in TOP)})/[\w./-]*)")
LINK = re.compile(r"\]\(([^)\s#]+)\)")


def exists(path: str, base: Path = ROOT) -> bool:
    """Whether `path` exists; a placeholder part in capitals (ID, NAME) stands for any."""
    path = path.rstrip(".,")
    if (base / path).exists():
        return True
    parts = [re.sub(r"^[A-Z]+(?=\.|$)", "*", part) for part in path.strip("/").split("/")]
    return "*" in "".join(parts) and any(base.glob("/".join(parts)))


def missing_paths(text: str, base: Path) -> list[str]:
    """Paths into the repository that `text` names (and links it makes) that do not exist."""
    named = [m.group(1) for m in PATH.finditer(text)]
    linked = [m.group(1) for m in LINK.finditer(text) if "://" not in m.group(1)]
    return [p for p in named if not exists(p)] + [p for p in linked if not exists(p, base)]


@pytest.mark.parametrize("doc", [README, ARCHITECTURE, PROGRESSION, EXERCISES_README], ids=str)
def test_every_path_exists(doc: Path) -> None:
    assert missing_paths(doc.read_text(encoding="utf-8"), doc.parent) == []


def test_architecture_bare_module_names_exist() -> None:
    """`files/stat_cache.py`, `cli.py`, and in the table a wing's `body.py`."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    missing = []
    for line in text.splitlines():
        wing = re.match(r"^\| `(\w+)` \|", line)
        for name in re.findall(r"`([\w/]+\.py)`", line):
            if name.startswith(TOP):
                continue
            where = ROOT / "coach" / (f"{wing.group(1)}/{name}" if wing else name)
            if not where.is_file():
                missing.append(name)
    assert missing == []


def defined(module: Path) -> set[str]:
    """The names a module defines at its top level (not the ones it imports)."""
    names = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def pairings(raw: str) -> list[tuple[str, str]]:
    """(module path, name) for "`path` (`a`, `b`)", the code block's "path ... (`a`)",
    "`a` in `path`" and "`A` (from `coach.x`)"."""
    found = []
    for match in re.finditer(r"(?m)^(coach/[\w/]+\.py) [^(\n]*\(([^)\n]*)\)", raw):
        found += [(match.group(1), n) for n in re.findall(r"`(\w+)`", match.group(2))]
    text = flat(raw)
    for match in re.finditer(r"`(coach/[\w/]+\.py)` \(([^)]*)\)", text):
        found += [(match.group(1), n) for n in re.findall(r"`(\w+)(?:\(\))?`", match.group(2))]
    for match in re.finditer(r"`(\w+)(?:\(\))?` in `(coach/[\w/]+\.py)`", text):
        found.append((match.group(2), match.group(1)))
    for match in re.finditer(r"`(\w+)` \(from `(coach(?:\.\w+)*)`\)", text):
        found.append((match.group(2).replace(".", "/") + ".py", match.group(1)))
    return found


def wrong_pairings(text: str) -> list[tuple[str, str]]:
    return [(m, n) for m, n in pairings(text) if n not in defined(ROOT / m)]


def test_architecture_names_functions_where_they_are_defined() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert len(pairings(text)) >= 10
    assert wrong_pairings(text) == []


def test_the_architecture_checks_can_fail() -> None:
    wrong = "`coach/domain/progression_rules.py` (`decide`, `step_up`) and `tools/nothing.py`"
    assert wrong_pairings(wrong) == [("coach/domain/progression_rules.py", "step_up")]
    assert missing_paths(wrong, ROOT) == ["tools/nothing.py"]
    assert missing_paths("`exercises/ID.toml`, `coach/commands/NAME.py`, [x](no.md)", ROOT) == [
        "no.md"
    ]


# -- counts ---------------------------------------------------------------------------------


def wings() -> set[str]:
    return {p.parent.name for p in (ROOT / "coach").glob("*/__init__.py")}


def test_the_wings_are_five() -> None:
    assert facts_hold(read(README), [(r"The package is {N} wings", (len(wings()),))]) == []
    architecture = ARCHITECTURE.read_text(encoding="utf-8")
    assert facts_hold(flat(architecture), [(r"one package in {N} wings", (len(wings()),))]) == []
    assert set(table(architecture, "")) == wings()
    arrows = re.search(r"`commands` → .*?`domain`", read(README))
    assert arrows and set(re.findall(r"`(\w+)`", arrows.group(0))) == wings()


def test_the_line_limits_of_the_architecture_test() -> None:
    from tests.test_architecture import CLI_MAX_LINES, MAX_LINES

    fact = (
        r"every module at {N} lines or fewer \(`cli.py` at {N} or fewer\)",
        (MAX_LINES, CLI_MAX_LINES),
    )
    assert facts_hold(read(ARCHITECTURE), [fact]) == []


class Counting(SimpleNamespace):
    """An asker that skips every question and counts them."""

    ended = False

    def ask(self, question: str, parse: Callable[[str], Any], default: str | None = None) -> Any:
        self.asked.append(question)
        return parse("")

    def optional_integer(self, question: str, low: int, high: int) -> None:
        self.asked.append(question)


def test_the_questions_the_readme_counts() -> None:
    from coach.domain.session_record import Answers
    from coach.live import session_questions

    before, after = Counting(asked=[]), Counting(asked=[])
    session_questions.before_session(
        before,  # type: ignore[arg-type]
        ("bird-dog", TODAY),
        lambda _b: None,
    )
    session_questions.after_exercise(after, "Bird-dog", Answers(), lambda: None)  # type: ignore[arg-type]
    symptoms = [q for q in after.asked if "(y/n" in q]
    said = [
        (r"A session starts with {N} short questions", (len(before.asked),)),
        (
            r"how hard it felt \(too easy, about right, too hard\), and {N} questions",
            (len(symptoms),),
        ),
    ]
    assert facts_hold(readme_section("Questions, and how the load grows"), said) == []


def test_the_sounds_and_the_countdown_the_readme_counts() -> None:
    from coach.domain.engine import EventKind
    from coach.domain.timeline import Kind as Phase
    from coach.live.cues import rings

    def bells(kind: Phase) -> int:
        event: Any = SimpleNamespace(kind=EventKind.PHASE, phase=SimpleNamespace(kind=kind))
        return rings(event)

    said = [
        (
            r"{N} bells? when a hold starts, {N} at the release, {N} to switch sides",
            (bells(Phase.HOLD), bells(Phase.RETURN), bells(Phase.SWITCH)),
        ),
        (r"before a hold or rest of {N} s or more ends", (COUNTDOWN_MIN_S,)),
    ]
    assert facts_hold(readme_section("During a session").replace("\n", " "), said) == []


def test_the_get_ready_seconds_and_limits() -> None:
    get_ready = (POSITION_CHANGE_S, GET_READY_S)
    readme = [(r"default {N} s when the # position changes, else {N} s", get_ready)]
    assert facts_hold(flat(README.read_text(encoding="utf-8")), readme) == []
    exercises = [
        (r"`get_ready_s = 20` \({N} to {N}\)", GET_READY_LIMIT),
        (r"coach allows {N} s when the position changes .* and {N} s otherwise", get_ready),
    ]
    text = read(EXERCISES_README)
    assert facts_hold(text, exercises) == []
    limits = dict(
        re.findall(r"^\| ([\w, ]+) \| (\d+ to \d+) \|$", EXERCISES_README.read_text(), re.M)
    )
    documented = {
        key.strip(): tuple(int(n) for n in span.split(" to "))
        for keys, span in limits.items()
        for key in keys.split(",")
    }
    assert documented == LIMITS


def test_the_built_in_programme_takes_about_twenty_minutes(run: Run) -> None:
    total = re.search(r"Total: (\d+) min(?: (\d+) s)?", run("start", "--dry-run").stdout)
    assert total
    minutes = round(int(total.group(1)) + int(total.group(2) or 0) / 60)
    said = [(r"3 × 10 per side, about {N} minutes", (minutes,))]
    assert facts_hold(read(README), said) == []


def test_the_break_reminder_interval() -> None:
    import inspect

    from coach.commands.breaks import breaks
    from coach.live.break_loop import BreakSettings

    every = inspect.signature(breaks).parameters["every"].default
    assert every == BreakSettings().every_min
    assert facts_hold(read(README), [(r"a reminder to walk every {N} minutes", (every,))]) == []


BENCH_DEFAULTS = [
    # (what the README says, the bench file, where its default is)
    (r"{N} definitions cold and warm", "startup.py", r"def definitions\(.*count: int = (\d+)"),
    (r"{N} years of history exports", "startup.py", r"len\(sys.argv\) > 2 else (\d+)"),
    (r"`next` and `progress` over {N} years", "history.py", r"len\(sys.argv\) > 1 else (\d+)"),
    (r"\({N} kill -9 during real sessions", "crash.py", r"len\(sys.argv\) > 1 else (\d+)"),
]


def test_the_benchmark_figures() -> None:
    readme = read(README)
    for said, bench, default in BENCH_DEFAULTS:
        source = (ROOT / "bench" / bench).read_text(encoding="utf-8")
        value = re.search(default, source)
        assert value, (bench, default)
        assert facts_hold(readme, [(said, (int(value.group(1)),))]) == [], bench
    timer = re.search(
        r"plan\(float\(args\[0\]\) if args else ([\d.]+)\)", (ROOT / "bench/timer.py").read_text()
    )
    assert timer
    assert (
        facts_hold(readme, [(r"a real {N}-minute session", (round(float(timer.group(1)) / 60),))])
        == []
    )


def test_the_python_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lowest = re.fullmatch(r">=\s*3\.(\d+)", project["requires-python"])
    assert lowest
    said = [(r"Both need Python 3\.{N} or newer", (int(lowest.group(1)),))]
    assert facts_hold(read(README), said) == []
