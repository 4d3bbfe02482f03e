"""Which replies a digest has already shown, kept as ``replies.json`` beside the ledger in the deploy target.

The target is the one place that survives between CI runs, so ``--new`` means new since the last
digest anywhere (a scheduled job's or someone's terminal). The state folder may be served with the
site (docs/deploy.md), so a reply is kept as its address and ids only, never its author or text:
``answer`` and ``faq-from`` read those from the platform again. Replies older than KEEP_DAYS are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from publish.errors import PublishError
from publish.platforms.base import RemotePost
from publish.replies.base import Reply
from publish.targets.base import Target

SEEN_NAME = "replies.json"
SEEN_VERSION = 1
KEEP_DAYS = 180


@dataclass(frozen=True)
class Sighting:
    """Where a digest saw a reply: enough to read it again."""

    platform: str
    remote: RemotePost
    entry: str | None


class SeenReplies:
    def __init__(self, target: Target, records: dict[str, dict]) -> None:
        self.target = target
        self.records = records

    @classmethod
    def load(cls, target: Target) -> SeenReplies:
        raw = target.read_state(SEEN_NAME)
        if raw is None:
            return cls(target, {})
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PublishError(f"{target.describe()}: {SEEN_NAME} is not valid JSON ({exc}); delete it to start "
                               "again (the next digest then shows every reply as new)") from None
        if data.get("version") != SEEN_VERSION:
            raise PublishError(f"{target.describe()}: {SEEN_NAME} version {data.get('version')!r} is not supported")
        return cls(target, data["replies"])

    def new(self, replies: Iterable[Reply]) -> list[Reply]:
        return [reply for reply in replies if reply.key not in self.records]

    def remember(self, replies: Iterable[Reply], now: datetime) -> None:
        """Mark ``replies`` as shown and store the file."""
        for reply in replies:
            self.records.setdefault(reply.key, {"platform": reply.platform, "entry": reply.entry,
                                                "at": reply.at.isoformat(), "shown": now.isoformat(),
                                                **reply.remote.as_record()})
        oldest = now - timedelta(days=KEEP_DAYS)
        self.records = {k: r for k, r in self.records.items() if datetime.fromisoformat(r["at"]) >= oldest}
        data = {"version": SEEN_VERSION, "replies": self.records}
        self.target.write_state(SEEN_NAME, (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode())

    def find(self, url: str) -> Sighting | None:
        """Where the reply at ``url`` (its address on the platform, or its id) was seen, if a digest showed it."""
        for record in self.records.values():
            if url in (record.get("remote_url"), record.get("remote_id"), record.get("remote_uri")):
                return Sighting(record["platform"], RemotePost.from_record(record), record.get("entry"))
        return None
