"""The full-screen session view: a pure function from a snapshot to a rich renderable.

Layouts step down with the terminal: big digits when there is room, a compact view without
them, one line for very small terminals. Every colour doubles as text (the phase is written
out, "PAUSED" is a word), so the view reads the same with NO_COLOR.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from rich.align import Align
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words, session_phrases
from coach.domain.engine import Engine
from coach.domain.timeline import Kind, Phase, Timeline
from coach.i18n import _, language
from coach.live import big_digits, figure
from coach.live.console import literal

PHASE_STYLE = {
    Kind.GET_READY: "bold white on blue",
    Kind.MOVE: "bold black on cyan",
    Kind.HOLD: "bold black on yellow",
    Kind.RETURN: "bold black on cyan",
    Kind.SWITCH: "bold black on magenta",
    Kind.REST: "bold black on green",
    Kind.TIMED: "bold black on cyan",
}
DIGIT_STYLE = {
    Kind.GET_READY: "bold blue",
    Kind.MOVE: "bold cyan",
    Kind.HOLD: "bold yellow",
    Kind.RETURN: "bold cyan",
    Kind.SWITCH: "bold magenta",
    Kind.REST: "bold green",
    Kind.TIMED: "bold cyan",
}
PAUSED_STYLE = "bold white on red"

COMPACT = (34, 11)
FIGURE_MIN_INNER = 50  # columns inside the panel from which the figure is shown
FIGURE_MAX_W = 56
FIGURE_EXTRA_ROWS = 4  # rows the figure may take beyond the digits, when they are free
GAP_ROWS = 5  # the empty rows between the parts, when there is room for them


@dataclass(frozen=True)
class Screen:
    """Everything the view shows at one moment."""

    timeline: Timeline
    phase: Phase
    seconds_left: int
    progress: float
    elapsed: float
    paused: bool = False
    overlay: str | None = None  # "help", "confirm", or "discard" (its second question)
    message: str | None = None
    flash: bool = False
    into: float = 0.0  # seconds into the phase: where the moving figure is

    def key(self) -> tuple[object, ...]:
        """Two snapshots with the same key look the same: no redraw needed."""
        return (
            self.phase.index,
            figure.frame(self.phase, self.into),
            self.seconds_left,
            self.paused,
            self.overlay,
            self.message,
            self.flash,
            round(self.progress, 3),
        )


def snapshot(
    engine: Engine, now: float, overlay: str | None, message: str | None, flash: bool
) -> Screen:
    """What the engine shows at `now`."""
    return Screen(
        timeline=engine.timeline,
        phase=engine.phase,
        seconds_left=engine.seconds_left(now),
        progress=engine.progress(now),
        elapsed=engine.elapsed(now),
        paused=engine.paused,
        overlay=overlay,
        message=message,
        flash=flash,
        into=engine.phase.duration - engine.remaining(now),
    )


def legend(width: int | None = None, paused: bool = False) -> Text:
    """The key bar on one line (on a narrow one the keys that matter most, h for the rest),
    following the state: while paused, space says it goes on."""
    keys = [
        (_("space"), _("go on") if paused else _("pause")),
        ("n", _("skip")),
        ("b", _("repeat rep")),
        ("p", _("pain")),
        ("q", _("stop")),
        ("h", _("help")),
    ]
    shorter = [keys[0], keys[3], keys[4], keys[5]]  # pause, pain, stop, help
    for choice in (keys, shorter, [keys[3], keys[5]]):
        text = Text()
        for i, (key, label) in enumerate(choice):
            if i:
                text.append("  ·  ", style="dim")
            text.append(key, style="bold")
            text.append(" " + label)
        if width is None or text.cell_len <= width:
            break
    return text


def help_panel() -> Panel:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for key, label in (
        (_("space"), _("pause or go on")),
        (_("n or →"), _("skip what is running now")),
        ("b", _("do the current rep again")),
        ("p", _("it hurts: coach pauses and asks how much")),
        ("q", _("stop; you choose whether to keep what you did")),
        (_("h or ?"), _("show or hide this help")),
        ("Ctrl-C", _("like q")),
    ):
        table.add_row(key, label)
    return Panel(table, title=_("Keys"), title_align="left", border_style="bold")


def _question_panel(question: str, answers: list[tuple[str, str]]) -> Panel:
    """A question and its keys, each key bold with what it does beside it."""
    text = Text.assemble((question + "\n", "bold"))
    for key, meaning in answers:
        text.append("\n")
        text.append(key, style="bold")
        text.append("  " + meaning)
    return Panel(text, border_style="bold red")


def confirm_panel() -> Panel:
    return _question_panel(
        _("Stop the session?"),
        [
            (_("Enter or y"), _("stop and keep what you did")),
            (_("n"), _("stop and throw it away")),
            (_("Esc"), _("go on with the session")),
        ],
    )


def discard_panel() -> Panel:
    return _question_panel(
        _("Throw away what you did today?"),
        [
            (_("y"), _("yes, throw it away")),
            (_("any other key"), _("no, back to the question")),
        ],
    )


def _bar(progress: float, width: int) -> Text:
    """A progress bar that reads without colour: filled and empty blocks, and a percentage."""
    cells = max(10, width)
    done = round(progress * cells)
    text = Text()
    text.append("█" * done, style="green")
    text.append("░" * (cells - done), style="dim")
    text.append(f" {round(progress * 100):3d}%")
    return text


def _label(screen: Screen, width: int | None = None, count: str = "") -> Text:
    """The phase in capitals, spaced out when it fits in `width`, then `count`: the seconds
    left as words ("12 s"), for a screen reader, to which the big digits are only blocks."""
    phase = screen.phase
    if screen.paused:
        word, style = _("Paused"), PAUSED_STYLE
    else:
        word, style = session_phrases.phase_name(phase.kind), PHASE_STYLE[phase.kind]
    forms = [" ".join(word.upper())] if len(word) <= 14 else []
    for shown in [*forms, word.upper()]:
        label = Text(f"  {shown}  ", style=style)
        if count:
            label.append(" ")
            label.append(count, style="bold")
        if width is None or len(label.plain.rstrip()) <= width:
            break
    return label


def _where(screen: Screen, width: int | None = None) -> Text:
    """Set (and its dots), rep and side; closer, without the dots, where `width` is short."""
    phase, plan = screen.phase, screen.timeline.plan[screen.phase.exercise]
    d = plan.dosage
    for gap, dots in (("    ", True), ("  ", False)):
        text = Text()
        if d.duration_s is None and phase.set_no:
            text.append(_("set {number}/{total}").format(number=phase.set_no, total=d.sets), "bold")
            if dots:
                text.append("  " + " ".join("●○"[i > phase.set_no] for i in range(1, d.sets + 1)))
        if phase.rep:
            text.append(gap)
            text.append(_("rep {number}/{total}").format(number=phase.rep, total=d.reps), "bold")
        if phase.side and phase.kind is not Kind.SWITCH:
            text.append(gap)
            text.append(session_phrases.side_word(phase.side).upper(), style="bold reverse")
        if width is None or text.cell_len <= width:
            break
    return text


def _instruction(screen: Screen) -> Text:
    phase, plan = screen.phase, screen.timeline.plan[screen.phase.exercise]
    ex = plan.exercise
    if phase.kind is Kind.GET_READY:
        shown = literal(ex.start_position.get(language()))
        if plan.note is not None:
            shown.append("\n")
            shown.append_text(
                literal(session_phrases.therapist_note(plan.note.get(language())), "italic")
            )
        return shown
    if phase.kind is Kind.SWITCH:
        return Text(
            _("Change to the {side} side and get into the starting position.").format(
                side=session_phrases.side_word(phase.side)
            )
        )
    if phase.kind is Kind.REST:
        return Text(_("Rest. Breathe calmly."))
    words = session_phrases.cue_words(screen.timeline, phase)
    if words is not None:
        # The exercise's own words for this phase and side: "left arm and right leg out".
        return literal(words, "bold")
    if plan.dosage.level == ex.dosage.level:
        return literal(ex.summary.get(language()))
    # Another level than the one the summary describes: its own instruction.
    return literal(ex.level(plan.dosage.level).changes.get(language()))


def _title(screen: Screen) -> Text:
    plan = screen.timeline.plan[screen.phase.exercise]
    ex = plan.exercise
    level = ex.level(plan.dosage.level)
    title = literal(ex.name.get(language()), "bold")
    title.append("  ·  ")
    title.append(_("level {number}").format(number=plan.dosage.level))
    title.append(": ")
    title.append_text(literal(level.variant.get(language())))
    return title


def _times(screen: Screen) -> Text:
    total = int(screen.timeline.total)
    return Text(
        f"{big_digits.minutes(int(screen.elapsed))} / {big_digits.minutes(total)}", style="dim"
    )


def render(screen: Screen, width: int, height: int) -> RenderableType:
    """The view for a terminal of `width` x `height` cells."""
    if screen.overlay == "help":
        return Group(help_panel(), legend(width))
    if screen.overlay in ("confirm", "discard"):
        panel = confirm_panel() if screen.overlay == "confirm" else discard_panel()
        return Group(_label(screen), Text(""), panel)
    if width < COMPACT[0] or height < COMPACT[1]:
        return _tiny(screen)
    phase = screen.phase
    digits_style = "bold red" if screen.paused else DIGIT_STYLE[phase.kind]
    count = big_digits.clock(screen.seconds_left)
    nxt = Text.assemble((_("Next") + ": ", "bold"), session_phrases.next_up(screen.timeline, phase))
    bar_width = max(10, width - 12)
    inner = width - 4  # inside the panel's borders and padding
    rest = [
        _title(screen),
        _instruction(screen),
        nxt,
        Text("x"),  # the bar
        legend(inner, screen.paused),
        *([Text(screen.message)] if screen.message else []),
    ]
    # The figure takes a column beside the digits when the terminal is wide enough, and
    # only when the big digits still fit beside it: they are read from the floor.
    left = plain_words.seconds(screen.seconds_left)
    widest = min(FIGURE_MAX_W, (inner - 2) // 2) if inner >= FIGURE_MIN_INNER else 0
    narrow = _digits_width(inner, widest)
    beside = [_label(screen, narrow, left), _where(screen, narrow)]
    if widest and _lines(beside, narrow) > _lines(beside, inner):
        widest = 0  # the phase, set and rep would break over lines beside it: no figure
        beside = [_label(screen, inner, left), _where(screen, inner)]
    rows = height - 2 - _lines(rest, inner)
    layouts = [_digits_layout(count, widest, inner, rows, beside)]
    if widest and not layouts[0][2]:
        layouts.append(_digits_layout(count, 0, inner, rows, beside))
    figure_w, room, tall = next((lay for lay in layouts if lay[2]), layouts[0])
    digits_w = _digits_width(inner, figure_w)
    if tall:
        lines = big_digits.big(count, tall=tall)
        countdown = Text("\n".join(lines), style=digits_style)
        room -= len(lines)
    else:  # no room for big digits: the seconds once, as words, where they were
        countdown = Text(left, style=digits_style)
        beside[0] = _label(screen, digits_w)
        room -= 1
    # Room between the parts only when it is left over.
    gap = [Text("")] if room >= 5 else []
    middle = [beside[0], *gap, beside[1], *gap, countdown]
    drawn = None
    if figure_w:
        spare = room - GAP_ROWS * len(gap)  # the rows the gaps leave free
        fig_rows = _lines(middle, digits_w) + max(0, min(spare, FIGURE_EXTRA_ROWS))
        drawn = figure.draw(screen.timeline, phase, screen.into, figure_w, fig_rows)
    centre: RenderableType = Group(*(Align.center(part) for part in middle))
    if drawn is not None:
        centre = Beside(centre, drawn, figure_w)
    parts: list[RenderableType] = [
        _title(screen),
        Padding(_instruction(screen), (0, 0, 1 if gap else 0, 0)),
        centre,
        *gap,
        nxt,
        *gap,
        _bar(screen.progress, bar_width - 14) + Text("  ") + _times(screen),
        legend(inner, screen.paused),
    ]
    if screen.message:
        parts.insert(-1, Text(screen.message, style="bold"))
    return Panel(Group(*parts), style="reverse" if screen.flash else "", border_style="dim")


def _digits_width(inner: int, figure_w: int) -> int:  # beside a figure (0: none)
    return inner - (figure_w + 2 if figure_w else 0)


def _digits_layout(
    count: str, figure_w: int, inner: int, rows: int, beside: list[Text]
) -> tuple[int, int, int]:
    """With a figure `figure_w` wide beside them: (figure_w, rows left, digit size): as big
    as the rows left allow; 0 is plain text."""
    digits_w = _digits_width(inner, figure_w)
    room = rows - _lines(beside, digits_w)
    return figure_w, room, big_digits.fit(count, room, digits_w)


_MEASURE = Console(width=200, file=io.StringIO(), color_system=None, legacy_windows=False)


@functools.lru_cache(maxsize=512)
def _text_lines(plain: str, width: int) -> int:
    return len(Text(plain).wrap(_MEASURE, width))


def _lines(parts: list[Text], width: int) -> int:
    """Rows `parts` take at `width` columns, as the live view wraps them (kept per width)."""
    return sum(_text_lines(part.plain, width) for part in parts)


class Beside:
    """Two columns, the right one `right_w` wide, 2 apart (a table costs more per redraw)."""

    GAP = 2

    def __init__(self, left: RenderableType, right: RenderableType, right_w: int) -> None:
        self.left, self.right, self.right_w = left, right, right_w

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        left_w = max(1, options.max_width - self.right_w - self.GAP)
        left = console.render_lines(self.left, options.update(width=left_w), pad=True)
        right = console.render_lines(self.right, options.update(width=self.right_w), pad=True)
        blank_left, blank_right = [Segment(" " * left_w)], [Segment(" " * self.right_w)]
        for i in range(max(len(left), len(right))):
            yield from left[i] if i < len(left) else blank_left
            yield Segment(" " * self.GAP)
            yield from right[i] if i < len(right) else blank_right
            yield Segment.line()


def _tiny(screen: Screen) -> Text:
    phase = screen.phase
    word = _("Paused") if screen.paused else session_phrases.phase_name(phase.kind)
    text = Text(f"{word.upper()} {screen.seconds_left}", style="bold")
    where = session_phrases.position(screen.timeline, phase)
    ex = screen.timeline.plan[phase.exercise].exercise
    text.append(f" · {ex.id} {where}".rstrip())
    return text
