"""One exception family, and coach's exit codes.

The CLI turns each error into a one-line message, a hint and its exit code.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from coach.i18n import _, ngettext


class ExitCode(IntEnum):
    """How coach ends, named once (the README's "Exit codes" table lists them)."""

    DONE = 0
    ERROR = 1  # something in a file or an argument needs fixing (CoachError)
    USAGE = 2  # the command line itself is wrong (UsageError, the parser's own errors)
    EMERGENCY = 3  # an emergency warning sign was answered yes: no exercise
    HANGUP = 129  # SIGHUP: the terminal window was closed; what was done is saved
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM; what was done is saved

    @classmethod
    def after(cls, signum: int) -> ExitCode:
        """The exit code after the signal that stopped a command: 128 + its number."""
        return cls.HANGUP if signum == cls.HANGUP - 128 else cls.TERMINATED


class CoachError(Exception):
    """A mistake a user can cause and fix: shown without a traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The message lines, one per problem (the hint is separate)."""
        return [self.message]


class UsageError(CoachError):
    """A malformed command-line value: exit 2, like the parser's own usage errors."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where it is and what is wrong, already translated."""

    file: Path
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += ", " + _("line {line}").format(line=self.line)
        if self.key:
            where += ": " + self.key
        return f"{where}: {self.message}"


class InvalidFileError(CoachError):
    """Every problem found in one or more files, reported at once."""

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        summary = ngettext("{count} problem found", "{count} problems found", count).format(
            count=count
        )
        super().__init__(summary, hint)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def did_you_mean(word: str, options: Collection[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None
