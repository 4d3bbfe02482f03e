"""What `make publish` installs on a fresh clone: the core runtime set (requirements.txt) into a new venv,
then what each extra (requirements/<extra>.txt: S3, a platform's SDK) adds for the councils that switch
it on.

Prints the time, the size of the venv on disk (with and without the venv's own pip and setuptools,
which ``python -m venv`` puts in every venv) and the number of packages, and stores them in
bench/results.json (key "install"). Target: the core under 150 MB, pip and setuptools counted.
Packages come from pip's cache when it has them, as on a CI runner with a warm cache; the first run on
a machine also downloads. With BENCH_INSTALL_DEV=1 the test set (requirements-dev.txt, what `make test`
installs) is measured too.
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
EXTRAS = ("s3", "mastodon", "bluesky", "x", "apprise")
#: What ``python -m venv`` itself installs: in every venv, whatever the project needs.
VENV_OWN = ("pip", "setuptools", "_distutils_hack", "pkg_resources", "distutils-precedence.pth")


def pip_install(venv: Path, lock_files: list[str]) -> None:
    requirements = [arg for name in lock_files for arg in ("-r", str(ROOT / name))]
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--require-hashes", *requirements], check=True)


def measure(venv: Path) -> dict[str, float | int | dict[str, float]]:
    """The venv on disk: megabytes (all, without bytecode, without pip and setuptools), packages, largest folders."""
    files = [path for path in venv.rglob("*") if not path.is_symlink() and path.is_file()]
    size = sum(path.stat().st_size for path in files)
    bytecode = sum(path.stat().st_size for path in files if "__pycache__" in path.parts)
    site = next(venv.glob("lib/python*/site-packages"))
    by_folder: dict[str, int] = {}
    for path in files:
        if site in path.parents:
            top = path.relative_to(site).parts[0]
            by_folder[top] = by_folder.get(top, 0) + path.stat().st_size
    own = sum(size for top, size in by_folder.items()
              if top.split("-")[0] in VENV_OWN or top in VENV_OWN)
    largest = sorted(by_folder.items(), key=lambda item: -item[1])[:LARGEST]
    return {"megabytes": round(size / 1e6, 1), "megabytes_without_bytecode": round((size - bytecode) / 1e6, 1),
            "megabytes_without_pip_setuptools": round((size - own) / 1e6, 1),
            "packages": len(list(site.glob("*.dist-info"))),
            "largest": {name: round(size / 1e6, 1) for name, size in largest}}


def install(lock_files: list[str], extras: tuple[str, ...] = ()) -> dict:
    """A new venv with ``lock_files`` installed: seconds and size; then what each extra adds to it."""
    with tempfile.TemporaryDirectory() as scratch:
        venv = Path(scratch) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip_install(venv, lock_files)
        figures = {"seconds": round(time.perf_counter() - start, 2), **measure(venv)}
        added, before = {}, figures
        for extra in extras:
            pip_install(venv, [f"requirements/{extra}.txt"])
            after = measure(venv)
            added[extra] = {"megabytes": round(after["megabytes"] - before["megabytes"], 1),
                            "packages": after["packages"] - before["packages"]}
            before = after
        if extras:
            figures["extras_added"] = added
            figures["with_every_extra_megabytes"] = before["megabytes"]
    return figures


def main() -> None:
    figures = {"runtime (make publish)": install(["requirements.txt"], EXTRAS)}
    if os.environ.get("BENCH_INSTALL_DEV"):
        figures["dev (make test)"] = install(["requirements.txt", "requirements-dev.txt"])
    for label, row in figures.items():
        print(f"install, {label}: {row['packages']} packages, {row['megabytes']:.1f} MB with the venv's own pip and "
              f"setuptools, {row['megabytes_without_pip_setuptools']:.1f} MB without them "
              f"({row['megabytes_without_bytecode']:.1f} MB without the bytecode pip compiles) in {row['seconds']:.1f} s; "
              "largest: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in row["largest"].items()))
    runtime = figures["runtime (make publish)"]
    for extra, added in runtime["extras_added"].items():
        print(f"  + extra {extra} (requirements/{extra}.txt, only when switched on; after those above): "
              f"{added['megabytes']:+.1f} MB, {added['packages']:+d} packages")
    print(f"  with every extra: {runtime['with_every_extra_megabytes']:.1f} MB")
    met = runtime["megabytes"] < TARGET_MB
    print(f"runtime install (core, pip and setuptools counted): target under {TARGET_MB} MB "
          f"({'met' if met else 'NOT met'})")
    save_results("install", {**figures, "target_met": met})


if __name__ == "__main__":
    main()
