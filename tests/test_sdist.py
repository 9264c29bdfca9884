"""The sdist carries what its own tests need: build it, unpack it, run its suite."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

INSIDE = "COACH_TESTING_THE_SDIST"


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get(INSIDE)), reason="already inside the sdist's own run")
def test_the_unpacked_sdist_passes_its_own_tests(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # hatchling's own PEP 517 hook, as `pip`/`build` would call it, with no network.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from hatchling.build import build_sdist; build_sdist(sys.argv[1])",
            str(dist),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (archive,) = dist.glob("backcoach-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path, filter="data")
    (unpacked,) = (p for p in tmp_path.iterdir() if p.name.startswith("backcoach-"))
    for needed in ("LICENSE", ".ci/run", "tools/catalog.py", "coach/fonts/LICENSE.txt"):
        assert f"{unpacked.name}/{needed}" in names, needed
    # The unpacked tree's own package comes first on the path, in this test and in every
    # coach the suite starts as a subprocess. Its slow tests build and install again: left
    # to the outer run, which just did.
    env = {
        **os.environ,
        INSIDE: "1",
        "PYTHONPATH": str(unpacked),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider"],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    tail = result.stdout[-3000:]
    assert result.returncode == 0, tail
    assert " passed" in tail and " failed" not in tail
