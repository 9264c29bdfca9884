"""The outcome measures in `coach progress`: a line per activity and for the average pain,
each with its change since the start against the smallest change that counts. Plain
mode prints one line of text per week instead (a screen reader never meets the marks)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import outcomes
from coach.domain.decisions import monday
from coach.domain.outcomes import Course
from coach.domain.plain_words import short_date, week_of
from coach.i18n import _
from coach.live.console import MODE, framed, heading, literal

SPARKS = "▁▂▃▄▅▆▇█"


def spark(points: Sequence[tuple[date, int]]) -> str:
    """One mark per answer, higher for a higher score."""
    return "".join(SPARKS[round(v * (len(SPARKS) - 1) / 10)] for _day, v in points)


def change_lines(c: Course) -> list[str]:
    """Each measure's change since the start, in words."""
    lines: list[str] = []
    for ch in outcomes.changes(c):
        if ch.once:
            lines.append(
                _("{measure}: {start} at the start; no later score yet.").format(
                    measure=ch.name, start=outcomes.number(ch.start)
                )
            )
            continue
        lines.append(
            _("{measure}: {start} → {now}, {verdict}.").format(
                measure=ch.name,
                start=outcomes.number(ch.start),
                now=ch.now_words(),
                verdict=outcomes.verdict(ch.change, ch.counts, ch.threshold),
            )
        )
    if c.effect is not None:
        lines.append(
            _("Overall on {day}: {effect}.").format(
                day=short_date(c.effect[0]), effect=outcomes.effect_words(c.effect[1])
            )
        )
    return lines


def _items(lines: list[str]) -> RenderableType:
    """A list with a hanging indent: wrapped lines stay under the words, not the dash.
    Plain mode: lines of text, nothing padded (a screen reader reads what is there)."""
    if MODE.plain:
        return Group(*(literal("- " + line) for line in lines))
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("-", literal(line))
    return grid


def _sources() -> Text:
    return Text(
        _(
            "A real change: {activity} for one activity, {mean} for their average "
            "({sources}); pain {pain} ({pain_sources})."
        ).format(
            sources=outcomes.ACTIVITY_SOURCES,
            pain_sources=outcomes.PAIN_SOURCES,
            activity=outcomes.activity_threshold(),
            mean=outcomes.mean_threshold(),
            pain=outcomes.pain_threshold(),
        ),
        style="dim",
    )


def outcome_view(c: Course) -> Group:
    """The full view: a line per measure with its marks, then the changes in words."""
    first = c.answers[0][0]
    parts: list[RenderableType] = [
        Text(_("Your own measures, since {day}").format(day=short_date(first)), style="bold"),
        Text(_("Activities: {scale}.").format(scale=outcomes.scale_words())),
    ]
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Measure"), overflow="fold")
    table.add_column(_("Start"), justify="right")
    table.add_column(_("Each week"), no_wrap=True)
    table.add_column(_("Now"), justify="right")
    table.add_column(_("Change"), justify="right")
    marked = [ch for ch in outcomes.changes(c) if ch.points]  # a mean has no marks
    for ch in marked:  # said in words below, the mean too
        table.add_row(
            literal(ch.name),
            outcomes.number(ch.start),
            Text(spark(ch.points[-12:]), style="cyan"),
            ch.now_words(),
            "" if ch.once else outcomes.signed(ch.change),
        )
    if marked:  # only an overall answer: no table to head
        parts.append(table)
    parts.append(_items(change_lines(c)))
    parts.append(_sources())
    return Group(*parts)


def week_lines(c: Course) -> Group:
    """Plain mode: one line per week with every answer of that week, then the changes."""
    lines: list[RenderableType] = [
        heading(_("Your own measures")),
        Text(_("Activities: {scale}.").format(scale=outcomes.scale_words())),
    ]
    weeks: dict[date, dict[str, str]] = {}
    for day, o in c.answers:
        week = weeks.setdefault(monday(day), {})
        for s in o.activities:
            if s.score is not None:
                week[" ".join(s.activity.split()).casefold()] = f"{s.activity} {s.score}"
        if o.pain_week is not None:
            week[" pain"] = _("average pain {value}").format(value=o.pain_week)
        if o.effect is not None:
            week[" effect"] = _("overall: {effect}").format(effect=outcomes.effect_words(o.effect))
    for start, answers in weeks.items():
        said = "; ".join(answers.values()) if answers else _("all questions skipped")
        lines.append(literal(f"{week_of(start)}: {said}"))
    lines += [literal(line) for line in change_lines(c)]
    lines.append(_sources())
    return Group(*lines)


def contact_panel(worse: list[str]) -> RenderableType:
    """`coach next`: own answers worse than at the start: contact the therapist; the load
    stays as the rules decide."""
    lines: list[RenderableType] = [
        Text(_("Your own answers say that your back is worse than at the start:"), style="bold")
    ]
    lines.append(_items(worse))
    lines.append(
        Text(
            _(
                "Contact your therapist to talk it over. coach does not change your exercises "
                "because of these answers."
            )
        )
    )
    return framed(Group(*lines), _("Contact your therapist"), border_style="bold yellow")
