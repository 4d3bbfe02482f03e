"""Post each event of the deployed site to each platform exactly once, in date order.

For every (platform, event) the ledger first gets an intent, then the result. A record left at
intent by a run that died is looked up on the platform before anything is posted again; a
platform that keeps failing stops only itself, and the next run picks up where it stopped.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from publish.compose import Message, compose
from publish.events import Event, events
from publish.languages import manifest_for
from publish.ledger import Ledger
from publish.platforms.base import Platform, PlatformError, RemotePost

#: The test hook: NOTICEBOARD_FAULT=<point>[:<platform>] ends the process at that point.
FAULT_POINTS = ("after-intent", "after-post", "after-result")
FAULT_EXIT_STATUS = 70


@dataclass(frozen=True)
class Step:
    """One thing to do for one event on one platform."""

    event: Event
    action: str  # "post", "reply" or "backlog"
    #: A record of an earlier run stopped at intent: look the post up before posting.
    resume: bool = False


@dataclass
class Outcome:
    """How one platform fared in a run: the row of the summary table."""

    platform: str
    posted: int = 0
    replied: int = 0
    skipped: int = 0
    failed: int = 0
    #: Steps not tried because the platform failed before them; the next run does them.
    waiting: int = 0
    error: str | None = None
    #: (event key, link to the post) for each post made.
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int
    backoff_seconds: float
    max_wait_seconds: float

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> RetryPolicy:
        return cls(int(settings["CROSSPOST_ATTEMPTS"]), float(settings["CROSSPOST_BACKOFF_SECONDS"]),
                   float(settings["CROSSPOST_MAX_WAIT_SECONDS"]))


def plan(manifest: Mapping[str, Any], platform: str, ledger: Ledger, backlog_hours: float) -> list[Step]:
    """What a run would do on ``platform``: the backlog to record first, then posts and replies in order."""
    cutoff = datetime.fromisoformat(manifest["generated_at"]) - timedelta(hours=backlog_hours)
    first_run = not ledger.knows(platform)
    threads = {r["entry"] for k, r in ledger.records.items() if k.startswith(f"{platform} ") and r["state"] == "posted"}
    backlog: list[Step] = []
    todo: list[Step] = []
    for event in events(manifest):
        if not event.wanted_on(platform):
            continue
        record = ledger.get(platform, event.key)
        if record and record["state"] != "intent":
            continue
        if first_run and event.at < cutoff:
            backlog.append(Step(event, "backlog"))
            continue
        in_thread = event.is_reply and event.entry["id"] in threads
        todo.append(Step(event, "reply" if in_thread else "post", resume=record is not None))
        threads.add(event.entry["id"])
    return backlog + todo


def crosspost(
    manifest: Mapping[str, Any],
    platforms: Sequence[Platform],
    ledger: Ledger,
    settings: Mapping[str, Any],
    *,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Post what is new to every platform; each platform's failure stays its own."""
    return [_crosspost_to(manifest, platform, ledger, settings, say, sleep) for platform in platforms]


def _crosspost_to(manifest: Mapping[str, Any], platform: Platform, ledger: Ledger, settings: Mapping[str, Any],
                  say: Callable[[str], None], sleep: Callable[[float], None]) -> Outcome:
    outcome = Outcome(platform.name)
    manifest = manifest_for(manifest, platform, settings["CROSSPOST_BILINGUAL"])
    steps = plan(manifest, platform.name, ledger, float(settings["CROSSPOST_BACKLOG_HOURS"]))
    backlog = [s for s in steps if s.action == "backlog"]
    if not ledger.knows(platform.name):
        now = datetime.now(UTC)
        ledger.start(platform.name, now, [(s.event.key, s.event.entry["id"]) for s in backlog])
        outcome.skipped = len(backlog)
    policy = RetryPolicy.from_settings(settings)
    todo = [s for s in steps if s.action != "backlog"]
    for done, step in enumerate(todo):
        entry_id = step.event.entry["id"]
        parent = ledger.thread_tip(platform.name, entry_id) if step.event.is_reply else None
        message = compose(step.event, platform.rules, platform.name, manifest["site"]["timezone"], parent is not None,
                          manifest.get("words"))
        if not step.resume:
            ledger.intend(platform.name, step.event.key, entry_id, datetime.now(UTC))
        _fault("after-intent", platform.name)
        try:
            remote = deliver(platform, message, parent, step.resume, policy, say, sleep)
        except PlatformError as exc:
            outcome.failed, outcome.waiting, outcome.error = 1, len(todo) - done - 1, str(exc)
            say(f"{platform.name}: FAILED {step.event.key}: {exc}")
            break
        _fault("after-post", platform.name)
        ledger.posted(platform.name, step.event.key, entry_id, remote, datetime.now(UTC))
        _fault("after-result", platform.name)
        if parent:
            outcome.replied += 1
        else:
            outcome.posted += 1
        outcome.links.append((step.event.key, remote.url or remote.id))
        say(f"{platform.name}: {'replied' if parent else 'posted'} {step.event.key} -> {remote.url or remote.id}")
    return outcome


def deliver(platform: Platform, message: Message, parent: RemotePost | None, resume: bool,
            policy: RetryPolicy, say: Callable[[str], None], sleep: Callable[[float], None]) -> RemotePost:
    """Post ``message``, retrying what may pass later; before any second try, look for the first one."""
    attempt = 0
    while True:
        try:
            if resume or attempt:
                found = platform.find(message, parent)
                if found:
                    return found
            return platform.post(message, parent)
        except PlatformError as exc:
            attempt += 1
            if not exc.retryable or attempt >= policy.attempts:
                raise
            wait = exc.retry_after if exc.retry_after is not None else policy.backoff_seconds * 2 ** (attempt - 1)
            if wait > policy.max_wait_seconds:
                raise PlatformError(platform.name, f"{exc.reason}; asked to wait {wait:.0f}s, "
                                    f"more than CROSSPOST_MAX_WAIT_SECONDS ({policy.max_wait_seconds:g})",
                                    retryable=True) from None
            say(f"{platform.name}: {exc.reason}; try {attempt + 1} of {policy.attempts} "
                f"in {wait:.1f}s")
            sleep(wait)


def _fault(point: str, platform: str) -> None:
    """End the process hard at ``point`` when NOTICEBOARD_FAULT asks for it (crash tests)."""
    wanted = os.environ.get("NOTICEBOARD_FAULT", "")
    name, _, only = wanted.partition(":")
    if name == point and only in ("", platform):
        sys.stdout.flush()
        os._exit(FAULT_EXIT_STATUS)
