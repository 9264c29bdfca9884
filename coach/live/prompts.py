"""Short questions in the terminal, answered by keyboard or by lines on stdin.

Every question says what it accepts, shows its default in brackets and asks
again after a wrong answer. End of input (Ctrl-D, or a script's stdin running
out) ends the question with a clear CoachError instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from rich.text import Text

from coach.errors import CoachError
from coach.files.text_rules import text_problem
from coach.i18n import _
from coach.live.console import line
from coach.live.session_clock import interruptible

T = TypeVar("T")

YES = ("y", "yes", "j", "ja")
NO = ("n", "no", "nee")


class Asker:
    """Asks on `console`. With `skip_at_end`, the end of input skips every later question
    (a session started from a script) instead of being an error (a programme half made)."""

    def __init__(self, console: Console, attempts: int = 5, *, skip_at_end: bool = False) -> None:
        self.console = console
        self.attempts = attempts
        self.skip_at_end = skip_at_end
        self.ended = False

    def _read(self, question: str, default: str | None) -> str:
        if self.ended:
            return ""
        prompt = line(question, "bold")  # a file name in it stays on its line
        if default:
            prompt.append(f" [{default}]", style="dim")
        prompt.append(": ")
        try:
            with interruptible():  # SIGTERM may end a wait for an answer (session_clock)
                answer = self.console.input(prompt)
        except EOFError:
            if not self.skip_at_end:
                raise CoachError(_("The input ended before the question was answered.")) from None
            self.ended = True
            self.console.print()
            return ""
        return answer.strip()

    def ask(self, question: str, parse: Callable[[str], T], default: str | None = None) -> T:
        """Ask until `parse` accepts the answer; `parse` raises ValueError with a message."""
        for _attempt in range(self.attempts):
            answer = self._read(question, default)
            if not answer and default is not None:
                answer = default
            try:
                return parse(answer)
            except ValueError as exc:
                self.console.print(Text(str(exc), style="red"))
        raise CoachError(_("No valid answer after {count} tries.").format(count=self.attempts))

    def text(self, question: str, default: str | None = None, optional: bool = False) -> str | None:
        def parse(answer: str) -> str | None:
            if not answer and not optional:
                raise ValueError(_("Please type an answer."))
            wrong = text_problem(answer)
            if wrong is not None:  # said now, while it can be typed again: never saved
                raise ValueError(_("This text can't be saved: {problem}.").format(problem=wrong))
            return answer or None

        return self.ask(question, parse, default)

    def integer(self, question: str, low: int, high: int, default: int | None = None) -> int:
        def parse(answer: str) -> int:
            value = _whole(answer, low, high)
            if value is None:
                raise ValueError(
                    _("Please type a whole number from {low} to {high}.").format(low=low, high=high)
                )
            return value

        return self.ask(question, parse, None if default is None else str(default))

    def optional_integer(self, question: str, low: int, high: int) -> int | None:
        """A number, or Enter to skip."""

        def parse(answer: str) -> int | None:
            if not answer:
                return None
            value = _whole(answer, low, high)
            if value is None:
                raise ValueError(
                    _(
                        "Please type a whole number from {low} to {high}, or press Enter to skip."
                    ).format(low=low, high=high)
                )
            return value

        return self.ask(question + " " + _("(Enter to skip)"), parse)

    def yes_no(self, question: str, default: bool | None = None) -> bool:
        shown = None if default is None else (_("y") if default else _("n"))
        return self.ask(question + " " + _("(y/n)"), yes_or_no, shown)

    def yes_no_or_unknown(self, question: str) -> bool | None:
        """A yes or a no, or None when nobody gave one: the input ended, or no valid answer
        came in the tries allowed. Never a "no" that was not said (a safety question)."""

        def parse(answer: str) -> bool | None:
            return None if self.ended else yes_or_no(answer)

        try:
            return self.ask(question + " " + _("(y/n)"), parse)
        except CoachError:
            return None


def yes_or_no(answer: str) -> bool:
    """y/yes/j/ja or n/no/nee, in any case; anything else is asked again."""
    word = answer.lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(_("Please answer y (yes) or n (no)."))


def _whole(answer: str, low: int, high: int) -> int | None:
    """`answer` as a whole number from `low` to `high`, or None."""
    try:
        value = int(answer)
    except ValueError:
        return None
    return value if low <= value <= high else None
