"""Draw the session screen as the README picture: docs/session.svg.

    python tools/screenshot.py

It renders the real view (coach.display) of the built-in programme, in the
first hold of bird-dog, into a recording rich Console and exports SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from coach.domain.engine import Engine
from coach.domain.session_plan import Overrides, programme_plan
from coach.domain.timeline import compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import DEFAULT_PROGRAMME, load_programme
from coach.i18n import set_language
from coach.live.screen import Screen, render

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
