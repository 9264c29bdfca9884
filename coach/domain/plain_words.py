"""Domain objects and progression decisions in plain words, translated, for every output."""

from __future__ import annotations

from datetime import date

from coach.domain.model import (
    SIDES,
    WEEKDAYS,
    Dosage,
    Exercise,
    Level,
    Pose,
    Programme,
    ProgrammeExercise,
    Sides,
)
from coach.domain.progression_rules import Decision
from coach.domain.seen import Kind
from coach.i18n import N_, _, language, ngettext

TIMES = "×"

# How the back was the morning after a session, and what got in the way of a week's plan.
MORNINGS = {"better": N_("better"), "same": N_("the same"), "worse": N_("worse")}
OBSTACLES = {
    "time": N_("no time"),
    "pain": N_("pain"),
    "forgot": N_("forgot"),
    "motivation": N_("motivation"),
    "other": N_("something else"),
}


_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def short_date(day: date) -> str:
    """ "3 Nov" / "3 nov": day and month, as a person writes it."""
    month = _(_MONTHS[day.month - 1])
    return f"{day.day} {month}"


def long_date(day: date) -> str:
    """ "3 Nov 2026" / "3 nov 2026"."""
    return f"{short_date(day)} {day.year}"


def week_of(monday: date) -> str:
    """ "week of 3 Nov" / "week van 3 nov": a week by the date of its Monday."""
    return _("week of {day}").format(day=short_date(monday))


def seconds(value: int) -> str:
    """A duration as a person says it: "45 s", "10 min", "1 min 30 s"."""
    minutes, secs = divmod(value, 60)
    if minutes and secs:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=secs)
    if minutes:
        return _("{minutes} min").format(minutes=minutes)
    return _("{seconds} s").format(seconds=secs)


def sides_word(sides: Sides) -> str:
    return _(SIDES[sides])


def volume(dosage: Dosage) -> str:
    """The core figures: "3 × 10 per side", "2 × 8", or "10 min" for a time-based exercise."""
    if dosage.duration_s is not None:
        return seconds(dosage.duration_s)
    base = f"{dosage.sets} {TIMES} {dosage.reps}"
    if dosage.sides is Sides.NONE:
        return base
    return _("{sets_reps} per side").format(sets_reps=base)


def dosage_short(dosage: Dosage) -> str:
    """Figures only, for tables: "3 × 10 per side, hold 3 s"."""
    if dosage.hold_s and dosage.duration_s is None:
        return _("{volume}, hold {duration}").format(
            volume=volume(dosage), duration=seconds(dosage.hold_s)
        )
    return volume(dosage)


def dosage_line(dosage: Dosage) -> str:
    """The whole dosage in one line: "3 × 10 per side, alternating, hold 3 s, rest 60 s"."""
    parts = [volume(dosage)]
    if dosage.duration_s is not None:
        if dosage.halfway_cue:
            parts.append(_("halfway cue"))
    else:
        if dosage.sides is not Sides.NONE:
            parts.append(sides_word(dosage.sides))
        if dosage.hold_s:
            parts.append(_("hold {duration}").format(duration=seconds(dosage.hold_s)))
        if dosage.sets > 1 and dosage.rest_between_sets_s:
            parts.append(_("rest {duration}").format(duration=seconds(dosage.rest_between_sets_s)))
    return ", ".join(parts)


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" (the same shape in Dutch with "en")."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def weekdays(days: tuple[str, ...]) -> str:
    """ "Monday, Wednesday and Friday" ("maandag, woensdag en vrijdag")."""
    return join_words([_(WEEKDAYS[day]) for day in days])


def frequency(programme: Programme) -> str:
    """How often: "3 times a week" or "Monday, Wednesday and Friday"."""
    if programme.days:
        return weekdays(programme.days)
    count = programme.sessions_per_week
    return ngettext("{count} time a week", "{count} times a week", count).format(count=count)


def exercise_frequency(programme: Programme, entry: ProgrammeExercise) -> str:
    """How often this exercise: its own frequency when the therapist set one."""
    if entry.per_week is None:
        return frequency(programme)
    if entry.per_week == 7:
        return _("every day")
    return ngettext("{count} time a week", "{count} times a week", entry.per_week).format(
        count=entry.per_week
    )


HANDOUT_DISCLAIMER = N_(
    "This handout supports the advice of your own therapist and doctor; it does not "
    "replace it. Exercises can help, but no one can promise a cure."
)
OUTSIDE_RANGE = N_("Outside this level's usual range, as your therapist set it.")


def level_ranges(exercise: Exercise, level: Level) -> str:
    """A level's dosage ranges in figures: "2-3 × 6-10 per side, hold 3-5 s"."""
    if level.duration_s is not None:
        return f"{seconds(level.duration_s.low)} - {seconds(level.duration_s.high)}"
    parts = []
    if level.sets and level.reps:
        base = f"{level.sets.low}-{level.sets.high} {TIMES} {level.reps.low}-{level.reps.high}"
        sides = exercise.sides_at(level.number)
        parts.append(
            base if sides.value == "none" else _("{sets_reps} per side").format(sets_reps=base)
        )
    if level.hold_s and level.hold_s.high:
        parts.append(
            _("hold {duration}").format(duration=f"{level.hold_s.low}-{seconds(level.hold_s.high)}")
        )
    return ", ".join(parts)


def pain_line(day: date, before: int | None, during: int | None, morning: str | None) -> str:
    """ "2026-11-23, before 2, highest during 3, next morning: the same"."""
    parts = [day.isoformat()]
    if before is not None:
        parts.append(_("before {pain}").format(pain=before))
    if during is not None:
        parts.append(_("highest during {pain}").format(pain=during))
    if morning:
        parts.append(_("next morning: {answer}").format(answer=_(MORNINGS[morning])))
    return ", ".join(parts)


def change_words(exercise: Exercise, before: Dosage, after: Dosage) -> str:
    """What is different: "12 per side", "hold 5 s", "level 4: Opposite arm and leg, long hold"."""
    if after.level != before.level:
        variant = exercise.level(after.level).variant.get(language())
        return _("level {number} ({variant}), {dosage}").format(
            number=after.level, variant=variant, dosage=dosage_short(after)
        )
    parts = []
    if after.duration_s != before.duration_s and after.duration_s is not None:
        parts.append(seconds(after.duration_s))
    if after.reps != before.reps:
        if after.sides is Sides.NONE:
            parts.append(_("{count} reps").format(count=after.reps))
        else:
            parts.append(_("{count} per side").format(count=after.reps))
    if after.hold_s != before.hold_s:
        parts.append(_("hold {duration}").format(duration=seconds(after.hold_s)))
    if after.sets != before.sets:
        parts.append(ngettext("{count} set", "{count} sets", after.sets).format(count=after.sets))
    return ", ".join(parts) or dosage_short(after)


def _mornings(mornings: list[str]) -> str:
    if not mornings:
        return ""
    if mornings == ["same"]:
        return _(", and your back felt the same the next morning")
    if mornings == ["better"]:
        return _(", and your back felt better the next morning")
    return _(", and your back felt the same or better the next morning")


def explain(exercise: Exercise, decision: Decision) -> str:
    """The decision in plain words: what changes and why, with advice where it applies."""
    text = _explain(exercise, decision)
    f = decision.facts
    if f.get("locked") and decision.kind is Kind.DECREASE:
        text += " " + _(
            "Your therapist fixed this dosage, so tell them about it before your next session."
        )
    elif f.get("lowered") and decision.kind is Kind.KEEP:
        text += " " + _(
            "This is lower than the dosage your therapist fixed; it goes back up to that "
            "dosage step by step, never past it."
        )
    if f.get("advise") == "decreases":
        text += " " + _(
            "Your back has come down a step on {count} days within four weeks: contact your "
            "therapist or GP."
        ).format(count=f.get("decreases", 3))
    elif f.get("advise") == "rising":
        text += " " + _(
            "Your pain has kept going up over the last three weeks: contact your therapist or GP."
        )
    return text


# What a person reads for each reason (`increase` is put together in `_increase`).
# Placeholders: {name}, {dosage} (after the decision) and the decision's facts; {count} in
# `sessions` is the number of full sessions so far.
REASON_TEXTS = {
    "first": N_("{name}: {dosage}, as planned by your therapist."),
    "sessions": N_(
        "{name}: {dosage} for now. It goes up after {needed} full sessions at this "
        "dosage; done so far: {count}."
    ),
    "days": N_(
        "{name}: {dosage} for now. The load goes up at most once a week; it has been {days} days."
    ),
    "morning-wait": N_(
        "{name}: {dosage} for now, because your back felt worse the morning after a session."
    ),
    "effort": N_("{name}: {dosage} for now, because it felt too hard last time."),
    "ceiling": N_("{name}: {dosage}. This is the most your therapist has set for now."),
    "top": N_("{name}: {dosage}. You have reached the top of the ladder: keep it up."),
    "locked": N_("{name}: {dosage}, as fixed by your therapist."),
    "declined": N_("{name}: {dosage}; you chose to stay at this dosage for now."),
    "pain": N_(
        "{name}: one step lower, to {dosage}. The pain went up to {pain} out of 10 "
        "during a session; above {limit} the load goes down."
    ),
    "morning": N_(
        "{name}: one step lower, to {dosage}, because your back felt worse the "
        "morning after your last session."
    ),
    "break": N_("{name}: one step lower, to {dosage}, after a break of {days} days."),
    "restart": N_(
        "{name}: {dosage}. After a break of {days} days the count of full sessions starts again."
    ),
    "pain-today": N_(
        "{name}: {dosage}, no step up today, because your pain before the session is high."
    ),
    "lighter-today": N_(
        "{name}: one step lower for today only, to {dosage}, because your pain before "
        "the session is high."
    ),
    "rising": N_(
        "{name}: {dosage} for now, because your pain has gone up by {points} points or "
        "more over the last weeks."
    ),
    "sign-today": N_(
        "{name}: {dosage}, no step up today, because you reported a warning sign today."
    ),
    "nerve": N_(
        "{name}: {dosage} for now, no step up before {until}: after a new nerve symptom the "
        "load does not go up for a week."
    ),
    "advised": N_(
        "{name}: {dosage} for now. Your back has come down a step on {decreases} days within "
        "four weeks, so no step up today: talk to your therapist or GP first."
    ),
    "after-lighter": N_(
        "{name}: {dosage} for now. After a lighter day the load goes up again once your "
        "pain before a session has been back to usual {count} times."
    ),
}


def new_plan(since: date) -> str:
    """A new plan that carries what happened before it."""
    return _(
        "A new plan from your therapist. What happened with these exercises since {day} "
        "still counts, and a new plan starts at its own dosage."
    ).format(day=short_date(since))


SEEN_TODAY_TEXT = N_(
    "{name}: {dosage}, no step up today, the day a doctor has seen you about a warning sign."
)
FLOOR_TEXT = N_(
    "{name}: {dosage}, the lightest step already. If your back keeps getting "
    "worse, contact your therapist."
)
NO_LIGHTER_TEXT = N_(
    "{name}: {dosage}. The level below would be more work, so this is the lightest "
    "step for now. If your back keeps getting worse, contact your therapist."
)


def _explain(exercise: Exercise, decision: Decision) -> str:
    name = exercise.name.get(language())
    f = decision.facts
    if decision.reason == "increase":
        return _increase(exercise, decision, name)
    if decision.reason.endswith("-floor"):
        template = NO_LIGHTER_TEXT if f.get("no_lighter") else FLOOR_TEXT
    else:
        template = REASON_TEXTS.get(decision.reason, "{name}: {dosage}")
    values = {"count": f.get("sessions"), **f}
    if decision.reason == "sign-today" and f.get("seen"):
        template = SEEN_TODAY_TEXT
    if isinstance(until := f.get("until"), str):
        values["until"] = short_date(date.fromisoformat(until))
    return _(template).format(**values, name=name, dosage=dosage_short(decision.after))


def _increase(exercise: Exercise, decision: Decision, name: str) -> str:
    f = decision.facts
    head = (
        _("{name}: back up to {change} from today, towards the dosage your therapist fixed.")
        if f.get("home")
        else _("{name}: {change} from today.")
    ).format(name=name, change=change_words(exercise, decision.before, decision.after))
    if decision.step == "level" and (harder := exercise.level(decision.after.level).harder):
        head += " " + harder.get(language())
    if f.get("max_pain") is None:
        why = ngettext(
            "You did the whole exercise in your last session{mornings}.",
            "You did the whole exercise in your last {count} sessions{mornings}.",
            f["sessions"],
        ).format(count=f["sessions"], mornings=_mornings(f["mornings"]))
    else:
        why = ngettext(
            "In your last session the pain stayed at {pain} or lower{mornings}.",
            "In your last {count} sessions the pain stayed at {pain} or lower{mornings}.",
            f["sessions"],
        ).format(count=f["sessions"], pain=f["max_pain"], mornings=_mornings(f["mornings"]))
    return f"{head} {why}"


def position_names(pose: Pose, level: Level | None = None) -> tuple[str, str]:
    """The two pictures' captions: the positions' own names when the definition gives
    them; else the starting position, and the hold with its seconds at this level, so
    that a level that holds longer can be told by its picture."""
    if pose.labels is not None:
        first, second = pose.labels.get(language())[:2]
        return first, second
    hold = level.hold_s if level is not None else None
    if hold is not None and hold.high > 0:
        seconds = f"{hold.low}-{hold.high}" if hold.low != hold.high else str(hold.low)
        return _("Starting position"), _("Hold {seconds} s").format(seconds=seconds)
    return _("Starting position"), _("End position")
