"""The outcome measures the Dutch guideline asks for: the person's own activities, the
average pain over the last week and the global perceived effect. Pure.

The activities are scored the Dutch way (PSK): 0 means as easy as before the back pain,
10 means impossible, so a lower score is better. The pain is the NRS, 0 (none) to 10
(worst imaginable), the average over the last week. The global effect is one question on
a 7-point scale. Every question can be skipped. None of them changes the load: a worsening
beyond the smallest change that counts only advises contact with the therapist
(docs/outcomes.md).

Each is asked at the start and then once a week. What a screen, the report and the advice
say about a change comes from one place, `changes`: the measure, its start and latest
score, and whether the change is at least the smallest change that counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from coach.domain import plain_words
from coach.i18n import N_, _, language, ngettext

if TYPE_CHECKING:
    from coach.domain.session_record import SessionRecord

MAX_ACTIVITIES = 3  # PSK/PSFS: up to three activities the person finds hard
ACTIVITY_CHARS = 80  # an activity in a few words, as it fits a line of the report
# The smallest changes that count (docs/outcomes.md).
ACTIVITY_CHANGE = 3  # one activity: about 3 points (Stratford 1995; Horn 2012)
MEAN_CHANGE = 2  # the mean of the activities: about 2 points (Stratford 1995; Horn 2012)
PAIN_CHANGE = 2  # NRS: 2 points (Childs 2005) ...
PAIN_PERCENT = 30  # ... or 30% of the start for a decrease (Ostelo 2008)
# The sources of those figures, named where they are shown (docs/outcomes.md).
ACTIVITY_SOURCES = "Stratford 1995; Horn 2012"
PAIN_SOURCES = "Childs 2005; Ostelo 2008"
EFFECT_SOURCE = "Verburg 2019"
EFFECT_AFTER_DAYS = 7  # the global effect is asked from the second week on

START, WEEK = "start", "week"

# The global perceived effect, best first: 7 points from "completely recovered" to
# "much worse", in our own words (Verburg 2019: part of the Dutch outcome set).
EFFECTS = {
    "recovered": N_("completely recovered"),
    "much-better": N_("much better"),
    "little-better": N_("a little better"),
    "same": N_("no change"),
    "little-worse": N_("a little worse"),
    "worse": N_("worse"),
    "much-worse": N_("much worse"),
}
EFFECT_IDS = tuple(EFFECTS)
IMPROVED = ("recovered", "much-better")  # "improved" in the Dutch outcome set
MUCH_WORSE = "much-worse"


@dataclass
class Score:
    """One activity and its score, 0-10; None when the question was skipped."""

    activity: str
    score: int | None = None


@dataclass
class Outcomes:
    """The outcome answers given at the start of one session."""

    kind: str  # START: the first measurement (or of activities new in the plan); WEEK
    activities: list[Score] = field(default_factory=list)
    pain_week: int | None = None  # the average pain over the last week, 0-10
    effect: str | None = None  # one of EFFECT_IDS


@dataclass(frozen=True)
class Ask:
    """What to ask before today's session."""

    kind: str
    activities: tuple[str, ...]  # to score
    name: bool = False  # ask the person to name their activities first
    pain: bool = True
    effect: bool = False


def same(a: str, b: str) -> bool:
    """An activity is known by its words, whatever their case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


Answer = tuple[date, Outcomes]  # the outcome answers given before a session, and its day


def answers(records: Iterable[SessionRecord]) -> list[Answer]:
    """The outcome answers in `records` (oldest first), with the day of each session."""
    return [(r.day, r.outcomes) for r in records if r.outcomes is not None]


def named(answered: Sequence[Answer]) -> tuple[str, ...]:
    """The activities the person named themselves at a check-in, the latest naming."""
    for _day, o in reversed(answered):
        if o.kind == WEEK and o.activities:
            return tuple(s.activity for s in o.activities)
    return ()


def to_ask(answered: Sequence[Answer], planned: Sequence[str], today: date) -> Ask | None:
    """The outcome questions due today. `answered`: every outcome answer so far, oldest
    first; `planned`: the programme's activities. None: none due.

    The start, at the first session; then once a week, at the first session of a week
    (Monday to Sunday) without outcome answers, whether or not the weekly check-in looks
    back (after a week off it does not, and that is when a measure matters most)."""
    asked = [s.activity for _day, o in answered for s in o.activities]
    if not answered:
        return Ask(START, tuple(planned))
    week = today - timedelta(days=today.weekday())
    if all(day < week for day, _o in answered):
        first = answered[0][0]
        ever_week = any(o.kind == WEEK for _day, o in answered)
        own = tuple(planned) or named(answered)
        return Ask(
            WEEK,
            own,
            name=not own and not ever_week,
            effect=(today - first).days >= EFFECT_AFTER_DAYS,
        )
    new = tuple(a for a in planned if not any(same(a, b) for b in asked))
    if new:  # activities a new plan added: their start, without the other questions
        return Ask(START, new, pain=False)
    return None


@dataclass(frozen=True)
class Series:
    """One measure over time: the scores given, oldest first."""

    name: str
    points: tuple[tuple[date, int], ...]

    @property
    def start(self) -> int:
        return self.points[0][1]

    @property
    def now(self) -> int:
        return self.points[-1][1]

    @property
    def change(self) -> int:
        return self.now - self.start


@dataclass(frozen=True)
class Course:
    """Every outcome answer so far."""

    activities: tuple[Series, ...]  # every activity ever scored: its history
    current: tuple[str, ...]  # the activities asked most recently: those that are judged
    pain: Series | None
    effects: tuple[tuple[date, str], ...]
    answers: tuple[Answer, ...]  # each session's answers, oldest first

    @property
    def empty(self) -> bool:
        return not self.activities and self.pain is None and not self.effects

    @property
    def effect(self) -> tuple[date, str] | None:
        return self.effects[-1] if self.effects else None

    @property
    def judged(self) -> tuple[Series, ...]:
        """The activities asked most recently: one the plan dropped is history, not a flag."""
        return tuple(s for s in self.activities if any(same(s.name, n) for n in self.current))

    def mean(self) -> tuple[float, float] | None:
        """The mean of the current activities at the start and now, over those scored more
        than once (a mean of different activities would compare nothing); None for fewer
        than two."""
        both = [s for s in self.judged if len(s.points) > 1]
        if len(both) < 2:  # the mean of one activity is that activity: its own threshold
            return None
        return sum(s.start for s in both) / len(both), sum(s.now for s in both) / len(both)


def course(answered: Sequence[Answer]) -> Course:
    """The course of every outcome answer so far (oldest first)."""
    names: list[str] = []
    scores: dict[str, list[tuple[date, int]]] = {}
    for day, o in answered:
        for s in o.activities:
            key = next((n for n in names if same(n, s.activity)), None)
            if key is None:
                key = s.activity
                names.append(key)
                scores[key] = []
            if s.score is not None:
                scores[key].append((day, s.score))
    pain = tuple((day, o.pain_week) for day, o in answered if o.pain_week is not None)
    latest = next((o.activities for _day, o in reversed(answered) if o.activities), [])
    return Course(
        activities=tuple(Series(n, tuple(scores[n])) for n in names if scores[n]),
        current=tuple(s.activity for s in latest),
        pain=Series(_("Average pain over a week"), pain) if pain else None,
        effects=tuple((day, o.effect) for day, o in answered if o.effect is not None),
        answers=tuple(answered),
    )


# What a change means, against the smallest change that counts.


def activity_counts(change: float, threshold: float = ACTIVITY_CHANGE) -> bool:
    return abs(change) >= threshold - 1e-9


def pain_counts(start: int, now: int) -> bool:
    """A decrease of 2 points or 30% of the start; an increase of 2 points (30% of a low
    start is less than a point a person can tell apart, so a rise needs the 2 points)."""
    change = now - start
    if change <= -PAIN_CHANGE or change >= PAIN_CHANGE:
        return True
    return change < 0 and -change * 100 >= PAIN_PERCENT * start


def verdict(change: float, counts: bool, threshold: str) -> str:
    """A change in words (lower is better): which way, by how much, and whether it is
    at least the smallest change that counts (`threshold`, in words)."""
    if abs(change) < 1e-9:
        return _("no change")
    amount = points(abs(change))
    if change < 0:
        text = (
            _("{amount} better: a real change (it takes {threshold})")
            if counts
            else _("{amount} better: less than the {threshold} a real change takes")
        )
    else:
        text = (
            _("{amount} worse: a real change (it takes {threshold})")
            if counts
            else _("{amount} worse: less than the {threshold} a real change takes")
        )
    return text.format(amount=amount, threshold=threshold)


def points(value: float) -> str:
    """ "1 point", "3 points", "1.3 points"."""
    whole = abs(value - round(value)) < 1e-9
    return ngettext("{n} point", "{n} points", round(value) if whole else 2).format(n=number(value))


def activity_threshold() -> str:
    return points(ACTIVITY_CHANGE)


def mean_threshold() -> str:
    return points(MEAN_CHANGE)


def pain_threshold(change: float = -1) -> str:
    """What a change in pain takes: a fall 2 points or 30%, a rise the full 2 points."""
    if change > 0:
        return points(PAIN_CHANGE)
    return _("{points} or {percent}%").format(points=points(PAIN_CHANGE), percent=PAIN_PERCENT)


def number(value: float) -> str:
    """A score as people write it: 4, 4.3 (4,3 in Dutch)."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language() == "nl" else text


def signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value).replace("-", "−")


@dataclass(frozen=True)
class Change:
    """One measure from its start to its latest score, judged against the smallest change
    that counts. `kind`: "activity", "mean" or "pain"."""

    kind: str
    name: str
    start: float
    now: float
    counts: bool  # at least the smallest change that counts
    threshold: str  # what a real change takes, in words
    points: tuple[tuple[date, int], ...] = ()  # the answers (none for the mean)
    stale: date | None = None  # the latest score's day, when older than the latest answers
    judged: bool = True  # an activity asked most recently (a dropped one is history)

    @property
    def change(self) -> float:
        return self.now - self.start

    @property
    def once(self) -> bool:
        """Scored once: a start, no change yet."""
        return self.kind != "mean" and len(self.points) < 2

    @property
    def worse(self) -> bool:
        return self.judged and not self.once and self.change > 0 and self.counts

    def now_words(self) -> str:
        """The latest score, with its day when it is older than the latest answers."""
        text = number(self.now)
        return text if self.stale is None else f"{text} ({plain_words.short_date(self.stale)})"


def changes(c: Course) -> list[Change]:
    """Every activity (the dropped ones too), the mean of the current ones, the average
    pain: each from its start to now, judged."""
    last = c.answers[-1][0] if c.answers else None

    def stale(s: Series) -> date | None:
        return s.points[-1][0] if s.points[-1][0] != last else None

    found = [
        Change(
            "activity",
            s.name,
            s.start,
            s.now,
            activity_counts(s.change),
            activity_threshold(),
            s.points,
            stale(s),
            s in c.judged,
        )
        for s in c.activities
    ]
    mean = c.mean()
    if mean is not None:
        counts = activity_counts(mean[1] - mean[0], MEAN_CHANGE)
        found.append(Change("mean", _("Activities on average"), *mean, counts, mean_threshold()))
    if (p := c.pain) is not None:
        found.append(
            Change(
                "pain",
                p.name,
                p.start,
                p.now,
                pain_counts(p.start, p.now),
                pain_threshold(p.change),
                p.points,
                stale(p),
            )
        )
    return found


def worse(c: Course) -> list[str]:
    """Worsening beyond the smallest change that counts, in plain words, for the report's
    flags and `coach next`'s advice; never a change of load."""
    said = {
        "activity": _("{activity}: {start} → {now} out of 10, harder than at the start."),
        "mean": _("The activities on average: {start} → {now}, harder than at the start."),
        "pain": _("Average pain over a week: {start} → {now}, higher than at the start."),
    }
    found = [
        said[ch.kind].format(activity=ch.name, start=number(ch.start), now=number(ch.now))
        for ch in changes(c)
        if ch.worse
    ]
    if c.effect is not None and c.effect[1] == MUCH_WORSE:
        found.append(
            _("Overall on {day}: much worse than before the exercises.").format(
                day=plain_words.short_date(c.effect[0])
            )
        )
    return found


def effect_words(effect: str) -> str:
    return _(EFFECTS[effect])


def scale_words() -> str:
    """The direction of the activity scores, said wherever they are shown."""
    return _("0 = as easy as before your back pain, 10 = impossible")
