"""``python -m publish``: deploy the built site, then cross-post what is new.

Exit status: 0 done; 1 nothing deployed (bad build, failed deploy); 2 a setting or variable is
wrong (nothing deployed); 3 deployed, but a platform failed (the next publish retries it);
4 another publish holds the lock; 5 deployed, but a message on Telegram or Apprise may or may not
have arrived and waits for a person (``invoke crosspost --settle``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from publish.config import PublishConfig, load_config
from publish.crosspost import crosspost
from publish.errors import DeployError, PublishError
from publish.faults import fault
from publish.languages import with_language_accounts
from publish.ledger import Ledger
from publish.manifest import load_manifest, require_built
from publish.platforms import chosen_platforms
from publish.platforms.base import Context
from publish.progress import Progress
from publish.report import (
    append_job_summary,
    outcome_markdown,
    outcome_table,
    preview,
    preview_markdown,
    preview_text,
)
from publish.secrets import redact
from publish.targets import open_target
from publish.targets.base import Target

#: A run that deployed but could not post everything.
CROSSPOST_FAILED = 3
#: A run that left messages in doubt on a platform that cannot be searched: a person must settle them.
CROSSPOST_UNKNOWN = 5
#: The exit statuses of a run that deployed the site.
DEPLOYED = (0, CROSSPOST_FAILED, CROSSPOST_UNKNOWN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file (default: publishconf.py)")
    parser.add_argument("--site", type=Path, default=Path("output"), help="the built site (default: output)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be deployed and posted; change nothing")
    parser.add_argument("--deploy-only", action="store_true",
                        help="deploy the site and post nothing (invoke publish: the new search index)")
    parser.add_argument("--in-place", action="append", default=[], metavar="FOLDER",
                        help="with --deploy-only: when the site differs from the served one only inside FOLDER "
                             "(the search index), a folder target updates those files where they are served")
    args = parser.parse_args(argv)
    try:
        return run(args.settings, args.site, dry_run=args.dry_run, deploy_only=args.deploy_only,
                   in_place=tuple(args.in_place))
    except PublishError as exc:
        print(f"publish: error: {redact(str(exc), os.environ)}", file=sys.stderr)
        return exc.exit_status


def say(line: str) -> None:
    """Print a line of the log, without any credential in it."""
    print(redact(line, os.environ), flush=True)


def run(settings_file: Path, site: Path, *, dry_run: bool, deploy_only: bool = False,
        in_place: tuple[str, ...] = ()) -> int:
    config = load_config(settings_file)
    env = os.environ
    if deploy_only:
        require_built(site)
    manifest = {} if deploy_only else load_manifest(site)
    target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project,
                         config.values)
    target.progress = Progress(sys.stderr, env)
    if deploy_only:
        with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
            target.deploy_within(site, in_place)
        say(f"deployed {site} to {target.describe()}")
        return 0
    platform_types = with_language_accounts(chosen_platforms(config["CROSSPOST"], env, need_credentials=not dry_run),
                                            env, list(manifest.get("languages") or [None]),
                                            config["CROSSPOST_BILINGUAL"])
    if dry_run:
        return dry_run_report(manifest, target, platform_types, config)
    context = Context(env=env, settings=config, site=Path(site), site_url=manifest["site"]["url"],
                      project=config.project, timeout=float(config["CROSSPOST_TIMEOUT_SECONDS"]))
    platforms = [platform(context) for platform in platform_types]
    fault("after-build")
    with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
        ledger = Ledger.load(target, say=say)
        target.deploy(site)
        say(f"deployed {site} to {target.describe()}")
        fault("after-deploy")
        outcomes = crosspost(manifest, platforms, ledger, config, say=say)
    if outcomes:
        say(outcome_table(outcomes))
        append_job_summary(redact(outcome_markdown(outcomes), env))
    if any(o.unknown for o in outcomes):
        return CROSSPOST_UNKNOWN
    return CROSSPOST_FAILED if any(o.failed for o in outcomes) else 0


def dry_run_report(manifest: dict, target: Target, platform_types: list, config: PublishConfig) -> int:
    """Print (and add to the CI job summary) what a publish would post; no deploy, no lock, no writes.

    The ledger is read from the target when the target can be read, so a pull request's preview
    shows exactly what merging would post.
    """
    try:
        ledger = Ledger.load(target, read_only=True, say=say)
        basis = f"the ledger in {target.describe()}"
    except DeployError as exc:
        ledger = Ledger.empty()
        basis = (f"no ledger (could not read it from {target.describe()}: {exc}): "
                 "everything newer than the backlog window is shown")
    say(f"dry run: would deploy {len(manifest['entries'])} entries to {target.describe()}; compared with {basis}")
    previews, backlog = preview(manifest, platform_types, ledger, float(config["CROSSPOST_BACKLOG_HOURS"]),
                                config["CROSSPOST_BILINGUAL"])
    say(preview_text(previews, backlog))
    append_job_summary(preview_markdown(previews, backlog))
    return 0
