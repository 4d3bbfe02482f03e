"""A LinkedIn organisation page, through the versioned Posts API over httpx.

A new entry is ``POST /rest/posts`` with the text as commentary and the entry as an article (its
link, title, summary, and its image uploaded through the Images API with its alt text). Follow-ups
are comments on that post (``POST /rest/socialActions/{post}/comments``). ``find`` reads the
organisation's posts, or the post's comments. Every call names the API version (``Linkedin-Version``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from publish.compose import LINKEDIN, Message
from publish.platforms.base import Context, Platform, RemotePost
from publish.platforms.httpapi import HttpApi, json_body, same_text

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://api.linkedin.com"
RECENT_POSTS = 50
#: Characters LinkedIn's "little text" format reserves; each must be escaped with a backslash.
RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
HASHTAG = re.compile(r"(?<!\S)\\#(\w+)")


def little_text(text: str) -> str:
    """``text`` as LinkedIn's commentary format wants it: reserved characters escaped, hashtags as hashtags."""
    return HASHTAG.sub(r"{hashtag|\\#|\1}", RESERVED.sub(r"\\\1", text))


def _describe(response: httpx.Response) -> str:
    return str(json_body(response).get("message") or response.text[:300])


class LinkedInPlatform(Platform):
    name = "linkedin"
    rules = LINKEDIN
    required_env = ("NOTICEBOARD_LINKEDIN_TOKEN", "NOTICEBOARD_LINKEDIN_ORGANIZATION")

    def __init__(self, context: Context) -> None:
        self.context = context
        organization = context.env["NOTICEBOARD_LINKEDIN_ORGANIZATION"]
        self.author = organization if organization.startswith("urn:") else f"urn:li:organization:{organization}"
        self.api = HttpApi(self.name, context.env.get("NOTICEBOARD_LINKEDIN_API_URL") or DEFAULT_API_URL, context,
                           headers={"Authorization": f"Bearer {context.env['NOTICEBOARD_LINKEDIN_TOKEN']}",
                                    "Linkedin-Version": str(context.settings["LINKEDIN_API_VERSION"]),
                                    "X-Restli-Protocol-Version": "2.0.0"},
                           describe=_describe)

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        if reply_to:
            response = self.api.request("POST", f"rest/socialActions/{quote(reply_to.id, safe='')}/comments", json={
                "actor": self.author, "object": reply_to.id, "message": {"text": message.text}})
            return self._comment(reply_to.id, response.headers.get("x-restli-id") or response.json()["commentUrn"])
        article: dict[str, Any] = {"source": message.url, "title": message.title, "description": message.summary}
        image = self.context.local_file(message.image_url) if message.image_url else None
        if image:
            article["thumbnail"] = self._upload(image.read_bytes())
            article["thumbnailAltText"] = message.image_alt or ""
        response = self.api.request("POST", "rest/posts", json={
            "author": self.author, "commentary": little_text(message.text), "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
            "content": {"article": article}, "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False})
        post_id = response.headers.get("x-restli-id")
        if not post_id:  # accepted, but the answer does not say as what: look it up before trying again
            raise self.api.error(f"HTTP {response.status_code}: the answer names no post (no x-restli-id header)", True)
        return self._post(post_id)

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        if reply_to:
            comments = self.api.json("GET", f"rest/socialActions/{quote(reply_to.id, safe='')}/comments")
            for comment in comments.get("elements", []):
                if same_text(comment.get("message", {}).get("text"), message.text):
                    return self._comment(reply_to.id, comment["commentUrn"])
            return None
        posts = self.api.json("GET", "rest/posts", params={"author": self.author, "q": "author",
                                                           "count": RECENT_POSTS, "sortBy": "CREATED"})
        wanted = little_text(message.text)
        for post in posts.get("elements", []):
            if same_text(post.get("commentary"), wanted):
                return self._post(post["id"])
        return None

    def _upload(self, data: bytes) -> str:
        """The image's URN, after uploading it where the Images API says."""
        upload = self.api.json("POST", "rest/images", params={"action": "initializeUpload"},
                               json={"initializeUploadRequest": {"owner": self.author}})["value"]
        self.api.request("PUT", upload["uploadUrl"], content=data)
        return upload["image"]

    @staticmethod
    def _post(urn: str) -> RemotePost:
        return RemotePost(id=urn, url=f"https://www.linkedin.com/feed/update/{urn}/")

    @staticmethod
    def _comment(post_urn: str, comment_urn: str) -> RemotePost:
        """Comments all go under the entry's post, which stays the thread's id."""
        return RemotePost(id=post_urn, url=f"https://www.linkedin.com/feed/update/{post_urn}/", uri=comment_urn)
