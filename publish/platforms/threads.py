"""Threads, through the Threads API over httpx: create a media container, then publish it.

A new entry is a TEXT container with the link as its preview (``link_attachment``), or an IMAGE
container with the entry image's public URL and alt text; follow-ups reply to the thread's latest
post (``reply_to_id``). ``find`` reads the account's threads, or the replies under a post.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from publish.compose import THREADS, Message
from publish.platforms.base import Context, Platform, RemotePost
from publish.platforms.httpapi import HttpApi, json_body, same_text

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://graph.threads.net/v1.0"
RECENT_POSTS = 50
FIELDS = "id,text,permalink"


def _describe(response: httpx.Response) -> str:
    error = json_body(response).get("error")
    error = error if isinstance(error, dict) else {}  # a proxy's or load balancer's answer has no Graph error
    message = error.get("error_user_msg") or error.get("message")
    return f"{message} (code {error.get('code')})" if message else response.text[:300]


class ThreadsPlatform(Platform):
    name = "threads"
    rules = THREADS
    required_env = ("NOTICEBOARD_THREADS_USER_ID", "NOTICEBOARD_THREADS_TOKEN")

    def __init__(self, context: Context) -> None:
        self.user = context.env["NOTICEBOARD_THREADS_USER_ID"]
        self.api = HttpApi(self.name, context.env.get("NOTICEBOARD_THREADS_API_URL") or DEFAULT_API_URL, context,
                           headers={"Authorization": f"Bearer {context.env['NOTICEBOARD_THREADS_TOKEN']}"},
                           describe=_describe)

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        container: dict[str, Any] = {"text": message.text}
        if message.image_url:
            container.update(media_type="IMAGE", image_url=message.image_url, alt_text=message.image_alt or "")
        else:
            container.update(media_type="TEXT", link_attachment=message.url)
        if reply_to:
            container["reply_to_id"] = reply_to.id
        created = self.api.json("POST", f"{self.user}/threads", data=container)
        published = self.api.json("POST", f"{self.user}/threads_publish", data={"creation_id": created["id"]})
        post = self.api.json("GET", published["id"], params={"fields": FIELDS})
        return RemotePost(id=post["id"], url=post.get("permalink"))

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        where = f"{reply_to.id}/replies" if reply_to else f"{self.user}/threads"
        posts = self.api.json("GET", where, params={"fields": FIELDS, "limit": RECENT_POSTS})
        for post in posts.get("data", []):
            if same_text(post.get("text"), message.text):
                return RemotePost(id=post["id"], url=post.get("permalink"))
        return None
