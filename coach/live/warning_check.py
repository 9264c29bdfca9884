"""The red-flag check in the terminal: the questions, what coach says, the gate before a session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.text import Text

from coach.domain import plain_words
from coach.domain.warning_signs import (
    SIGNS,
    Check,
    Reason,
    Reported,
    Urgency,
    blocked,
    due,
    to_ask,
    together,
)
from coach.errors import CoachError
from coach.files import unsaved_checks
from coach.files.check_log import load, save
from coach.files.paths import Paths
from coach.i18n import _
from coach.live.console import framed, report_error
from coach.live.prompts import Asker


def _intro(reason: Reason) -> str:
    if reason is Reason.FIRST:
        return _(
            "Before your first session: a few yes/no questions about warning signs. With some "
            "of them you should see a doctor before you exercise."
        )
    if reason is Reason.MONTHLY:
        return _("It has been four weeks: the warning-sign questions once more.")
    if reason is Reason.PAIN:
        return _("Your pain is high today, so first the warning-sign questions.")
    if reason is Reason.UNREADABLE:
        return _(
            "An earlier record of your answers could not be read, so first the warning-sign "
            "questions."
        )
    if reason is Reason.SYMPTOMS:
        return _(
            "Last time you noticed new symptoms in a leg, so first the warning-sign questions."
        )
    if reason is Reason.FEVER:
        return _("Last time you had a fever or felt generally unwell, so first this question.")
    return _("Warning signs that need a doctor rather than exercise: answer y (yes) or n (no).")


def ask(asker: Asker, console: Console, reason: Reason, earlier: list[Check]) -> Check:
    """The questions, each answered y or n; the end of input is an error, never a "no".

    An emergency "yes" ends the questions at once: nobody answers the rest first.
    History the GP or therapist already knows about is not asked again.
    """
    console.print(Text(_intro(reason), style="bold"))
    signs = to_ask(earlier, reason)
    answers: dict[str, bool] = {}
    for number, sign in enumerate(signs, start=1):
        answers[sign.id] = asker.yes_no(f"{number}/{len(signs)} " + _(sign.question))
        if answers[sign.id] and sign.urgency is Urgency.EMERGENCY:
            break
    check = Check(datetime.now().astimezone(), reason, answers)
    history = [s for s in check.signs(Urgency.URGENT) if s.history]
    if history and not check.emergency:
        facts = plain_words.join_words([_(s.fact) for s in history])
        if asker.yes_no(
            _("Does your GP or therapist already know about this: {facts}?").format(facts=facts)
        ):
            check.known = tuple(s.id for s in history)
    return check


def emergency_panel(check: Check) -> RenderableType:
    lines: list[RenderableType] = [
        Text(
            _("This can be a sign of a problem that needs a doctor today. You answered yes to:"),
            style="bold",
        )
    ]
    lines += [Text("- " + _(fact)) for fact in check.facts()]
    lines += [
        Text(""),
        Text(
            _(
                "Stop exercising. Call your GP now. In the evening, at night and at the "
                "weekend, call the huisartsenpost. If it is life-threatening, call 112."
            ),
            style="bold",
        ),
        Text(""),
        Text(_("coach will not start a session until you confirm that a doctor has seen you.")),
    ]
    return framed(Group(*lines), _("Call a doctor now"), border_style="bold red", expand=True)


def urgent_panel(check: Check, earlier: Sequence[Check] = ()) -> RenderableType:
    """What to do about urgent signs, in one time frame: today with a fever, today or
    tomorrow when a history sign comes with a new one, else within a few days."""
    news = [s for s in check.signs(Urgency.URGENT) if s.id not in check.known]
    if not news:
        return Text(
            _(
                "Thank you. Your GP or therapist knows about this, so coach will not ask "
                "about it again. If anything changes, contact your GP."
            )
        )
    both = together(check, earlier)
    if check.no_exercise:
        title = _("Contact your GP today")
        head = _("Contact your GP today and tell them that you answered yes to:")
    elif both:
        title = _("Contact your GP today or tomorrow")
        head = _(
            "These signs together need a GP today or tomorrow. Contact your GP and tell them "
            "that you answered yes to:"
        )
    else:
        title = _("Contact your GP soon")
        head = _("Contact your GP within a few days and tell them that you answered yes to:")
    lines: list[RenderableType] = [Text(head, style="bold")]
    lines += [Text("- " + _(s.fact)) for s in [*both, *(s for s in news if s not in both)]]
    lines.append(Text(""))
    if check.no_exercise:
        lines.append(
            Text(
                _("With a fever, or when you feel generally unwell, don't exercise today."),
                style="bold",
            )
        )
    else:
        lines.append(
            Text(
                _(
                    "If you feel up to it, you may exercise meanwhile. Stop if it gets worse, "
                    "and call your GP straight away if a new sign appears."
                )
            )
        )
    return framed(Group(*lines), title, border_style="bold yellow", expand=True)


def show(console: Console, check: Check, earlier: Sequence[Check] = ()) -> None:
    if check.emergency:
        console.print(emergency_panel(check))
    elif check.urgent:
        console.print(urgent_panel(check, earlier))
    elif check.reason is Reason.FEVER:
        console.print(
            Text(
                _(
                    "You answered no. If a fever or feeling unwell comes back, don't exercise "
                    "that day and contact your GP."
                )
            )
        )
    else:
        # Never reassurance: all "no" only means none of these signs is there now.
        console.print(
            Text(
                _(
                    "You answered no to every question. If something changes, run coach "
                    "check again or contact your GP."
                )
            )
        )


def check_now(
    paths: Paths,
    asker: Asker,
    console: Console,
    reason: Reason,
    earlier: list[Check] | None = None,
) -> Check:
    """The questions, then what to do, then the answers saved: advice before files.

    `earlier`: the checks as read (and their problems said) by the caller a moment ago.
    """
    if earlier is None:
        earlier, problems = load(paths)
        for problem in problems:
            report_error(problem, warning=True)
    check = ask(asker, console, reason, earlier)
    show(console, check, earlier)
    keep(paths, console, check)
    return check


def report_sign(paths: Paths, console: Console, reported: Reported) -> Check:
    """A sign reported during a session: what to do, then recorded like a check's answer."""
    check = Check(datetime.now().astimezone(), Reason.SESSION, reported=reported)
    if check.emergency:
        console.print(emergency_panel(check))
    keep(paths, console, check)
    return check


# Leg symptoms reported in a session: the emergency signs they may be part of, asked at
# once (CLINICAL.md, NHG LRS 2015: weakness getting worse, or symptoms in both legs, need a
# doctor today). Saddle numbness is not among them: the question before the leg one asked it.
LEG_FOLLOW_UPS = tuple(next(s for s in SIGNS if s.id == id_) for id_ in ("legs", "bladder"))


def report_leg(paths: Paths, asker: Asker, console: Console) -> Check:
    """New leg symptoms in a session: the report saved, then the follow-up questions, each
    answer saved in the same check as it is given. An emergency "yes" ends the questions and
    its panel is shown before the answer is written. No answer (the input ended, or no y or
    n) is no answer, never a "no": the check before the next session asks again anyway."""
    check = Check(datetime.now().astimezone(), Reason.SESSION, reported=Reported.LEG)
    saved = keep(paths, console, check)
    console.print(
        Text(
            _("Two more questions, to find out whether you should call a doctor today:"),
            style="bold",
        )
    )
    for number, sign in enumerate(LEG_FOLLOW_UPS, start=1):
        answer = asker.yes_no_or_unknown(f"{number}/{len(LEG_FOLLOW_UPS)} " + _(sign.question))
        if answer is None:
            continue
        check.answers[sign.id] = answer
        if check.emergency:
            console.print(emergency_panel(check))
        saved = keep(paths, console, check, replace=saved)
        if check.emergency:
            break
    return check


def keep(paths: Paths, console: Console, check: Check, replace: Path | None = None) -> Path | None:
    """Save a check whose advice has been shown; with `replace`, over the file an earlier
    `keep` of the same check gave. When it can't be saved, its facts go into the name of
    an empty file (`unsaved_checks`), so the next start still knows them. Returns the file
    saved, or None."""
    unsaved_checks.settle(paths, save)  # answers an earlier full disk held back
    try:
        return save(paths, check, replace)
    except CoachError as exc:
        report_error(exc)
    if unsaved_checks.mark(paths, check) is not None:
        console.print(
            Text(
                _(
                    "Your answers could not be saved in full, but coach has noted them: "
                    "before your next session it asks about them again."
                ),
                style="bold",
            )
        )
    elif check.emergency:
        console.print(
            Text(
                _(
                    "coach could not save this answer anywhere. Do not exercise until a "
                    "doctor has seen you."
                ),
                style="bold red",
            )
        )
    else:
        console.print(
            Text(
                _("Your answers could not be saved. Run coach check again once this is fixed."),
                style="bold",
            )
        )
    return None


@dataclass(frozen=True)
class Gate:
    """What the check before a session came to."""

    open: bool  # the session may start
    asked: bool = False  # the questions were answered here: nobody answers them twice


def gate(paths: Paths, asker: Asker, console: Console, *, skip: bool) -> Gate:
    """Before a session: whether it may start, and whether the questions were asked here."""
    unsaved_checks.settle(paths, save)  # answers a full disk held back, saved now if it can
    checks, problems = load(paths)
    for problem in problems:
        report_error(problem, warning=True)
    stopped = blocked(checks)
    if stopped is not None:
        console.print(emergency_panel(stopped))
        if not asker.yes_no(
            _("Has a doctor seen you about this since {day}?").format(
                day=stopped.when.date().isoformat()
            )
        ):
            return Gate(open=False)
        # The block ends here, saved or not: the person said a doctor has seen them.
        keep(paths, console, Check(datetime.now().astimezone(), Reason.SEEN))
    reason = due(checks, datetime.now().astimezone())
    if reason is None:
        return Gate(open=True)
    if skip and reason is not Reason.UNREADABLE:  # what it held may be an emergency
        console.print(Text(_("The warning-sign check was skipped (--skip-check)."), style="dim"))
        return Gate(open=True)
    check = check_now(paths, asker, console, reason, checks)  # problems said above
    return Gate(open=after_check(asker, console, check), asked=True)


def after_check(asker: Asker, console: Console, check: Check) -> bool:
    """Whether the session goes on after a check's answers."""
    if check.no_exercise:
        return False
    if any(s.id not in check.known for s in check.signs(Urgency.URGENT)):
        return asker.yes_no(_("Do you want to exercise today anyway?"))
    return True
