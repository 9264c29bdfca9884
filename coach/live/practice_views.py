"""The practice view: one table of a therapist's patients, those who need a call first.

Every name and text in it came from a patient's file, so each goes in as literal text
(`literal`): no markup is read and no control character reaches the terminal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words
from coach.domain.practice_view import QUIET_DAYS, WINDOW_DAYS, Row
from coach.i18n import _, language, ngettext
from coach.live.console import literal


def flag_words(row: Row, today: date) -> list[str]:
    words = {
        "warning": _("warning sign: call"),
        "rising": _("pain rising"),
        "decreases": _("3+ steps down"),
        "floor": _("at the lowest step"),
    }
    found = [words[f] for f in row.flags if f in words]
    if "quiet" in row.flags:
        if row.last is None:
            found.append(_("no session yet"))
        else:
            found.append(_("no session for {days} days").format(days=(today - row.last).days))
    return found


def dosage_lines(row: Row) -> list[str]:
    lang = language()
    return [
        f"{name.get(lang) or name.get('en', '')}: "
        + _("level {level}").format(level=dosage.level)
        + f", {plain_words.dosage_short(dosage)}"
        for name, dosage in row.dosage
    ]


def last_text(row: Row) -> str:
    return plain_words.short_date(row.last) + f" {row.last.year}" if row.last else "-"


WIDE = 100  # columns: narrower terminals get one block per patient instead of the table


def _name(row: Row) -> str:
    return row.name or _("(no name) {id}").format(id=row.id[:8])


def _style(row: Row) -> str:
    return "bold red" if "warning" in row.flags else ("yellow" if row.flags else "")


def practice_table(rows: list[Row], today: date) -> Table:
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Patient"), overflow="fold")
    table.add_column(_("Last session"), no_wrap=True)
    table.add_column(_("Full, 2 weeks"), no_wrap=True)
    table.add_column(_("Look at"), overflow="fold")
    table.add_column(_("Dosage now"), overflow="fold")
    for row in rows:
        flags = flag_words(row, today)
        table.add_row(
            literal(_name(row), _style(row)),
            Text(last_text(row)),
            Text(_("{done} of {planned}").format(done=row.done, planned=row.planned)),
            literal("\n".join(flags) or "-", _style(row)),
            literal("\n".join(dosage_lines(row)) or "-"),
        )
    return table


def practice_blocks(rows: list[Row], today: date) -> Group:
    """The same, one block per patient: for a terminal too narrow for the table's columns."""
    blocks: list[RenderableType] = []
    for row in rows:
        head = literal(_name(row), "bold " + _style(row))
        head.append(
            "  "
            + _("last session {day}; {done} of {planned} full sessions in 2 weeks").format(
                day=last_text(row), done=row.done, planned=row.planned
            )
        )
        lines: list[RenderableType] = [head]
        flags = flag_words(row, today)
        if flags:
            lines.append(literal("  " + "; ".join(flags), _style(row)))
        lines += [literal("  " + text) for text in dosage_lines(row)]
        blocks.append(Group(*lines, Text("")))
    return Group(*blocks)


def practice_view(rows: list[Row], today: date, width: int) -> RenderableType:
    """The table on a wide terminal, blocks on a narrow one."""
    return practice_table(rows, today) if width >= WIDE else practice_blocks(rows, today)


def summary_line(rows: list[Row]) -> str:
    calls = sum(1 for r in rows if r.needs_call)
    patients = ngettext("{count} patient", "{count} patients", len(rows)).format(count=len(rows))
    return _(
        "{patients}; {calls} to look at first (flags from the last {weeks} weeks, and no "
        "session for {quiet} days)."
    ).format(patients=patients, calls=calls, weeks=WINDOW_DAYS // 7, quiet=QUIET_DAYS)


def practice_json(rows: list[Row], today: date) -> dict[str, Any]:
    """The same data for other programs (`coach practice --json`)."""
    return {
        "today": today.isoformat(),
        "patients": [
            {
                "id": r.id,
                "name": r.name,
                "last_session": r.last.isoformat() if r.last else None,
                "full_sessions_last_2_weeks": r.done,
                "planned_last_2_weeks": r.planned,
                "flags": r.flags,
                "dosage": [
                    {
                        "name": name,
                        "level": d.level,
                        "sets": d.sets,
                        "reps": d.reps,
                        "sides": d.sides.value,
                        "hold_s": d.hold_s,
                        "duration_s": d.duration_s,
                    }
                    for name, d in r.dosage
                ],
            }
            for r in rows
        ],
    }
