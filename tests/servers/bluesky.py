"""A Bluesky PDS, as far as the atproto SDK uses it to post: the documented XRPC procedures
(docs.bsky.app): com.atproto.server.createSession, com.atproto.repo.uploadBlob, createRecord, getRecord.

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
        """The post records, in the order they were created."""
        return [r["value"] for r in self.records.values()]
