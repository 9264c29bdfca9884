"""Big countdown digits, five rows tall, from a small glyph table of our own."""

from __future__ import annotations

HEIGHT = 5
# Each glyph is five rows; "#" is a filled cell. Digits are 4 cells wide, ":" is 1.
_GLYPHS = {
    "0": ("####", "#  #", "#  #", "#  #", "####"),
    "1": ("  # ", " ## ", "  # ", "  # ", " ###"),
    "2": ("####", "   #", "####", "#   ", "####"),
    "3": ("####", "   #", " ###", "   #", "####"),
    "4": ("#  #", "#  #", "####", "   #", "   #"),
    "5": ("####", "#   ", "####", "   #", "####"),
    "6": ("####", "#   ", "####", "#  #", "####"),
    "7": ("####", "   #", "  # ", " #  ", " #  "),
    "8": ("####", "#  #", "####", "#  #", "####"),
    "9": ("####", "#  #", "####", "   #", "####"),
    ":": (" ", "#", " ", "#", " "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}


def width(text: str, *, scale: int = 2) -> int:
    """Columns `big(text)` needs: glyphs scaled horizontally, one column between them."""
    return sum(len(_GLYPHS[c][0]) * scale for c in text) + max(0, len(text) - 1)


def big(text: str, *, fill: str = "█", scale: int = 2) -> list[str]:
    """`text` (digits, ":" and spaces) as HEIGHT lines of block characters.

    Each cell is `scale` columns wide, so the digits look about as wide as they
    are tall in a terminal, whose cells are roughly twice as high as wide.
    """
    rows = []
    for row in range(HEIGHT):
        parts = []
        for char in text:
            cells = _GLYPHS[char][row]
            parts.append("".join((fill if c == "#" else " ") * scale for c in cells))
        rows.append(" ".join(parts))
    return rows


def clock(seconds: int) -> str:
    """Seconds as shown on the countdown: "45", "1:30", "10:00"."""
    if seconds < 60:
        return str(seconds)
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def minutes(seconds: int) -> str:
    """Always minutes and seconds: "0:12", "13:17"."""
    return f"{seconds // 60}:{seconds % 60:02d}"
