"""Post each event of the deployed site to each platform exactly once, in date order, all platforms at once.

For every (platform, event) the ledger first gets an intent, then the result. A record left at
intent by a run that died is looked up on the platform before anything is posted again; on a
platform that cannot be searched (Telegram, Apprise) it is reported unknown and left for a person
to settle. A platform that keeps failing stops only itself, and the next run picks up where it stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from publish.compose import Message, compose
from publish.events import Event, events
from publish.faults import fault
from publish.languages import manifest_for
from publish.ledger import Ledger
from publish.platforms.base import Platform, PlatformError, RemotePost


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
    #: Event keys whose message may or may not have arrived (a platform that cannot be searched):
    #: not sent again until someone settles them.
    unsettled: list[str] = field(default_factory=list)

    @property
    def unknown(self) -> int:
        return len(self.unsettled)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int
    backoff_seconds: float
    max_wait_seconds: float

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> RetryPolicy:
        return cls(int(settings["CROSSPOST_ATTEMPTS"]), float(settings["CROSSPOST_BACKOFF_SECONDS"]),
                   float(settings["CROSSPOST_MAX_WAIT_SECONDS"]))


def plan(manifest: Mapping[str, Any], platform: str, ledger: Ledger, backlog_hours: float,
         threads: bool = True, derived: Sequence[Event] | None = None) -> list[Step]:
    """What a run would do on ``platform``: the backlog to record first, then posts and replies in order.

    On a platform without ``threads`` every follow-up is a post of its own. ``derived``: the manifest's
    events when the caller has them already (platforms sharing one manifest derive them once).
    """
    cutoff = datetime.fromisoformat(manifest["generated_at"]) - timedelta(hours=backlog_hours)
    first_run = not ledger.knows(platform)
    threaded = ledger.threads(platform)
    backlog: list[Step] = []
    todo: list[Step] = []
    for event in events(manifest) if derived is None else derived:
        if not event.wanted_on(platform):
            continue
        record = ledger.get(platform, event.key)
        if record and record["state"] != "intent":
            continue
        if first_run and event.at < cutoff:
            backlog.append(Step(event, "backlog"))
            continue
        in_thread = threads and event.is_reply and event.entry["id"] in threaded
        todo.append(Step(event, "reply" if in_thread else "post", resume=record is not None))
        threaded.add(event.entry["id"])
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
    """Post what is new to every platform at once, each in its own thread: one platform's events stay
    in order and its slowness or failure stays its own. Outcomes come back in the order of ``platforms``."""
    backlog_hours = float(settings["CROSSPOST_BACKLOG_HOURS"])
    # Each platform's own manifest first: its language's translations, or every language in one post.
    own = [manifest_for(manifest, platform, settings.get("CROSSPOST_BILINGUAL")) for platform in platforms]
    # Platforms posting the same entries (most do) share their events, derived once.
    derived: dict[int, list[Event]] = {}
    for mine in own:
        if id(mine["entries"]) not in derived:
            derived[id(mine["entries"])] = events(mine)
    plans = [(platform, mine, plan(mine, platform.name, ledger, backlog_hours, platform.threads,
                                   derived[id(mine["entries"])]))
             for platform, mine in zip(platforms, own, strict=True)]
    said = threading.Lock()

    def say_whole_lines(line: str) -> None:
        with said:
            say(line)

    with ThreadPoolExecutor(max_workers=max(1, len(plans)), thread_name_prefix="crosspost") as pool:
        runs = [pool.submit(_guarded, mine, platform, steps, ledger, settings, say_whole_lines, sleep)
                for platform, mine, steps in plans]
        return [run.result() for run in runs]


def _guarded(manifest: Mapping[str, Any], platform: Platform, steps: list[Step], ledger: Ledger,
             settings: Mapping[str, Any], say: Callable[[str], None], sleep: Callable[[float], None]) -> Outcome:
    """One platform's run; an unexpected error (an answer we cannot read) fails that platform only."""
    try:
        return _crosspost_to(manifest, platform, steps, ledger, settings, say, sleep)
    except Exception as exc:  # noqa: BLE001 - any bug or surprise in one adapter must not stop the others
        say(f"{platform.name}: FAILED: {type(exc).__name__}: {exc}")
        return Outcome(platform.name, failed=1, error=f"{type(exc).__name__}: {exc}")


def _crosspost_to(manifest: Mapping[str, Any], platform: Platform, steps: list[Step], ledger: Ledger,
                  settings: Mapping[str, Any], say: Callable[[str], None], sleep: Callable[[float], None]) -> Outcome:
    """One platform's steps; ``manifest`` is already the platform's own (publish.languages.manifest_for)."""
    outcome = Outcome(platform.name)
    backlog = [s for s in steps if s.action == "backlog"]
    if not ledger.knows(platform.name):
        now = datetime.now(UTC)
        ledger.start(platform.name, now, [(s.event.key, s.event.entry["id"]) for s in backlog])
        outcome.skipped = len(backlog)
    policy = RetryPolicy.from_settings(settings)
    resend_emergencies = bool(settings["CROSSPOST_RESEND_UNKNOWN_EMERGENCIES"])
    todo = [s for s in steps if s.action != "backlog"]
    #: Entries whose post is in doubt: where follow-ups are replies to it, they wait until it is settled.
    held: set[str] = set()
    for done, step in enumerate(todo):
        key, entry_id = step.event.key, step.event.entry["id"]
        if entry_id in held:
            outcome.waiting += 1
            continue
        parent = ledger.thread_tip(platform.name, entry_id) if step.event.is_reply and platform.threads else None
        message = compose(step.event, platform.rules, platform.name, manifest["site"]["timezone"], parent is not None,
                          manifest.get("words"))
        if step.resume and not platform.searchable and not (resend_emergencies and message.severity == "emergency"):
            outcome.unsettled.append(key)
            if platform.threads:
                held.add(entry_id)
            say(f"{platform.name}: UNKNOWN {key}: an earlier run may have sent it; {settle_hint(platform.name, key)}")
            continue
        if not step.resume:
            ledger.intend(platform.name, key, entry_id, datetime.now(UTC))
        fault("after-intent", platform.name)
        try:
            remote = deliver(platform, message, parent, step.resume, policy, say, sleep)
        except PlatformError as exc:
            outcome.failed, outcome.waiting, outcome.error = 1, outcome.waiting + len(todo) - done - 1, str(exc)
            if platform.searchable:
                say(f"{platform.name}: FAILED {key}: {exc}")
            elif exc.unsent:
                ledger.forget(platform.name, key)
                say(f"{platform.name}: FAILED {key}: {exc} (not sent; the next publish sends it)")
            else:
                outcome.unsettled.append(key)
                say(f"{platform.name}: UNKNOWN {key}: {exc}; it may have arrived. {settle_hint(platform.name, key)}")
            break
        fault("after-post", platform.name)
        ledger.posted(platform.name, key, entry_id, remote, datetime.now(UTC))
        fault("after-result", platform.name)
        if parent:
            outcome.replied += 1
        else:
            outcome.posted += 1
        outcome.links.append((key, remote.url or remote.id))
        say(f"{platform.name}: {'replied' if parent else 'posted'} {key} -> {remote.url or remote.id}")
    return outcome


def settle_hint(platform: str, key: str) -> str:
    """What to run once someone has looked whether the message arrived."""
    return (f"check the {platform} account, then run `invoke crosspost --settle {key} --platform {platform} --posted` "
            "if it arrived, or `--resend` if it did not")


def deliver(platform: Platform, message: Message, parent: RemotePost | None, resume: bool,
            policy: RetryPolicy, say: Callable[[str], None], sleep: Callable[[float], None]) -> RemotePost:
    """Post ``message``, retrying what may pass later; before any second try, look for the first one.

    A platform that cannot be searched is tried again only when the failed request surely had no effect.
    """
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
            if not exc.retryable or attempt >= policy.attempts or not (platform.searchable or exc.unsent):
                raise
            wait = exc.retry_after if exc.retry_after is not None else policy.backoff_seconds * 2 ** (attempt - 1)
            if wait > policy.max_wait_seconds:
                raise PlatformError(platform.name, f"{exc.reason}; asked to wait {wait:.0f}s, "
                                    f"more than CROSSPOST_MAX_WAIT_SECONDS ({policy.max_wait_seconds:g})",
                                    retryable=True, unsent=exc.unsent) from None
            say(f"{platform.name}: {exc.reason}; try {attempt + 1} of {policy.attempts} "
                f"in {wait:.1f}s")
            sleep(wait)
