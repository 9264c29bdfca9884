"""The practice view: one table of a therapist's patients, those who need a call first.

Every name and text in it came from a patient's file, so each goes in as literal text
(`visible`, in a rich Text: no markup is read) and no control character reaches the terminal.
"""

from __future__ import annotations

import functools
import textwrap
from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from coach.domain import plain_words
from coach.domain.practice_view import QUIET_DAYS, WINDOW_DAYS, Row
from coach.i18n import _, language, ngettext
from coach.live.console import visible


def flag_words(row: Row, today: date) -> list[str]:
    words = {
        "warning": _("warning sign: call"),
        "worse": _("worse on own measures"),
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


def _name(row: Row, twins: Collection[str] = ()) -> str:
    """The patient's name; with the start of the id where two patients share it."""
    if not row.name:
        return _("(no name) {id}").format(id=row.id[:8])
    return f"{row.name} ({row.id[:8]})" if row.name in twins else row.name


def _style(row: Row) -> str:
    return "bold red" if "warning" in row.flags else ("yellow" if row.flags else "")


class Lines:
    """Text and where its styles go, kept apart: written as it is in plain mode, turned into
    one rich Text (styles as spans) for a terminal. Cheaper than a Text appended to."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.length = 0

    def append(self, text: str, style: str = "") -> None:
        if style:
            self.spans.append((self.length, self.length + len(text), style))
        self.parts.append(text)
        self.length += len(text)

    @property
    def plain(self) -> str:
        return "".join(self.parts)

    def text(self) -> Text:
        found = Text(self.plain)
        for start, end, style in self.spans:
            found.stylize(style, start, end)
        return found


@functools.lru_cache(maxsize=4096)  # a practice's dosage lines and flag words repeat
def _wrap(text: str, width: int) -> tuple[str, ...]:
    if cell_len(text) <= width:  # most lines fit: textwrap is the slow part of a long list
        return (text,)
    return tuple(textwrap.wrap(text, max(width, 8), break_on_hyphens=False)) or ("",)


def _table(out: Lines, rows: list[Row], today: date, width: int, twins: set[str]) -> None:
    """One row per patient, its flags and exercises one below the other in their column."""
    header = [_("Patient"), _("Last session"), _("Full, 2 weeks"), _("Look at"), _("Dosage now")]
    cells = [
        (
            row,
            [
                _name(row, twins),
                last_text(row),
                _("{done} of {planned}").format(done=row.done, planned=row.planned),
            ],
            flag_words(row, today) or ["-"],
            dosage_lines(row) or ["-"],
        )
        for row in rows
    ]
    gap = 2
    name_w = min(24, max(cell_len(h) for h in [header[0], *(_name(r, twins) for r in rows)]))
    last_w = max(cell_len(header[1]), 11)
    full_w = cell_len(header[2])
    flag_w = min(22, max([cell_len(header[3]), *(cell_len(f) for c in cells for f in c[2])]))
    dose_w = max(20, width - name_w - last_w - full_w - flag_w - 4 * gap)
    widths = (name_w, last_w, full_w, flag_w, dose_w)

    def line(parts: list[str], styles: list[str]) -> None:
        for i, (part, style) in enumerate(zip(parts, styles, strict=True)):
            last = i == len(parts) - 1
            out.append(visible(part, one_line=True), style)
            if not last:
                out.append(" " * (widths[i] - cell_len(part) + gap))
        out.append("\n")

    line(header, ["bold"] * 5)
    for row, (name, last, full), flags, dosage in cells:
        style = _style(row)
        columns = [
            _wrap(name, name_w),
            (last,),
            (full,),
            [piece for f in flags for piece in _wrap(f, flag_w)],
            [piece for d in dosage for piece in _wrap(d, dose_w)],
        ]
        for i in range(max(map(len, columns))):
            parts = [c[i] if i < len(c) else "" for c in columns]
            line(parts, [style, "", "", style, ""])


def _indented(out: Lines, text: str, width: int, style: str) -> None:
    """`text` two spaces in, and the lines it wraps onto four."""
    text = visible(text, one_line=True)
    if cell_len(text) + 2 <= width:
        out.append("  " + text + "\n", style)
        return
    lines = textwrap.wrap(
        text,
        max(width, 12),
        initial_indent="  ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )
    for piece in lines:
        out.append(piece + "\n", style)


def _blocks(out: Lines, rows: list[Row], today: date, width: int, twins: set[str]) -> None:
    """One block per patient: for a terminal too narrow for the table's columns."""
    for row in rows:
        style = _style(row)
        for piece in _wrap(_name(row, twins), width):
            out.append(visible(piece, one_line=True) + "\n", "bold " + style)
        full = _("{done} of {planned} full sessions in 2 weeks").format(
            done=row.done, planned=row.planned
        )
        # Without a session yet, the flags say so: no "last session -".
        seen = full
        if row.last:
            seen = _("last session {day}").format(day=last_text(row)) + "; " + full
        flags = flag_words(row, today)
        _indented(out, seen, width, "")
        if flags:
            _indented(out, "; ".join(flags), width, style)
        for text in dosage_lines(row):
            _indented(out, text, width, "")
        out.append("\n")


def practice_view(rows: list[Row], today: date, width: int) -> Lines:
    """The table on a wide terminal, blocks on a narrow one, laid out here and printed
    without rich's wrapping (`soft_wrap`), so a thousand patients draw at once."""
    out = Lines()
    named = Counter(r.name for r in rows if r.name)
    twins = {name for name, count in named.items() if count > 1}
    if width >= WIDE:
        _table(out, rows, today, width, twins)
    else:
        _blocks(out, rows, today, width, twins)
    return out


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
                "dosage": [{"name": name, **d.figures()} for name, d in r.dosage],
            }
            for r in rows
        ],
    }
