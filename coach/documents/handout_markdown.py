"""`coach print --format md`: the handout as Markdown, for e-mail or a quick look."""

from __future__ import annotations

from datetime import date

from coach.documents import handout_text
from coach.documents.markdown_text import md
from coach.domain import plain_words
from coach.domain.model import Exercise, Programme
from coach.domain.warning_signs import SIGNS, Urgency
from coach.i18n import _, language


def level_text(exercise: Exercise, number: int) -> str:
    variant = exercise.level(number).variant.get(language())
    return _("level {number}: {variant}").format(number=number, variant=variant)


def programme_markdown(programme: Programme, today: date) -> str:
    lang = language()
    out = [f"# {md(programme.title.get(lang))}", ""]
    if programme.patient:
        out.append(_("For: {name}").format(name=md(programme.patient)) + "  ")
    t = programme.therapist
    if t is not None:
        who = ", ".join(x for x in (t.name, t.practice, t.phone, t.email) if x)
        out.append(_("Therapist: {who}").format(who=md(who)) + "  ")
    out.append(
        _("How often: {frequency}").format(frequency=plain_words.frequency(programme)) + "  "
    )
    if programme.start:
        out.append(_("From: {day}").format(day=plain_words.long_date(programme.start)) + "  ")
    agreed = plain_words.long_date(programme.agreed) if programme.agreed else _("not yet")
    out.append(_("Agreed with you on: {day}").format(day=agreed) + "  ")
    out.append(_("Printed: {day}").format(day=plain_words.long_date(today)))
    if programme.notes:
        out += ["", md(programme.notes.get(lang))]
    for number, entry in enumerate(programme.exercises, start=1):
        ex, d = entry.exercise, entry.dosage
        how_much = (
            f"{plain_words.dosage_line(d)}, {plain_words.exercise_frequency(programme, entry)}"
        )
        if entry.outside_range:
            how_much += ". " + _(plain_words.OUTSIDE_RANGE)
        out += [
            "",
            f"## {number}. {md(ex.name.get(lang))}",
            "",
            "*" + md(level_text(ex, d.level)) + "*",
            "",
            "**" + _("How much") + f":** {how_much}",
            "",
        ]
        if entry.note is not None:
            out += ["**" + _("From your therapist") + f":** {md(entry.note.get(lang))}", ""]
        if d.level != ex.dosage.level:
            out += [
                "**" + _("At this level") + f":** {md(ex.level(d.level).changes.get(lang))}",
                "",
            ]
        out += [
            "**" + _("What it does") + f":** {md(ex.purpose.get(lang))}",
            "",
            "**" + _("Starting position") + f":** {md(ex.start_position.get(lang))}",
            "",
        ]
        out += [f"{i}. {md(step)}" for i, step in enumerate(ex.steps.get(lang), start=1)]
        out += [
            "",
            "**" + _("What you should feel") + f":** {md(ex.feel.get(lang))}",
            "",
            "**" + _("Common mistakes") + ":**",
            "",
        ]
        out += [f"- {md(m)}" for m in ex.mistakes.get(lang)]
        out += ["", "**" + _("When to stop") + f":** {md(ex.stop.get(lang))}"]
        if entry.video is not None:
            # Validated as http(s) with no space, quote or angle bracket: safe as an autolink.
            out += ["", "**" + _("Video") + f":** <{entry.video}>"]
    out += ["", "## " + _("How your programme grows"), "", handout_text.growth_intro(), ""]
    out += ["- " + rule for rule in handout_text.growth_rules(programme)]
    out += ["", "## " + _("Good to know"), ""]
    out += ["- " + tip for tip in handout_text.good_to_know()]
    out += [
        "",
        "## " + _("When to contact a doctor"),
        "",
        _(
            "Call your GP straight away (in the evening, at night and at the weekend: the "
            "huisartsenpost; 112 if it is life-threatening) if you answer yes to:"
        ),
        "",
    ]
    out += ["- " + _(s.question) for s in SIGNS if s.urgency is Urgency.EMERGENCY]
    out += ["", _("Contact your GP soon if you answer yes to:"), ""]
    out += ["- " + _(s.question) for s in SIGNS if s.urgency is Urgency.URGENT]
    out += ["", "---", "", "*" + _(plain_words.HANDOUT_DISCLAIMER) + "*", ""]
    return "\n".join(out)
