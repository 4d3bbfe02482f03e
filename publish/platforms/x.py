"""X (Twitter), through the v2 API over httpx with OAuth 1.0a user context signed by oauthlib.

tweepy would do, but it always calls api.twitter.com and sets no timeout; a council's proxy and
our tests need NOTICEBOARD_X_API_URL. A post is ``POST /2/tweets`` (``reply.in_reply_to_tweet_id``
for follow-ups, ``media.media_ids`` for the entry image, uploaded with ``POST /2/media/upload``
and described with ``POST /2/media/metadata``). ``find`` reads the account's recent posts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from publish.compose import URL, Message, X
from publish.extras import load
from publish.platforms.base import Context, Platform, RemotePost
from publish.platforms.httpapi import HttpApi, json_body

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://api.x.com"
#: How far back ``find`` looks: more than one publish run ever posts.
RECENT_POSTS = 50


def oauth1(signer: Any) -> Callable[[httpx.Request], httpx.Request]:
    """httpx auth that signs each request with ``signer`` (an oauthlib.oauth1.Client): URL and query;
    a JSON or multipart body is not part of the signature."""

    def sign(request: httpx.Request) -> httpx.Request:
        _, headers, _ = signer.sign(str(request.url), request.method)
        request.headers["Authorization"] = headers["Authorization"]
        return request

    return sign


def comparable(text: str) -> str:
    """X shortens every link to t.co: compare texts without links or whitespace."""
    return "".join(URL.sub("", text).split())


def _problem(response: httpx.Response) -> str:
    """X's problem details: ``{"title", "detail"}`` (or v1-style ``errors``)."""
    body = json_body(response)
    if "detail" in body:
        return str(body["detail"])
    return "; ".join(str(e.get("message", e)) for e in body.get("errors", [])) or response.text[:300]


class XPlatform(Platform):
    name = "x"
    rules = X
    required_env = ("NOTICEBOARD_X_API_KEY", "NOTICEBOARD_X_API_SECRET", "NOTICEBOARD_X_ACCESS_TOKEN",
                    "NOTICEBOARD_X_ACCESS_SECRET")

    def __init__(self, context: Context) -> None:
        self.context = context
        env = context.env
        signer = load("oauthlib.oauth1", "x").Client(env["NOTICEBOARD_X_API_KEY"], client_secret=env["NOTICEBOARD_X_API_SECRET"],
                              resource_owner_key=env["NOTICEBOARD_X_ACCESS_TOKEN"],
                              resource_owner_secret=env["NOTICEBOARD_X_ACCESS_SECRET"])
        self.api = HttpApi(self.name, env.get("NOTICEBOARD_X_API_URL") or DEFAULT_API_URL, context,
                           auth=oauth1(signer), describe=_problem)
        self._user: dict[str, Any] | None = None

    def _me(self) -> dict[str, Any]:
        if self._user is None:
            self._user = self.api.json("GET", "2/users/me")["data"]
        return self._user

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        body: dict[str, Any] = {"text": message.text}
        if reply_to:
            body["reply"] = {"in_reply_to_tweet_id": reply_to.id}
        image = self.context.local_file(message.image_url) if message.image_url else None
        if image:
            body["media"] = {"media_ids": [self._upload(image.read_bytes(), message.image_alt)]}
        created = self.api.json("POST", "2/tweets", json=body)["data"]
        return self._remote(created["id"])

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        me = self._me()
        answer = self.api.json("GET", f"2/users/{me['id']}/tweets",
                               params={"max_results": RECENT_POSTS, "tweet.fields": "referenced_tweets"})
        wanted = comparable(message.text)
        for tweet in answer.get("data", []):
            parent = next((r["id"] for r in tweet.get("referenced_tweets", []) if r["type"] == "replied_to"), None)
            if parent == (reply_to.id if reply_to else None) and comparable(tweet["text"]) == wanted:
                return self._remote(tweet["id"])
        return None

    def _upload(self, data: bytes, alt: str | None) -> str:
        uploaded = self.api.json("POST", "2/media/upload", files={"media": data},
                                 data={"media_category": "tweet_image"})["data"]
        if alt:
            self.api.request("POST", "2/media/metadata",
                             json={"id": uploaded["id"], "metadata": {"alt_text": {"text": alt[:1000]}}})
        return uploaded["id"]

    def _remote(self, tweet_id: str) -> RemotePost:
        return RemotePost(id=tweet_id, url=f"https://x.com/{self._me()['username']}/status/{tweet_id}")
