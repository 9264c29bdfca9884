"""Warning-sign answers that could not be saved, kept as the names of empty files.

An emergency "yes" on a full disk must still block the next session. A full disk
refuses the bytes of a record, but it nearly always still takes an empty file (an
inode and a name); a read-only data folder takes nothing, but the cache folder or the
temporary folder may. So when a check cannot be saved, its facts are written into the
*name* of an empty file, in the first of those folders that takes one:

    2026-12-03T09-15-00Z~session~saddle-or-bladder~.unsaved
    2026-12-03T09-15-00Z~asked~~saddle+bladder.unsaved

The time is UTC, so a mark reads back the same after a change of time zone or summer time.

`found` reads them all back as checks; `settle` writes each as a proper record once
coach can write again, and removes its marks.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.domain.warning_signs import SIGN_IDS, Check, Reason, Reported
from coach.errors import CoachError
from coach.files.paths import Paths

SUFFIX = ".unsaved"
_STAMP = "%Y-%m-%dT%H-%M-%SZ"


def folders(paths: Paths) -> list[Path]:
    """Where marks may be: the checks folder, the cache folder, this person's temp folder."""
    places = [paths.data_dir / "checks"]
    if paths.cache_dir is not None:
        places.append(paths.cache_dir / "unsaved-checks")
    digest = hashlib.sha256(str(paths.data_dir).encode()).hexdigest()[:12]
    places.append(Path(tempfile.gettempdir()) / f"coach-{_user()}-{digest}")
    return places


def _user() -> str:
    try:
        return "".join(c for c in getpass.getuser() if c.isalnum()) or "user"
    except (OSError, KeyError, ImportError):  # no user name known (a bare container)
        return "user"


def name(check: Check) -> str:
    yes = "+".join(sign for sign in SIGN_IDS if check.answers.get(sign))
    reported = check.reported.value if check.reported else ""
    stamp = check.when.astimezone(UTC).strftime(_STAMP)
    return f"{stamp}~{check.reason.value}~{reported}~{yes}{SUFFIX}"


def mark(paths: Paths, check: Check) -> Path | None:
    """An empty file named for `check` in the first folder that takes one; None if none."""
    for folder in folders(paths):
        path = folder / name(check)
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _ours(folder):
                continue
            path.touch(mode=0o600)
        except OSError:
            continue
        return path
    return None


def _ours(folder: Path) -> bool:
    """A folder in the shared temp folder that somebody else made is not used (POSIX)."""
    if sys.platform == "win32":  # the temp folder is the user's own there
        return True
    return folder.stat().st_uid == os.getuid()


def found(paths: Paths) -> list[tuple[Path, Check]]:
    """Every mark, with the check it stands for; names that don't parse are left alone."""
    marks = []
    later = datetime.now(UTC) + timedelta(minutes=5)
    for folder in folders(paths):
        with contextlib.suppress(OSError):
            if not _ours(folder):  # another user's folder: planted, not ours to trust
                continue
            for path in sorted(folder.glob("*" + SUFFIX)):
                check = parse(path.name)
                if check is not None and check.when <= later:  # none from the future
                    marks.append((path, check))
    return marks


def parse(file_name: str) -> Check | None:
    parts = file_name.removesuffix(SUFFIX).split("~")
    if len(parts) != 4:
        return None
    stamp, reason, reported, yes = parts
    try:
        when = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC).astimezone()
        answers = {sign: True for sign in yes.split("+") if sign}
        if any(sign not in SIGN_IDS for sign in answers):
            return None
        return Check(when, Reason(reason), answers, Reported(reported) if reported else None)
    except ValueError:
        return None


def settle(paths: Paths, save: Callable[[Paths, Check], Path]) -> None:
    """Each marked check saved as a proper record, then its mark removed; while saving
    still fails, the mark stays (nothing is said: the check in front says it)."""
    for path, check in found(paths):
        try:
            save(paths, check)
        except CoachError:
            return
        with contextlib.suppress(OSError):
            path.unlink()
