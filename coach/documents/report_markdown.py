"""The progress report as Markdown: the same content as the PDF, as text."""

from __future__ import annotations

from coach.documents.markdown_text import md
from coach.documents.report_data import ReportData, change_words, check_in_line
from coach.domain import plain_words
from coach.i18n import _, language


def report_markdown(data: ReportData) -> str:
    lang = language()
    out = ["# " + _("Progress report"), "", md(data.programme.title.get(lang)) + "  "]
    if data.programme.patient:
        out.append(_("For: {name}").format(name=md(data.programme.patient)) + "  ")
    out += [
        _("Period: {first} to {last}").format(
            first=data.first.isoformat(), last=data.last.isoformat()
        ),
        "",
    ]
    if data.flags:
        out += ["## " + _("To look at first"), "", *["- " + f for f in data.flags], ""]
    out += [
        "## " + _("Sessions per week"),
        "",
        "| "
        + _("Week")
        + " | "
        + _("Sessions")
        + " | "
        + _("Adherence")
        + " | "
        + _("Walking breaks")
        + " |",
        "| --- | --- | --- | --- |",
    ]
    out += [
        f"| {w.label} | {w.done}/{w.planned} | {w.adherence}% | {walks} |"
        for w, walks in zip(data.weeks, data.walks, strict=True)
    ]
    out += ["", "## " + _("Dosage now"), ""]
    for entry, state in zip(data.programme.exercises, data.current, strict=True):
        since = state.since.isoformat() if state.since else _("not started")
        level = _("level {number}").format(number=state.dosage.level)
        out.append(
            f"- {md(entry.exercise.name.get(lang))}: {level}, "
            f"{plain_words.dosage_short(state.dosage)} (" + _("Since").lower() + f" {since})"
        )
    out += ["", "## " + _("Changes in dosage"), ""]
    out += [
        f"- {c.day.isoformat()}, {md(c.exercise)}, {change_words(c.kind)}: {md(c.reason)}"
        for c in data.changes
    ] or [_("No changes in this period.")]
    out += ["", "## " + _("Pain"), ""]
    out += [
        "- " + plain_words.pain_line(p.when.date(), p.before, p.during, p.morning)
        for p in data.pain
    ]
    if not data.pain:
        out.append(_("No pain scores recorded in this period yet."))
    out += ["", "## " + _("Weekly check-ins"), ""]
    out += [f"- {check_in_line(c)}" for c in data.checkins] or [_("No check-ins in this period.")]
    out += ["", "## " + _("Notes"), ""]
    out += [f"- {day.isoformat()}: {md(note)}" for day, note in data.notes] or [
        _("No notes in this period.")
    ]
    return "\n".join(out) + "\n"
