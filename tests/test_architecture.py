"""The wings and their layers (docs/architecture.md), checked with import-linter.

The contracts live in pyproject.toml. These tests run them on the real tree, and
prove that they can fail: a copy of the package with one wrong import must break
the layers contract, and a copy whose domain imports rich must break purity.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coach"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400
CLI_MAX_LINES = 200
WINGS = ("domain", "files", "live", "documents", "commands")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the `coach` package found in `tree`, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_package(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(
        PACKAGE,
        tree / "coach",
        ignore=shutil.ignore_patterns("__pycache__", "fonts", "locale", "content"),
    )
    return tree


def add_import(module: Path, line: str) -> None:
    text = module.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    assert marker in text, module
    module.write_text(text.replace(marker, marker + "\n" + line + "\n", 1), encoding="utf-8")


def test_the_real_tree_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "Wings import only downwards KEPT" in result.stdout


def test_the_layers_contract_fails_on_an_upward_import(tmp_path: Path) -> None:
    tree = copy_package(tmp_path)
    add_import(
        tree / "coach" / "domain" / "progression_rules.py", "import coach.live.console  # wrong"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "Wings import only downwards BROKEN" in result.stdout
    assert "coach.domain.progression_rules -> coach.live.console" in result.stdout


def test_live_and_documents_stay_apart(tmp_path: Path) -> None:
    tree = copy_package(tmp_path)
    add_import(tree / "coach" / "live" / "summary.py", "import coach.documents.figures  # wrong")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "Wings import only downwards BROKEN" in result.stdout


def test_the_domain_contract_fails_on_rich(tmp_path: Path) -> None:
    tree = copy_package(tmp_path)
    add_import(tree / "coach" / "domain" / "timeline.py", "import rich.text  # wrong")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "The domain is pure" in result.stdout
    assert "BROKEN" in result.stdout


FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob"}


def file_calls(source: str) -> list[str]:
    """Calls in `source` that read or write files."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in FILE_CALLS:
                found.append(f"line {node.lineno}: {name}()")
    return found


def test_the_domain_reads_no_files() -> None:
    for module in sorted((PACKAGE / "domain").glob("*.py")):
        assert file_calls(module.read_text(encoding="utf-8")) == [], module.name


def test_the_file_check_can_fail() -> None:
    assert file_calls("from pathlib import Path\nPath('x').read_text()\n") == [
        "line 2: read_text()"
    ]


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_module_is_over_400_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    limit = CLI_MAX_LINES if module == PACKAGE / "cli.py" else MAX_LINES
    assert lines <= limit, f"{module.relative_to(ROOT)} has {lines} lines"


def test_every_module_lives_in_a_wing() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "errors.py", "i18n.py", "launch.py"]
    for wing in WINGS:
        init = PACKAGE / wing / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), (
            f"{wing} says what it holds"
        )


def test_building_the_app_loads_no_heavy_module() -> None:
    """`coach --help` must stay quick: the commands import rich, fpdf and the wings lazily."""
    probe = (
        "import sys, coach.cli\n"
        "heavy = ('rich', 'fpdf', 'icalendar', 'tomli_w', 'platformdirs', 'pydantic')\n"
        "wings = ('coach.domain', 'coach.files', 'coach.live', 'coach.documents')\n"
        "light = ('coach.domain', 'coach.domain.limits')  # the table of option limits\n"
        "print(sorted(m for m in sys.modules\n"
        "             if (m.split('.')[0] in heavy or m.startswith(wings)) and m not in light))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
