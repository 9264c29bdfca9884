"""`coach check`: the warning-sign questions, on demand."""

from __future__ import annotations

import typer

from coach.commands.common import console, get_paths
from coach.errors import ExitCode


def check() -> None:
    """Warning signs that need a doctor: yes/no questions. Exits 3 on an emergency sign."""
    from coach.domain.warning_signs import Reason  # noqa: PLC0415
    from coach.live import warning_check  # noqa: PLC0415
    from coach.live.prompts import Asker  # noqa: PLC0415

    out = console()
    result = warning_check.check_now(get_paths(), Asker(out), out, Reason.ASKED)
    if result.emergency:
        raise typer.Exit(ExitCode.EMERGENCY)
