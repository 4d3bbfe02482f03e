"""``python -m publish.replies``: the replies digest (``digest``) and the council's answers (``answer``).

Exit status: 0 done; 2 a setting, variable or argument is wrong; 3 a platform could not be read
or did not take the answer (the digest still shows the others); 4 a publish holds the lock.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from publish import clock
from publish.cli import say
from publish.config import PublishConfig, load_config
from publish.crosspost import RetryPolicy
from publish.errors import ConfigError, PublishError
from publish.ledger import Ledger
from publish.manifest import MANIFEST_NAME, load_manifest
from publish.platforms import chosen_platforms
from publish.platforms.base import Context, PlatformError
from publish.platforms.outbox import Outbox
from publish.replies import LISTENERS
from publish.replies.answer import answer
from publish.replies.base import Listener, Reply
from publish.replies.digest import digest, digest_html, digest_markdown, digest_text, headline
from publish.replies.inbox import collect
from publish.replies.seen import SeenReplies
from publish.report import append_job_summary
from publish.report_page import write_report_page
from publish.secrets import redact
from publish.targets import open_target
from publish.targets.base import Target

#: A platform could not be read, or did not take the answer.
PLATFORM_FAILED = 3


@dataclass(frozen=True)
class Setup:
    config: PublishConfig
    env: Mapping[str, str]
    target: Target
    site: Path

    @classmethod
    def open(cls, settings_file: Path, site: Path, env: Mapping[str, str]) -> Setup:
        config = load_config(settings_file)
        target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project,
                             config.values)
        return cls(config, env, target, Path(site))

    def entries(self) -> dict[str, dict[str, Any]]:
        """The built site's entries by id (titles and addresses for the digest); none before a build."""
        if not (self.site / MANIFEST_NAME).is_file():
            return {}
        return {entry["id"]: entry for entry in load_manifest(self.site)["entries"]}

    def listener(self, name: str) -> Listener:
        context = Context(env=self.env, settings=self.config, site=self.site,
                          site_url=str(self.config.get("SITEURL") or ""), project=self.config.project,
                          timeout=float(self.config["CROSSPOST_TIMEOUT_SECONDS"]))
        return LISTENERS[name](context)

    def listeners(self, only: str | None) -> tuple[list[Listener], list[str]]:
        """The readable platforms this site cross-posts to (``only``: just that one), and those that cannot be read."""
        if only is not None and only not in LISTENERS:
            raise ConfigError(f"--platform: {only!r} cannot be read; replies are read from {', '.join(LISTENERS)}")
        chosen = chosen_platforms(self.config["CROSSPOST"] if only is None else [only], self.env,
                                  need_credentials=True)
        return ([self.listener(p.name) for p in chosen if p.name in LISTENERS],
                [p.name for p in chosen if p.name not in LISTENERS and p is not Outbox])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish.replies", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file")
    parser.add_argument("--site", type=Path, default=Path("output"),
                        help="the built site: titles come from its manifest, reports go in its _reports/")
    commands = parser.add_subparsers(dest="command", required=True)
    read = commands.add_parser("digest", help="show the replies and mentions; never posts")
    read.add_argument("--since", help="how far back: 7d, 12h, 2w or a date (default: REPLIES_SINCE)")
    read.add_argument("--platform", help="read only this platform")
    read.add_argument("--new", action="store_true", help="only what no earlier digest has shown")
    reply = commands.add_parser("answer", help="post the council's answer under a reply, exactly once")
    reply.add_argument("url", help="the reply's address, from the digest's answer column")
    reply.add_argument("text", help="the answer")
    args = parser.parse_args(argv)
    try:
        setup = Setup.open(args.settings, args.site, os.environ)
        if args.command == "answer":
            return run_answer(setup, args.url, args.text)
        return run_digest(setup, args.since, args.platform, new_only=args.new)
    except PublishError as exc:
        print(f"replies: error: {redact(str(exc), os.environ)}", file=sys.stderr)
        return exc.exit_status


def run_digest(setup: Setup, since_text: str | None, platform: str | None, *, new_only: bool) -> int:
    config, target = setup.config, setup.target
    at = clock.now(setup.env)
    since = clock.since(since_text or config["REPLIES_SINCE"], at)
    listeners, unreadable = setup.listeners(platform)
    if unreadable:
        say(f"replies: {', '.join(unreadable)}: not read (replies are read from {', '.join(LISTENERS)}; "
            "see docs/crossposting.md)")
    if not listeners:
        say("replies: no platform to read. Replies are read from " + ", ".join(LISTENERS)
            + " once their variables are set (docs/crossposting.md); the outbox cannot be answered.")
    with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
        ledger = Ledger.load(target, read_only=True)
        seen = SeenReplies.load(target)
        inbox = collect(ledger, listeners, since, float(config["REPLIES_THREAD_DAYS"]))
        shown = seen.new(inbox.replies) if new_only else inbox.replies
        seen.remember(inbox.replies, at)
    timezone = str(config.get("TIMEZONE") or "UTC")
    threads = digest(shown, setup.entries(), list(config["REPLIES_CARE_WORDS"]))
    summary = headline(threads, new_only, since, timezone)
    errors = {name: redact(error, setup.env) for name, error in inbox.errors.items()}
    say(summary)
    if threads:
        say(digest_text(threads, timezone))
    for name, error in errors.items():
        say(f"replies: could not read {name}: {error}")
    page = write_report_page(setup.site, "replies", "Replies to answer", digest_html(threads, timezone, summary, errors))
    say(f"replies: wrote {page}")
    append_job_summary(digest_markdown(threads, timezone, summary, errors))
    return PLATFORM_FAILED if errors else 0


def find_reply(setup: Setup, url: str) -> tuple[Reply, Listener]:
    """The reply at ``url`` as it is now on its platform (a digest must have shown it), and that platform."""
    seen = SeenReplies.load(setup.target).find(url.strip())
    if seen is None:
        raise ConfigError(f"{url} is not a reply that a digest has shown; run `invoke replies` and copy the "
                          "address from its answer column")
    chosen_platforms([seen.platform], setup.env, need_credentials=True)
    listener = setup.listener(seen.platform)
    return replace(listener.reply(seen.remote), entry=seen.entry), listener


def run_answer(setup: Setup, url: str, text: str) -> int:
    config, target = setup.config, setup.target
    with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
        try:
            reply, platform = find_reply(setup, url)
            remote, posted = answer(reply, text, platform, Ledger.load(target), RetryPolicy.from_settings(config),
                                    say=say)
        except PlatformError as exc:
            say(f"answer: FAILED: {exc}. Nothing is lost: run the same command again.")
            return PLATFORM_FAILED
    if posted:
        say(f"answer: posted on {reply.platform} under {reply.author}'s reply -> {remote.url or remote.id}")
    else:
        say(f"answer: {reply.author}'s reply was already answered ({remote.url or remote.id}); nothing posted")
    return 0
