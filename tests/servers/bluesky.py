"""A Bluesky PDS, as far as the atproto SDK uses it to post: the documented XRPC procedures
(docs.bsky.app): com.atproto.server.createSession, com.atproto.repo.uploadBlob, createRecord, getRecord;
and, to read replies, the App View queries it proxies: app.bsky.feed.getPostThread, getPosts and
app.bsky.notification.listNotifications.

Citizens' posts are added with ``reply_from``; each is a reply (or mention) notification as well.

It keeps the rules a real PDS applies: an access token, record keys unique per collection, posts of
at most 300 graphemes, and replies whose parent and root exist.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time

import regex

from tests.servers.loopback import LoopbackServer, Request, Response

DID = "did:plc:riverfordtest0000000000"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(kind: str) -> str:
    """A JWT the SDK can read the expiry of (it is not checked for a signature)."""
    header = _b64(json.dumps({"typ": f"at+jwt-{kind}", "alg": "ES256K"}).encode())
    now = int(time.time())
    payload = _b64(json.dumps({"scope": "com.atproto.appPass", "sub": DID, "iat": now, "exp": now + 7200}).encode())
    return f"{header}.{payload}.{_b64(hashlib.sha256(kind.encode()).digest())}"


def cid(data: bytes, codec: int) -> str:
    """A CIDv1 (sha2-256) in base32, as the PDS gives: codec 0x55 for blobs, 0x71 for records."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


class BlueskyServer(LoopbackServer):
    def __init__(self, handle: str = "riverford.test", password: str = "bluesky-app-password") -> None:
        super().__init__()
        self.handle = handle
        self.password = password
        self.access = token("access")
        self.records: dict[str, dict] = {}
        self.blobs: dict[str, bytes] = {}
        #: Who wrote each record that is not the council's: uri -> profile.
        self.authors: dict[str, dict] = {}
        self.notifications: list[dict] = []

    def respond(self, request: Request) -> Response:
        method = request.path.removeprefix("/xrpc/")
        if method == "com.atproto.server.createSession":
            body = request.json()
            if body.get("identifier") != self.handle or body.get("password") != self.password:
                return Response(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
            return Response(200, {"accessJwt": self.access, "refreshJwt": token("refresh"), "handle": self.handle,
                                  "did": DID, "active": True})
        if request.headers.get("authorization") != f"Bearer {self.access}":
            return Response(401, {"error": "AuthenticationRequired", "message": "Authentication Required"})
        if method == "com.atproto.repo.uploadBlob":
            ref = cid(request.body, 0x55)
            self.blobs[ref] = request.body
            return Response(200, {"blob": {"$type": "blob", "ref": {"$link": ref},
                                           "mimeType": request.headers.get("content-type", "*/*"),
                                           "size": len(request.body)}})
        if method == "com.atproto.repo.createRecord":
            return self._create(request.json())
        if method == "com.atproto.repo.getRecord":
            uri = f"at://{request.query['repo'][0]}/{request.query['collection'][0]}/{request.query['rkey'][0]}"
            if uri not in self.records:
                return Response(400, {"error": "RecordNotFound", "message": f"Could not locate record: {uri}"})
            return Response(200, self.records[uri])
        if method == "app.bsky.feed.getPostThread":
            uri = request.query["uri"][0]
            if uri not in self.records:
                return Response(400, {"error": "NotFound", "message": f"Post not found: {uri}"})
            return Response(200, {"thread": self._thread(uri, int(request.query.get("depth", ["6"])[0]))})
        if method == "app.bsky.feed.getPosts":
            return Response(200, {"posts": [self._view(uri) for uri in request.query.get("uris", []) if uri in self.records]})
        if method == "app.bsky.notification.listNotifications":
            reasons = request.query.get("reasons")
            found = [n for n in reversed(self.notifications) if not reasons or n["reason"] in reasons]
            return Response(200, {"notifications": found[:int(request.query.get("limit", ["50"])[0])]})
        return Response(501, {"error": "MethodNotImplemented", "message": f"{method} is not implemented"})

    def _create(self, body: dict) -> Response:
        if body["repo"] not in (DID, self.handle):
            return Response(400, {"error": "InvalidRequest", "message": "Invalid repo"})
        record = body["record"]
        uri = f"at://{DID}/{body['collection']}/{body['rkey']}"
        if uri in self.records:
            return Response(400, {"error": "InvalidRequest", "message": f"Record already exists: {uri}"})
        if len(regex.findall(r"\X", record.get("text", ""))) > 300:
            return Response(400, {"error": "InvalidRequest",
                                  "message": "Invalid app.bsky.feed.post record: Record/text must not be longer "
                                             "than 300 graphemes"})
        reply = record.get("reply")
        if reply and any(ref["uri"] not in self.records for ref in (reply["root"], reply["parent"])):
            return Response(400, {"error": "InvalidRequest", "message": "reply parent or root does not exist"})
        record_cid = cid(json.dumps(record, sort_keys=True).encode(), 0x71)
        self.records[uri] = {"uri": uri, "cid": record_cid, "value": record}
        return Response(200, {"uri": uri, "cid": record_cid, "validationStatus": "valid"})

    def posts(self) -> list[dict]:
        """The council's post records, in the order they were created."""
        return [r["value"] for uri, r in self.records.items() if uri not in self.authors]

    @property
    def profile(self) -> dict:
        return {"did": DID, "handle": self.handle, "displayName": "Riverford", "labels": []}

    def reply_from(self, handle: str, parent_uri: str | None, text: str, created_at: str) -> str:
        """A citizen's post replying to ``parent_uri`` (or, when None, mentioning the council); its uri."""
        did = f"did:plc:{hashlib.sha256(handle.encode()).hexdigest()[:24]}"
        author = {"did": did, "handle": handle, "displayName": handle.split(".")[0].title(), "labels": []}
        record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": created_at, "langs": ["en"]}
        if parent_uri:
            parent = self.records[parent_uri]
            root = parent["value"].get("reply", {}).get("root") or {"uri": parent_uri, "cid": parent["cid"]}
            record["reply"] = {"root": root, "parent": {"uri": parent_uri, "cid": parent["cid"]}}
        uri = f"at://{did}/app.bsky.feed.post/3l{len(self.records):011d}"
        record_cid = cid(json.dumps(record, sort_keys=True).encode(), 0x71)
        with self.lock:
            self.records[uri] = {"uri": uri, "cid": record_cid, "value": record}
            self.authors[uri] = author
            self.notifications.append({"uri": uri, "cid": record_cid, "author": author,
                                       "reason": "reply" if parent_uri else "mention", "record": record,
                                       "isRead": False, "indexedAt": created_at, "labels": []})
        return uri

    def _view(self, uri: str) -> dict:
        """An app.bsky.feed.defs#postView."""
        record = self.records[uri]
        replies = [u for u, r in self.records.items() if r["value"].get("reply", {}).get("parent", {}).get("uri") == uri]
        return {"uri": uri, "cid": record["cid"], "author": self.authors.get(uri, self.profile),
                "record": record["value"], "indexedAt": record["value"].get("createdAt"), "replyCount": len(replies),
                "repostCount": 0, "likeCount": 0, "quoteCount": 0, "labels": []}

    def _thread(self, uri: str, depth: int) -> dict:
        """An app.bsky.feed.defs#threadViewPost with its replies, ``depth`` levels down."""
        children = [u for u, r in self.records.items() if r["value"].get("reply", {}).get("parent", {}).get("uri") == uri]
        node = {"$type": "app.bsky.feed.defs#threadViewPost", "post": self._view(uri)}
        if depth > 0:
            node["replies"] = [self._thread(child, depth - 1) for child in children]
        return node
