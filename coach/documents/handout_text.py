"""The handout's words that are the same on paper and in Markdown: how the programme
grows, and what is good to know. No PDF library here."""

from __future__ import annotations

from coach.domain.model import Programme
from coach.i18n import _


def growth_intro() -> str:
    return _(
        "coach builds the load up step by step, on a schedule, and tells you at the "
        "start of each session what changes and why. You may always choose to stay "
        "where you are."
    )


def growth_rules(programme: Programme) -> list[str]:
    """When the load goes up and down, what a step is, and when to stop: with this
    programme's own thresholds."""
    s = programme.progression
    up = _(
        "One step up after {sessions} full sessions (at least {percent}% of the reps done), "
        "at least {days} days after the last change, when the pain during the exercise "
        "stayed at {max} out of 10 or lower, your back was not worse the next morning, your "
        "pain is not climbing from week to week, and it did not feel too hard."
    )
    down = _(
        "One step down when the pain went above {max} out of 10, when your back was worse "
        "the next morning, or after {days} days without a session. A step down undoes the "
        "last step up."
    )
    step = _(
        "A step is {reps} more reps per side up to the top of the level, then {hold} "
        "seconds longer hold, then a set more, then the next level."
    )
    stop = _(
        "Stop the session if the pain reaches {stop} out of 10, or with new numbness, tingling "
        "or weakness in a leg. Numbness around the buttocks or genitals, or new trouble with "
        "bladder or bowels: call your GP straight away."
    )
    return [
        up.format(
            sessions=s.increase_after_sessions,
            percent=s.full_session_percent,
            days=s.increase_min_days,
            max=s.pain_during_max,
        ),
        down.format(max=s.pain_during_max, days=s.resume_lower_after_days),
        step.format(reps=s.reps_step, hold=s.hold_step_s),
        stop.format(stop=s.pain_stop),
    ]


def good_to_know() -> list[str]:
    return [
        _(
            "Keep moving. Moving helps a sore back; lying in bed a lot can make it worse. "
            "Build up your exercises on the plan, not on the pain."
        ),
        _("Vary your posture, and after every hour of sitting get up for a short walk."),
        _(
            "Your back's load capacity is like a bucket: heavy work, stress, poor sleep and "
            "worries fill it. Rest, relaxation and things you enjoy empty it; step-by-step "
            "exercise makes it bigger."
        ),
        _(
            "Sleep enough, eat a varied diet, smoke less or not at all, and drink little "
            "alcohol: you recover faster."
        ),
        _(
            "Most back pain passes within a few weeks. Worrying makes pain stronger; "
            "trust your back."
        ),
    ]
