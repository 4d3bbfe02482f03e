"""The Telegram Bot API, as far as a channel bot posts (core.telegram.org/bots/api): sendMessage and
sendPhoto at ``/bot<token>/<method>``, JSON or multipart, in HTML parse mode, with reply_parameters.

It keeps the rules the real API applies: the token in the path, a known chat, HTML that parses
(only Telegram's tags; a bare ``<`` or ``&`` is refused), 4096 UTF-16 units of text after parsing
(1024 for a caption), and replies to messages that exist.
"""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser

from tests.servers.loopback import LoopbackServer, Request, Response
from tests.servers.mastodon import multipart

CHAT = {"id": -1001234567890, "title": "Riverford Council", "username": "riverfordcouncil", "type": "channel"}
TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote",
        "span", "tg-emoji"}
ENTITIES = {"amp", "lt", "gt", "quot"}


class TextOf(HTMLParser):
    """The plain text of Telegram HTML: what a reader sees, and what the limits count."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def plain(markup: str) -> tuple[str, str | None]:
    """The text a reader sees, or why Telegram refuses the markup (a bare < or &, an unknown tag)."""
    for match in re.finditer(r"<(/?)([^\s>/]*)", markup):
        if match.group(2) not in TAGS:
            return "", f"Unsupported start tag \"{match.group(2)}\" at byte offset {match.start()}"
    for match in re.finditer(r"&(#?\w*)(;?)", markup):
        if match.group(1) not in ENTITIES or not match.group(2):
            return "", f"Can't find end of the entity starting at byte offset {match.start()}"
    parser = TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.text), None


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def refused(status: int, description: str, **parameters: int) -> Response:
    body = {"ok": False, "error_code": status, "description": description}
    return Response(status, body | ({"parameters": parameters} if parameters else {}))


class TelegramServer(LoopbackServer):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        #: Messages in the channel, oldest first, with their text as a reader sees it.
        self.messages: list[dict] = []

    def respond(self, request: Request) -> Response:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            return refused(401, "Unauthorized")
        method = request.path.removeprefix(prefix)
        if request.headers.get("content-type", "").startswith("multipart/"):
            fields = {k: (v.decode(), name) if name is None else (v, name) for k, (v, name) in multipart(request).items()}
            params = {k: json.loads(v) if k == "reply_parameters" else v for k, (v, _) in fields.items()}
        else:
            params = request.json()
        if str(params.get("chat_id")) not in (str(CHAT["id"]), f"@{CHAT['username']}"):
            return refused(400, "Bad Request: chat not found")
        if method == "sendMessage":
            return self._send(params, params.get("text", ""), "text", 4096)
        if method == "sendPhoto":
            if not isinstance(params.get("photo"), bytes):
                return refused(400, "Bad Request: there is no photo in the request")
            return self._send(params, params.get("caption", ""), "caption", 1024)
        return refused(404, "Not Found")

    def _send(self, params: dict, markup: str, field: str, limit: int) -> Response:
        text, problem = plain(markup) if params.get("parse_mode") == "HTML" else (markup, None)
        if problem:
            return refused(400, f"Bad Request: can't parse entities: {problem}")
        if not text.strip():
            return refused(400, f"Bad Request: message {field} is empty")
        if utf16(text) > limit:
            return refused(400, "Bad Request: message is too long" if field == "text"
                           else "Bad Request: message caption is too long")
        reply = params.get("reply_parameters")
        if reply and not any(m["message_id"] == reply["message_id"] for m in self.messages):
            if not reply.get("allow_sending_without_reply"):
                return refused(400, "Bad Request: message to be replied not found")
            reply = None
        message = {"message_id": len(self.messages) + 2, "sender_chat": CHAT, "chat": CHAT, "date": int(time.time()),
                   field: text}
        if reply:
            message["reply_to_message"] = {"message_id": reply["message_id"], "chat": CHAT}
        if field == "caption":
            message["photo"] = [{"file_id": f"photo-{len(self.messages)}", "file_unique_id": "u", "width": 1280,
                                 "height": 720, "file_size": len(params["photo"])}]
        if "link_preview_options" in params:
            message["link_preview_options"] = params["link_preview_options"]
        self.messages.append(message)
        return Response(200, {"ok": True, "result": message})
