"""A Telegram channel, through the Bot API over httpx: ``sendMessage``, or ``sendPhoto`` for an entry
with an image, in HTML parse mode with the text escaped; follow-ups reply to the entry's message
(``reply_parameters``).

At most once: a bot cannot read its channel's history, so a message whose answer was lost cannot
be looked up. It is reported ``unknown`` and not sent again by itself (docs/crossposting.md).
Calls go to ``{api}/bot{token}/{method}``: the token is in every URL, and removed from every error.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from publish.compose import TELEGRAM, Message
from publish.platforms.base import Context, Platform, RemotePost
from publish.platforms.httpapi import HttpApi, json_body

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://api.telegram.org"


def _describe(response: httpx.Response) -> str:
    return str(json_body(response).get("description") or response.text[:300])


class TelegramPlatform(Platform):
    name = "telegram"
    rules = TELEGRAM
    required_env = ("NOTICEBOARD_TELEGRAM_BOT_TOKEN", "NOTICEBOARD_TELEGRAM_CHAT_ID")
    searchable = False

    def __init__(self, context: Context) -> None:
        self.context = context
        self.chat = context.env["NOTICEBOARD_TELEGRAM_CHAT_ID"]
        base = context.env.get("NOTICEBOARD_TELEGRAM_API_URL") or DEFAULT_API_URL
        self.api = HttpApi(self.name, f"{base.rstrip('/')}/bot{context.env['NOTICEBOARD_TELEGRAM_BOT_TOKEN']}",
                           context, describe=_describe)

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        fields: dict[str, Any] = {"chat_id": self.chat, "parse_mode": "HTML"}
        if reply_to:
            fields["reply_parameters"] = {"message_id": int(reply_to.id), "allow_sending_without_reply": True}
        image = self.context.local_file(message.image_url) if message.image_url else None
        if image:
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}
            sent = self.api.json("POST", "sendPhoto", data={**form, "caption": html.escape(message.text, quote=False)},
                                 files={"photo": (image.name, image.read_bytes())})
        else:
            sent = self.api.json("POST", "sendMessage", json={
                **fields, "text": html.escape(message.text, quote=False),
                "link_preview_options": {"url": message.url, "prefer_large_media": True}})
        return self._remote(sent["result"])

    @staticmethod
    def _remote(sent: dict[str, Any]) -> RemotePost:
        """The message's public link: t.me/<channel>/<id>, or t.me/c/<id>/<id> for a private channel."""
        chat, message_id = sent["chat"], sent["message_id"]
        if chat.get("username"):
            url = f"https://t.me/{chat['username']}/{message_id}"
        else:
            url = f"https://t.me/c/{str(chat['id']).removeprefix('-100')}/{message_id}"
        return RemotePost(id=str(message_id), url=url)
