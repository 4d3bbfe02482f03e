"""The outbox: a folder standing in for social accounts, one JSON file per message.

It is the default platform, so ``make publish`` works with no accounts, and a council can read
exactly what would have been posted (text, entry, reply-to) before switching real accounts on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from publish.compose import MASTODON, Message
from publish.platforms.base import Context, Platform, RemotePost
from publish.targets.local import atomic_write


class Outbox(Platform):
    name = "outbox"
    #: Messages are written as Mastodon would take them: the most common account a council runs.
    rules = MASTODON

    def __init__(self, context: Context) -> None:
        self.folder = context.project / str(context.settings["OUTBOX_PATH"])

    def _path(self, message: Message) -> Path:
        """One file per event, named so that a listing reads in posting order."""
        return self.folder / (re.sub(r"[^A-Za-z0-9._-]+", "--", message.key) + ".json")

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        path = self._path(message)
        record = {
            "platform": self.name,
            "key": message.key,
            "entry": message.entry_id,
            "reply_to": reply_to.id if reply_to else None,
            "text": message.text,
            "url": message.url,
            "image": {"url": message.image_url, "alt": message.image_alt} if message.image_url else None,
            "length": message.length,
            "limit": message.limit,
        }
        atomic_write(path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
        return RemotePost(id=path.name, url=path.as_uri())

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        path = self._path(message)
        return RemotePost(id=path.name, url=path.as_uri()) if path.is_file() else None
