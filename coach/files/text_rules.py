"""What text coach keeps in its files: not too long, and no control characters."""

from __future__ import annotations

import re

from coach.i18n import _

MAX_TEXT = 2000
# Control characters (ESC starts terminal escape sequences), the bidirectional overrides
# (they make text read differently from what it is) and lone surrogates (a byte that was
# not UTF-8, typed in a C locale: no file can hold it); newline and tab are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


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


def kept_text(value: str) -> str:
    """`value` as coach can keep it: each control character a "?", at most MAX_TEXT long.
    For text coach did not take from a person (a file name in a problem it reports)."""
    return _CONTROL.sub("?", value)[:MAX_TEXT]
