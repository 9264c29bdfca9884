"""Text from people and files, made safe to put into Markdown: it stays text.

A note such as `<script>`, `**bold**` or `[x](javascript:...)` must come out as those
characters, not as HTML, emphasis or a link, in whatever renders the exported file.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # emphasis, code, links, tables, anywhere
# At a line start: headings (#), lists (- + 1.), and the underlines that make the line above
# a heading (=== or ---, "setext"): a note's line of === must not turn the text into a title.
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))", re.M)


def md(text: str) -> str:
    """Escape Markdown and HTML in `text`; line breaks stay line breaks."""
    # Leading spaces would make an indented code block: a line starts at its first character.
    text = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _SPECIAL.sub(r"\\\1", escaped)

    def mark(m: re.Match[str]) -> str:
        lead, marker = m.group(1), m.group(2)
        return lead + (marker + "\\" if marker[0].isdigit() else "\\" + marker)

    return _LINE_START.sub(mark, escaped)
