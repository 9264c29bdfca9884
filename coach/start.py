"""`coach start`: choose the plan, run it, save it, say how it went.

Returns the exit code: 0, 130 after Ctrl-C, 143 after SIGTERM.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.text import Text

from coach import phrases, words
from coach.cues import Sound, Voice, find_speech
from coach.errors import UsageError
from coach.i18n import _, language, ngettext
from coach.library import load_library
from coach.paths import Paths
from coach.programme import current_programme, load_programme
from coach.record import new_record
from coach.runner import Runner, Settings
from coach.session import Overrides, programme_plan, single_plan
from coach.store import Store, session_lock
from coach.summary import session_summary
from coach.terminal import report_error
from coach.timeline import Timeline, compile_timeline


@dataclass
class StartOptions:
    ids: list[str] = field(default_factory=list)
    programme: Path | None = None
    level: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold: int | None = None
    speed: float = 1.0
    dry_run: bool = False
    plain: bool = False
    voice: bool = False
    quiet: bool = False
    flash: bool = False


def wants_plain(option: bool) -> bool:
    """Plain mode: asked for, or stdout is not a terminal, or the terminal is dumb."""
    return option or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb"


def _sound(options: StartOptions) -> Sound:
    if sum((options.voice, options.quiet, options.flash)) > 1:
        raise UsageError(_("Choose one of --voice, --quiet and --flash."))
    if options.quiet:
        return Sound.QUIET
    if options.flash:
        return Sound.FLASH
    return Sound.BELL


def dry_run(timeline: Timeline, console: Console) -> None:
    out = sys.stdout
    for phase in timeline.phases:
        out.write(f"{phrases.stamp(phase.start)} {phrases.phase_line(timeline, phase)}\n")
    out.write(f"{phrases.stamp(timeline.total)} {_('session done')}\n\n")
    for index, item in enumerate(timeline.plan):
        begin, end = timeline.exercise_span(index)
        console.print(
            Text.assemble(
                (item.exercise.name.get(language()), "bold"),
                "  ",
                words.dosage_line(item.dosage),
                "  ",
                (words.seconds(round(end - begin)), "dim"),
            )
        )
    console.print(
        Text(
            _("Total: {duration}").format(duration=words.seconds(round(timeline.total))),
            style="bold",
        )
    )


def start(options: StartOptions, paths: Paths) -> int:
    sound = _sound(options)
    library = load_library(paths)
    overrides = Overrides(options.level, options.sets, options.reps, options.hold)
    per_week: int | None = None
    if options.ids:
        if options.programme:
            raise UsageError(_("Give exercise ids or --programme, not both."))
        plan = single_plan(library, options.ids, overrides)
        title = _("Single exercises")
    else:
        programme = (
            load_programme(options.programme, library)
            if options.programme
            else current_programme(paths, library)
        )
        plan = programme_plan(programme, overrides)
        title = programme.title.get(language())
        per_week = programme.sessions_per_week
    timeline = compile_timeline(plan)
    console = Console(highlight=False)
    if options.dry_run:
        dry_run(timeline, console)
        return 0

    plain = wants_plain(options.plain)
    voice = None
    if options.voice:
        engine = find_speech(language())
        if engine is None:
            Console(stderr=True, highlight=False).print(
                Text(
                    _(
                        "No speech engine found (looked for espeak-ng, espeak, spd-say, say and "
                        "PowerShell). Install espeak-ng for voice cues; the bell is used instead."
                    ),
                    style="bold",
                )
            )
        else:
            voice = Voice(engine)
    settings = Settings(
        plain=plain, sound=sound, voice=voice, speed=options.speed, read_keys=sys.stdin.isatty()
    )
    store = Store(paths)
    with session_lock(paths):
        started = datetime.now().astimezone().replace(microsecond=0)
        record = store.claim(new_record(timeline, started, title, language(), options.speed))
        if plain:
            heading = ngettext(
                "{title}: {count} exercise, about {duration}",
                "{title}: {count} exercises, about {duration}",
                len(plan),
            )
            sys.stdout.write(
                heading.format(
                    title=title, count=len(plan), duration=words.seconds(round(timeline.total))
                )
                + "\n"
            )
            sys.stdout.flush()
        outcome = Runner(timeline, record, store, settings, console).run()
    monday = date.today() - timedelta(days=date.today().weekday())
    this_week = store.history(since=monday)
    names = {item.exercise.id: item.exercise.name.get(language()) for item in plan}
    console.print(session_summary(outcome, names, len(this_week.sessions), per_week))
    for problem in this_week.problems:
        report_error(problem, warning=True)
    if outcome.terminated:
        return 143
    if outcome.interrupted:
        return 130
    return 0
