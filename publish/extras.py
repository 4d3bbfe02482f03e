"""Libraries that only some councils need, installed only for them: an S3 bucket, a platform's SDK.

``make publish`` installs the core (requirements.txt). Each extra below is a lock file of its own,
pinned with hashes against the core (``make lock``), and installed before a publish when the
configuration switches its target or platform on (``python -m publish.extras --install``, which
``invoke publish`` runs). An adapter whose library is missing says which command installs it.

| extra | lock file | on when |
|---|---|---|
| s3 | requirements/s3.txt | DEPLOY_TARGET (or NOTICEBOARD_DEPLOY_URL) is ``s3://...`` |
| mastodon, bluesky, x, apprise | requirements/<extra>.txt | the platform is on (its variables set, or CROSSPOST lists it) |
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType

from publish.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
#: Where the extras' lock files are.
LOCKS = ROOT / "requirements"
#: Extra -> what it is for, in messages.
EXTRAS = {
    "s3": "the S3 deploy target",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "x": "X",
    "apprise": "Apprise",
}


def install_command(extra: str) -> str:
    return f".venv/bin/python -m pip install --require-hashes -r requirements/{extra}.txt"


def _missing(extra: str, module: str) -> ConfigError:
    return ConfigError(f"{EXTRAS[extra]} needs the Python package {module!r}, which is not installed. "
                       f"`make publish` installs it when {EXTRAS[extra]} is configured; or run: {install_command(extra)}")


def require(module: str, extra: str) -> None:
    """Make sure ``module`` (a top-level package) can be imported, without importing it: an adapter asks
    when it is set up, so a missing library stops the publish before anything is deployed."""
    if importlib.util.find_spec(module) is None:
        raise _missing(extra, module)


def load(module: str, extra: str) -> ModuleType:
    """Import ``module`` from ``extra``; a clear error naming the command that installs it when missing."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise _missing(extra, exc.name or module) from None


def needed(settings_file: Path, env: Mapping[str, str]) -> list[str]:
    """The extras this configuration uses: the deploy target's and every platform that is on."""
    from publish.config import load_config
    from publish.platforms import chosen_platforms

    config = load_config(settings_file)
    url = env.get("NOTICEBOARD_DEPLOY_URL") or str(config["DEPLOY_TARGET"])
    names = {"s3"} if url.startswith("s3://") else set()
    names |= {platform.name for platform in chosen_platforms(config["CROSSPOST"], env, need_credentials=False)}
    return [extra for extra in EXTRAS if extra in names]


#: A pinned line of a lock file: ``name==version \``.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", re.MULTILINE)


def satisfied(lock: Path) -> bool:
    """Every package the lock file pins is installed at its version (``make test``'s venv has them all)."""
    for name, version in PIN.findall(lock.read_text()):
        try:
            if metadata.version(name) != version:
                return False
        except metadata.PackageNotFoundError:
            return False
    return True


def install(extras: list[str]) -> None:
    """pip-install each extra's lock file, unless its pinned packages are all there already."""
    for extra in extras:
        lock = LOCKS / f"{extra}.txt"
        if satisfied(lock):
            continue
        print(f"installing what {EXTRAS[extra]} needs (requirements/{extra}.txt)", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "-r", str(lock)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish.extras", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file")
    parser.add_argument("--install", action="store_true", help="install the extras this configuration needs")
    args = parser.parse_args(argv)
    try:
        extras = needed(args.settings, os.environ)
    except ConfigError as exc:
        print(f"publish.extras: error: {exc}", file=sys.stderr)
        return exc.exit_status
    if args.install:
        install(extras)
    else:
        print(" ".join(extras))
    return 0


if __name__ == "__main__":
    sys.exit(main())
