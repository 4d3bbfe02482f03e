"""What a platform offers to listen: the replies under a post, the mentions of the account.

Reading never posts or changes anything on the platform. A platform adapter that can read adds a
listener module beside it here (a subclass of its adapter and of :class:`Listener`) and a line
in ``LISTENERS``; answering reuses the adapter's own ``post(message, reply_to)``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from publish.platforms.base import RemotePost


@dataclass(frozen=True)
class Reply:
    """One reply or mention, as a citizen wrote it. ``text`` is untrusted: escape it wherever it is shown."""

    platform: str
    #: Enough to link to the reply and to answer under it (id, url; Bluesky also uri, cid and thread root).
    remote: RemotePost
    author: str
    author_url: str | None
    at: datetime
    text: str
    #: The entry whose post it answers, or None for a mention that is not under any of our posts.
    entry: str | None = None
    #: "reply" (under one of our posts) or "mention".
    kind: str = "reply"
    #: The id of the post it answers (a mention under one of our posts belongs to that post's entry).
    in_reply_to: str | None = None

    @property
    def key(self) -> str:
        """Stable across runs: the platform and the reply's own id."""
        return f"{self.platform} {self.remote.id}"

    @property
    def url(self) -> str:
        return self.remote.url or self.remote.id

    def as_record(self) -> dict[str, Any]:
        return {"platform": self.platform, "author": self.author, "author_url": self.author_url,
                "at": self.at.isoformat(), "text": self.text, "entry": self.entry, "kind": self.kind,
                "in_reply_to": self.in_reply_to,
                **self.remote.as_record()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Reply:
        return cls(platform=record["platform"], remote=RemotePost.from_record(record), author=record["author"],
                   author_url=record.get("author_url"), at=datetime.fromisoformat(record["at"]),
                   text=record["text"], entry=record.get("entry"), kind=record.get("kind", "reply"),
                   in_reply_to=record.get("in_reply_to"))


class Listener(ABC):
    """Read-only access to what people say to the council's account on one platform."""

    name: str

    @abstractmethod
    def replies_to(self, post: RemotePost, entry: str, since: datetime) -> list[Reply]:
        """Every reply by someone else in the thread under ``post``, written at or after ``since``."""

    @abstractmethod
    def mentions(self, since: datetime) -> list[Reply]:
        """Posts that mention the account, written at or after ``since`` (their entry is not known yet)."""
