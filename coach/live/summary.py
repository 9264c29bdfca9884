"""The short report at the end of a session: what was done against the plan."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words
from coach.domain.model import FULL_PERCENT
from coach.i18n import _, ngettext
from coach.live.console import line, literal
from coach.live.session_outcome import Ending, Outcome


def session_summary(
    outcome: Outcome,
    names: dict[str, str],
    week_count: int,
    per_week: int | None,
    fact: str | None = None,
    percent: int = FULL_PERCENT,
) -> Group:
    """What was done, against the plan: shown when a session ends.

    Skipped work is not done work: a session that ran to its end with most of its reps
    skipped says so, and does not count as a full session.
    """
    record = outcome.record
    lines: list[RenderableType] = []
    full = record.share_done * 100 >= percent - 1e-9
    if outcome.ending is Ending.COMPLETE and full:
        lines.append(Text(_("Session complete. Well done!"), style="bold green"))
    elif outcome.ending is Ending.COMPLETE:
        lines.append(
            Text(
                _(
                    "The session ran to its end, but you did {share}% of the planned work. "
                    "It counts as a full session from {percent}%."
                ).format(share=round(record.share_done * 100), percent=percent),
                style="bold",
            )
        )
    elif outcome.ending is Ending.STOPPED:
        lines.append(Text(_("Session stopped early. What you did has been saved."), style="bold"))
    elif outcome.saved_to is not None:
        lines.append(
            Text(
                _(
                    "Session stopped; your reps were thrown away. Your answers about pain and "
                    "symptoms are kept for the next decision."
                ),
                style="bold",
            )
        )
        return Group(*lines)
    else:
        lines.append(Text(_("Session stopped; nothing was saved."), style="bold"))
        return Group(*lines)
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    duration = record.duration_s()
    if duration is not None:
        table.add_row(_("Time"), plain_words.seconds(round(duration)))
    for ex in record.exercises:
        name = names.get(ex.id, ex.id)
        if ex.duration_s is not None:
            done = sum(s.seconds for s in ex.done)
            text = _("{done} of {planned}").format(
                done=plain_words.seconds(round(done)), planned=plain_words.seconds(ex.duration_s)
            )
        else:
            sets_done = ex.sets_complete
            text = _("{sets_done} of {sets} sets, {reps_done} of {reps} reps").format(
                sets_done=sets_done, sets=ex.sets, reps_done=ex.reps_done, reps=ex.reps_planned
            )
            if ex.skipped:
                text += ", " + ngettext(
                    "{count} step skipped", "{count} steps skipped", ex.skipped
                ).format(count=ex.skipped)
            if ex.answers.cut_short:
                text += ", " + _("ended early because of pain")
        table.add_row(literal(name), text)
    if per_week:
        table.add_row(
            _("This week"),
            _("{count} of {planned} sessions").format(count=week_count, planned=per_week),
        )
    else:
        table.add_row(
            _("This week"),
            ngettext("{count} session", "{count} sessions", week_count).format(count=week_count),
        )
    if outcome.saved_to is not None:
        table.add_row(_("Saved in"), line(str(outcome.saved_to)))
    lines.append(table)
    if record.kind != "programme" or record.speed != 1.0:
        lines.append(
            Text(
                _(
                    "Single exercises, previews (--speed) and runs with --level, --sets, --reps "
                    "or --hold don't count towards your programme."
                ),
                style="dim",
            )
        )
    if fact:
        lines += [
            Text(""),
            Text.assemble((_("Did you know?") + " ", "bold"), literal(fact)),
            Text(_("More in: coach learn"), style="dim"),
        ]
    return Group(*lines)
