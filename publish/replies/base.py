"""What a platform offers to listen: the replies under a post, the mentions of the account.

Reading never posts or changes anything on the platform. A platform adapter that can read adds a
listener module beside it here (a subclass of its adapter and of :class:`Listener`) and a line
in ``LISTENERS``; answering reuses the adapter's own ``post(message, reply_to)``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

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


class Listener(ABC):
    """Read-only access to what people say to the council's account on one platform."""

    name: str

    @abstractmethod
    def replies_to(self, post: RemotePost, entry: str, since: datetime) -> list[Reply]:
        """Every reply by someone else in the thread under ``post``, written at or after ``since``."""

    @abstractmethod
    def mentions(self, since: datetime) -> list[Reply]:
        """Posts that mention the account, written at or after ``since`` (their entry is not known yet)."""

    @abstractmethod
    def reply(self, remote: RemotePost) -> Reply:
        """The reply at ``remote`` as it is now: to answer it, or to start an FAQ page from it.

        Raises PlatformError when it is gone (deleted, or its author blocked the account).
        """
