"""``python -m publish``: deploy the built site, then cross-post what is new.

Exit status: 0 done; 1 nothing deployed (bad build, failed deploy); 2 a setting or variable is
wrong; 4 another publish holds the lock.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from publish.config import load_config
from publish.errors import PublishError
from publish.manifest import load_manifest
from publish.targets import open_target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file (default: publishconf.py)")
    parser.add_argument("--site", type=Path, default=Path("output"), help="the built site (default: output)")
    parser.add_argument("--dry-run", action="store_true", help="show what would happen; deploy and post nothing")
    args = parser.parse_args(argv)
    try:
        return run(args.settings, args.site, dry_run=args.dry_run)
    except PublishError as exc:
        print(f"publish: error: {exc}", file=sys.stderr)
        return exc.exit_status


def run(settings_file: Path, site: Path, *, dry_run: bool) -> int:
    config = load_config(settings_file)
    env = os.environ
    manifest = load_manifest(site)
    target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project)
    if dry_run:
        print(f"dry run: would deploy {site} ({len(manifest['entries'])} entries) to {target.describe()}")
        return 0
    with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
        target.deploy(site)
        print(f"deployed {site} to {target.describe()}")
    return 0
