"""A Mastodon server, as far as Mastodon.py uses it to post and to read replies: the documented REST
endpoints (docs.joinmastodon.org/methods/): instance, verify_credentials, media (v2), statuses,
account statuses, a status, a status's context (ancestors and descendants) and notifications (``types[]``).

Citizens' replies are added with ``reply_from``; each mentions the council, so it is also a
mention notification, as on a real server.

It keeps the rules a real server applies: a bearer token, 500 characters with every URL as 23,
replies only to statuses that exist, and an Idempotency-Key that returns the first status again.
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import re
from datetime import UTC, datetime

import regex

from tests.servers.loopback import LoopbackServer, Request, Response

ACCOUNT_ID = "109000000000000001"
URL = re.compile(r"https?://\S+")


def status_length(text: str) -> int:
    """Mastodon's StatusLengthValidator: grapheme clusters, each URL as 23."""
    return len(regex.findall(r"\X", URL.sub("x" * 23, text)))


def multipart(request: Request) -> dict[str, tuple[bytes, str | None]]:
    """The fields of a multipart/form-data body: name -> (bytes, filename)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.body
    )
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        fields[name] = (part.get_payload(decode=True), part.get_filename())
    return fields


class MastodonServer(LoopbackServer):
    def __init__(self, token: str = "mastodon-test-token") -> None:
        super().__init__()
        self.token = token
        self.statuses: list[dict] = []
        self.media: dict[str, dict] = {}
        self.idempotency: dict[str, dict] = {}
        #: The plain text each status was posted with, by id.
        self.texts: dict[str, str] = {}
        #: Statuses by other accounts (citizens' replies and mentions).
        self.others: list[dict] = []
        self.notifications: list[dict] = []

    @property
    def account(self) -> dict:
        return {"id": ACCOUNT_ID, "username": "riverford", "acct": "riverford", "display_name": "Riverford",
                "url": f"{self.url}/@riverford", "created_at": "2020-01-01T00:00:00.000Z"}

    def respond(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if path in ("/api/v1/instance", "/api/v2/instance"):
            return Response(200, {"uri": "127.0.0.1", "domain": "127.0.0.1", "title": "Loopback",
                                  "version": "4.3.0", "api_versions": {"mastodon": 2}})
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return Response(401, {"error": "The access token is invalid"})
        if path == "/api/v1/accounts/verify_credentials":
            return Response(200, self.account)
        if path == "/api/v2/media" and request.method == "POST":
            return self._upload(request)
        if path.startswith("/api/v1/media/"):
            media = self.media.get(path.rsplit("/", 1)[-1])
            return Response(200, media) if media else Response(404, {"error": "Record not found"})
        if path == "/api/v1/statuses" and request.method == "POST":
            return self._post_status(request)
        if path.startswith("/api/v1/statuses/") and path.endswith("/context"):
            return self._context(path.split("/")[4])
        if path.startswith("/api/v1/statuses/") and request.method == "GET":
            found = [s for s in self.statuses + self.others if s["id"] == path.split("/")[4]]
            return Response(200, found[0]) if found else Response(404, {"error": "Record not found"})
        if path == "/api/v1/notifications":
            return self._notifications(request)
        if path == f"/api/v1/accounts/{ACCOUNT_ID}/statuses":
            limit = int(request.query.get("limit", ["20"])[0])
            return Response(200, list(reversed(self.statuses))[:limit])
        return Response(404, {"error": "Record not found"})

    def _upload(self, request: Request) -> Response:
        fields = multipart(request)
        data, filename = fields["file"]
        media_id = str(len(self.media) + 1)
        description = fields.get("description", (b"", None))[0].decode() or None
        self.media[media_id] = {"id": media_id, "type": "image", "url": f"{self.url}/media/{filename}",
                                "preview_url": f"{self.url}/media/{filename}", "description": description,
                                "size": len(data)}
        return Response(200, self.media[media_id])

    def _post_status(self, request: Request) -> Response:
        key = request.headers.get("idempotency-key")
        if key and key in self.idempotency:
            return Response(200, self.idempotency[key])
        form = request.form()
        text = form.get("status", [""])[0]
        if status_length(text) > 500:
            return Response(422, {"error": "Validation failed: Text character limit of 500 exceeded"})
        parent = form.get("in_reply_to_id", [None])[0]
        if parent is not None and not any(s["id"] == parent for s in self.statuses + self.others):
            return Response(404, {"error": "Record not found"})
        media_ids = form.get("media_ids[]", [])
        if any(m not in self.media for m in media_ids):
            return Response(422, {"error": "Validation failed: media not found"})
        status_id = self._next_id()
        content = "<p>" + "<br />".join(html.escape(line) for line in text.split("\n")) + "</p>"
        status = {
            "id": status_id, "uri": f"{self.url}/users/riverford/statuses/{status_id}",
            "url": f"{self.url}/@riverford/{status_id}", "in_reply_to_account_id": None, "created_at": datetime.now(UTC).isoformat(),
            "content": content, "in_reply_to_id": parent,
            "visibility": form.get("visibility", ["public"])[0], "language": form.get("language", [None])[0],
            "media_attachments": [self.media[m] for m in media_ids], "account": self.account,
        }
        self.statuses.append(status)
        self.texts[status_id] = text
        if key:
            self.idempotency[key] = status
        return Response(200, status)

    def _next_id(self) -> str:
        return str(110000000000000000 + len(self.statuses) + len(self.others) + 1)

    def reply_from(self, username: str, parent_id: str | None, content_html: str, created_at: datetime) -> dict:
        """A citizen's status (``content_html`` as their server rendered it) under ``parent_id``, or a
        mention of the council that is not a reply when ``parent_id`` is None."""
        status_id = self._next_id()
        account = {"id": str(200000 + len(self.others)), "username": username, "acct": f"{username}@elsewhere.example",
                   "display_name": username.title(), "url": f"https://elsewhere.example/@{username}",
                   "created_at": "2021-05-01T00:00:00.000Z"}
        status = {"id": status_id, "uri": f"https://elsewhere.example/users/{username}/statuses/{status_id}",
                  "url": f"https://elsewhere.example/@{username}/{status_id}",
                  "created_at": created_at.isoformat().replace("+00:00", "Z"), "content": content_html,
                  "in_reply_to_id": parent_id, "in_reply_to_account_id": ACCOUNT_ID if parent_id else None,
                  "visibility": "public", "language": "en", "media_attachments": [], "account": account,
                  "mentions": [{"id": ACCOUNT_ID, "username": "riverford", "acct": "riverford",
                                "url": f"{self.url}/@riverford"}]}
        with self.lock:
            self.others.append(status)
            self.notifications.append({"id": str(300000 + len(self.notifications)), "type": "mention",
                                       "created_at": status["created_at"], "account": account, "status": status})
        return status

    def _context(self, status_id: str) -> Response:
        everything = self.statuses + self.others
        if not any(s["id"] == status_id for s in everything):
            return Response(404, {"error": "Record not found"})
        descendants, parents = [], {status_id}
        for status in sorted(everything, key=lambda s: int(s["id"])):
            if status["in_reply_to_id"] in parents:
                descendants.append(status)
                parents.add(status["id"])
        return Response(200, {"ancestors": [], "descendants": descendants})

    def _notifications(self, request: Request) -> Response:
        """Newest first; ``types[]`` keeps only those types, ``limit`` caps the page (docs: max 80)."""
        types = request.query.get("types[]")
        limit = min(int(request.query.get("limit", ["40"])[0]), 80)
        found = [n for n in reversed(self.notifications) if not types or n["type"] in types]
        return Response(200, found[:limit])
