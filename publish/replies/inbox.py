"""Gather the replies and mentions of every recent thread the ledger knows, once each.

A thread is read from its first post on a platform (the entry's post, or its first update when the
entry itself was in the backlog). Mentions are matched to an entry when they answer one of its posts.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial

from publish.events import ANSWER_PREFIX
from publish.ledger import Ledger
from publish.platforms.base import PlatformError, RemotePost
from publish.replies.base import Listener, Reply

#: Threads read at once on one platform: hundreds of posts in seconds, well inside rate limits.
THREADS_AT_ONCE = 4


@dataclass
class Inbox:
    replies: list[Reply] = field(default_factory=list)
    #: platform -> what went wrong reading it; the other platforms are still read.
    errors: dict[str, str] = field(default_factory=dict)


def threads(ledger: Ledger, platform: str, posted_after: datetime) -> list[tuple[RemotePost, str]]:
    """(first post, entry id) of every entry posted on ``platform`` after ``posted_after``."""
    first: dict[str, dict] = {}
    for key, record in ledger.records.items():
        if not key.startswith(f"{platform} ") or record["state"] != "posted":
            continue
        if record["entry"].startswith(ANSWER_PREFIX):
            continue
        known = first.get(record["entry"])
        if known is None or record["sequence"] < known["sequence"]:
            first[record["entry"]] = record
    return [(RemotePost.from_record(r), entry) for entry, r in first.items()
            if datetime.fromisoformat(r["at"]) >= posted_after]


def posts_by_id(ledger: Ledger, platform: str) -> dict[str, str]:
    """The id of every post made on ``platform`` -> its entry."""
    return {r.get("remote_id"): r["entry"] for k, r in ledger.records.items()
            if k.startswith(f"{platform} ") and r["state"] == "posted" and not r["entry"].startswith(ANSWER_PREFIX)}


def _thread_replies(listener: Listener, since: datetime, thread: tuple[RemotePost, str]) -> list[Reply]:
    post, entry = thread
    return listener.replies_to(post, entry, since)


def collect(ledger: Ledger, listeners: Iterable[Listener], since: datetime, thread_days: float,
            at_once: int = THREADS_AT_ONCE) -> Inbox:
    """Every reply and mention since ``since`` on each platform, newest first, each once.

    Mentions are read first (which also signs in), then ``at_once`` threads at a time.
    """
    inbox = Inbox()
    seen: dict[str, Reply] = {}
    posted_after = since - timedelta(days=thread_days)
    for listener in listeners:
        ours = posts_by_id(ledger, listener.name)
        try:
            found = listener.mentions(since)
            read = partial(_thread_replies, listener, since)
            with ThreadPoolExecutor(at_once) as pool:
                for replies in pool.map(read, threads(ledger, listener.name, posted_after)):
                    found += replies
        except PlatformError as exc:
            inbox.errors[listener.name] = exc.reason
            continue
        for reply in found:
            if reply.entry is None and reply.in_reply_to in ours:
                reply = replace(reply, entry=ours[reply.in_reply_to], kind="reply")
            if reply.key not in seen or seen[reply.key].entry is None:
                seen[reply.key] = reply
    inbox.replies = sorted(seen.values(), key=lambda r: r.at, reverse=True)
    return inbox
