"""Rich renderables for exercises, programmes, paths and learn topics. Terminal code; no file I/O.

Text that comes from files (definitions, programmes) is always wrapped in `Text`
through `literal`, so rich markup in it is shown as typed and never styles the
terminal, and control characters are made visible instead of being sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words
from coach.domain.catalogue import Library
from coach.domain.model import EQUIPMENT, POSITIONS, REGIONS, Exercise, Programme
from coach.files.learn_topics import Topic
from coach.files.paths import Paths
from coach.files.settings import Config
from coach.i18n import _, language, ngettext
from coach.live.console import MODE, framed, heading, line, literal, local, visible


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


def _sources(sources: Iterable[str], bundled: bool = True) -> Group:
    """The sources, and for coach's own texts the licence they are under (LICENSE)."""
    parts: list[RenderableType] = [_bullets(sources)]
    if bundled:
        parts.append(
            Text(_("This text: CC BY 4.0, by coach. Share and adapt it with credit."), style="dim")
        )
    return Group(*parts)


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
            f"{mark}{level.number}", local(level.variant), plain_words.level_ranges(exercise, level)
        )
    return table


NARROW = 80  # below this many columns the list gives each exercise two lines, not a row


def exercise_list(library: Library, width: int = NARROW) -> Group:
    """The library as a table; in a narrow terminal each exercise on two lines instead, so
    the five columns are not squeezed into words cut off mid-way."""
    narrow = width < NARROW
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold", show_header=not narrow)
    if narrow:
        table.add_column()
    else:
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
        position = _(POSITIONS[exercise.position])
        dosage = plain_words.dosage_short(exercise.dosage)
        levels = str(len(exercise.levels))
        if narrow:
            count = ngettext("{count} level", "{count} levels", len(exercise.levels))
            facts = " · ".join([position, dosage, count.format(count=levels)])
            ident.stylize("bold")
            table.add_row(Text.assemble(ident, "  ", local(exercise.name), "\n  ", (facts, "dim")))
        else:
            table.add_row(ident, local(exercise.name), position, dosage, levels)
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
                "dosage": d.figures(),
                "levels": len(exercise.levels),
                "origin": origin,
                "file": str(exercise.source_file) if exercise.source_file else None,
            }
        )
    return rows


def _pictures(exercise: Exercise, level: int) -> RenderableType | None:
    """The level's starting and end position side by side, drawn in braille."""
    from coach.live import figure  # noqa: PLC0415 -- drawing only when there is a pose

    drawn = figure.still(exercise, level, PICTURE_COLUMNS, PICTURE_ROWS)
    pose = exercise.pose_at(level)
    if drawn is None or pose is None:
        return None
    names = plain_words.position_names(pose, exercise.level(level))
    grid = Table.grid(padding=(0, 4))
    grid.add_row(*drawn)
    grid.add_row(*(Text(name, style="dim", justify="center") for name in names[:2]))
    return grid


PICTURE_COLUMNS, PICTURE_ROWS = 30, 8


def exercise_detail(exercise: Exercise, library: Library, level: int | None = None) -> Group:
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
    facts.add_row(_("Dosage"), plain_words.dosage_line(d))
    facts.add_row(_("Level"), literal(f"{d.level}: {variant}"))
    if exercise.source_file and exercise.id in library.user_ids:
        facts.add_row(_("File"), line(str(exercise.source_file)))
    parts += [facts, Text("")]
    shown = level or d.level
    # Braille pictures are noise to a screen reader: plain mode leaves them out.
    pictures = None if MODE.plain else _pictures(exercise, shown)
    if pictures is not None:
        heading = _("Level {number}: {variant}").format(
            number=shown, variant=exercise.level(shown).variant.get(lang)
        )
        parts.append(_section(heading, pictures))
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
    parts.append(
        _section(_("Sources"), _sources(exercise.sources, exercise.id not in library.user_ids))
    )
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
        facts.add_row(_("Start"), plain_words.long_date(programme.start))
    if programme.lang:
        facts.add_row(_("Language"), {"nl": "Nederlands", "en": "English"}[programme.lang])
    if programme.logo:
        facts.add_row(_("Logo"), line(str(programme.logo)))
    facts.add_row(_("How often"), plain_words.frequency(programme))
    facts.add_row(
        _("Agreed"), plain_words.long_date(programme.agreed) if programme.agreed else _("not yet")
    )
    if programme.activities:  # the outcome measure's (docs/outcomes.md), one per line
        facts.add_row(_("Activities (PSK)"), literal("\n".join(programme.activities)))
    if programme.source_file:
        facts.add_row(_("File"), line(str(programme.source_file)))
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
        if entry.per_week is not None:
            extra.append(plain_words.exercise_frequency(programme, entry))
        if entry.outside_range:
            extra.append(_("outside the level's range"))
        dosage = plain_words.dosage_line(entry.dosage)
        if extra:
            dosage += f" ({', '.join(extra)})"
        table.add_row(str(i), local(ex.name), literal(level), dosage)
    parts += [table, Text("")]
    for entry in programme.exercises:
        if entry.note is not None or entry.video is not None:
            lines = Text()
            if entry.note is not None:
                lines.append_text(local(entry.note))
            if entry.video is not None:
                lines.append(("\n" if lines else "") + _("Video: "))
                lines.append_text(literal(entry.video))
            parts.append(_section(entry.exercise.name.get(lang), lines))

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
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")  # a path is shown whole, never cut off with "…"
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
        table.add_row(label, line(str(path)))
    return table


def settings_view(
    paths: Paths, config: Config, plain_now: bool, programme_lang: str | None
) -> Group:
    """`coach settings`: the file, its values, and whether plain mode is on now."""
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(_("Settings"), line(str(paths.config_file)))
    table.add_row("lang", config.lang or _("not set: the programme's language, else the locale's"))
    unset = _("not set: plain when the output is not a terminal or TERM=dumb")
    table.add_row("plain", unset if config.plain is None else str(config.plain).lower())
    parts: list[RenderableType] = [table, Text("")]
    parts.append(Text(_("Plain mode is on now.") if plain_now else _("Plain mode is off now.")))
    if config.lang and programme_lang and programme_lang != config.lang:
        parts.append(
            Text(
                _("The current programme asks for {lang}; that comes first.").format(
                    lang=programme_lang
                )
            )
        )
    parts.append(Text(_("Change them with: coach settings --plain, --no-plain, --lang nl|en")))
    return Group(*parts)


# -- progress, next, history -------------------------------------------------------


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
        _section(_("Sources"), _sources(topic.sources)),
    )
