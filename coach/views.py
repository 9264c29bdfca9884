"""Rich renderables for exercises, programmes and paths. Terminal code; no file I/O.

Text that comes from files (definitions, programmes) is always wrapped in `Text`
through `literal`, so rich markup in it is shown as typed and never styles the
terminal, and control characters are made visible instead of being sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coach import words
from coach.i18n import _, language
from coach.learn import Topic
from coach.library import Library
from coach.model import EQUIPMENT, POSITIONS, REGIONS, Exercise, LocalText, Programme
from coach.paths import Paths
from coach.record import SessionRecord
from coach.reports import Current, PainPoint, Week
from coach.terminal import framed

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (ESC and friends) as visible escapes, e.g. \\x1b."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def local(text: LocalText, style: str = "") -> Text:
    return literal(text.get(language()), style)


def heading(text: str) -> Text:
    return Text(text, style="bold")


def _numbered(items: Iterable[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim")
    grid.add_column()
    for i, item in enumerate(items, start=1):
        grid.add_row(f"{i}.", literal(item))
    return grid


def _bullets(items: Iterable[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column()
    grid.add_column()
    for item in items:
        grid.add_row("-", literal(item))
    return grid


def _section(title: str, body: RenderableType) -> Group:
    return Group(heading(title), Padding(body, (0, 0, 1, 2)))


def tags_line(exercise: Exercise) -> str:
    parts = [_(POSITIONS[exercise.position])]
    parts += [_(EQUIPMENT[e]) for e in exercise.equipment]
    return ", ".join(parts)


def ladder_table(exercise: Exercise, current: int | None = None) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column(_("Level"), justify="right")
    table.add_column(_("Variant"))
    table.add_column(_("Range"))
    for level in exercise.levels:
        mark = "▶ " if level.number == current else ""
        table.add_row(
            f"{mark}{level.number}", local(level.variant), words.level_ranges(exercise, level)
        )
    return table


def exercise_list(library: Library) -> Group:
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Name"))
    table.add_column(_("Position"))
    table.add_column(_("Default dosage"))
    table.add_column(_("Levels"), justify="right")
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        ident = literal(exercise.id)
        if exercise.id in library.overridden:
            ident.append(" *", style="bold")
        elif exercise.id in library.user_ids:
            ident.append(" +", style="bold")
        table.add_row(
            ident,
            local(exercise.name),
            _(POSITIONS[exercise.position]),
            words.dosage_short(exercise.dosage),
            str(len(exercise.levels)),
        )
    notes: list[RenderableType] = [table]
    if library.overridden:
        notes.append(Text("\n* " + _("your own definition replaces the built-in one")))
    if library.user_ids - library.overridden:
        notes.append(Text(("" if library.overridden else "\n") + "+ " + _("your own definition")))
    return Group(*notes)


def exercise_json(library: Library) -> list[dict[str, Any]]:
    rows = []
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        d = exercise.dosage
        origin = "built-in"
        if exercise.id in library.overridden:
            origin = "override"
        elif exercise.id in library.user_ids:
            origin = "user"
        rows.append(
            {
                "id": exercise.id,
                "name": {"nl": exercise.name.nl, "en": exercise.name.en},
                "position": exercise.position.value,
                "equipment": list(exercise.equipment),
                "region": list(exercise.region),
                "dosage": {
                    "level": d.level,
                    "sets": d.sets,
                    "reps": d.reps,
                    "sides": d.sides.value,
                    "hold_s": d.hold_s,
                    "duration_s": d.duration_s,
                },
                "levels": len(exercise.levels),
                "origin": origin,
                "file": str(exercise.source_file) if exercise.source_file else None,
            }
        )
    return rows


def exercise_detail(exercise: Exercise, library: Library) -> Group:
    lang = language()
    title = local(exercise.name, "bold")
    title.append(f"  ({exercise.id})", style="dim")
    parts: list[RenderableType] = [
        framed(local(exercise.summary), title),
        Text(""),
    ]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(_("Purpose"), local(exercise.purpose))
    facts.add_row(_("Where"), tags_line(exercise))
    facts.add_row(_("Areas"), ", ".join(_(REGIONS[r]) for r in exercise.region))
    d = exercise.dosage
    variant = exercise.level(d.level).variant.get(lang)
    facts.add_row(_("Dosage"), words.dosage_line(d))
    facts.add_row(_("Level"), literal(f"{d.level}: {variant}"))
    if exercise.source_file and exercise.id in library.user_ids:
        facts.add_row(_("File"), literal(str(exercise.source_file)))
    parts += [facts, Text("")]
    parts.append(_section(_("Starting position"), local(exercise.start_position)))
    parts.append(_section(_("Steps"), _numbered(exercise.steps.get(lang))))
    parts.append(_section(_("What you should feel"), local(exercise.feel)))
    parts.append(_section(_("Common mistakes"), _bullets(exercise.mistakes.get(lang))))
    parts.append(_section(_("When to stop"), local(exercise.stop)))
    changes = Table.grid(padding=(0, 1))
    changes.add_column(justify="right", style="dim")
    changes.add_column()
    for lvl in exercise.levels:
        changes.add_row(f"{lvl.number}.", local(lvl.changes))
    ladder = Group(ladder_table(exercise, d.level), Text(""), changes)
    parts.append(_section(_("Levels"), ladder))
    parts.append(_section(_("Sources"), _bullets(exercise.sources)))
    return Group(*parts)


def programme_detail(programme: Programme) -> Group:
    lang = language()
    parts: list[RenderableType] = [framed(local(programme.title, "bold"))]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    if programme.patient:
        facts.add_row(_("Patient"), literal(programme.patient))
    if programme.therapist:
        t = programme.therapist
        contact = ", ".join(x for x in (t.name, t.practice, t.phone, t.email) if x)
        facts.add_row(_("Therapist"), literal(contact))
    if programme.start:
        facts.add_row(_("Start"), programme.start.isoformat())
    facts.add_row(_("How often"), words.frequency(programme))
    facts.add_row(_("Agreed"), programme.agreed.isoformat() if programme.agreed else _("not yet"))
    if programme.source_file:
        facts.add_row(_("File"), literal(str(programme.source_file)))
    parts += [facts, Text("")]

    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("#", justify="right")
    table.add_column(_("Exercise"))
    table.add_column(_("Level"))
    table.add_column(_("Dosage"))
    for i, entry in enumerate(programme.exercises, start=1):
        ex = entry.exercise
        level = f"{entry.dosage.level}: {ex.level(entry.dosage.level).variant.get(lang)}"
        extra = []
        if entry.lock:
            extra.append(_("locked"))
        if entry.ceiling.level is not None:
            extra.append(_("up to level {level}").format(level=entry.ceiling.level))
        dosage = words.dosage_line(entry.dosage)
        if extra:
            dosage += f" ({', '.join(extra)})"
        table.add_row(str(i), local(ex.name), literal(level), dosage)
    parts += [table, Text("")]

    s = programme.progression
    rules = Table.grid(padding=(0, 2))
    rules.add_column(style="bold")
    rules.add_column()
    rules.add_row(
        _("Pain during"),
        _("at most {max}/10; stop at {stop}/10").format(max=s.pain_during_max, stop=s.pain_stop),
    )
    rules.add_row(
        _("Increase"),
        _("after {sessions} full sessions and at least {days} days since the last increase").format(
            sessions=s.increase_after_sessions, days=s.increase_min_days
        ),
    )
    rules.add_row(
        _("Steps"),
        _("reps +{reps}, hold +{hold} s, sets +{sets}").format(
            reps=s.reps_step, hold=s.hold_step_s, sets=s.sets_step
        ),
    )
    parts.append(_section(_("Progression"), rules))
    if programme.notes:
        parts.append(_section(_("Notes"), local(programme.notes)))
    return Group(*parts)


def paths_table(paths: Paths) -> Table:
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    rows = [
        (_("Settings"), paths.config_file),
        (_("Your own exercises"), paths.user_exercises),
        (_("Data folder"), paths.data_dir),
        (_("Current programme"), paths.current_programme),
        (_("Earlier programmes"), paths.previous_programmes),
        (_("Sessions"), paths.sessions_dir),
    ]
    if paths.cache_dir is not None:
        rows.append((_("Cache (safe to delete)"), paths.cache_dir))
    for label, path in rows:
        table.add_row(label, literal(str(path)))
    return table


# -- progress, next, history -------------------------------------------------------

KIND_MARK = {"increase": "▲", "keep": "=", "decrease": "▼"}


def next_view(lines: list[tuple[str, str]], pending_morning: bool) -> Group:
    parts: list[RenderableType] = [heading(_("Your next session"))]
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
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column(_("Week"))
    table.add_column(_("From"))
    table.add_column(_("Sessions"), justify="right")
    table.add_column(_("Adherence"), justify="right")
    table.add_column("")
    if breaks is not None:
        table.add_column(_("Walking breaks"), justify="right")
    for i, week in enumerate(rows):
        bar = "█" * round(week.adherence / 10) + "░" * (10 - round(week.adherence / 10))
        cells: list[RenderableType] = [
            week.label,
            week.monday.isoformat(),
            _("{done} of {planned}").format(done=week.done, planned=week.planned),
            f"{week.adherence}%",
            Text(bar, style="green"),
        ]
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
            words.dosage_short(state.dosage),
            state.since.isoformat() if state.since else _("not started"),
        )
    return table


def history_line(record: SessionRecord, morning: str | None) -> Text:
    status = {
        "complete": _("complete"),
        "stopped": _("stopped early"),
        "in-progress": _("interrupted"),
    }[record.status.value]
    duration = record.duration_s()
    parts = [record.started.strftime("%Y-%m-%d %H:%M"), status]
    if duration is not None:
        parts.append(words.seconds(round(duration)))
    done = ", ".join(
        f"{e.id} {e.reps_done}/{e.reps_planned}"
        if e.reps
        else f"{e.id} {words.seconds(round(sum(s.seconds for s in e.done)))}"
        for e in record.exercises
    )
    parts.append(done)
    during = [e.answers.pain for e in record.exercises if e.answers.pain is not None]
    if record.before.pain is not None or during:
        before = "-" if record.before.pain is None else str(record.before.pain)
        parts.append(
            _("pain {before} → {during}").format(
                before=before, during=max(during) if during else "-"
            )
        )
    if morning:
        parts.append(_("next morning: {answer}").format(answer=_(words.MORNINGS[morning])))
    if record.kind != "programme" or record.speed != 1.0:
        parts.append(_("(extra)"))
    return literal("  ".join(parts))


def topic_list(topics: list[Topic]) -> Group:
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False)
    table.add_column(justify="right", style="bold")
    table.add_column()
    table.add_column(style="dim")
    for number, topic in enumerate(topics, start=1):
        table.add_row(str(number), local(topic.title), literal(topic.id))
    return Group(
        heading(_("Topics")),
        table,
        Text(""),
        Text(_("Read one with: coach learn NUMBER (or its name)"), style="dim"),
    )


def topic_view(topic: Topic) -> Group:
    from rich.markdown import Markdown  # noqa: PLC0415 -- only this view renders Markdown

    return Group(
        framed(local(topic.title, "bold")),
        Markdown(visible(topic.body.get(language()))),
        Text(""),
        _section(_("Sources"), _bullets(topic.sources)),
    )


def load_lines(rows: list[Week], load: list[int]) -> Group:
    """The weekly load as lines of text (plain mode)."""
    lines: list[RenderableType] = [heading(_("Weekly load (reps × hold seconds)"))]
    lines += [Text(f"{week.label}: {value}") for week, value in zip(rows, load, strict=True)]
    return Group(*lines)


def pain_lines(points: list[PainPoint]) -> Group:
    """Pain per session as lines of text (plain mode)."""
    lines: list[RenderableType] = [heading(_("Pain, 0-10"))]
    lines += [Text(words.pain_line(p.when.date(), p.before, p.during, p.morning)) for p in points]
    return Group(*lines)
