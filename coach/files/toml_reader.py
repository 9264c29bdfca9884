"""Reading TOML files a person may edit, collecting every problem with its key path.

`Reader` wraps one table. Each accessor checks one key, records a `Problem` when
it is wrong and returns None, so a loader can read a whole file and report all
that is wrong at once. `finish()` reports the keys nobody asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coach.domain.model import LocalList, LocalText, Point, Range
from coach.errors import Problem, did_you_mean
from coach.files.text_rules import text_problem
from coach.files.toml_parse import plain_times
from coach.i18n import _

_MISSING: Any = object()


def describe(value: Any) -> str:
    """A short, literal description of a value found in a file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return '"' + shown + '"'
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a table")
    return _("a value of another kind")


class Reader:
    """One table of a file being validated."""

    def __init__(
        self, data: Mapping[str, Any], file: Path, problems: list[Problem], path: str = ""
    ) -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.path = path
        self._known: set[str] = set()

    # -- reporting -----------------------------------------------------------

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.key(name) if name else self.path, message))

    def wrong(self, name: str, value: Any, expected: str) -> None:
        self.problem(
            name,
            _("found {found}, expected {expected}").format(
                found=describe(value), expected=expected
            ),
        )

    def _get(self, name: str, required: bool, expected: str | Callable[[], str]) -> Any:
        """The value of `name`; `expected` (text, or a function that makes it) only when missing.

        Most values are fine, so what a message needs is built only for one that is not.
        """
        self._known.add(name)
        value = self.data.get(name, _MISSING)
        if value is _MISSING and required:
            wanted = expected() if callable(expected) else expected
            self.problem(name, _("missing; expected {expected}").format(expected=wanted))
        return value

    def has(self, name: str) -> bool:
        return name in self.data

    def finish(self) -> None:
        """Report every key that no accessor asked for."""
        for name in self.data:
            if name in self._known:
                continue
            guess = did_you_mean(name, self._known)
            if guess:
                message = _('unknown key; did you mean "{suggestion}"?').format(suggestion=guess)
            else:
                allowed = ", ".join(sorted(self._known)) or "-"
                message = _("unknown key; allowed here: {keys}").format(keys=allowed)
            self.problem(name, message)

    # -- scalars -------------------------------------------------------------

    def string(
        self,
        name: str,
        *,
        required: bool = True,
        pattern: re.Pattern[str] | None = None,
        pattern_hint: str = "",
    ) -> str | None:
        value = self._get(name, required, lambda: pattern_hint or _("text"))
        if value is _MISSING:
            return None
        if not isinstance(value, str) or not value.strip():
            self.wrong(name, value, _("non-empty text"))
            return None
        if not self._clean_text(name, value):
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.wrong(name, value, pattern_hint or _("text"))
            return None
        return value

    def _clean_text(self, name: str, value: str) -> bool:
        wrong = text_problem(value)
        if wrong is not None:
            self.problem(name, wrong)
            return False
        return True

    def integer(self, name: str, low: int, high: int, *, required: bool = True) -> int | None:
        value = self.data.get(name, _MISSING)
        if type(value) is int and low <= value <= high:  # the common case: no message to build
            self._known.add(name)
            return value
        expected = _("a whole number from {low} to {high}").format(low=low, high=high)
        value = self._get(name, required, expected)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.wrong(name, value, expected)
            return None
        return value

    def schema(self, supported: int) -> None:
        """The optional format version: a file from a newer coach is named as such."""
        value = self._get("schema", False, str(supported))
        if value is _MISSING:
            return
        if isinstance(value, int) and not isinstance(value, bool) and value > supported:
            self.problem(
                "schema",
                _(
                    "format version {found} is newer than this coach understands ({supported}); "
                    "update coach"
                ).format(found=value, supported=supported),
            )
        elif value != supported or isinstance(value, bool):
            self.wrong("schema", value, str(supported))

    def boolean(self, name: str, default: bool) -> bool:
        value = self._get(name, False, "true | false")
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.wrong(name, value, "true | false")
            return default
        return value

    def date(self, name: str, *, required: bool = True) -> date | None:
        value = self._get(name, required, lambda: _("a date like 2026-03-01 (without quotes)"))
        if value is _MISSING:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.wrong(name, value, _("a date like 2026-03-01 (without quotes)"))
            return None
        return value

    def timestamp(self, name: str, *, required: bool = True) -> datetime | None:
        def expected() -> str:
            return _("a date and time with its offset, like 2026-03-01T10:15:00+01:00")

        value = self._get(name, required, expected)
        if value is _MISSING:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            self.wrong(name, value, expected())
            return None
        plain: datetime = plain_times(value)
        return plain

    def number(self, name: str, low: float, high: float, *, required: bool = True) -> float | None:
        value = self.data.get(name, _MISSING)
        if type(value) in (int, float) and low <= value <= high:  # no message to build
            self._known.add(name)
            return float(value)
        expected = _("a number from {low} to {high}").format(low=low, high=high)
        value = self._get(name, required, expected)
        if value is _MISSING:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (low <= value <= high)
        ):
            self.wrong(name, value, expected)
            return None
        return float(value)

    def raw_table(self, name: str) -> dict[str, Any]:
        """An optional table taken as it is (answers whose checks live with their questions)."""
        table = self.table(name, required=False)
        return plain_times(dict(table.data)) if table is not None else {}

    def choice(self, name: str, choices: Collection[str], *, required: bool = True) -> str | None:
        value = self._get(name, required, lambda: " | ".join(choices))
        if value is _MISSING:
            return None
        if isinstance(value, str) and value in choices:
            return value
        self._wrong_choice(name, value, choices)
        return None

    def _wrong_choice(self, key: str, value: Any, choices: Collection[str]) -> None:
        guess = did_you_mean(value, choices) if isinstance(value, str) else None
        if guess:
            self.problem(
                key,
                _('found {found}; did you mean "{suggestion}"?').format(
                    found=describe(value), suggestion=guess
                ),
            )
        else:
            self.wrong(key, value, " | ".join(choices))

    # -- lists and tables ------------------------------------------------------

    def _list(
        self, name: str, required: bool, expected: str | Callable[[], str]
    ) -> list[Any] | None:
        value = self._get(name, required, expected)
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            self.wrong(name, value, expected() if callable(expected) else expected)
            return None
        return value

    def integers(self, name: str, low: int, high: int) -> list[int]:
        """An optional list of whole numbers, each from `low` to `high`."""
        expected = _("a list of whole numbers from {low} to {high}").format(low=low, high=high)
        values = self._list(name, False, expected)
        if values is None:
            return []
        found = []
        for i, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                self.wrong(f"{name}[{i}]", value, expected)
            else:
                found.append(value)
        return found

    def strings(self, name: str, *, required: bool = True, min_items: int = 1) -> tuple[str, ...]:
        expected = _("a list of texts")
        items = self._list(name, required, expected)
        if items is None:
            return ()
        good: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.wrong(f"{name}[{i}]", item, _("non-empty text"))
            elif self._clean_text(f"{name}[{i}]", item):
                good.append(item)
        if len(items) < min_items:
            self.problem(name, _("expected at least {count} items").format(count=min_items))
        return tuple(good)

    def choices(
        self,
        name: str,
        choices: Collection[str],
        aliases: Mapping[str, str] | None = None,
        *,
        required: bool = False,
        min_items: int = 0,
    ) -> tuple[str, ...]:
        """A list of choices; `aliases` maps other accepted words (Dutch day names) to them."""
        items = self._list(
            name, required, lambda: _("a list of: {choices}").format(choices=", ".join(choices))
        )
        if items is None:
            return ()
        if len(items) < min_items:
            self.problem(name, _("expected at least {count} items").format(count=min_items))
        good: list[str] = []
        for i, found in enumerate(items):
            item = aliases.get(found, found) if aliases and isinstance(found, str) else found
            if isinstance(item, str) and item in choices:
                if item not in good:
                    good.append(item)
            else:
                self._wrong_choice(f"{name}[{i}]", item, choices)
        return tuple(good)

    def table(self, name: str, *, required: bool = True) -> Reader | None:
        value = self._get(name, required, lambda: _("a table"))
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.wrong(name, value, _("a table"))
            return None
        return Reader(value, self.file, self.problems, self.key(name))

    def tables(self, name: str, *, required: bool = True, min_items: int = 1) -> list[Reader]:
        items = self._list(
            name,
            required,
            # The header the file would write: `[[outcomes.activity]]`, no item numbers.
            lambda: _("a list of tables ([[{name}]])").format(
                name=re.sub(r"\[\d+\]", "", self.key(name))
            ),
        )
        if items is None:
            return []
        readers: list[Reader] = []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                readers.append(Reader(item, self.file, self.problems, self.key(f"{name}[{i}]")))
            else:
                self.wrong(f"{name}[{i}]", item, _("a table"))
        if len(items) < min_items:
            self.problem(name, _("expected at least {count} items").format(count=min_items))
        return readers

    def int_range(self, name: str, low: int, high: int) -> Range | None:
        expected = _("[lowest, highest], whole numbers from {low} to {high}").format(
            low=low, high=high
        )
        value = self._get(name, False, expected)
        if value is _MISSING:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not low <= value[0] <= value[1] <= high
        ):
            self.wrong(name, value, expected)
            return None
        return Range(value[0], value[1])

    def point(self, name: str, *, required: bool = True) -> Point | None:
        expected = _("[x, y], numbers from 0 to 100")
        value = self._get(name, required, expected)
        if value is _MISSING:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            or not all(0 <= v <= 100 for v in value)
        ):
            self.wrong(name, value, expected)
            return None
        return Point(float(value[0]), float(value[1]))

    def local_text(
        self, name: str, *, required: bool = True, plain_ok: bool = False
    ) -> LocalText | None:
        """A {nl, en} table; with plain_ok, one text for both languages is fine too."""
        if plain_ok and isinstance(self.data.get(name), str):
            text = self.string(name)
            return LocalText.same(text) if text is not None else None
        table = self.table(name, required=required)
        if table is None:
            return None
        nl, en = table.string("nl"), table.string("en")
        table.finish()
        return LocalText(nl, en) if nl is not None and en is not None else None

    def local_list(self, name: str) -> LocalList | None:
        table = self.table(name)
        if table is None:
            return None
        nl, en = table.strings("nl"), table.strings("en")
        table.finish()
        if not nl or not en:
            return None
        if len(nl) != len(en):
            self.problem(
                name,
                _("nl has {nl} items and en has {en}; expected the same number").format(
                    nl=len(nl), en=len(en)
                ),
            )
            return None
        return LocalList(nl, en)
