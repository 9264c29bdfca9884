"""What text coach keeps in its files: not too long, and no control characters."""

from __future__ import annotations

import re

from coach.i18n import _

MAX_TEXT = 2000
# Control characters (ESC starts terminal escape sequences) and the bidirectional overrides
# (they make text read differently from what it is); newline and tab are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: str) -> str | None:
    """What is wrong with a text a person gave, for a file: too long, or a control character.

    The one rule for text read from a file and text typed at a prompt, so coach never
    writes a text it would refuse to read back.
    """
    if len(value) > MAX_TEXT:
        return _("text is too long (at most {count} characters)").format(count=MAX_TEXT)
    control = _CONTROL.search(value)
    if control:
        return _("contains the control character U+{code:04X}; remove it").format(
            code=ord(control.group())
        )
    return None
