"""The outcome questions before a session: the person's own activities, the average pain
over the last week, and how the back is overall. Each can be skipped; each answer is
kept as it is given (docs/outcomes.md)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from coach.domain import outcomes
from coach.domain.outcomes import ACTIVITY_CHARS, MAX_ACTIVITIES, Ask, Outcomes, Score
from coach.files.text_rules import text_problem
from coach.i18n import _
from coach.live.prompts import Asker
from coach.live.session_questions import pick


def ask(asker: Asker, console: Console, due: Ask, keep: Callable[[Outcomes], None]) -> Outcomes:
    """The questions of `due`, in order; `keep` gets the answers so far after each one."""
    answers = Outcomes(due.kind)
    activities = list(due.activities)
    if due.kind == outcomes.START and due.pain:
        console.print(
            Text(
                _(
                    "A few questions to measure how you get on, asked now and once a week. "
                    "Press Enter to skip any of them."
                ),
                style="bold",
            )
        )
    if due.name:
        activities = _name(asker, console)
    if activities:
        console.print(
            Text(
                _("How hard is each activity for you now? {scale}.").format(
                    scale=outcomes.scale_words()
                )
            )
        )
    for activity in activities:
        score = asker.optional_integer(
            _("How hard is {activity} now, 0-10?").format(activity=activity), 0, 10
        )
        answers.activities.append(Score(activity, score))
        keep(answers)  # a skipped one is kept too: asked, and not asked again as new
    if due.pain:
        answers.pain_week = asker.optional_integer(
            _(
                "Your back pain on average over the last week, from 0 (none) to 10 "
                "(worst imaginable)?"
            ),
            0,
            10,
        )
        if answers.pain_week is not None:
            keep(answers)
    if due.effect:
        labels = " · ".join(
            f"{n} " + outcomes.effect_words(e) for n, e in enumerate(outcomes.EFFECT_IDS, 1)
        )
        answers.effect = asker.ask(
            _(
                "Compared with before you started these exercises, how is your back now? "
                "{options} (Enter to skip)"
            ).format(options=labels),
            pick(outcomes.EFFECT_IDS),
        )
        if answers.effect is not None:
            keep(answers)
    keep(answers)  # all skipped is kept too: asked, so not asked again until the next week
    return answers


def _name(asker: Asker, console: Console) -> list[str]:
    """Up to three activities the back makes hard, in the person's own words."""
    console.print(
        Text(
            _(
                "Which activities does your back make hard? Name up to {most}, such as "
                "putting on socks or an hour at your desk. Once a week coach asks how hard "
                "each one is."
            ).format(most=MAX_ACTIVITIES)
        )
    )
    named: list[str] = []

    def parse(answer: str) -> str | None:
        text = " ".join(answer.split())
        if not text:
            return None
        if (wrong := text_problem(text)) is not None:
            raise ValueError(_("This text can't be saved: {problem}.").format(problem=wrong))
        if len(text) > ACTIVITY_CHARS:
            raise ValueError(_("Please keep it to {most} characters.").format(most=ACTIVITY_CHARS))
        if any(outcomes.same(text, other) for other in named):
            raise ValueError(_("You named this one already."))
        return text

    while len(named) < MAX_ACTIVITIES:
        question = _("Activity {number} of at most {most}").format(
            number=len(named) + 1, most=MAX_ACTIVITIES
        )
        text = asker.ask(question + " " + _("(Enter when done)"), parse)
        if text is None:
            break
        named.append(text)
    return named
