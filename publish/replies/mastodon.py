"""Listening on Mastodon: the thread under each status (``status_context``) and mention notifications.

Both are read-only GET requests (docs.joinmastodon.org/methods/statuses/#context and
/methods/notifications/#get); the token needs the ``read:statuses`` and ``read:notifications`` scopes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

import lxml.html

from publish.platforms.base import RemotePost
from publish.platforms.mastodon import MastodonPlatform
from publish.replies.base import Listener, Reply

#: The most a single notifications request returns.
NOTIFICATIONS_PAGE = 80


def plain_text(content: str) -> str:
    """A status's HTML as the text a person reads: paragraphs and line breaks kept, markup dropped."""
    if not content.strip():
        return ""
    tree = lxml.html.fragment_fromstring(content, create_parent="div")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for paragraph in tree.iter("p"):
        paragraph.tail = "\n\n" + (paragraph.tail or "")
    return tree.text_content().strip()


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


class MastodonListener(MastodonPlatform, Listener):
    def replies_to(self, post: RemotePost, entry: str, since: datetime) -> list[Reply]:
        with self._errors():
            mine = self._account_id
            context = self.api.status_context(post.id)
        return [self._reply(status, entry, "reply") for status in context["descendants"]
                if str(status["account"]["id"]) != mine and _moment(status["created_at"]) >= since]

    def mentions(self, since: datetime) -> list[Reply]:
        found: list[Reply] = []
        with self._errors():
            page = self.api.notifications(types=["mention"], limit=NOTIFICATIONS_PAGE)
            while page:
                fresh = [n for n in page if n.get("status") and _moment(n["created_at"]) >= since]
                found += [self._reply(n["status"], None, "mention") for n in fresh]
                if len(fresh) < len(page):
                    break
                page = self.api.fetch_next(page)
        return found

    @cached_property
    def _account_id(self) -> str:
        """The council's own account, whose posts in a thread are not replies to read."""
        return str(self.api.me()["id"])

    def reply(self, remote: RemotePost) -> Reply:
        with self._errors():
            status = self.api.status(remote.id)
        return self._reply(status, None, "reply" if status.get("in_reply_to_id") else "mention")

    def _reply(self, status: Mapping[str, Any], entry: str | None, kind: str) -> Reply:
        account = status["account"]
        return Reply(
            platform=self.name,
            remote=RemotePost(id=str(status["id"]), url=status.get("url") or status.get("uri")),
            author=f"@{account['acct']}", author_url=account.get("url"),
            at=_moment(status["created_at"]), text=plain_text(status.get("content") or ""),
            entry=entry, kind=kind,
            in_reply_to=str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
        )
