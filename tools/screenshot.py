"""Draw the session screen as the README picture: docs/session.svg.

    python tools/screenshot.py

It renders the real view (coach.live.screen) of the built-in programme, a second into
bird-dog's first hold, figure and all, into a recording rich Console and exports SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from coach.domain.engine import Engine
from coach.domain.session_plan import Overrides, programme_plan
from coach.domain.timeline import Kind, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import DEFAULT_PROGRAMME, load_programme
from coach.i18n import set_language
from coach.live.screen import render, snapshot

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
    hold = next(p for p in timeline.phases if p.kind is Kind.HOLD)
    moment = hold.start + 0.4
    engine.tick(moment)
    screen = snapshot(engine, moment, None, None, False)
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
