"""`coach export`: everything coach kept, sealed for the therapist, in one file.

The document (docs/export.md) is built and encrypted in memory; only the sealed bytes are
written. It is sealed to the therapist's key from the programme (`[therapist] recipient`),
or to `--to`, or with a passphrase (`--passphrase`, age's scrypt mode).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.commands.common import get_library, get_paths, prose, say
from coach.errors import CoachError, UsageError
from coach.i18n import _, ngettext

MIN_PASSPHRASE = 8


def read_passphrase(twice: bool) -> str:
    """A passphrase from the terminal, never echoed (twice when sealing); from the first line
    of standard input when that is no terminal, for scripts."""
    import getpass  # noqa: PLC0415

    if not sys.stdin or not sys.stdin.isatty():
        given = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
    else:
        given = getpass.getpass(_("Passphrase: "))
        if twice and getpass.getpass(_("The same passphrase again: ")) != given:
            raise CoachError(_("The two passphrases differ; nothing was written."))
    if twice and len(given) < MIN_PASSPHRASE:
        raise CoachError(
            _("The passphrase is too short: use at least {count} characters.").format(
                count=MIN_PASSPHRASE
            )
        )
    if not given:
        raise CoachError(_("No passphrase was given."))
    return given


def export(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (default: coach-export-DATE.age in this folder).",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="age1...",
            help="Seal it for this public key instead of the one in the programme.",
        ),
    ] = None,
    passphrase: Annotated[
        bool,
        typer.Option(
            "--passphrase", help="Seal it with a passphrase (asked twice) instead of a key."
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Everything coach kept, sealed so that only your therapist can read it."""
    from datetime import datetime  # noqa: PLC0415

    from coach.files import export_doc, sealed  # noqa: PLC0415
    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415
    from coach.files.programmes import current_programme  # noqa: PLC0415
    from coach.files.regular_files import present  # noqa: PLC0415

    if to is not None and passphrase:
        raise UsageError(_("Give either --to or --passphrase, not both."))
    if to is not None and (wrong := sealed.recipient_problem(to)) is not None:
        raise UsageError(f"--to: {wrong}")
    now = datetime.now().astimezone()
    paths, library = get_paths(), get_library()
    programme = current_programme(paths, library)
    recipient = to or (programme.therapist.recipient if programme.therapist else None)
    if recipient is None and not passphrase:
        raise CoachError(
            _("Your programme names no therapist's key to seal the export for."),
            _(
                "Ask your therapist for their key and pass it with --to age1..., or use "
                "--passphrase and give your therapist the passphrase in person."
            ),
        )
    target = output or export_doc.default_name(now)
    if (present(target) or target.is_symlink()) and not force:
        raise CoachError(
            _("{file} already exists").format(file=target),
            _("Choose another file name with -o, or pass --force to replace it"),
        )
    secret = read_passphrase(twice=True) if passphrase else None
    doc = export_doc.build(paths, library, now)
    count = len(doc["sessions"])
    atomic_write_bytes(target, sealed.seal(export_doc.encode(doc), recipient, secret))
    what = ngettext("{count} session", "{count} sessions", count).format(count=count)
    if secret is not None:
        say(_("Wrote {file}: {what}, sealed with your passphrase.").format(file=target, what=what))
        prose(
            _(
                "Tell your therapist the passphrase in person or by phone, never in the same "
                "message as the file."
            )
        )
    else:
        assert recipient is not None  # noqa: S101
        key = f"{recipient[:10]}...{recipient[-6:]}"
        say(_("Wrote {file}: {what}, sealed for {key}.").format(file=target, what=what, key=key))
        prose(
            _("Only the practice that holds this key can open it; send the file to your therapist.")
        )
