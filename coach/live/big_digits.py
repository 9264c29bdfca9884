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


def width(text: str, *, scale: int = 2, tall: int = 1) -> int:
    """Columns `big(text)` needs: glyphs scaled horizontally, one column between them."""
    return sum(len(_GLYPHS[c][0]) * scale * tall for c in text) + max(0, len(text) - 1)


def big(text: str, *, fill: str = "█", scale: int = 2, tall: int = 1) -> list[str]:
    """`text` (digits, ":" and spaces) as HEIGHT x `tall` lines of block characters.

    Each cell is `scale` x `tall` columns wide and `tall` rows high, so the digits look
    about as wide as they are tall in a terminal, whose cells are roughly twice as high
    as wide; `tall` makes them bigger where the terminal has the room.
    """
    rows = []
    for row in range(HEIGHT):
        parts = []
        for char in text:
            cells = _GLYPHS[char][row]
            parts.append("".join((fill if c == "#" else " ") * scale * tall for c in cells))
        rows += [" ".join(parts)] * tall
    return rows


def fit(text: str, rows: int, columns: int) -> int:
    """The largest `tall` (3, 2 or 1) at which `big(text)` fits in `rows` and fewer than
    `columns`; 0 when even the smallest does not."""
    return next((t for t in (3, 2, 1) if HEIGHT * t <= rows and width(text, tall=t) < columns), 0)


def clock(seconds: int) -> str:
    """Seconds as shown on the countdown: "45", "1:30", "10:00"."""
    if seconds < 60:
        return str(seconds)
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def minutes(seconds: int) -> str:
    """Always minutes and seconds: "0:12", "13:17"."""
    return f"{seconds // 60}:{seconds % 60:02d}"
