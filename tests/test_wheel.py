"""The wheel carries the exercise library: build it, install it in a fresh venv, list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_lists_exercises(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dist.glob("backcoach-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Install only our wheel; its dependencies come from this environment through a .pth
    # line, so the test needs no network and takes seconds.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    coach = [str(bindir / "coach")]

    env = {**os.environ, "COACH_HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}
    env.pop("PYTHONPATH", None)
    listed = subprocess.run(
        [*coach, "exercises", "list", "--json"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rows = json.loads(listed.stdout)
    assert {"bird-dog", "single-leg-bridge", "walk"} <= {r["id"] for r in rows}
    assert all(str(site) in r["file"] for r in rows), "definitions must come from the wheel"
    table = subprocess.run(
        [*coach, "exercises", "list"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "bird-dog" in table.stdout
    dutch = subprocess.run(
        [*coach, "--lang", "nl", "exercises", "show", "bird-dog"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "Beginhouding" in dutch.stdout  # the compiled catalog ships too
    module = subprocess.run(
        [str(python), "-m", "coach", "--version"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert module.stdout.startswith("coach ")
