"""Every message has a Dutch translation with the same placeholders; the .mo is current."""

from __future__ import annotations

import importlib.util
import re
import string
from types import ModuleType

import pytest

from coach.i18n import language_from_environment, resolve_language, set_language
from tests.conftest import ROOT


def _catalog_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "tools" / "catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalog = _catalog_tool()


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_message_has_a_dutch_translation() -> None:
    assert catalog.missing(catalog.read()) == []


def test_placeholders_match() -> None:
    wrong = []
    for message in catalog.read():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        # Dutch has the same two plural forms as English: each form matches its own.
        for i, translated in enumerate(strs):
            expected = placeholders(ids[min(i, len(ids) - 1)])
            if translated and placeholders(translated) != expected:
                wrong.append((ids[0], translated))
    assert wrong == []


def test_compiled_catalog_is_current() -> None:
    """Compared by messages, not bytes: the .mo header names the Babel version that wrote it."""
    shipped = catalog.messages(catalog.MO.read_bytes())
    assert shipped == catalog.messages(catalog.compiled(catalog.read())), (
        "run: python tools/catalog.py compile"
    )
    assert len(shipped) > 500  # the comparison saw the real catalog


def test_catalog_update_on_a_clean_tree_changes_nothing() -> None:
    assert catalog.updated() == catalog.PO.read_bytes(), "run: python tools/catalog.py update"


def test_a_stale_compiled_catalog_is_noticed() -> None:
    changed = catalog.read()
    message = changed.get("Starting position")
    assert message is not None
    message.string = "Uitgangshouding"
    assert catalog.messages(catalog.compiled(changed)) != catalog.messages(catalog.MO.read_bytes())


def test_dutch_is_used_and_plurals_work() -> None:
    from coach.i18n import _, ngettext

    set_language("nl")
    assert _("Starting position") == "Beginhouding"
    one = ngettext("{count} problem found", "{count} problems found", 1).format(count=1)
    many = ngettext("{count} problem found", "{count} problems found", 2).format(count=2)
    assert one != many and re.search(r"\bprobleem\b", one)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"}, None),
        ({"LC_MESSAGES": "nl_NL", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
    ],
)
def test_language_from_environment(env: dict[str, str], expected: str | None) -> None:
    assert language_from_environment(env) == expected


def test_resolution_order() -> None:
    assert resolve_language("en", "nl") == "en"
    assert resolve_language(None, "nl") == "nl"


def test_no_translation_inside_f_strings() -> None:
    """Babel cannot see `_()` inside an f-string on Python 3.11: such a message is never
    extracted, so it would stay English in Dutch."""
    offenders = []
    for path in sorted((ROOT / "coach").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"""f(["']).*\{_\(""", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
