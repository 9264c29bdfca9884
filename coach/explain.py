"""A progression decision in plain words, in the current language."""

from __future__ import annotations

from coach import words
from coach.i18n import _, language, ngettext
from coach.model import Dosage, Exercise, Sides
from coach.progression import Decision


def change_words(exercise: Exercise, before: Dosage, after: Dosage) -> str:
    """What is different: "12 per side", "hold 5 s", "level 4: Opposite arm and leg, long hold"."""
    if after.level != before.level:
        variant = exercise.level(after.level).variant.get(language())
        return _("level {number} ({variant}), {dosage}").format(
            number=after.level, variant=variant, dosage=words.dosage_short(after)
        )
    parts = []
    if after.duration_s != before.duration_s and after.duration_s is not None:
        parts.append(words.seconds(after.duration_s))
    if after.reps != before.reps:
        if after.sides is Sides.NONE:
            parts.append(_("{count} reps").format(count=after.reps))
        else:
            parts.append(_("{count} per side").format(count=after.reps))
    if after.hold_s != before.hold_s:
        parts.append(_("hold {duration}").format(duration=words.seconds(after.hold_s)))
    if after.sets != before.sets:
        parts.append(ngettext("{count} set", "{count} sets", after.sets).format(count=after.sets))
    return ", ".join(parts) or words.dosage_short(after)


def _mornings(mornings: list[str]) -> str:
    if not mornings:
        return ""
    if mornings == ["same"]:
        return _(", and your back felt the same the next morning")
    if mornings == ["better"]:
        return _(", and your back felt better the next morning")
    return _(", and your back felt the same or better the next morning")


def explain(exercise: Exercise, decision: Decision) -> str:
    name = exercise.name.get(language())
    f = decision.facts
    now = words.dosage_short(decision.after)
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
            return _("{name}: {dosage}, as your therapist planned.").format(name=name, dosage=now)
        case "sessions":
            return _(
                "{name}: {dosage} for now. It goes up after {needed} complete sessions at "
                "this dosage; done so far: {count}."
            ).format(name=name, dosage=now, needed=f["needed"], count=f["sessions"])
        case "days":
            return _(
                "{name}: {dosage} for now. Load goes up at most once a week; it has been "
                "{days} days."
            ).format(name=name, dosage=now, days=f["days"])
        case "morning":
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
                "{name}: one step lower, to {dosage}. The pain went up to {pain} during a "
                "session, above {limit}."
            ).format(name=name, dosage=now, pain=f["pain"], limit=f["limit"])
        case "mornings":
            return _(
                "{name}: one step lower, to {dosage}. Your back felt worse the next morning "
                "after {count} sessions in a row."
            ).format(name=name, dosage=now, count=f["count"])
        case "break":
            return _("{name}: one step lower, to {dosage}, after a break of {days} days.").format(
                name=name, dosage=now, days=f["days"]
            )
        case "pain-floor" | "mornings-floor" | "break-floor":
            return _(
                "{name}: {dosage}, the lightest step already. If your back keeps getting "
                "worse, contact your therapist."
            ).format(name=name, dosage=now)
    return f"{name}: {now}"
