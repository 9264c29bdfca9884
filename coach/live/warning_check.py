"""The red-flag check in the terminal: the questions, what coach says, the gate before a session."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.text import Text

from coach.domain.warning_signs import SIGNS, Check, Reason, Urgency, blocked, due
from coach.files.check_log import load, save
from coach.files.paths import Paths
from coach.i18n import _
from coach.live.console import framed, report_error
from coach.live.prompts import Asker


def _intro(reason: Reason) -> str:
    if reason is Reason.FIRST:
        return _(
            "Before your first session: a few yes/no questions about warning signs that "
            "need a doctor rather than exercise."
        )
    if reason is Reason.MONTHLY:
        return _("It has been four weeks: the warning-sign questions once more.")
    if reason is Reason.PAIN:
        return _(
            "Your pain is clearly higher than usual today, so first the warning-sign questions."
        )
    return _("Warning signs that need a doctor rather than exercise: answer y (yes) or n (no).")


def ask(asker: Asker, console: Console, reason: Reason) -> Check:
    """Every question, each answered y or n; the end of input is an error, never a "no"."""
    console.print(Text(_intro(reason), style="bold"))
    answers = {}
    for number, sign in enumerate(SIGNS, start=1):
        answers[sign.id] = asker.yes_no(f"{number}/{len(SIGNS)} " + _(sign.question))
    return Check(datetime.now().astimezone(), reason, answers)


def emergency_panel(check: Check) -> RenderableType:
    lines = [
        Text(
            _("One or more of your answers can be a sign of a problem that needs a doctor today."),
            style="bold",
        )
    ]
    lines += [Text("- " + _(s.question)) for s in check.signs(Urgency.EMERGENCY)]
    lines += [
        Text(""),
        Text(
            _(
                "Stop exercising. Call your GP now. Outside office hours, call the "
                "huisartsenpost. If it is life-threatening, call 112."
            ),
            style="bold",
        ),
        Text(""),
        Text(_("coach will not start a session until you confirm that a doctor has seen you.")),
    ]
    return framed(Group(*lines), _("Call a doctor now"), border_style="bold red", expand=True)


def urgent_panel(check: Check) -> RenderableType:
    lines = [
        Text(
            _(
                "Some of your answers are a reason to contact your GP soon, within a few "
                "days. Tell them about:"
            ),
            style="bold",
        )
    ]
    lines += [Text("- " + _(s.question)) for s in check.signs(Urgency.URGENT)]
    lines += [
        Text(""),
        Text(
            _(
                "You may still exercise if you feel up to it. Stop if it gets "
                "worse, and call your GP straight away if a new sign appears."
            )
        ),
    ]
    return framed(Group(*lines), _("Contact your GP soon"), border_style="bold yellow", expand=True)


def show(console: Console, check: Check) -> None:
    if check.emergency:
        console.print(emergency_panel(check))
    elif check.urgent:
        console.print(urgent_panel(check))
    else:
        # Never reassurance: all "no" only means none of these signs is there now.
        console.print(
            Text(
                _(
                    "You answered no to every question. If anything changes, run "
                    "coach check again or contact your GP."
                )
            )
        )


def check_now(paths: Paths, asker: Asker, console: Console, reason: Reason) -> Check:
    check = ask(asker, console, reason)
    save(paths, check)
    show(console, check)
    return check


def gate(paths: Paths, asker: Asker, console: Console, *, skip: bool) -> bool:
    """Before a session: True when it may start."""
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
            return False
        save(paths, Check(datetime.now().astimezone(), Reason.SEEN))
    reason = due(checks, datetime.now().astimezone())
    if reason is None:
        return True
    if skip:
        console.print(Text(_("The warning-sign check was skipped (--skip-check)."), style="dim"))
        return True
    return after_check(asker, console, check_now(paths, asker, console, reason))


def after_check(asker: Asker, console: Console, check: Check) -> bool:
    """Whether the session goes on after a check's answers."""
    if check.emergency:
        return False
    if check.urgent:
        return asker.yes_no(_("Do you want to exercise today anyway?"))
    return True
