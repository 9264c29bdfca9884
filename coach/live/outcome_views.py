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
from coach.domain.outcomes import Course, Series
from coach.domain.plain_words import short_date, week_of
from coach.i18n import _
from coach.live.console import MODE, framed, heading, literal

SPARKS = "▁▂▃▄▅▆▇█"


def spark(points: Sequence[tuple[date, int]]) -> str:
    """One mark per answer, higher for a higher score."""
    return "".join(SPARKS[round(v * (len(SPARKS) - 1) / 10)] for _day, v in points)


def measures(c: Course) -> list[tuple[str, Series, float | None, str]]:
    """Each measure with a change: its name, series, and (for the mean) the start and
    change; the words that judge the change."""
    rows: list[tuple[str, Series, float | None, str]] = []
    for s in c.activities:
        rows.append((s.name, s, None, _judge(s.change, outcomes.activity_counts(s.change), "a")))
    mean = c.mean()
    if mean is not None:
        change = mean[1] - mean[0]
        counts = outcomes.activity_counts(change, outcomes.MEAN_CHANGE)
        rows.append(
            (_("Activities on average"), c.activities[0], change, _judge(change, counts, "m"))
        )
    if c.pain is not None:
        p = c.pain
        rows.append(
            (
                _("Average pain over a week"),
                p,
                None,
                _judge(p.change, outcomes.pain_counts(p.start, p.now), "p"),
            )
        )
    return rows


def _judge(change: float, counts: bool, which: str) -> str:
    threshold = {
        "a": outcomes.activity_threshold(),
        "m": outcomes.mean_threshold(),
        "p": outcomes.pain_threshold(change),
    }[which]
    return outcomes.verdict(change, counts, threshold)


def _now(c: Course, s: Series) -> str:
    """The latest score, with its day when it is older than the latest answers."""
    day, score = s.points[-1]
    return str(score) if day == c.weeks[-1][0] else f"{score} ({short_date(day)})"


def change_lines(c: Course) -> list[str]:
    """Each measure's change since the start, in words."""
    lines: list[str] = []
    mean = c.mean()
    for name, s, mean_change, words in measures(c):
        if mean_change is not None and mean is not None:
            start, now = outcomes.number(mean[0]), outcomes.number(mean[1])
        elif len(s.points) < 2:
            lines.append(
                _("{measure}: {start} at the start; no later score yet.").format(
                    measure=name, start=s.start
                )
            )
            continue
        else:
            start, now = str(s.start), _now(c, s)
        lines.append(
            _("{measure}: {start} → {now}, {verdict}.").format(
                measure=name, start=start, now=now, verdict=words
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
    first = c.weeks[0][0]
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
    marked = [(name, s) for name, s, mean_change, _w in measures(c) if mean_change is None]
    for name, s in marked:  # a mean has no marks of its own: it is said in words below
        table.add_row(
            literal(name),
            str(s.start),
            Text(spark(s.points[-12:]), style="cyan"),
            _now(c, s),
            outcomes.signed(s.change) if len(s.points) > 1 else "",
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
    for day, o in c.weeks:
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
