"""What a session says: phase names, "next up", event lines and spoken cues. Translated.

Shared by the full-screen view, plain mode, the dry run and the voice, so a
person hears and reads the same words everywhere.
"""

from __future__ import annotations

from coach.domain import plain_words
from coach.domain.engine import Event, EventKind
from coach.domain.timeline import Kind, Phase, Side, Timeline
from coach.i18n import N_, _, language

_PHASES = {
    Kind.GET_READY: N_("Get ready"),
    Kind.MOVE: N_("Move into position"),
    Kind.HOLD: N_("Hold"),
    Kind.RETURN: N_("Back to the start"),
    Kind.SWITCH: N_("Switch sides"),
    Kind.REST: N_("Rest"),
    Kind.TIMED: N_("Keep going"),
}
# The stop question in plain mode, and its second one before anything is thrown away.
CONFIRM_LINE = N_("Stop the session? Enter or y: keep what you did, n: throw it away, Esc: go on")
DISCARD_LINE = N_("Throw away what you did today? y: yes, throw it away; any other key: no")
_SIDE_SPOKEN = {Side.LEFT: N_("left side"), Side.RIGHT: N_("right side")}
_SIDES = {Side.LEFT: N_("left"), Side.RIGHT: N_("right")}


def phase_name(kind: Kind) -> str:
    return _(_PHASES[kind])


def side_word(side: Side | None) -> str:
    return _(_SIDES[side]) if side else ""


def exercise_name(timeline: Timeline, phase: Phase) -> str:
    return timeline.plan[phase.exercise].exercise.name.get(language())


def position(timeline: Timeline, phase: Phase) -> str:
    """ "set 1/3 rep 2/10 left", as far as the phase has them."""
    d = timeline.plan[phase.exercise].dosage
    parts = []
    if phase.set_no and d.duration_s is None:
        parts.append(_("set {number}/{total}").format(number=phase.set_no, total=d.sets))
    if phase.rep:
        parts.append(_("rep {number}/{total}").format(number=phase.rep, total=d.reps))
    if phase.side and phase.kind is not Kind.SWITCH:
        parts.append(side_word(phase.side))
    return " ".join(parts)


def next_up(timeline: Timeline, phase: Phase) -> str:
    """What comes after `phase`, in a few words."""
    after = timeline.next_phase(phase.index)
    if after is None:
        return _("the end of the session")
    if after.exercise != phase.exercise or after.kind is Kind.GET_READY:
        item = timeline.plan[after.exercise]
        return _("{exercise} ({dosage})").format(
            exercise=item.exercise.name.get(language()),
            dosage=plain_words.dosage_short(item.dosage),
        )
    if after.kind is Kind.REST:
        return _("rest {duration}").format(duration=plain_words.seconds(int(after.duration)))
    if after.kind is Kind.SWITCH:
        return _("switch to the {side} side").format(side=side_word(after.side))
    if after.kind is Kind.TIMED:
        return phase_name(after.kind)
    if after.rep_start != phase.rep_start or after.set_no != phase.set_no:
        return position(timeline, after)
    return f"{phase_name(after.kind).lower()} {plain_words.seconds(int(after.duration))}"


def stamp(seconds: float) -> str:
    """The plain-mode time stamp: [mm:ss.s]."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"[{int(minutes):02d}:{secs:04.1f}]"


def therapist_note(text: str) -> str:
    """The therapist's note for this exercise, as shown when it begins."""
    return _("Your therapist: {note}").format(note=text)


_CUE_PHASES = {Kind.MOVE: "move", Kind.HOLD: "hold", Kind.RETURN: "return"}


def cue_words(timeline: Timeline, phase: Phase) -> str | None:
    """The exercise's own words for a phase and side, from its definition, or None."""
    name = _CUE_PHASES.get(phase.kind)
    if name is None:
        return None
    item = timeline.plan[phase.exercise]
    cues = item.exercise.cues_at(item.dosage.level)
    text = cues.get(name, phase.side.value if phase.side else None) if cues else None
    return text.get(language()) if text else None


def phase_line(timeline: Timeline, phase: Phase) -> str:
    """ "bird-dog set 1/3 rep 2/10 left: hold 3 s", without the stamp."""
    ex = timeline.plan[phase.exercise].exercise
    where = position(timeline, phase)
    head = f"{ex.id} {where}" if where else ex.id
    what = f"{phase_name(phase.kind).lower()} {plain_words.seconds(int(phase.duration))}"
    if phase.kind is Kind.GET_READY:
        what += " - " + ex.start_position.get(language())
        note = timeline.plan[phase.exercise].note
        if note is not None:
            what += " " + therapist_note(note.get(language()))
    elif phase.kind in (Kind.REST, Kind.SWITCH):
        what += ", " + _("next: {what}").format(what=next_up(timeline, phase))
    elif (words := cue_words(timeline, phase)) is not None:
        what += " - " + words
    return f"{head}: {what}"


def event_line(timeline: Timeline, event: Event) -> str | None:
    """One plain-mode line for an event, or None for events plain mode leaves out."""
    phase = event.phase
    ex_id = timeline.plan[phase.exercise].exercise.id
    text: str | None
    match event.kind:
        case EventKind.PHASE:
            text = phase_line(timeline, phase)
        case EventKind.TICK:
            # Only the last three seconds of a hold, a rest or a walk, like the spoken cues.
            text = (
                _("{seconds} s left").format(seconds=event.value)
                if counts_down(phase) and event.value <= 3
                else None
            )
        case EventKind.HALFWAY:
            text = _("{id}: halfway").format(id=ex_id)
        case EventKind.SET_DONE:
            sets = timeline.plan[phase.exercise].dosage.sets
            text = _("{id} set {number}/{total}: done").format(
                id=ex_id, number=phase.set_no, total=sets
            )
        case EventKind.EXERCISE_DONE:
            text = _("{id}: exercise done").format(id=ex_id)
        case EventKind.SESSION_DONE:
            text = _("session done")
        case EventKind.PAUSED:
            text = _("paused")
        case EventKind.RESUMED:
            text = _("resumed")
        case EventKind.SKIPPED:
            text = _("skipped: {phase}").format(phase=phase_name(phase.kind).lower())
        case EventKind.REPEATED:
            text = _("repeat the rep")
        case EventKind.STOPPED:
            text = _("stopped")
        case _:
            text = None
    return None if text is None else f"{stamp(event.at)} {text}"


COUNTDOWN_MIN_S = 5  # a shorter phase would be 3-2-1 from start to end: no countdown then


def counts_down(phase: Phase) -> bool:
    """Phases whose end is announced with 3-2-1: holds, rests and timed walks of 5 s or more,
    so the count marks their end and does not tick through every second of a short one."""
    return phase.kind in (Kind.HOLD, Kind.REST, Kind.TIMED) and phase.duration >= COUNTDOWN_MIN_S


def spoken(timeline: Timeline, event: Event) -> str | None:
    """The words for the voice, short enough to say while moving."""
    phase = event.phase
    match event.kind:
        case EventKind.PHASE:
            if phase.kind is Kind.GET_READY:
                return _("Get ready for {exercise}").format(exercise=exercise_name(timeline, phase))
            if phase.kind is Kind.SWITCH:
                return _("Switch sides")
            if phase.kind is Kind.REST:
                return _("Rest")
            words = cue_words(timeline, phase)
            if phase.kind is Kind.MOVE:
                # The side first and as words of its own: "left side, rep 1" can't be misheard.
                said = (
                    _("{side}, rep {number}").format(
                        side=_(_SIDE_SPOKEN[phase.side]), number=phase.rep
                    )
                    if phase.side
                    else _("rep {number}").format(number=phase.rep)
                )
                return f"{said}. {words}" if words else said
            return words or phase_name(phase.kind)
        case EventKind.TICK if counts_down(phase) and event.value <= 3:
            return str(event.value)
        case EventKind.HALFWAY:
            return _("Halfway")
        case EventKind.SESSION_DONE:
            return _("Well done, the session is complete")
        case _:
            return None
