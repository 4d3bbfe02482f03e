"""LinkedIn's versioned REST API, as far as an organisation page posts (learn.microsoft.com/linkedin,
Posts API, Comments API, Images API): POST/GET /rest/posts, POST/GET /rest/socialActions/{urn}/comments,
POST /rest/images?action=initializeUpload and the upload URL it gives.

It keeps the rules the real API applies: a bearer token, the ``Linkedin-Version`` and
``X-Restli-Protocol-Version: 2.0.0`` headers, the author the token may post as, commentary of at most
3000 characters in "little text" format (reserved characters escaped), the new post's URN in the
``x-restli-id`` header of an empty 201, comments only on posts that exist.
"""

from __future__ import annotations

import re
import time
from urllib.parse import unquote

from tests.servers.loopback import LoopbackServer, Request, Response

ORGANIZATION = "urn:li:organization:5515715"
RESERVED = set("\\|{}@[]()<>#*_~")
HASHTAG_TEMPLATE = re.compile(r"\{hashtag\|\\#\|([^}]*)\}")


def shown(commentary: str) -> str | None:
    """What LinkedIn shows for little text, or None when a reserved character is not escaped."""
    out, escaped = [], False
    for char in HASHTAG_TEMPLATE.sub(lambda m: "\\#" + m.group(1), commentary):
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in RESERVED:
            return None
        else:
            out.append(char)
    return "".join(out)


def refused(status: int, message: str, code: str = "") -> Response:
    return Response(status, {"status": status, "message": message} | ({"code": code} if code else {}))


class LinkedInServer(LoopbackServer):
    def __init__(self, token: str, version: str = "202510") -> None:
        super().__init__()
        self.token = token
        self.version = version
        #: Posts, oldest first, as GET /rest/posts returns them, with "shown": the text readers see.
        self.posts: list[dict] = []
        self.comments: dict[str, list[dict]] = {}
        self.images: dict[str, bytes | None] = {}

    def respond(self, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return refused(401, "Invalid access token", "REVOKED_ACCESS_TOKEN")
        if request.path.startswith("/upload/") and request.method == "PUT":
            urn = f"urn:li:image:{request.path.rsplit('/', 1)[-1]}"
            if urn not in self.images:
                return refused(404, "Not found")
            self.images[urn] = request.body
            return Response(201, b"")
        if request.headers.get("linkedin-version") != self.version:
            return refused(426, f"Requested version {request.headers.get('linkedin-version')} is not active",
                           "NONEXISTENT_VERSION")
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return refused(400, "Restli protocol version 2.0.0 is required")
        if request.path == "/rest/images" and request.query.get("action") == ["initializeUpload"]:
            urn = f"urn:li:image:D4E{len(self.images) + 1}"
            self.images[urn] = None
            return Response(200, {"value": {"uploadUrlExpiresAt": int(time.time() * 1000) + 3600_000,
                                            "uploadUrl": f"{self.url}/upload/{urn.rsplit(':', 1)[-1]}", "image": urn}})
        if request.path == "/rest/posts" and request.method == "POST":
            return self._create(request.json())
        if request.path == "/rest/posts" and request.method == "GET":
            if request.query.get("q") != ["author"] or request.query.get("author") != [ORGANIZATION]:
                return refused(403, "Not enough permissions to access: posts.FINDER-author")
            count = int(request.query.get("count", ["10"])[0])
            return Response(200, {"elements": list(reversed(self.posts))[:count],
                                  "paging": {"start": 0, "count": count, "links": []}})
        match = re.fullmatch(r"/rest/socialActions/([^/]+)/comments", request.path)
        if match:
            return self._comments(request, unquote(match.group(1)))
        return refused(404, f"No resource found for {request.method} {request.path}")

    def _create(self, body: dict) -> Response:
        if body.get("author") != ORGANIZATION:
            return refused(403, "Unpermitted fields present in REQUEST_BODY: Data Processing Exception while "
                                "processing fields [/author]")
        text = shown(body.get("commentary", ""))
        if text is None:
            return refused(422, "commentary: little text reserved characters must be escaped")
        if len(text.encode("utf-16-le")) // 2 > 3000:
            return refused(422, "commentary: length must be at most 3000")
        thumbnail = body.get("content", {}).get("article", {}).get("thumbnail")
        if thumbnail and self.images.get(thumbnail) is None:
            return refused(422, f"thumbnail {thumbnail} was not uploaded")
        urn = f"urn:li:share:{7260000000000000000 + len(self.posts) + 1}"
        self.posts.append({**body, "id": urn, "shown": text, "createdAt": int(time.time() * 1000)})
        return Response(201, b"", {"x-restli-id": urn})

    def _comments(self, request: Request, post: str) -> Response:
        if not any(p["id"] == post for p in self.posts):
            return refused(404, f"Post {post} not found")
        comments = self.comments.setdefault(post, [])
        if request.method == "GET":
            return Response(200, {"elements": comments, "paging": {"start": 0, "count": 10, "links": []}})
        body = request.json()
        if body.get("actor") != ORGANIZATION or body.get("object") != post:
            return refused(400, "actor and object must be the organization and the post")
        comment_id = str(7260100000000000000 + sum(len(c) for c in self.comments.values()) + 1)
        comment = {"actor": body["actor"], "object": post, "message": body["message"], "id": comment_id,
                   "commentUrn": f"urn:li:comment:({post},{comment_id})",
                   "created": {"actor": body["actor"], "time": int(time.time() * 1000)}}
        comments.append(comment)
        return Response(201, comment, {"x-restli-id": comment["commentUrn"]})
