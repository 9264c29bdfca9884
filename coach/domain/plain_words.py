"""Domain objects and progression decisions in plain words, translated, for every output."""

from __future__ import annotations

from datetime import date

from coach.domain.model import SIDES, WEEKDAYS, Dosage, Exercise, Level, Programme, Sides
from coach.domain.progression_rules import Decision, Kind
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


def frequency(programme: Programme) -> str:
    """How often: "3 times a week" or "Monday, Wednesday and Friday"."""
    if programme.days:
        return join_words([_(WEEKDAYS[day]) for day in programme.days])
    count = programme.sessions_per_week
    return ngettext("{count} time a week", "{count} times a week", count).format(count=count)


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
    if f.get("advise") == "decreases":
        text += " " + _(
            "This is the third step down within four weeks: contact your therapist or GP."
        )
    elif f.get("advise") == "rising":
        text += " " + _(
            "Your pain has kept going up over the last three weeks: contact your therapist or GP."
        )
    return text


def _explain(exercise: Exercise, decision: Decision) -> str:
    name = exercise.name.get(language())
    f = decision.facts
    now = dosage_short(decision.after)
    match decision.reason:
        case "increase":
            head = _("{name}: {change} from today.").format(
                name=name, change=change_words(exercise, decision.before, decision.after)
            )
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
        case "first":
            return _("{name}: {dosage}, as planned by your therapist.").format(
                name=name, dosage=now
            )
        case "sessions":
            return _(
                "{name}: {dosage} for now. It goes up after {needed} full sessions at this "
                "dosage; done so far: {count}."
            ).format(name=name, dosage=now, needed=f["needed"], count=f["sessions"])
        case "days":
            return _(
                "{name}: {dosage} for now. The load goes up at most once a week; it has been "
                "{days} days."
            ).format(name=name, dosage=now, days=f["days"])
        case "morning-wait":
            return _(
                "{name}: {dosage} for now, because your back felt worse the morning after a "
                "session."
            ).format(name=name, dosage=now)
        case "effort":
            return _("{name}: {dosage} for now, because it felt too hard last time.").format(
                name=name, dosage=now
            )
        case "ceiling":
            return _("{name}: {dosage}. This is the most your therapist has set for now.").format(
                name=name, dosage=now
            )
        case "top":
            return _(
                "{name}: {dosage}. You have reached the top of the ladder: keep it up."
            ).format(name=name, dosage=now)
        case "locked":
            return _("{name}: {dosage}, as fixed by your therapist.").format(name=name, dosage=now)
        case "declined":
            return _("{name}: {dosage}; you chose to stay at this dosage for now.").format(
                name=name, dosage=now
            )
        case "pain":
            return _(
                "{name}: one step lower, to {dosage}. The pain went up to {pain} out of 10 "
                "during a session; above {limit} the load goes down."
            ).format(name=name, dosage=now, pain=f["pain"], limit=f["limit"])
        case "morning":
            return _(
                "{name}: one step lower, to {dosage}, because your back felt worse the "
                "morning after your last session."
            ).format(name=name, dosage=now)
        case "break":
            return _("{name}: one step lower, to {dosage}, after a break of {days} days.").format(
                name=name, dosage=now, days=f["days"]
            )
        case "restart":
            return _(
                "{name}: {dosage}. After a break of {days} days the count of full sessions "
                "starts again."
            ).format(name=name, dosage=now, days=f["days"])
        case "pain-today":
            return _(
                "{name}: {dosage}, no step up today, because your pain before the session is high."
            ).format(name=name, dosage=now)
        case "lighter-today":
            return _(
                "{name}: one step lower for today only, to {dosage}, because your pain before "
                "the session is high."
            ).format(name=name, dosage=now)
        case "rising":
            return _(
                "{name}: {dosage} for now, because your pain has gone up by {points} points or "
                "more over the last weeks."
            ).format(name=name, dosage=now, points=f["points"])
        case "pain-floor" | "morning-floor" | "break-floor" if f.get("no_lighter"):
            return _(
                "{name}: {dosage}. The level below would be more work, so this is the lightest "
                "step for now. If your back keeps getting worse, contact your therapist."
            ).format(name=name, dosage=now)
        case "pain-floor" | "morning-floor" | "break-floor":
            return _(
                "{name}: {dosage}, the lightest step already. If your back keeps getting "
                "worse, contact your therapist."
            ).format(name=name, dosage=now)
    return f"{name}: {now}"
