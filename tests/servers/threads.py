"""Threads, as far as the Threads API is used to post (developers.facebook.com/docs/threads):
POST /{user-id}/threads (a media container), POST /{user-id}/threads_publish, GET /{media-id},
GET /{user-id}/threads, GET /{media-id}/replies, under /v1.0.

It keeps the rules the real API applies: an access token, 500 characters with an emoji counted as
its UTF-8 bytes, a container published once, replies only to posts that exist.
"""

from __future__ import annotations

import regex

from tests.servers.loopback import LoopbackServer, Request, Response

USER_ID = "17841400000000001"
VERSION = "v1.0"


def threads_length(text: str) -> int:
    return sum(len(g.encode()) if regex.search(r"\p{Extended_Pictographic}", g) else len(g)
               for g in regex.findall(r"\X", text))


def refused(message: str, code: int = 100, status: int = 400) -> Response:
    return Response(status, {"error": {"message": message, "type": "THApiException", "code": code,
                                       "fbtrace_id": "AbC123"}})


class ThreadsServer(LoopbackServer):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.containers: dict[str, dict] = {}
        #: Published posts, oldest first.
        self.posts: list[dict] = []

    @property
    def api_url(self) -> str:
        return f"{self.url}/{VERSION}"

    def respond(self, request: Request) -> Response:
        params = {k: v[0] for k, v in {**request.query, **(request.form() if request.method == "POST" else {})}.items()}
        token = request.headers.get("authorization", "").removeprefix("Bearer ") or params.get("access_token")
        if token != self.token:
            return refused("Invalid OAuth access token - Cannot parse access token", 190)
        parts = request.path.removeprefix(f"/{VERSION}/").split("/")
        if parts == [USER_ID, "threads"] and request.method == "POST":
            return self._container(params)
        if parts == [USER_ID, "threads_publish"] and request.method == "POST":
            container = self.containers.get(params.get("creation_id", ""))
            if container is None or container.get("published"):
                return refused("The media container was not found or has already been published", 24)
            container["published"] = True
            post = {"id": str(18000000000000000 + len(self.posts) + 1), "text": container.get("text", ""),
                    "media_type": container["media_type"], "reply_to_id": container.get("reply_to_id"),
                    "image_url": container.get("image_url"), "alt_text": container.get("alt_text"),
                    "link_attachment_url": container.get("link_attachment")}
            post["permalink"] = f"https://www.threads.net/@riverfordcouncil/post/C{post['id'][-6:]}"
            self.posts.append(post)
            return Response(200, {"id": post["id"]})
        wanted = params.get("fields", "id").split(",")
        if parts == [USER_ID, "threads"]:
            mine = [self._fields(p, wanted) for p in reversed(self.posts) if not p["reply_to_id"]]
            return Response(200, {"data": mine[:int(params.get("limit", 25))], "paging": {"cursors": {}}})
        post = next((p for p in self.posts if p["id"] == parts[0]), None)
        if post is None:
            return refused(f"Object with ID '{parts[0]}' does not exist", 100)
        if parts[1:] == ["replies"]:
            return Response(200, {"data": [self._fields(p, wanted) for p in self.posts if p["reply_to_id"] == post["id"]]})
        return Response(200, self._fields(post, wanted))

    def _container(self, params: dict) -> Response:
        if params.get("media_type") not in ("TEXT", "IMAGE"):
            return refused("Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}")
        if params["media_type"] == "IMAGE" and not params.get("image_url"):
            return refused("Param image_url is required for media_type IMAGE")
        if threads_length(params.get("text", "")) > 500:
            return refused("Param text must be at most 500 characters long.")
        parent = params.get("reply_to_id")
        if parent and not any(p["id"] == parent for p in self.posts):
            return refused(f"Object with ID '{parent}' does not exist")
        container_id = str(17900000000000000 + len(self.containers) + 1)
        self.containers[container_id] = dict(params)
        return Response(200, {"id": container_id})

    @staticmethod
    def _fields(post: dict, wanted: list[str]) -> dict:
        return {k: v for k, v in post.items() if k in wanted or k == "id"}
