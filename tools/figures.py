"""Draw every level of every bundled exercise to docs/figures/, to look at them.

    python tools/figures.py [ID ...]

Draws every level, captioned and keyed, as `coach exercises show ID --svg` does,
and writes ID.png when `rsvg-convert` is installed (else ID.svg). A
physiotherapist should be able to name the exercise and the level from each
picture alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from coach.documents.figures import exercise_svg
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
PNG_WIDTH = 560


def main() -> None:
    set_language("en")
    nowhere = Path("/nonexistent")
    exercises = load_library(Paths(nowhere, nowhere)).exercises
    target = ROOT / "docs" / "figures"
    target.mkdir(parents=True, exist_ok=True)
    convert = shutil.which("rsvg-convert")
    for exercise_id in sys.argv[1:] or sorted(exercises):
        drawing = exercise_svg(exercises[exercise_id])
        if convert is None:
            out = target / f"{exercise_id}.svg"
            out.write_text(drawing, encoding="utf-8")
        else:
            out = target / f"{exercise_id}.png"
            subprocess.run(  # noqa: S603 -- the found rsvg-convert, our own path
                [convert, "-w", str(PNG_WIDTH), "-o", str(out)],
                input=drawing.encode("utf-8"),
                check=True,
            )
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
