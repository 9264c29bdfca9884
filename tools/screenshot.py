"""Draw the session screen as the README picture: docs/session.svg.

    python tools/screenshot.py

It renders the real view (coach.display) of the built-in programme, in the
first hold of bird-dog, into a recording rich Console and exports SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from coach.display import Screen, render
from coach.engine import Engine
from coach.i18n import set_language
from coach.library import load_library
from coach.paths import Paths
from coach.programme import DEFAULT_PROGRAMME, load_programme
from coach.session import Overrides, programme_plan
from coach.timeline import compile_timeline

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 80, 24


def main() -> None:
    set_language("en")
    nowhere = Path("/nonexistent")
    library = load_library(Paths(nowhere, nowhere))
    timeline = compile_timeline(
        programme_plan(load_programme(DEFAULT_PROGRAMME, library), Overrides())
    )
    engine = Engine(timeline, 0.0)
    moment = 28.4  # the second rep's first hold: 5 s get ready, 7 s a rep and side
    engine.tick(moment)
    screen = Screen(
        timeline,
        engine.phase,
        engine.seconds_left(moment),
        engine.progress(moment),
        engine.elapsed(moment),
    )
    console = Console(
        record=True,
        width=WIDTH,
        height=HEIGHT,
        force_terminal=True,
        color_system="truecolor",
        file=io.StringIO(),
    )
    console.print(render(screen, WIDTH, HEIGHT))
    target = ROOT / "docs" / "session.svg"
    console.save_svg(str(target), title="coach start")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
