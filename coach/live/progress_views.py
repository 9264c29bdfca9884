"""Rich renderables for next, progress and history. Terminal code; no file I/O."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words
from coach.domain.model import Programme
from coach.domain.progress_summary import Current, PainPoint, Week
from coach.domain.session_record import SessionRecord
from coach.i18n import _, language, ngettext
from coach.live.console import MODE, heading, literal, local

KIND_MARK = {"increase": "▲", "keep": "=", "decrease": "▼"}


def next_view(
    lines: list[tuple[str, str]], pending_morning: bool, note: str | None = None
) -> Group:
    """`coach next`: each exercise's decision; `note` says a new plan carries its history."""
    parts: list[RenderableType] = [heading(_("Your next session"))]
    if note:
        parts.append(literal(note))
    grid = Table.grid(padding=(0, 1))
    grid.add_column()
    grid.add_column()
    for kind, text in lines:
        grid.add_row(KIND_MARK[kind], literal(text))
    parts.append(grid)
    if pending_morning:
        parts.append(
            Text(
                _(
                    "Your answer about the morning after your last session, asked "
                    "at the start, can still change this."
                ),
                style="dim",
            )
        )
    return Group(*parts)


def weeks_table(rows: list[Week], breaks: list[int] | None = None) -> Table:
    """Sessions per week; the adherence bar only in the full view (a screen reader would
    read its characters one by one)."""
    bars = not MODE.plain
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Week"))
    table.add_column(_("Sessions"), justify="right")
    table.add_column(_("Adherence"), justify="right")
    if bars:
        table.add_column("")
    if breaks is not None:
        table.add_column(_("Walking breaks"), justify="right")
    for i, week in enumerate(rows):
        cells: list[RenderableType] = [
            week.label,
            _("{done} of {planned}").format(done=week.done, planned=week.planned),
            week.adherence_text,
        ]
        if bars:
            tenths = round(week.adherence / 10)
            cells.append(Text("█" * tenths + "░" * (10 - tenths), style="green"))
        if breaks is not None:
            cells.append(str(breaks[i]))
        table.add_row(*cells)
    return table


def current_table(programme: Programme, now: list[Current]) -> Table:
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Exercise"))
    table.add_column(_("Level"))
    table.add_column(_("Dosage now"), no_wrap=True)
    table.add_column(_("Since"))
    for entry, state in zip(programme.exercises, now, strict=True):
        variant = entry.exercise.level(state.dosage.level).variant.get(language())
        table.add_row(
            local(entry.exercise.name),
            literal(f"{state.dosage.level}: {variant}"),
            plain_words.dosage_short(state.dosage),
            plain_words.long_date(state.since) if state.since else _("not started"),
        )
    return table


def history_line(record: SessionRecord, morning: str | None) -> Text:
    status = {
        "complete": _("complete"),
        "stopped": _("stopped early"),
        "in-progress": _("interrupted"),
        "interrupted": _("interrupted"),
    }[record.status.value]
    duration = record.duration_s()
    parts = [record.started.strftime("%Y-%m-%d %H:%M"), status]
    if duration is not None:
        parts.append(plain_words.seconds(round(duration)))
    done = ", ".join(
        f"{e.id} {e.reps_done}/{e.reps_planned}"
        if e.reps
        else f"{e.id} {plain_words.seconds(round(sum(s.seconds for s in e.done)))}"
        for e in record.exercises
    )
    parts.append(done)
    if record.skipped:
        parts.append(
            ngettext("{count} step skipped", "{count} steps skipped", record.skipped).format(
                count=record.skipped
            )
        )
    if record.counts and not record.full():
        parts.append(_("not a full session"))
    if record.stop_reason in ("emergency", "leg"):
        parts.append(_("warning sign reported"))
    during = [p for e in record.exercises if (p := e.answers.highest_pain) is not None]
    if record.before.pain is not None or during:
        before = "-" if record.before.pain is None else str(record.before.pain)
        parts.append(
            _("pain {before} → {during}").format(
                before=before, during=max(during) if during else "-"
            )
        )
    if morning:
        parts.append(_("next morning: {answer}").format(answer=_(plain_words.MORNINGS[morning])))
    if record.kind != "programme" or record.speed != 1.0:
        parts.append(_("(extra)"))
    return literal("  ".join(parts))


def load_lines(rows: list[Week], load: list[int]) -> Group:
    """The weekly load as lines of text (plain mode)."""
    lines: list[RenderableType] = [heading(_("Weekly load (reps × hold seconds)"))]
    lines += [Text(f"{week.label}: {value}") for week, value in zip(rows, load, strict=True)]
    return Group(*lines)


def pain_lines(points: list[PainPoint]) -> Group:
    """Pain per session as lines of text (plain mode)."""
    lines: list[RenderableType] = [heading(_("Pain, 0-10"))]
    lines += [
        Text(plain_words.pain_line(p.when.date(), p.before, p.during, p.morning)) for p in points
    ]
    return Group(*lines)
