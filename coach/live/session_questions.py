"""The questions around a session, and what coach says back. Every question is skippable.

Effort is asked in our own words (too easy / about right / too hard), not with
the Borg scale, which is licensed. Pain is the free 0-10 numeric rating scale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.console import Console, RenderableType
from rich.text import Text

from coach.domain import plain_words
from coach.domain.decisions import WeekLook
from coach.domain.seen import Effort, Morning
from coach.domain.session_record import Answers, Before
from coach.i18n import _
from coach.live.console import framed
from coach.live.prompts import Asker, yes_or_no

MORNINGS = (Morning.BETTER, Morning.SAME, Morning.WORSE)
EFFORTS = (Effort.EASY, Effort.RIGHT, Effort.HARD)
REASONS = tuple(plain_words.OBSTACLES)


def pick(options: tuple[str, ...]) -> Callable[[str], str | None]:
    def parse(answer: str) -> str | None:
        if not answer:
            return None
        # ASCII digits, and few: "²" or 5000 digits are a wrong answer, not Python's error.
        if (
            answer.isascii()
            and answer.isdigit()
            and len(answer) <= 2
            and 1 <= int(answer) <= len(options)
        ):
            return options[int(answer) - 1]
        raise ValueError(
            _("Please type a number from 1 to {high}, or press Enter to skip.").format(
                high=len(options)
            )
        )

    return parse


def pain(asker: Asker, question: str) -> int | None:
    return asker.optional_integer(question, 0, 10)


def before_session(
    asker: Asker, last: tuple[str, date] | None, keep: Callable[[Before], None]
) -> Before:
    """Pain now, and how the back was the morning after the last session (id, day).

    `keep` gets the answers so far after each one, to save them as they are given.
    """
    now = pain(asker, _("Pain in your back right now, from 0 (none) to 10 (worst imaginable)?"))
    if now is not None:
        keep(Before(pain=now))
    morning = None
    if last is not None:
        labels = " · ".join(["1 " + _("better"), "2 " + _("the same"), "3 " + _("worse")])
        morning = asker.ask(
            _(
                "How was your back the morning after your last session ({day})? {options} "
                "(Enter to skip)"
            ).format(day=last[1].isoformat(), options=labels),
            pick(tuple(m.value for m in MORNINGS)),
        )
    before = Before(pain=now, morning_after=morning, about=last[0] if last and morning else None)
    if morning is not None:
        keep(before)
    return before


def _yes_no(answer: str) -> bool:
    """Enter for no (the after-exercise symptom questions say so), else y or n."""
    return bool(answer) and yes_or_no(answer)


def after_exercise(asker: Asker, name: str, answers: Answers, keep: Callable[[], None]) -> Answers:
    """Highest pain during it, effort, and the two symptom questions (they are not the same).

    Each answer is filled in `answers` and kept (`keep`: saved) as it is given, so a
    closed window after the pain question still leaves the pain. Saddle numbness or
    bladder and bowel trouble is an emergency: a "yes" returns at once, unsaved, so the
    caller says what to do before anything is written. New leg symptoms mean stop; the
    caller asks the emergency questions that follow from them at once (warning_check.
    report_leg), then says to contact the therapist or GP. Pain reported with p during
    the exercise stays in `answers`.
    """
    answers.pain = pain(asker, _("{exercise}: highest pain during it, 0-10?").format(exercise=name))
    keep()
    labels = " · ".join(["1 " + _("too easy"), "2 " + _("about right"), "3 " + _("too hard")])
    answers.effort = asker.ask(
        _("How did it feel? {options} (Enter to skip)").format(options=labels),
        pick(tuple(e.value for e in EFFORTS)),
    )
    keep()
    answers.saddle = asker.ask(
        _(
            "Numbness or tingling around your genitals, buttocks or inner thighs, or new "
            "trouble with your bladder or bowels? (y/n, Enter for no)"
        ),
        _yes_no,
    )
    if asker.ended:  # the input ended: nobody answered, so not a "no"
        answers.saddle = None
    if answers.saddle:
        return answers
    keep()
    answers.leg = asker.ask(
        _("New or spreading numbness, tingling or weakness in a leg? (y/n, Enter for no)"),
        _yes_no,
    )
    if asker.ended:
        answers.leg = None
    if not answers.leg:  # a "yes" is saved by the caller, after saying what to do
        keep()
    return answers


def pain_now_during(asker: Asker) -> int | None:
    """The p key: how much it hurts right now. Enter goes on without an answer."""
    return asker.optional_integer(_("How much does it hurt right now, from 0 to 10?"), 0, 10)


def say_above_limit(console: Console, pain: int, limit: int) -> None:
    """Pain above the limit but below the stop rule, said plainly."""
    console.print(
        Text(
            _(
                "Pain {pain} is above {limit} out of 10: next time the load goes one step "
                "down, unless it is at the lightest step already."
            ).format(pain=pain, limit=limit),
            style="bold",
        )
    )


def above_limit(asker: Asker, console: Console, pain: int, limit: int, more: bool) -> bool:
    """After an exercise: say it plainly, then ask whether to go on; True to go on."""
    say_above_limit(console, pain, limit)
    if not more:
        return True
    return asker.yes_no(_("Go on with the next exercise?"), default=True)


def after_session(asker: Asker) -> str | None:
    return asker.text(
        _("A note about today, for you or your therapist") + " " + _("(Enter to skip)"),
        optional=True,
    )


def weekly_checkin(asker: Asker, console: Console, look: WeekLook) -> str | None:
    """Encouragement when last week's plan was met; otherwise ask what got in the way."""
    if look.met:
        console.print(
            Text(
                _(
                    "Last week you did {done} of {planned} sessions. Well done: keep it going!"
                ).format(done=look.done, planned=look.planned),
                style="bold green",
            )
        )
        return None
    console.print(
        Text(
            _("Last week you did {done} of {planned} planned sessions.").format(
                done=look.done, planned=look.planned
            ),
            style="bold",
        )
    )
    options = " · ".join(
        f"{i} " + _(plain_words.OBSTACLES[r]) for i, r in enumerate(REASONS, start=1)
    )
    reason = asker.ask(
        _("What got in the way? {options} (Enter to skip)").format(options=options), pick(REASONS)
    )
    if reason is not None:
        console.print(Text(tip(reason)))
    return reason


def tip(reason: str) -> str:
    texts = {
        "time": _(
            "Short on time? Tie the exercises to something you do every day, such as "
            "after your morning coffee. A shorter session is better than none."
        ),
        "pain": _(
            "Did pain get in the way? Do what you can, calmly: moving usually helps a sore "
            "back more than rest. coach lowers the load when pain climbs. If the pain "
            "keeps getting worse, contact your therapist or GP."
        ),
        "forgot": _(
            "Forgot? Choose fixed days and a fixed moment, and set a reminder in your "
            "phone or calendar."
        ),
        "motivation": _(
            "Low on motivation? Look back at what you have already done with "
            "coach progress. Every session builds your back's capacity a little "
            "further."
        ),
        "other": _(
            "Thank you for saying. Plan your next session now: which day, and at what time?"
        ),
    }
    return texts[reason]


def leg_stop_line() -> Text:
    """New leg symptoms: said at once, before the questions that follow from them."""
    return Text(
        _("New or spreading numbness, tingling or weakness in a leg is a sign to stop."),
        style="bold",
    )


def stop_guidance(reason: str, pain_stop: int) -> RenderableType:
    """The stop rule's message: stop gently, and where to turn."""
    urgent = _(
        "Call your GP straight away (in the evening, at night and at the weekend: the "
        "huisartsenpost) if you have numbness around your buttocks, genitals or inner "
        "thighs, new trouble passing urine, loss of bladder or bowel control, or weakness "
        "in both legs. Call 112 if it is life-threatening."
    )
    if reason == "leg":  # its first line (`leg_stop_line`) came before the follow-up questions
        text = Text.assemble(
            _(
                "Stop exercising for today and contact your therapist or your GP about it. "
                "Before your next session coach asks the warning-sign questions again."
            )
            + "\n\n",
            urgent,
        )
    elif reason == "pain-before":
        text = Text.assemble(
            (
                _(
                    "Pain of {limit} or more before a session is a sign not to exercise today."
                ).format(limit=pain_stop)
                + "\n\n",
                "bold",
            ),
            _(
                "Rest, and keep moving gently within what the pain allows. If the pain stays "
                "this high, contact your therapist or GP."
            )
            + "\n\n",
            urgent,
        )
    else:
        text = Text.assemble(
            (
                _("Pain of {limit} or more during an exercise is a sign to stop for today.").format(
                    limit=pain_stop
                )
                + "\n\n",
                "bold",
            ),
            _(
                "Stop exercising for today. If the pain stays this high, contact your "
                "therapist or GP."
            )
            + "\n\n",
            urgent,
        )
    return framed(text, _("Stop for today"), border_style="bold red", expand=True)
