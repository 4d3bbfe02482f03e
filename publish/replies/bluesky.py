"""Listening on Bluesky: the thread under each post (``app.bsky.feed.getPostThread``) and the
notifications that are mentions, replies or quotes (``app.bsky.notification.listNotifications``).

Both are read-only queries (docs.bsky.app); an app password may read them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from publish.platforms.base import PlatformError, RemotePost
from publish.platforms.bluesky import BlueskyPlatform, sdk_models
from publish.replies.base import Listener, Reply

#: How deep a thread is read: replies to replies to replies...
THREAD_DEPTH = 20
NOTIFICATIONS_PAGE = 100
#: Notifications that are someone talking to the council (likes, reposts and follows are not).
TALKING = ("mention", "reply", "quote")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class BlueskyListener(BlueskyPlatform, Listener):
    def replies_to(self, post: RemotePost, entry: str, since: datetime) -> list[Reply]:
        with self._errors():
            client = self._logged_in()
            thread = client.get_post_thread(post.uri, depth=THREAD_DEPTH).thread
        found: list[Reply] = []
        thread_post = sdk_models().AppBskyFeedDefs.ThreadViewPost
        waiting = list(getattr(thread, "replies", None) or [])
        while waiting:
            node = waiting.pop()
            if not isinstance(node, thread_post):
                continue  # a deleted or blocked post
            waiting += node.replies or []
            view = node.post
            if view.author.did != self._session.did:
                reply = self._reply(view.uri, view.cid, view.author, view.record, entry, "reply")
                if reply.at >= since:
                    found.append(reply)
        return found

    def mentions(self, since: datetime) -> list[Reply]:
        found: list[Reply] = []
        cursor = None
        with self._errors():
            client = self._logged_in()
            while True:
                page = client.app.bsky.notification.list_notifications(
                    params={"limit": NOTIFICATIONS_PAGE, "cursor": cursor, "reasons": list(TALKING)})
                fresh = [n for n in page.notifications if _moment(n.indexed_at) >= since]
                found += [self._reply(n.uri, n.cid, n.author, n.record, None, "mention")
                          for n in fresh if n.reason in TALKING]
                cursor = page.cursor
                if not cursor or len(fresh) < len(page.notifications):
                    return found

    def reply(self, remote: RemotePost) -> Reply:
        with self._errors():
            found = self._logged_in().get_posts([remote.uri]).posts
        if not found:
            raise PlatformError(self.name, f"{remote.url or remote.uri} is gone (deleted, or not visible to the "
                                           "council's account)", retryable=False)
        view = found[0]
        return self._reply(view.uri, view.cid, view.author, view.record, None,
                           "reply" if getattr(view.record, "reply", None) else "mention")

    def _reply(self, uri: str, cid: str, author: Any, record: Any, entry: str | None, kind: str) -> Reply:
        thread = getattr(record, "reply", None)
        root = thread.root if thread else None
        parent = thread.parent if thread else None
        handle = author.handle
        return Reply(
            platform=self.name,
            remote=RemotePost(id=uri, url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}",
                              uri=uri, cid=cid, root_uri=root.uri if root else uri, root_cid=root.cid if root else cid),
            author=f"@{handle}", author_url=f"https://bsky.app/profile/{handle}",
            at=_moment(record.created_at), text=str(getattr(record, "text", "")),
            entry=entry, kind=kind, in_reply_to=parent.uri if parent else None,
        )
