"""The console script's first step: Ctrl-C while coach is still loading ends it quietly.

Loading typer and rich takes about a tenth of a second; a Ctrl-C in that time would print
Python's traceback. Until `coach.cli.main` takes over, it exits with 130 instead. A
SIGINT the starter ignores (a background job) stays ignored.
"""

from __future__ import annotations

import signal


def _loading(signum: int, frame: object) -> None:
    raise SystemExit(130)  # ExitCode.INTERRUPTED; coach.errors is not loaded yet


def main() -> None:
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if quiet:
        signal.signal(signal.SIGINT, _loading)
    from coach.cli import main as run  # noqa: PLC0415 -- the slow part, under the handler

    if quiet:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    run()


if __name__ == "__main__":  # pragma: no cover
    main()
