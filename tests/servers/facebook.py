"""A Facebook Page, as far as the Graph API is used to post (developers.facebook.com/docs/graph-api):
POST /{page-id}/feed, POST /{page-id}/photos, POST /{post-id}/comments, GET /{page-id}/published_posts,
GET /{post-id}/comments, under a versioned address (/v24.0).

It keeps the rules the real API applies: a page access token (as ``Authorization`` or the
``access_token`` parameter), Graph's error shape, comments only on posts that exist.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.servers.loopback import LoopbackServer, Request, Response

PAGE_ID = "104000000000001"
VERSION = "v24.0"


def graph_error(status: int, message: str, kind: str, code: int) -> Response:
    return Response(status, {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf123"}})


class FacebookServer(LoopbackServer):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        #: Page posts, oldest first: {id, message, link, created_time, photo?}.
        self.posts: list[dict] = []
        self.comments: dict[str, list[dict]] = {}

    @property
    def graph_url(self) -> str:
        return f"{self.url}/{VERSION}"

    def respond(self, request: Request) -> Response:
        params = {k: v[0] for k, v in {**request.query, **(request.form() if request.method == "POST" else {})}.items()}
        token = request.headers.get("authorization", "").removeprefix("Bearer ") or params.get("access_token")
        if token != self.token:
            return graph_error(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190)
        parts = request.path.removeprefix(f"/{VERSION}/").split("/")
        if len(parts) != 2:
            return graph_error(400, f"Unknown path components: {request.path}", "OAuthException", 2500)
        node, edge = parts
        if node == PAGE_ID and edge == "feed" and request.method == "POST":
            return self._publish({"message": params.get("message", ""), "link": params.get("link")})
        if node == PAGE_ID and edge == "photos" and request.method == "POST":
            if not params.get("url"):
                return graph_error(400, "(#324) Requires upload file", "OAuthException", 324)
            photo = {"url": params["url"], "alt_text_custom": params.get("alt_text_custom")}
            created = self._publish({"message": params.get("caption", ""), "photo": photo})
            return Response(200, {"id": f"9{len(self.posts)}", "post_id": created.body["id"]})
        if node == PAGE_ID and edge in ("published_posts", "feed") and request.method == "GET":
            limit = int(params.get("limit", 25))
            return Response(200, {"data": [self._fields(p, params) for p in reversed(self.posts)][:limit],
                                  "paging": {"cursors": {"before": "b", "after": "a"}}})
        post = next((p for p in self.posts if p["id"] == node), None)
        if edge == "comments" and post is None:
            return graph_error(400, f"Unsupported post request. Object with ID '{node}' does not exist",
                               "GraphMethodException", 100)
        if edge == "comments" and request.method == "POST":
            comments = self.comments.setdefault(node, [])
            comment = {"id": f"{node.split('_')[1]}_{len(comments) + 1}", "message": params.get("message", ""),
                       "created_time": datetime.now(UTC).isoformat()}
            comments.append(comment)
            return Response(200, {"id": comment["id"]})
        if edge == "comments":
            return Response(200, {"data": [self._fields(c, params) for c in self.comments.get(node, [])]})
        return graph_error(400, f"Unsupported {request.method} request", "GraphMethodException", 100)

    def _publish(self, post: dict) -> Response:
        post_id = f"{PAGE_ID}_{122000000000000 + len(self.posts) + 1}"
        self.posts.append({"id": post_id, "created_time": datetime.now(UTC).isoformat(), **post})
        return Response(200, {"id": post_id})

    @staticmethod
    def _fields(item: dict, params: dict) -> dict:
        wanted = params.get("fields", "id").split(",")
        return {k: v for k, v in item.items() if k in wanted or k == "id"}
