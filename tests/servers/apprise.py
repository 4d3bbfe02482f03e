"""A notification endpoint as apprise's JSON service (``json://host:port``) posts to it: one JSON body
per message, ``{version, title, message, type, attachments: [{filename, base64, mimetype}]}``.

Any apprise URL scheme would do for the long tail; this one needs no account and shows everything
apprise sent.
"""

from __future__ import annotations

from tests.servers.loopback import LoopbackServer, Request, Response


class AppriseServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[dict] = []

    @property
    def apprise_url(self) -> str:
        return self.url.replace("http://", "json://", 1)

    def respond(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(405, {"error": "POST only"})
        self.messages.append(request.json())
        return Response(200, {"ok": True})
