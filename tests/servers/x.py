"""X (Twitter), as far as the v2 API is used to post (docs.x.com/x-api): GET /2/users/me,
POST /2/tweets, GET /2/users/:id/tweets, POST /2/media/upload, POST /2/media/metadata.

It keeps the rules the real API applies: every request signed with OAuth 1.0a (HMAC-SHA1, checked
against the consumer and access-token secrets), 280 weighted characters, no duplicate text, replies
only to posts that exist, media that was uploaded, and every link shortened to t.co in the stored text.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import signature
from twitter_text import parse_tweet

from tests.servers.loopback import LoopbackServer, Request, Response
from tests.servers.mastodon import multipart

USER = {"id": "1460000000000000001", "name": "Riverford Council", "username": "riverfordcouncil"}
URL = re.compile(r"https?://\S+")


def problem(status: int, title: str, detail: str) -> Response:
    return Response(status, {"title": title, "detail": detail, "type": "about:blank", "status": status})


class XServer(LoopbackServer):
    def __init__(self, consumer_key: str, consumer_secret: str, access_token: str, access_secret: str) -> None:
        super().__init__()
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.access_token, self.access_secret = access_token, access_secret
        self.tweets: list[dict] = []
        #: The text each post was sent with (the stored text has its links shortened), by id.
        self.texts: dict[str, str] = {}
        self.media: dict[str, dict] = {}
        #: Seconds the next POST /2/tweets is refused for, with the window's reset in x-rate-limit-reset.
        self.window: float = 0.0
        #: The Unix time the refused window reset at.
        self.reset_at: float | None = None
        #: Seconds until the window resets, announced with the next post accepted.
        self.last_in_window: float = 0.0

    def use_up_window_at_next_post(self, seconds: float) -> None:
        """Accept the next post, saying the window has no request left until ``seconds`` from now."""
        self.last_in_window = seconds

    def limit_next_post(self, seconds: float) -> None:
        """Answer the next post 429, as X does when the 15-minute window is used up, resetting in ``seconds``."""
        self.window = seconds

    def respond(self, request: Request) -> Response:
        if not self._signed(request):
            return Response(401, {"title": "Unauthorized", "type": "about:blank", "status": 401,
                                  "detail": "Unauthorized"})
        if request.path == "/2/users/me":
            return Response(200, {"data": USER})
        if request.path == "/2/tweets" and request.method == "POST" and self.window:
            self.reset_at, self.window = time.time() + self.window, 0.0
            return Response(429, {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank",
                                  "status": 429}, {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                                                   "x-rate-limit-reset": str(int(self.reset_at) + 1)})
        if request.path == "/2/tweets" and request.method == "POST":
            response = self._create(request.json())
            if self.last_in_window and response.status == 201:
                reset, self.last_in_window = int(time.time() + self.last_in_window) + 1, 0.0
                response.headers = {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                                    "x-rate-limit-reset": str(reset)}
            return response
        if request.path == f"/2/users/{USER['id']}/tweets":
            limit = int(request.query.get("max_results", ["10"])[0])
            fields = request.query.get("tweet.fields", [""])[0].split(",")
            data = [{k: v for k, v in t.items() if k in ("id", "text", "edit_history_tweet_ids") or k in fields}
                    for t in reversed(self.tweets)][:limit]
            meta = {"result_count": len(data)} | ({"newest_id": data[0]["id"], "oldest_id": data[-1]["id"]} if data else {})
            return Response(200, {"data": data, "meta": meta} if data else {"meta": meta})
        if request.path == "/2/media/upload" and request.method == "POST":
            fields = multipart(request)
            media_id = str(1880000000000000000 + len(self.media) + 1)
            self.media[media_id] = {"size": len(fields["media"][0]), "category": fields["media_category"][0].decode(),
                                    "alt_text": None}
            return Response(200, {"data": {"id": media_id, "media_key": f"3_{media_id}", "size": self.media[media_id]["size"],
                                           "expires_after_secs": 86400}})
        if request.path == "/2/media/metadata" and request.method == "POST":
            body = request.json()
            if body["id"] not in self.media:
                return problem(400, "Invalid Request", "media id not found")
            self.media[body["id"]]["alt_text"] = body["metadata"]["alt_text"]["text"]
            return Response(200, {"data": {"id": body["id"], "associated_metadata": True}})
        return problem(404, "Not Found Error", f"no route {request.method} {request.path}")

    def _create(self, body: dict) -> Response:
        text = body.get("text", "")
        if parse_tweet(text).weightedLength > 280:
            return problem(400, "Invalid Request", "One or more parameters to your request was invalid.")
        stored = URL.sub(lambda m: "https://t.co/" + format(abs(hash(m.group())) % 10**10, "010d"), text)
        if any(t["text"] == stored for t in self.tweets):
            return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
        tweet_id = str(1870000000000000000 + len(self.tweets) + 1)
        tweet = {"id": tweet_id, "text": stored, "edit_history_tweet_ids": [tweet_id]}
        parent = body.get("reply", {}).get("in_reply_to_tweet_id")
        if parent is not None:
            if not any(t["id"] == parent for t in self.tweets):
                return problem(400, "Invalid Request", "The Tweet you are replying to does not exist.")
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": parent}]
        media_ids = body.get("media", {}).get("media_ids", [])
        if any(m not in self.media for m in media_ids):
            return problem(400, "Invalid Request", "Your media IDs are invalid.")
        tweet["attachments"] = {"media_keys": [f"3_{m}" for m in media_ids]} if media_ids else None
        self.tweets.append(tweet)
        self.texts[tweet_id] = text
        return Response(201, {"data": {"id": tweet_id, "text": stored, "edit_history_tweet_ids": [tweet_id]}})

    def _signed(self, request: Request) -> bool:
        """The OAuth 1.0a signature (RFC 5849, HMAC-SHA1) is right for these credentials and this request."""
        header = request.headers.get("authorization", "")
        if not header.startswith("OAuth "):
            return False
        oauth = dict(signature.collect_parameters(headers={"Authorization": header}, exclude_oauth_signature=False))
        if oauth.get("oauth_consumer_key") != self.consumer_key or oauth.get("oauth_token") != self.access_token:
            return False
        params = signature.collect_parameters(uri_query=urlencode(request.query, doseq=True),
                                              headers={"Authorization": header}, exclude_oauth_signature=True)
        base = signature.signature_base_string(request.method, signature.base_string_uri(self.url + request.path),
                                               signature.normalize_parameters(params))
        expected = signature.sign_hmac_sha1_with_client(base, Client(self.consumer_key, client_secret=self.consumer_secret,
                                                                 resource_owner_secret=self.access_secret))
        return oauth.get("oauth_signature") == expected

    def posts(self) -> list[dict]:
        return list(self.tweets)
