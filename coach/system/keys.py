"""Key presses from the terminal, read on a thread and posted to the runner's inbox.

POSIX: the terminal is put in cbreak mode (keys arrive one at a time, without echo;
Ctrl-C still sends SIGINT) and restored exactly as it was on the way out, whatever the
way out is. Windows: the console's keys come from msvcrt, which needs no mode; an
arrow or function key arrives as a prefix ("\\x00" or "\\xe0") and a scan code.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from types import ModuleType, TracebackType
from typing import Any, Protocol


class Inbox(Protocol):
    """Where the keys go (the live runner's inbox)."""

    def put(self, item: tuple[str, Any]) -> None: ...


KEY = "key"
GONE = "gone"  # the terminal went away: a hang-up, even if no SIGHUP reached coach
POLL_S = 0.05  # Windows: how often the console is asked for a key
_SCAN_CODES = {"M": "right", "K": "left"}  # after "\x00" or "\xe0"; others are skipped
_SEQUENCES = {"\x1b[C": "right", "\x1bOC": "right", "\x1b[D": "left", "\x1bOD": "left"}


def parse_keys(data: str) -> list[str]:
    """Raw terminal input as key names: "space", "right", "esc", or the character itself."""
    keys = []
    i = 0
    while i < len(data):
        for seq, name in _SEQUENCES.items():
            if data.startswith(seq, i):
                keys.append(name)
                i += len(seq)
                break
        else:
            char = data[i]
            i += 1
            if char == "\x1b":
                # An escape sequence we don't know (other arrows, function keys) is skipped
                # whole; a lone Esc is a key of its own.
                if i < len(data) and data[i] in "[O":
                    i += 1
                    while i < len(data) and not data[i].isalpha() and data[i] != "~":
                        i += 1
                    i += 1
                    continue
                keys.append("esc")
            elif char == " ":
                keys.append("space")
            elif char in "\r\n":
                keys.append("enter")
            elif char.isprintable():
                keys.append(char.lower())
    return keys


class KeyReader:
    """A context manager: while inside, key presses arrive on `events` as ("key", name)."""

    def __init__(self, events: Inbox, stream: Any = None) -> None:
        self.events = events
        self.stream = stream if stream is not None else sys.stdin
        self.active = False
        self._saved: Any = None
        self._stop_r = self._stop_w = -1
        self._thread: threading.Thread | None = None

    def __enter__(self) -> KeyReader:
        self.start()
        return self

    def start(self) -> None:
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            return
        if not os.isatty(fd):
            return
        self.fd = fd
        if sys.platform == "win32":
            self._thread = threading.Thread(target=self._read_windows, daemon=True)
        else:
            import termios  # noqa: PLC0415 -- POSIX only
            import tty  # noqa: PLC0415

            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd, termios.TCSANOW)
            self._stop_r, self._stop_w = os.pipe()
            self._thread = threading.Thread(target=self._read_posix, daemon=True)
        self.active = True
        self._thread.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def suspended(self) -> Iterator[None]:
        """The terminal as it was, for questions typed line by line; then keys again."""
        was_active = self.active
        self.close()
        try:
            yield
        finally:
            if was_active:
                self.start()

    def close(self) -> None:
        if not self.active:
            return
        self.active = False
        if self._stop_w >= 0:
            with contextlib.suppress(OSError):
                os.write(self._stop_w, b"x")
        if self._thread is not None:
            self._thread.join(timeout=1)
        if self._saved is not None and sys.platform != "win32":
            import termios  # noqa: PLC0415

            with contextlib.suppress(termios.error):
                termios.tcsetattr(self.fd, termios.TCSAFLUSH, self._saved)
        for fd in (self._stop_r, self._stop_w):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._stop_r = self._stop_w = -1
        self._saved = None

    def _read_posix(self) -> None:
        import select  # noqa: PLC0415

        while True:
            ready, _w, _x = select.select([self.fd, self._stop_r], [], [])
            if self._stop_r in ready:
                return
            try:
                data = os.read(self.fd, 64)
            except OSError:
                data = b""
            if not data:  # no Ctrl-D here (no line editing): the terminal was hung up
                self.events.put((GONE, None))
                return
            for key in parse_keys(data.decode("utf-8", "replace")):
                self.events.put((KEY, key))

    def _read_windows(self) -> None:
        import time  # noqa: PLC0415

        console = _msvcrt()
        while self.active:
            if console.kbhit():
                for key in windows_key(console.getwch):
                    self.events.put((KEY, key))
            else:
                time.sleep(POLL_S)


def _msvcrt() -> ModuleType:
    """Windows' console functions (a module only Windows has; the tests put a fake one)."""
    import importlib  # noqa: PLC0415

    return importlib.import_module("msvcrt")


def windows_key(getwch: Any) -> list[str]:
    """The key names of one key press read with msvcrt.getwch: an arrow is a prefix and a
    scan code ("\\xe0" "M" is →); a key without a name of ours gives none."""
    char = str(getwch())
    if char in ("\x00", "\xe0"):
        code = str(getwch())
        return [_SCAN_CODES[code]] if code in _SCAN_CODES else []
    return parse_keys(char)
