"""The progress report as Markdown: the same content as the PDF, as text (no PDF library)."""

from __future__ import annotations

from coach.documents import report_outcomes
from coach.documents.markdown_text import md
from coach.documents.report_data import (
    ReportData,
    change_line,
    check_in_line,
    exercise_table,
    now_line,
    period_text,
    weeks_table,
)
from coach.domain import plain_words
from coach.i18n import _, language


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """A Markdown table; its first row is the heading."""
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in body]
    return [*lines, ""]


def report_markdown(data: ReportData) -> str:
    lang = language()
    out = ["# " + _("Progress report"), "", md(data.programme.title.get(lang)) + "  "]
    if data.programme.patient:
        out.append(_("For: {name}").format(name=md(data.programme.patient)) + "  ")
    out += [period_text(data), ""]
    out += ["## " + _("To look at first"), ""]
    # A flag may hold a person's words (an activity, a file name): text, never Markdown.
    out += ["- " + md(f) for f in data.flags] or [_("Nothing stands out in this period.")]
    out += ["", "## " + _("Outcome measures"), ""]
    if data.outcomes.empty:
        out += [report_outcomes.none_yet()]
    else:
        out += _table(report_outcomes.rows(data.outcomes))
        out += [md(report_outcomes.about(data.outcomes))]
    out += ["", "## " + _("Sessions per week"), ""]
    out += _table(weeks_table(data))
    out += ["## " + _("Pain"), ""]
    out += [
        "- " + plain_words.pain_line(p.when.date(), p.before, p.during, p.morning)
        for p in data.pain
    ] or [_("No pain scores recorded in this period yet.")]
    for report in data.exercises:
        state = report.current
        out += ["", "## " + md(report.name), ""]
        out += [
            now_line(state),
            "",
        ]
        table = exercise_table(report)
        out += _table(table) if len(table) > 1 else [_("Not done in this period."), ""]
        if report.changes:
            out += ["### " + _("Changes in dosage"), ""]
            out += ["- " + change_line(c, md) for c in report.changes]
    out += ["", "## " + _("Weekly check-ins"), ""]
    out += [f"- {check_in_line(c)}" for c in data.checkins] or [_("No check-ins in this period.")]
    out += ["", "## " + _("Notes"), ""]
    out += [f"- {plain_words.short_date(day)}: {md(note)}" for day, note in data.notes] or [
        _("No notes in this period.")
    ]
    if data.problems:
        out += ["", "## " + _("Files that could not be read"), ""]
        out += [f"- {md(p)}" for p in data.problems]
    return "\n".join(out) + "\n"
