"""Limits of every dosage field and the shape of an exercise id: one table for all readers."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Limits of every dosage field: (lowest, highest). Documented in exercises/README.md.
LIMITS: dict[str, tuple[int, int]] = {
    "sets": (1, 10),
    "reps": (1, 50),
    "hold_s": (0, 120),
    "move_s": (0, 30),
    "return_s": (0, 30),
    "rest_between_sets_s": (0, 600),
    "rest_after_s": (0, 600),
    "duration_s": (30, 7200),
}

# Seconds to get into the starting position (definitions and programmes, `--get-ready`).
GET_READY_LIMIT = (3, 120)

# Fields a time-based exercise does not have.
REP_FIELDS = ("sets", "reps", "sides", "hold_s", "move_s", "return_s", "rest_between_sets_s")

# Defaults for the optional timing fields of repetition-based exercises.
TIMING_DEFAULTS = {
    "hold_s": 0,
    "move_s": 2,
    "return_s": 2,
    "rest_between_sets_s": 60,
    "rest_after_s": 60,
}

# How far back `coach progress` and `coach report` may look, and how long a calendar may run:
# ten years, in weeks.
WEEKS_LIMIT = (1, 520)

# No count, level, week or minute coach takes comes near a million: a longer number typed is
# refused as one, before Python's int() refuses it with a traceback (over 4300 digits).
MAX_DIGITS = 6


def whole_number(text: str) -> int | None:
    """`text` as a whole number when it is one of at most MAX_DIGITS digits 0-9; else None."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None
