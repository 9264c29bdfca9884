"""Load time of the exercise library with 1,000 user definitions beside the bundled ones.

    python bench/library_load.py [COUNT]

Target (issue "Foundation"): under 300 ms. Prints the median of 7 loads, cold
(no definition cache: every file parsed and validated) and warm (the cache that
`coach` keeps in its cache folder, after the first load).
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.files.library import bundled_dir, load_library
from coach.files.paths import Paths


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    template = (bundled_dir() / "bird-dog.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = home / "exercises"
        folder.mkdir()
        for i in range(count):
            ex_id = f"user-exercise-{i:04d}"
            text = template.replace('id = "bird-dog"', f'id = "{ex_id}"')
            (folder / f"{ex_id}.toml").write_text(text, encoding="utf-8")
        cold = Paths(config_dir=home, data_dir=home)
        warm = Paths(config_dir=home, data_dir=home, cache_dir=home / "cache")
        load_library(warm)  # fills the cache
        results = {}
        for name, paths in (("warm", warm), ("cold", cold)):
            times = []
            for _ in range(7):
                gc.collect()  # each load starts clean, as in a fresh process
                start = time.perf_counter()
                library = load_library(paths)
                times.append(time.perf_counter() - start)
            results[name] = times
    bundled = len(list(bundled_dir().glob("*.toml")))
    print(f"definitions loaded: {len(library.exercises)} ({count} user + {bundled} bundled)")
    for name, times in results.items():
        print(
            f"{name}: median {statistics.median(times) * 1000:6.1f} ms, "
            f"fastest {min(times) * 1000:6.1f}, slowest {max(times) * 1000:6.1f} (target < 300 ms)"
        )
    ratio = statistics.median(results["cold"]) / statistics.median(results["warm"])
    print(f"cold / warm: {ratio:.1f}")


if __name__ == "__main__":
    main()
