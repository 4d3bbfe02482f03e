"""A Facebook Page, through the Graph API over httpx.

A new entry is ``POST /{page-id}/feed`` with a short message and the entry's link (Facebook draws
the link preview from the page's Open Graph tags); an entry with an image is ``POST
/{page-id}/photos`` with the image's public URL, its alt text and the link in the caption.
Follow-ups are comments on the entry's post (``POST /{post-id}/comments``). ``find`` reads the
page's published posts, or the post's comments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from publish.compose import FACEBOOK, Message
from publish.platforms.base import Context, Platform, RemotePost
from publish.platforms.httpapi import HttpApi, json_body, same_text

if TYPE_CHECKING:
    import httpx

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v24.0"
#: Graph error codes that mean "too many calls": sent with HTTP 400 or 403, not 429.
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001}
RECENT_POSTS = 50


def _error(response: httpx.Response) -> dict[str, Any]:
    error = json_body(response).get("error")
    return error if isinstance(error, dict) else {}  # a proxy's or load balancer's answer has no Graph error


def _describe(response: httpx.Response) -> str:
    error = _error(response)
    return f"{error.get('message', response.text[:300])} (code {error.get('code')})" if error else response.text[:300]


def _rate_limited(response: httpx.Response) -> bool:
    return response.status_code == 429 or _error(response).get("code") in RATE_LIMIT_CODES


class FacebookPlatform(Platform):
    name = "facebook"
    rules = FACEBOOK
    required_env = ("NOTICEBOARD_FACEBOOK_PAGE_ID", "NOTICEBOARD_FACEBOOK_PAGE_TOKEN")

    def __init__(self, context: Context) -> None:
        self.page = context.env["NOTICEBOARD_FACEBOOK_PAGE_ID"]
        self.api = HttpApi(self.name, context.env.get("NOTICEBOARD_FACEBOOK_GRAPH_URL") or DEFAULT_GRAPH_URL, context,
                           headers={"Authorization": f"Bearer {context.env['NOTICEBOARD_FACEBOOK_PAGE_TOKEN']}"},
                           describe=_describe, rate_limited=_rate_limited)

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        if reply_to:
            comment = self.api.json("POST", f"{reply_to.id}/comments", data={"message": message.text})
            return RemotePost(id=reply_to.id, url=f"https://www.facebook.com/{comment['id']}", uri=comment["id"])
        if message.image_url:
            photo = self.api.json("POST", f"{self.page}/photos", data={
                "url": message.image_url, "caption": self._caption(message), "alt_text_custom": message.image_alt or "",
                "published": "true"})
            return self._remote(photo["post_id"])
        created = self.api.json("POST", f"{self.page}/feed", data={"message": message.text, "link": message.url})
        return self._remote(created["id"])

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        if reply_to:
            comments = self.api.json("GET", f"{reply_to.id}/comments", params={"fields": "id,message",
                                                                                 "limit": RECENT_POSTS})
            for comment in comments.get("data", []):
                if same_text(comment.get("message"), message.text):
                    return RemotePost(id=reply_to.id, url=f"https://www.facebook.com/{comment['id']}",
                                      uri=comment["id"])
            return None
        posts = self.api.json("GET", f"{self.page}/published_posts", params={"fields": "id,message",
                                                                              "limit": RECENT_POSTS})
        wanted = self._caption(message) if message.image_url else message.text
        for post in posts.get("data", []):
            if same_text(post.get("message"), wanted):
                return self._remote(post["id"])
        return None

    @staticmethod
    def _caption(message: Message) -> str:
        """A photo post has no link preview: its caption carries the link."""
        return message.text if message.url in message.text else f"{message.text}\n\n{message.url}"

    @staticmethod
    def _remote(post_id: str) -> RemotePost:
        """Comments on follow-ups all go under the entry's own post: its id stays the thread's."""
        return RemotePost(id=post_id, url=f"https://www.facebook.com/{post_id}")
