"""The answers to the warning-sign check, one TOML file per check in checks/."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from coach.domain.warning_signs import SIGN_IDS, SIGNS, Check, Reason, Reported
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files import unsaved_checks
from coach.files.durable import atomic_write_bytes, private_dir
from coach.files.paths import Paths
from coach.files.regular_files import UnreadableFolderError, present, toml_files
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader

CHECK_SCHEMA = 1


def checks_dir(paths: Paths) -> Path:
    return paths.data_dir / "checks"


def save(paths: Paths, check: Check, replace: Path | None = None) -> Path:
    """A new file for `check`; or, with `replace` (the file `save` gave it a moment ago),
    that file written again: a check whose answers come one by one stays one check."""
    folder = private_dir(checks_dir(paths))
    path = replace or folder / f"{check.id}.toml"
    n = 1
    while replace is None and present(path):
        n += 1
        path = folder / f"{check.id}-{n}.toml"
    atomic_write_bytes(path, tomli_w.dumps(to_toml(check)).encode("utf-8"))
    return path


def to_toml(check: Check) -> dict[str, Any]:
    """A check as its file holds it (and an export)."""
    data: dict[str, Any] = {
        "schema": CHECK_SCHEMA,
        "when": check.when,
        "reason": check.reason.value,
        "answers": dict(check.answers),
    }
    if check.reported is not None:
        data["reported"] = check.reported.value
    if check.known:
        data["known"] = list(check.known)
    return data


def load(paths: Paths) -> tuple[list[Check], list[CoachError]]:
    """Every check, oldest first, and the files that could not be read."""
    checks: list[Check] = []
    problems: list[CoachError] = []
    try:
        found = toml_files(checks_dir(paths))
    except UnreadableFolderError as exc:  # said on one line, like a file that can't be read
        found = []
        problems.append(exc)
        now = datetime.now().astimezone()  # what it holds is not known now, nor safe
        checks.append(Check(now, Reason.ASKED, unreadable=str(checks_dir(paths))))
    for path in sorted(found, key=_saved_order):
        try:
            checks.append(_from(path))
        except CoachError as exc:
            problems.append(exc)  # and in its place: a check that may have held a sign
            checks.append(Check(_stamp(path), Reason.ASKED, unreadable=path.name))
    checks += [check for _mark, check in unsaved_checks.found(paths)]  # saved nowhere else
    checks.sort(key=lambda c: c.when)  # stable: the same second keeps the saved order
    return checks, problems


def _saved_order(path: Path) -> tuple[str, int]:
    """`save` names a second check in the same second `<id>-2.toml`: after `<id>.toml`."""
    base, _dash, n = path.stem.rpartition("-")
    if base.count("-") >= 4 and n.isdigit():  # <date>T<hh-mm-ss>-<n>
        return base, int(n)
    return path.stem, 1


def _stamp(path: Path) -> datetime:
    """When a check file that can't be read was saved: by its name, else its time."""
    try:
        return datetime.strptime(_saved_order(path)[0], "%Y-%m-%dT%H-%M-%S").astimezone()
    except ValueError:
        pass
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime).astimezone()
    except OSError:
        return datetime.now().astimezone()


def _from(path: Path) -> Check:
    return from_toml(read_toml(path), path)


def from_toml(data: Mapping[str, Any], file: Path, key: str = "") -> Check:
    """A check from its parsed file (or an export's entry at `key`); every problem named."""
    found: list[Problem] = []
    r = Reader(data, file, found, key)
    r.schema(CHECK_SCHEMA)
    when = r.timestamp("when")
    reason = r.choice("reason", [x.value for x in Reason])
    answers: dict[str, bool] = {}
    if (ar := r.table("answers", required=False)) is not None:
        for sign in SIGN_IDS:
            if ar.has(sign):
                answers[sign] = ar.boolean(sign, False)
        ar.finish()
    reported = r.choice("reported", [x.value for x in Reported], required=False)
    history = [s.id for s in SIGNS if s.history]
    known = r.choices("known", history) if r.has("known") else ()
    r.finish()
    if found or when is None or reason is None:
        raise InvalidFileError(found)
    return Check(
        when, Reason(reason), answers, Reported(reported) if reported else None, tuple(known)
    )
