"""The report's outcomes block: each measure at the start and now, the change, and that
change against the smallest change that counts (docs/outcomes.md). The same rows in the
PDF and in Markdown."""

from __future__ import annotations

from coach.domain import outcomes
from coach.domain.outcomes import ACTIVITY_CHARS, Course
from coach.domain.plain_words import short_date
from coach.i18n import _


def _judged(change: float, counts: bool, threshold: str) -> str:
    if abs(change) < 1e-9:
        return _("no change")
    if not counts:
        return _("no (it takes {threshold})").format(threshold=threshold)
    way = _("yes, better") if change < 0 else _("yes, worse")
    return f"{way} ({threshold})"


def _name(name: str) -> str:
    """An activity as the table holds it: a session file may hold a longer one than a
    programme allows, and it must not squeeze the other columns."""
    name = " ".join(name.split())
    return name if len(name) <= ACTIVITY_CHARS else name[: ACTIVITY_CHARS - 1] + "…"


def _effect_judged(effect: str) -> str:
    """The global effect against the Dutch outcome set's line (Verburg 2019): improved is
    much better or completely recovered; much worse is a flag."""
    if effect in outcomes.IMPROVED:
        return _("yes, improved")
    if effect == outcomes.MUCH_WORSE:
        return _("yes, much worse")
    return _("no")


def rows(c: Course) -> list[tuple[str, ...]]:
    """The table, its heading first; a measure scored once has no change yet."""
    table: list[tuple[str, ...]] = [
        (_("Measure"), _("Start"), _("Latest"), _("Change"), _("A real change?"))
    ]
    for ch in outcomes.changes(c):
        name = _name(ch.name) if ch.kind == "activity" else ch.name
        if ch.once:
            table.append((name, outcomes.number(ch.start), "-", "-", "-"))
            continue
        change = outcomes.signed(ch.change)
        if ch.kind == "pain" and ch.start:
            change += f" ({round(ch.change * 100 / ch.start):+d}%)".replace("-", "−")
        judged = _judged(ch.change, ch.counts, ch.threshold)
        table.append((name, outcomes.number(ch.start), ch.now_words(), change, judged))
    if (effect := c.effect) is not None:
        table.append(
            (
                _("Overall, since the start"),
                "",
                f"{outcomes.effect_words(effect[1])} ({short_date(effect[0])})",
                "",
                _effect_judged(effect[1]),
            )
        )
    return table


def about(c: Course) -> str:
    """What the figures are: the dates, the direction of the scales, the sources."""
    first, last = c.answers[0][0], c.answers[-1][0]
    return _(
        "Start {first}, latest {last}. Activities (PSK): 0 = as easy as before the back "
        "pain, 10 = impossible; pain: average over the last week, 0-10. Lower is better "
        "on both. Smallest changes that count: {activity} for one activity and {mean} for "
        'their average ({sources}), {pain} for pain ({pain_sources}). "Improved": much '
        "better or completely recovered ({effect_source})."
    ).format(
        sources=outcomes.ACTIVITY_SOURCES,
        pain_sources=outcomes.PAIN_SOURCES,
        effect_source=outcomes.EFFECT_SOURCE,
        first=short_date(first),
        last=short_date(last),
        activity=outcomes.activity_threshold(),
        mean=outcomes.mean_threshold(),
        pain=outcomes.pain_threshold(),
    )


def none_yet() -> str:
    return _("No outcome answers yet: each question can be skipped.")
