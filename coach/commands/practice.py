"""`coach practice ...`: the therapist's side. A key, imports, and the view of all patients.

`keygen` makes the practice's age key (`coach.files.sealed`); `import` reads patients'
exports (or report PDFs) into the practice's database (`coach.files.practice_store`);
`coach practice` on its own shows every patient, those who need a call first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.commands.common import (
    CoachCommand,
    CoachGroup,
    console,
    get_library,
    get_paths,
    prose,
    report_error,
    say,
)
from coach.errors import CoachError
from coach.i18n import _, ngettext

if TYPE_CHECKING:
    from coach.domain.catalogue import Library
    from coach.files.import_doc import Export
    from coach.files.paths import Paths

app = typer.Typer(
    cls=CoachGroup,
    help="For the therapist: your practice key, patients' exports, and one view of all "
    "your patients. On its own, `coach practice` shows that view.",
    invoke_without_command=True,
    rich_markup_mode=None,
    add_completion=False,
)


@app.callback()
def practice(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="The same data as JSON, for other programs.")
    ] = False,
    calls: Annotated[
        bool, typer.Option("--calls", help="Only the patients to look at first.")
    ] = False,
) -> None:
    """Every imported patient, those who need a call first."""
    if ctx.invoked_subcommand is not None:
        return
    from datetime import date  # noqa: PLC0415

    from coach.files import practice_rows, practice_store  # noqa: PLC0415
    from coach.files.regular_files import present  # noqa: PLC0415
    from coach.live import practice_views  # noqa: PLC0415
    from coach.live.console import MODE  # noqa: PLC0415

    paths, today = get_paths(), date.today()
    rows = []
    if present(practice_store.database(paths)):
        with practice_store.opened(paths) as db:
            rows = practice_rows.rows(db, today)
    summary = practice_views.summary_line(rows)
    if calls:
        rows = [r for r in rows if r.needs_call]
    if as_json:
        typer.echo(json.dumps(practice_views.practice_json(rows, today), ensure_ascii=False))
        return
    if not rows and not calls:
        # The same words as `coach report --patient` says then.
        prose(_("No patients have been imported yet."))
        prose(_("Import a patient's export with: coach practice import FILE"))
        return
    out = console()
    prose(summary, out)  # first: with a thousand patients the end is far away
    out.print()
    view = practice_views.practice_view(rows, today, out.width)
    if MODE.plain:  # no colours to write: the text as it is (a thousand patients at once)
        typer.echo(view.plain, nl=False)
    else:
        out.print(view.text(), soft_wrap=True, end="")


@app.command("keygen", cls=CoachCommand)
def keygen() -> None:
    """Make the practice's key (once) and show its public half for programmes."""
    from datetime import datetime  # noqa: PLC0415

    from coach.files import practice_store, sealed  # noqa: PLC0415

    paths = get_paths()
    file = practice_store.key_file(paths)
    public, new = sealed.new_identity(file, datetime.now().astimezone())
    if new:
        say(_("Made the practice key: {file}").format(file=file))
        prose(
            _(
                "Keep a copy of it somewhere safe and share it with no one: it opens every "
                "export sealed to it, and without it those exports can't be opened."
            )
        )
    else:
        say(_("The practice key is already in {file}; it was kept.").format(file=file))
    prose(_("Its public key, for programmes (coach programme new --recipient):"))
    typer.echo(public)


def _open(file: Path, paths: Paths, library: Library) -> Export:
    """The export in `file`, decrypted and checked; nothing is stored yet."""
    from coach.files import import_doc, practice_store, sealed  # noqa: PLC0415
    from coach.files.export_doc import MAX_EXPORT_BYTES  # noqa: PLC0415
    from coach.files.regular_files import read_file  # noqa: PLC0415

    if file.is_dir():
        raise CoachError(
            _("{file}: is a folder; give the export files themselves").format(file=file)
        )
    data = read_file(file, MAX_EXPORT_BYTES)
    if sealed.looks_sealed(data):
        data = sealed.binary(data, file)
        if sealed.needs_passphrase(data, file):
            from coach.commands.export import read_passphrase  # noqa: PLC0415

            say(_("{file} is sealed with a passphrase.").format(file=file), console(stderr=True))
            try:
                secret = read_passphrase(twice=False)
            except CoachError:
                raise CoachError(
                    _("{file}: sealed with a passphrase, and none was given").format(file=file)
                ) from None
            plain = sealed.unseal(data, file, None, secret)
        else:
            plain = sealed.unseal(data, file, practice_store.key_file(paths))
    elif data.startswith(b"%PDF-"):
        from coach.documents.pdf_archive import attached_json  # noqa: PLC0415

        plain = attached_json(data, str(file))
    elif data.lstrip()[:1] == b"{":
        plain = data
    else:
        raise import_doc.not_an_export(file)
    return import_doc.parse(plain, file, library)


@app.command("import", cls=CoachCommand)
def import_files(
    files: Annotated[
        list[Path],
        typer.Argument(help="Exports made by coach export (.age), or report PDFs from coach."),
    ],
    rename: Annotated[
        bool,
        typer.Option(
            "--rename", help="A patient known here under another name: the same person, renamed."
        ),
    ] = False,
) -> None:
    """Read patients' exports into the practice; the same file twice changes nothing."""

    from coach.files import practice_store  # noqa: PLC0415

    paths, library = get_paths(), get_library()
    failed = 0
    for file in files:
        try:
            export = _open(file, paths, library)
            with practice_store.opened(paths) as db:
                stored = practice_store.store(db, export, rename=rename)
        except CoachError as exc:
            report_error(exc)
            failed += 1
            continue
        except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
            # The last line of defence against a file crafted to break a reader: one line,
            # nothing kept (the transaction was rolled back), the next file still read.
            report_error(
                CoachError(
                    _("{file}: cannot be read ({reason}); nothing was imported").format(
                        file=file, reason=type(exc).__name__
                    )
                )
            )
            failed += 1
            continue
        name = stored.name or stored.patient[:8]
        new = ngettext("{count} new entry", "{count} new entries", stored.added).format(
            count=stored.added
        )
        say(
            _("{file}: {name}, {new}, {updated} updated, {same} already here.").format(
                file=file, name=name, new=new, updated=stored.updated, same=stored.unchanged
            )
        )
    if failed:
        raise typer.Exit(1)
