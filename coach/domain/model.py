"""Typed, frozen model objects for exercises and programmes. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from coach.i18n import N_


def local_day(moment: datetime) -> date:
    """The calendar day of an aware moment where the person is (this machine's time zone):
    "7 days" and "four weeks" are counted in these, so a clock change makes no day short."""
    return moment.astimezone().date()


SCHEMA_VERSION = 1


class Sides(StrEnum):
    NONE = "none"
    ALTERNATE = "alternate"  # left and right take turns, rep by rep
    EACH = "each"  # all reps on one side, then the other


class Position(StrEnum):
    FLOOR = "floor"
    STANDING = "standing"
    CHAIR = "chair"


# Controlled vocabularies: validated in files, translated where shown.
EQUIPMENT = {
    "mat": N_("mat"),
    "chair": N_("chair"),
    "wall": N_("wall"),
    "towel": N_("towel"),
    "pillow": N_("pillow"),
    "step": N_("step"),
}
REGIONS = {
    "back": N_("back"),
    "gluteal": N_("gluteal"),
    "core": N_("core"),
    "abdominal": N_("abdominal"),
    "hip": N_("hip"),
    "hamstrings": N_("hamstrings"),
    "whole-body": N_("whole body"),
}
POSITIONS = {
    Position.FLOOR: N_("floor"),
    Position.STANDING: N_("standing"),
    Position.CHAIR: N_("chair"),
}
SIDES = {
    Sides.NONE: N_("no sides"),
    Sides.ALTERNATE: N_("alternating sides"),
    Sides.EACH: N_("each side in turn"),
}
WEEKDAYS = {
    "mon": N_("Monday"),
    "tue": N_("Tuesday"),
    "wed": N_("Wednesday"),
    "thu": N_("Thursday"),
    "fri": N_("Friday"),
    "sat": N_("Saturday"),
    "sun": N_("Sunday"),
}
# Dutch day abbreviations, accepted wherever days are typed.
DAY_ALIASES = {
    "ma": "mon",
    "di": "tue",
    "wo": "wed",
    "do": "thu",
    "vr": "fri",
    "za": "sat",
    "zo": "sun",
}
PROPS = ("none", "floor", "mat", "chair", "armchair", "lowchair", "wall", "stick")
# Where the chest faces in the picture; "viewer" for a figure drawn from the front.
FRONTS = {
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up": (0.0, 1.0),
    "down": (0.0, -1.0),
    "viewer": (0.0, 0.0),
}
POSE_POINTS = ("head", "shoulder", "elbow", "hand", "hip", "knee", "foot")
POSE_FAR_POINTS = (
    "elbow_far",
    "hand_far",
    "knee_far",
    "foot_far",
    "back",
    "shoulder_far",
    "hip_far",
)
# How the picture looks at the body: from the side (the default; a figure facing the viewer
# is drawn from the front), or from above, for a turn around the body's long axis.
VIEWS = ("side", "top")
ARROWS = ("one", "both", "none")
# The phases an exercise's own cue words can be given for.
CUE_PHASES = ("move", "hold", "return")


@dataclass(frozen=True)
class LocalText:
    """A text in Dutch and English."""

    nl: str
    en: str

    @classmethod
    def same(cls, text: str) -> LocalText:
        return cls(nl=text, en=text)

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class LocalList:
    """A list of texts (steps, mistakes) in Dutch and English, of equal length."""

    nl: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Range:
    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


_FIGURES = ("level", "sets", "reps", "hold_s", "duration_s")  # Dosage.figures() and back


@dataclass(frozen=True)
class Dosage:
    """How much of an exercise: repetitions, or a duration for time-based exercises."""

    level: int
    sets: int = 1
    reps: int | None = None
    sides: Sides = Sides.NONE
    hold_s: int = 0
    move_s: int = 0
    return_s: int = 0
    rest_between_sets_s: int = 0
    rest_after_s: int = 0
    duration_s: int | None = None
    halfway_cue: bool = False

    @property
    def timed(self) -> bool:
        return self.duration_s is not None

    def figures(self) -> dict[str, Any]:
        """Its figures for JSON (`exercises list --json`, the practice view and its store)."""
        return {k: getattr(self, k) for k in _FIGURES} | {"sides": self.sides.value}

    @classmethod
    def from_figures(cls, figures: Mapping[str, Any]) -> Dosage:
        """The dosage `figures()` gave."""
        return cls(**{k: figures[k] for k in _FIGURES}, sides=Sides(figures["sides"]))


@dataclass(frozen=True)
class Level:
    """One rung of the ladder: a variant and its dosage ranges."""

    number: int
    variant: LocalText
    changes: LocalText
    sets: Range | None = None
    reps: Range | None = None
    hold_s: Range | None = None
    duration_s: Range | None = None
    sides: Sides | None = None
    pose: Pose | None = None  # this level's own pictures; None: the exercise's
    cues: CueWords | None = None  # this level's own cue words, over the exercise's
    # Why the level's start is still a step up when it is less work per side than the
    # top of the level below (more than 25% less: see coach/domain/ladder.py).
    harder: LocalText | None = None


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Pose:
    """Key points of the start and end positions, for the pictures on paper and on screen."""

    prop: str
    start: Mapping[str, Point]
    end: Mapping[str, Point]
    front: str = "left"
    view: str = "side"
    side: str | None = None  # the side the picture shows at work; the other side is mirrored
    labels: LocalList | None = None  # the two positions' own names, instead of start and end
    arrow: str = "one"  # the movement's arrow: "one" way, "both" ways (to and fro), "none"
    arrow_at: tuple[str, ...] = ()  # the points the arrows follow; (): the hands and feet


@dataclass(frozen=True)
class CueWords:
    """An exercise's own words per phase, and per side: "right arm and left leg"."""

    words: Mapping[str, LocalText]  # "move", or "left.move" for one side only

    def get(self, phase: str, side: str | None) -> LocalText | None:
        if side is not None and f"{side}.{phase}" in self.words:
            return self.words[f"{side}.{phase}"]
        return self.words.get(phase)

    def over(self, base: CueWords | None) -> CueWords:
        """These words, with `base`'s for what they leave out. A phase these words give for
        both sides is theirs on each side too."""
        kept = {
            key: text
            for key, text in (base.words if base else {}).items()
            if key.split(".")[-1] not in self.words
        }
        return CueWords({**kept, **self.words})


@dataclass(frozen=True)
class Exercise:
    id: str
    name: LocalText
    summary: LocalText
    purpose: LocalText
    start_position: LocalText
    steps: LocalList
    feel: LocalText
    mistakes: LocalList
    stop: LocalText
    position: Position
    equipment: tuple[str, ...]
    region: tuple[str, ...]
    dosage: Dosage
    levels: tuple[Level, ...]
    sources: tuple[str, ...]
    pose: Pose | None = None
    source_file: Path | None = None
    get_ready_s: int | None = None  # time to get into the starting position; None: by position
    cues: CueWords | None = None

    def pose_at(self, number: int) -> Pose | None:
        """The pictures of a level: its own, else the exercise's."""
        return self.level(number).pose or self.pose

    def cues_at(self, number: int) -> CueWords | None:
        own = self.level(number).cues
        return own.over(self.cues) if own else self.cues

    @property
    def timed(self) -> bool:
        return self.dosage.timed

    def level(self, number: int) -> Level:
        return self.levels[number - 1]

    def sides_at(self, number: int) -> Sides:
        return self.level(number).sides or self.dosage.sides

    def start_dosage(self, number: int) -> Dosage:
        """The dosage a level starts at: the low end of each of its ranges."""
        lvl = self.level(number)
        d = self.dosage
        return Dosage(
            level=number,
            sets=lvl.sets.low if lvl.sets else d.sets,
            reps=lvl.reps.low if lvl.reps else d.reps,
            sides=self.sides_at(number),
            hold_s=lvl.hold_s.low if lvl.hold_s else d.hold_s,
            move_s=d.move_s,
            return_s=d.return_s,
            rest_between_sets_s=d.rest_between_sets_s,
            rest_after_s=d.rest_after_s,
            duration_s=lvl.duration_s.low if lvl.duration_s else d.duration_s,
            halfway_cue=d.halfway_cue,
        )


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    practice: str | None = None
    phone: str | None = None
    email: str | None = None
    recipient: str | None = None  # the therapist's age public key: exports are sealed to it


FULL_PERCENT = 80  # of the planned reps: a full session (docs/progression.md)


@dataclass(frozen=True)
class ProgressionSettings:
    """Parameters of the progression rules (the rules themselves live in code).

    Defaults follow the pain-monitoring model (pain during exercise may reach 5/10;
    Thomee 1997, Silbernagel 2007) and time-contingent graded activity (no increase
    within a week; Lindstrom 1992, NHS back pain leaflets).
    """

    pain_during_max: int = 5  # pain during above this: one step down next time
    pain_stop: int = 8  # pain during at or above this: stop the session
    increase_after_sessions: int = 3  # full sessions at one dosage before a step up
    increase_min_days: int = 7  # days at one dosage before a step up
    decrease_after_worse_mornings: int = 1  # worse next mornings in a row: one step down
    resume_lower_after_days: int = 14  # a break this long: one step down
    restart_after_days: int = 7  # a break this long: the count of full sessions restarts
    full_session_percent: int = FULL_PERCENT  # share of the planned reps: a full session
    pain_today_high: int = 7  # pain before a session at or above this: no increase today
    pain_today_jump: int = 3  # ... or this much above the usual (median of the last three)
    rising_pain_points: int = 2  # weekly mean pain up this much in 2-3 weeks: no increase
    reps_step: int = 2
    hold_step_s: int = 2
    sets_step: int = 1
    duration_step_s: int = 120


@dataclass(frozen=True)
class Ceiling:
    """The most a therapist allows for one exercise; None means the ladder's top."""

    level: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None


@dataclass(frozen=True)
class ProgrammeExercise:
    exercise: Exercise
    dosage: Dosage  # the exercise's defaults with the programme's overrides applied
    lock: bool = False
    ceiling: Ceiling = field(default_factory=Ceiling)
    note: LocalText | None = None  # the therapist's words for this person and exercise
    per_week: int | None = None  # how often this exercise (7: every day); None: every session
    video: str | None = None  # an http(s) address of a video of it
    outside_range: bool = False  # the therapist set a dosage outside the level's range
    get_ready_s: int | None = None  # the therapist's time to get into position


@dataclass(frozen=True)
class Programme:
    title: LocalText
    exercises: tuple[ProgrammeExercise, ...]
    sessions_per_week: int
    start: date | None = None
    days: tuple[str, ...] = ()  # named weekdays ("mon", ...), or () for a weekly count
    patient: str | None = None
    patient_id: str | None = None  # made with the programme: how a practice knows the patient
    therapist: Contact | None = None
    agreed: date | None = None
    notes: LocalText | None = None
    progression: ProgressionSettings = field(default_factory=ProgressionSettings)
    source_file: Path | None = None
    lang: str | None = None  # the language the therapist chose for this person
    logo: Path | None = None  # the practice's logo (PNG or SVG), printed in the header
    activities: tuple[str, ...] = ()  # [[outcomes.activity]]: what the back makes hard


KNEE_TOLERANCE = 1.0  # canvas units a knee may sit behind the hip-foot line (drawing slack)


def knee_backwards(points: Mapping[str, Point], front: str, far: bool = False) -> bool:
    """Whether a knee points backwards: behind the line from hip to foot, against the front."""
    fx, fy = FRONTS[front]
    knee = points.get("knee_far" if far else "knee")
    foot = points.get("foot_far" if far else "foot")
    hip = points.get("hip_far" if far and "hip_far" in points else "hip")
    if (fx, fy) == (0.0, 0.0) or knee is None or foot is None or hip is None:
        return False
    # The knee's offset from the hip-foot line, measured along the front direction.
    lx, ly = foot.x - hip.x, foot.y - hip.y
    length_sq = lx * lx + ly * ly or 1.0
    t = ((knee.x - hip.x) * lx + (knee.y - hip.y) * ly) / length_sq
    ox, oy = knee.x - (hip.x + t * lx), knee.y - (hip.y + t * ly)
    return ox * fx + oy * fy < -KNEE_TOLERANCE
