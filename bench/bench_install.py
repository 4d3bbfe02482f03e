"""What `make publish` installs on a fresh clone: the runtime set (requirements.txt) into a new venv.

Prints the time, the size of the venv on disk and the number of packages, and stores them in
bench/results.json (key "install"). Target: under 150 MB. Packages come from pip's cache when it has
them, as on a CI runner with a warm cache; the first run on a machine also downloads. With
BENCH_INSTALL_DEV=1 the test set (requirements-dev.txt, what `make test` installs) is measured too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import save_results  # beside this script

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 150
#: How many of the largest folders in site-packages to name.
LARGEST = 8


def install(lock_files: list[str]) -> dict[str, float | int]:
    """A new venv with ``lock_files`` installed: seconds, megabytes on disk, packages."""
    with tempfile.TemporaryDirectory() as scratch:
        venv = Path(scratch) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        requirements = [arg for name in lock_files for arg in ("-r", str(ROOT / name))]
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", *requirements], check=True)
        seconds = time.perf_counter() - start
        files = [path for path in venv.rglob("*") if not path.is_symlink() and path.is_file()]
        size = sum(path.stat().st_size for path in files)
        bytecode = sum(path.stat().st_size for path in files if "__pycache__" in path.parts)
        site = next(venv.glob("lib/python*/site-packages"))
        by_folder: dict[str, int] = {}
        for path in files:
            if site in path.parents:
                top = path.relative_to(site).parts[0]
                by_folder[top] = by_folder.get(top, 0) + path.stat().st_size
        largest = sorted(by_folder.items(), key=lambda item: -item[1])[:LARGEST]
        packages = len(list(site.glob("*.dist-info")))
    return {"seconds": round(seconds, 2), "megabytes": round(size / 1e6, 1),
            "megabytes_without_bytecode": round((size - bytecode) / 1e6, 1), "packages": packages,
            "largest": {name: round(size / 1e6, 1) for name, size in largest}}


def main() -> None:
    sets = {"runtime (make publish)": ["requirements.txt"]}
    if os.environ.get("BENCH_INSTALL_DEV"):
        sets["dev (make test)"] = ["requirements.txt", "requirements-dev.txt"]
    figures = {}
    for label, lock_files in sets.items():
        figures[label] = install(lock_files)
        row = figures[label]
        print(f"install, {label}: {row['packages']} packages (pip and setuptools included), {row['megabytes']:.1f} MB "
              f"({row['megabytes_without_bytecode']:.1f} MB without the bytecode pip compiles) in {row['seconds']:.1f} s; "
              "largest: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in row["largest"].items()))
    runtime = figures["runtime (make publish)"]["megabytes"]
    print(f"runtime install: target under {TARGET_MB} MB ({'met' if runtime < TARGET_MB else 'NOT met'})")
    save_results("install", {**figures, "target_met": runtime < TARGET_MB})


if __name__ == "__main__":
    main()
