"""Maintain the Dutch message catalog (a developer tool; needs Babel).

    python tools/catalog.py update    # add new messages to the .po, mark vanished ones obsolete
    python tools/catalog.py compile   # write the .mo that ships in the package
    python tools/catalog.py check     # list untranslated or fuzzy messages; exit 1 if any

English is the msgid itself; only Dutch needs a catalog. The .po carries no source line
references and no tool version, so `update` on a clean tree changes nothing, whichever
Babel version runs it (tests/test_i18n.py checks this).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coach"
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "coach.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every message marked in the package's source."""
    template = Catalog(project="coach", domain="coach")
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message, None, [(f"coach/{filename}", lineno)], auto_comments=comments, context=context
        )
    # Help texts are written in the declarations (help="...", docstrings) and translated when
    # --help is shown: walk the real command tree, Typer's own options included.
    for text in help_texts():
        if text not in template:
            template.add(text, None, [("coach/cli.py", 0)], auto_comments=["--help"])
    return template


def help_texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from typer.main import get_command  # noqa: PLC0415

    from coach.cli import app  # noqa: PLC0415
    from coach.commands.help_format import help_texts as walk  # noqa: PLC0415

    return walk(get_command(app))


def read() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="nl", domain="coach")


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def messages(mo: bytes) -> dict[object, object]:
    """What a compiled catalog translates, header left out: equal across Babel versions."""

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    table = read_mo(io.BytesIO(mo))
    return {frozen(m.id): frozen(m.string) for m in table if m.id}


def updated() -> bytes:
    """The .po as `update` writes it: the current catalog merged with the source's messages."""
    template = extract()
    if PO.exists():
        catalog = read()
        # The creation date stays: a date that moved with every run would be a change.
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    else:
        catalog = Catalog(locale="nl", domain="coach")
        catalog.update(template)
    catalog.project = "coach"
    catalog.version = ""
    catalog.copyright_holder = "the coach developers"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "the coach developers"
    catalog.language_team = "Dutch"
    buffer = io.BytesIO()
    # No "#: file:line" references: they went stale with every edit above a message.
    write_po(buffer, catalog, width=100, no_location=True, omit_header=False, ignore_obsolete=True)
    return _without_tool_version(buffer.getvalue())


def _without_tool_version(data: bytes) -> bytes:
    """Drop the "Generated-By: Babel x.y" header line, which differs between Babel versions."""
    return re.sub(rb'"Generated-By: [^"\n]*\\n"\n', b"", data)


def update() -> None:
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(updated())


def missing(catalog: Catalog) -> list[str]:
    wanted = extract()
    problems = []
    for message in wanted:
        if not message.id:
            continue
        found = catalog.get(message.id)
        if (
            found is None
            or found.fuzzy
            or not (all(found.string) if isinstance(found.string, tuple) else found.string)
        ):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        MO.write_bytes(compiled(read()))
    elif command == "check":
        problems = missing(read())
        for text in problems:
            print("untranslated:", text)
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
