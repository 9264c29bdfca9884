"""The outcome questions before a session: the person's own activities, the average pain
over the last week, and how the back is overall. Each can be skipped; each answer is
kept as it is given (docs/outcomes.md)."""

from __future__ import annotations

from collections.abc import Callable

from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.text import Text

from coach.domain import outcomes
from coach.domain.outcomes import ACTIVITY_CHARS, MAX_ACTIVITIES, Ask, Outcomes, Score
from coach.files.text_rules import text_problem
from coach.i18n import _
from coach.live.console import MODE
from coach.live.prompts import Asker
from coach.live.session_questions import pick


def ask(asker: Asker, console: Console, due: Ask, keep: Callable[[Outcomes], None]) -> Outcomes:
    """The questions of `due`, in order; `keep` gets the answers so far after each one.

    A skipped question is kept as asked (not asked again before next week). When the input
    has ended (a script, a closed pipe), nothing is kept that was not answered: the end of
    the input is no answer, and the questions come again next time."""
    answers = Outcomes(due.kind)

    def save() -> None:
        if not asker.ended or _answered(answers):
            keep(answers)

    if due.kind == outcomes.START and due.pain:
        intro = (
            _(
                "A few questions to measure how you get on, asked now and once a week. "
                "Press Enter to skip any of them."
            )
            if due.activities
            else _(
                "A question to measure how you get on, asked now and once a week. Press "
                "Enter to skip it."
            )
        )
        console.print(Text(intro, style="bold"))
    activities = _name(asker, console) if due.name else list(due.activities)
    answers.activities = [Score(activity) for activity in activities]
    if due.name and activities:
        keep(answers)  # the names first: scored or not, they are the ones asked next week
    if activities:
        console.print(
            Text(
                _("How hard is each activity for you now? {scale}.").format(
                    scale=outcomes.scale_words()
                )
            )
        )
    for score in answers.activities:
        score.score = asker.optional_integer(
            _("How hard is {activity} now, 0-10?").format(activity=score.activity), 0, 10
        )
        save()
    if due.pain:
        answers.pain_week = asker.optional_integer(
            _(
                "Your back pain on average over the last week, from 0 (none) to 10 "
                "(worst imaginable)?"
            ),
            0,
            10,
        )
        save()
    if due.effect:
        console.print(
            Text(
                _("Compared with before you started these exercises, how is your back now?"),
                style="bold",
            )
        )
        console.print(_choices())
        answers.effect = asker.ask(
            _("Overall, 1-{count}?").format(count=len(outcomes.EFFECT_IDS))
            + " "
            + _("(Enter to skip)"),
            pick(outcomes.EFFECT_IDS),
        )
    save()  # all skipped is kept too: asked, so not asked again until the next week
    return answers


def _choices() -> RenderableType:
    """The seven answers, each whole: in columns on a screen, one per line in plain mode."""
    items = [f"{n} " + outcomes.effect_words(e) for n, e in enumerate(outcomes.EFFECT_IDS, 1)]
    if MODE.plain:
        return Group(*(Text(item) for item in items))
    return Columns([Text(item) for item in items], column_first=True, padding=(0, 3))


def _answered(answers: Outcomes) -> bool:
    return (
        answers.pain_week is not None
        or answers.effect is not None
        or any(s.score is not None for s in answers.activities)
    )


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
    parse = activity_answer(named, _("You named this one already."))
    while len(named) < MAX_ACTIVITIES:
        question = _("Activity {number} of at most {most}").format(
            number=len(named) + 1, most=MAX_ACTIVITIES
        )
        text = asker.ask(question + " " + _("(Enter when done)"), parse)
        if text is None:
            break
        named.append(text)
    return named


def activity_answer(found: list[str], twice: str) -> Callable[[str], str | None]:
    """A typed activity: trimmed, checked (`twice` said for one already in `found`), or
    None for Enter (done)."""

    def parse(answer: str) -> str | None:
        text = " ".join(answer.split())
        if not text:
            return None
        if (wrong := text_problem(text)) is not None:
            raise ValueError(_("This text can't be saved: {problem}.").format(problem=wrong))
        if len(text) > ACTIVITY_CHARS:
            raise ValueError(_("Please keep it to {most} characters.").format(most=ACTIVITY_CHARS))
        if any(outcomes.same(text, other) for other in found):
            raise ValueError(twice)
        return text

    return parse
